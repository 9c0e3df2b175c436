"""The background pass: the pre-aggregated counts against hand-computed values, and the early
warnings stored once and told to the cells concerned."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tests.analytics.support import engine_alert
from tests.analytics.test_selectors import stored
from tests.factories import CellFactory, OutcomeFactory
from vigie.analytics import services
from vigie.analytics.models import CommuneWeek, EmergingAlert, MonthlyCount
from vigie.crossref.models import Dossier, DossierMember
from vigie.geo.models import Departement
from vigie.notifications.models import Notification, NotificationKind
from vigie.reports.enums import Qualification, ReportSource

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 2, 9, tzinfo=PARIS)


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def test_counts_per_departement_month_source_and_per_commune_week():
    first = stored(at(2026, 10, 5, 10), qualification=Qualification.EXPLOITABLE, qualified=NOW)
    stored(at(2026, 10, 6, 22), source=ReportSource.CHAT)
    stored(at(2026, 10, 31, 23), commune="25388")  # Saturday 31 October, local time
    stored(at(2026, 11, 1, 0), commune="25388")  # Sunday 1 November: same week, next month
    stored(at(2026, 10, 7, 12), commune="39300")
    DossierMember.objects.all().delete()
    Dossier.objects.all().delete()
    dossier = Dossier.objects.create(departement_id="25", kind="point_de_vente", size=1)
    DossierMember.objects.create(dossier=dossier, report=first, departement_id="25")
    OutcomeFactory(dismantled_on=date(2026, 10, 8), dossier=dossier, occurred_on=date(2026, 10, 8))

    summary = services.refresh(now=NOW, detect=False)

    assert summary.reports == 5
    monthly = {
        (row.departement_id, row.month, row.source): (row.reports, row.qualified, row.exploitable)
        for row in MonthlyCount.objects.all()
    }
    assert monthly == {
        ("25", date(2026, 10, 1), ReportSource.WEB_FORM): (2, 1, 1),
        ("25", date(2026, 10, 1), ReportSource.CHAT): (1, 0, 0),
        ("25", date(2026, 11, 1), ReportSource.WEB_FORM): (1, 0, 0),
        ("39", date(2026, 10, 1), ReportSource.WEB_FORM): (1, 0, 0),
    }
    weekly = {
        (row.commune_id, row.week): (row.reports, row.dossiers, row.dismantled)
        for row in CommuneWeek.objects.all()
    }
    assert weekly == {
        ("25056", date(2026, 10, 5)): (2, 1, 1),  # the dossier opened with its first report
        ("25388", date(2026, 10, 26)): (2, 0, 0),
        ("39300", date(2026, 10, 5)): (1, 0, 0),
    }
    # A full rebuild: a second pass counts the same, never twice.
    services.refresh(now=NOW, detect=False)
    assert MonthlyCount.objects.count() == 4 and CommuneWeek.objects.count() == 3


def test_an_alert_is_stored_once_and_told_to_both_cells(monkeypatch):
    vaucluse = CellFactory(departement=Departement.objects.get(code="84"))
    bouches = CellFactory(departement=Departement.objects.get(code="13"))
    CellFactory()  # the Doubs: not concerned
    monkeypatch.setattr(services, "detect", lambda **kwargs: [engine_alert()])

    created = services.detect_and_store(since=date(2026, 10, 1), now=NOW)
    again = services.detect_and_store(since=date(2026, 10, 1), now=NOW)

    assert len(created) == 1 and again == []
    alert = EmergingAlert.objects.get()
    assert (alert.commune_id, alert.origin_id, alert.first_seen) == (
        "84089",
        "13055",
        date(2026, 10, 12),
    )
    told = Notification.objects.filter(kind=NotificationKind.EMERGING_AREA)
    assert sorted(n.recipient_cell_id for n in told) == sorted([vaucluse.pk, bouches.pk])
    assert {n.target_id for n in told} == {str(alert.public_id)}


def test_the_demo_raises_the_pertuis_alert_with_marseille_as_origin():
    from vigie.demo.services import create_demo

    create_demo(now=NOW)

    alert = EmergingAlert.objects.get(commune_id="84089")
    assert alert.origin_id == "13055"
    assert "Pertuis" in alert.explanation and "Marseille" in alert.explanation
    assert "points démantelés" in alert.explanation
    # The emergence stands out: no other commune of the Vaucluse scores higher, and
    # Marseille, whose reports fell, never alerts itself.
    vaucluse = EmergingAlert.objects.filter(departement_id="84").order_by("-score")
    assert vaucluse.first() == alert
    assert not EmergingAlert.objects.filter(commune_id="13055").exists()
