"""Every figure of a cell's dashboard against values computed by hand on a small fixture.

October 2026 in the Doubs (25), compared with September; one report of the Jura (39) and
one of 1 November (local time) must be counted nowhere in October."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.factories import (
    AgentFactory,
    DrugSeizureFactory,
    OutcomeFactory,
    UnitFactory,
    dispatched,
    report,
)
from vigie.analytics.figures import Compared, Period
from vigie.analytics.selectors import dashboard_figures, percentile
from vigie.crossref.models import Dossier, DossierMember, DossierStatus
from vigie.reports.enums import Category, Qualification, ReportSource
from vigie.reports.models import Report

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
OCTOBER = Period.month(2026, 10)


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def stored(
    received: datetime,
    *,
    commune: str = "25056",
    source: str = ReportSource.WEB_FORM,
    category: str = Category.DEALING_SPOT,
    qualification: str = "",
    qualified: datetime | None = None,
) -> Report:
    made = report(commune_code=commune, category=category)
    Report.objects.filter(pk=made.pk).update(
        received_at=received,
        source=source,
        category=category,
        qualification=qualification,
        qualified_at=qualified,
    )
    made.refresh_from_db()
    return made


def dossier(*members: Report, created: datetime, status: str = DossierStatus.ACTIVE) -> Dossier:
    made = Dossier.objects.create(
        departement_id="25", kind="point_de_vente", status=status, size=len(members)
    )
    Dossier.objects.filter(pk=made.pk).update(created_at=created)
    for member in members:
        DossierMember.objects.create(dossier=made, report=member, departement_id="25")
    made.refresh_from_db()
    return made


@pytest.fixture
def october() -> dict[str, Any]:
    r1 = stored(
        at(2026, 10, 2, 10),
        qualification=Qualification.EXPLOITABLE,
        qualified=at(2026, 10, 2, 14),
    )
    r2 = stored(
        at(2026, 10, 15, 8),
        source=ReportSource.CHAT,
        category=Category.DELIVERY,
        qualification=Qualification.NOT_EXPLOITABLE,
        qualified=at(2026, 10, 16, 8),
    )
    r3 = stored(at(2026, 10, 31, 23), commune="25388", source=ReportSource.API)
    r4 = stored(at(2026, 11, 1, 0))  # November in Paris, still October in UTC
    r5 = stored(
        at(2026, 9, 20, 12),
        qualification=Qualification.EXPLOITABLE,
        qualified=at(2026, 9, 20, 13),
    )
    stored(at(2026, 10, 10, 12), commune="39300")  # Jura: never in the Doubs' figures
    # The same words at the same place: the engine linked them on arrival. This fixture
    # makes its own dossiers, with the dates the figures are checked against.
    DossierMember.objects.all().delete()
    Dossier.objects.all().delete()
    analyst = AgentFactory(analyst=True)
    unit = UnitFactory(name="Commissariat de Besançon")
    sent = dispatched(by=analyst, unit=unit, reports=[r1], now=at(2026, 10, 3, 10))
    new = dossier(r1, r2, created=at(2026, 10, 2, 11))
    old = dossier(r5, r3, created=at(2026, 9, 21, 9))
    outcome = OutcomeFactory(
        dossier=old,
        occurred_on=date(2026, 10, 20),
        arrests=3,
        custodies=2,
        committals=1,
        dismantled_on=date(2026, 10, 20),
        unit=unit,
    )
    DrugSeizureFactory(outcome=outcome, quantity=Decimal("1.2"), unit="kg")
    return {"dispatch": sent, "new": new, "old": old, "r4": r4}


def figures() -> Any:
    return dashboard_figures(departement="25", period=OCTOBER, now=at(2026, 11, 2, 9))


def test_counts_compare_with_the_previous_month_in_local_time(october):
    found = figures()
    assert found.scope_label == "Doubs (25)"
    assert found.reports == Compared(3, 1)
    assert found.qualified == Compared(2, 1)
    assert found.exploitable == Compared(1, 1)
    assert found.share_exploitable == 0.5


def test_breakdowns_by_category_source_and_commune(october):
    found = figures()
    assert [(c.key, c.value, c.previous) for c in found.by_category] == [
        (Category.DEALING_SPOT, 2, 1),
        (Category.DELIVERY, 1, 0),
    ]
    assert sorted((c.key, c.value, c.previous) for c in found.by_source) == [
        (ReportSource.API, 1, 0),
        (ReportSource.CHAT, 1, 0),
        (ReportSource.WEB_FORM, 1, 1),
    ]
    assert [(c.name, c.value, c.previous) for c in found.by_commune] == [
        ("Besançon", 2, 1),
        ("Montbéliard", 1, 0),
    ]


def test_delays_to_triage_and_to_dispatch(october):
    found = figures()
    # 4 h and 24 h: median 14 h, 90th percentile 4 + 0.9 × 20 = 22 h.
    assert (found.triage_delay.count, found.triage_delay.median_hours) == (2, 14.0)
    assert found.triage_delay.p90_hours == pytest.approx(22.0)
    assert found.triage_delay_previous.median_hours == 1.0
    assert (found.dispatch_delay.count, found.dispatch_delay.median_hours) == (1, 24.0)
    assert found.dispatch_delay_previous.count == 0


def test_series_cover_whole_weeks_and_months(october):
    found = figures()
    assert len(found.weekly) == 12 and len(found.monthly) == 12
    last_week = found.weekly[-1]
    assert (last_week.start, last_week.label) == (date(2026, 10, 26), "S44")
    # Abbreviated as French writes them (they once read « nove. », « sept. », « mars. »).
    assert [p.label for p in found.monthly[-4:]] == [
        "juil. 2026",
        "août 2026",
        "sept. 2026",
        "oct. 2026",
    ]
    assert last_week.value == 2  # Saturday 31 October and Sunday 1 November
    assert [(p.start, p.value, p.exploitable) for p in found.monthly[-2:]] == [
        (date(2026, 9, 1), 1, 1),
        (date(2026, 10, 1), 3, 1),
    ]


def test_dossiers_outcomes_and_what_led_to_them(october):
    found = figures()
    assert found.dossiers_opened == Compared(1, 1)
    assert found.dossiers_active == 2
    assert found.dossiers_dismantled == Compared(1, 0)
    assert (found.outcomes.arrests, found.outcomes.custodies, found.outcomes.committals) == (
        3,
        2,
        1,
    )
    assert found.outcomes.dismantled_points == 1
    assert found.outcomes.drugs_total_kg == Decimal("1.2")
    [line] = found.attributed
    assert line.subject == f"Dossier {october['old'].label}"
    assert (line.unit, line.reports) == ("Commissariat de Besançon", 2)
    assert "3 interpellations" in line.summary and "Résine de cannabis" in line.summary
    assert [d.public_id for d in found.new_dossiers] == [str(october["new"].public_id)]
    assert [(d.public_id, d.new_reports) for d in found.growing_dossiers] == [
        (str(october["old"].public_id), 1)
    ]


def test_overdue_dispatches_as_of_now(october):
    [line] = figures().overdue_dispatches
    assert line.public_id == str(october["dispatch"].public_id)
    assert line.label == october["dispatch"].label  # « T-… », never the UUID in a brief
    assert line.unit == "Commissariat de Besançon"
    assert line.days_overdue == 27  # due 6 October 10:00 (72 h), seen 2 November 09:00


def test_a_departement_view_names_no_case(october):
    found = dashboard_figures(departement="25", period=OCTOBER, detailed=False)
    assert found.reports.value == 3
    assert found.attributed == found.new_dossiers == found.growing_dossiers == []
    assert found.overdue_dispatches == []


def test_percentile_interpolates_like_numpy():
    assert percentile([], 0.5) is None
    assert percentile([5.0], 0.9) == 5.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], 0.9) == pytest.approx(
        9.1
    )


def test_periods_parse_and_go_back():
    assert Period.parse("2026-10") == OCTOBER
    assert Period.parse("2026-10").previous() == Period.month(2026, 9)
    assert Period.parse("2026-W01").start == date(2025, 12, 29)
    assert Period.parse("2026-T1").previous() == Period.quarter(2025, 4)
    assert Period.parse("2026").previous().start == date(2025, 1, 1)
    assert OCTOBER.label() == "octobre 2026"
    for code in ("2026-10", "2026-W43", "2026-T3", "2026"):
        assert Period.parse(code).code() == code
    with pytest.raises(ValueError, match="Période inconnue"):
        Period.parse("octobre")
    with pytest.raises(ValueError, match="Période inconnue"):
        Period.parse("2026-13")


def test_the_national_figures_add_up_the_departements(october):
    from django.db.models import Sum

    from vigie.analytics.selectors import national_figures
    from vigie.analytics.services import refresh
    from vigie.geo.models import Commune

    refresh(detect=False)
    found = national_figures(period=OCTOBER, now=at(2026, 11, 2, 9))
    lines = {line.code: line for line in found.departements}
    assert len(lines) == 101
    assert found.reports == Compared(4, 1)
    assert (lines["25"].reports, lines["39"].reports) == (Compared(3, 1), Compared(1, 0))
    assert (lines["25"].qualified, lines["25"].exploitable) == (2, 1)
    assert (lines["25"].custodies, lines["25"].committals, lines["25"].dismantled_points) == (
        2,
        1,
        1,
    )
    assert lines["25"].drugs_kg == Decimal("1.2") and lines["39"].custodies == 0
    population = Commune.objects.filter(departement_id="25").aggregate(n=Sum("population"))["n"]
    assert lines["25"].per_100k == pytest.approx(3 * 100_000 / population)
    assert [(p.start, p.value) for p in found.monthly[-2:]] == [
        (date(2026, 9, 1), 1),
        (date(2026, 10, 1), 4),
    ]
    assert found.dismantled_monthly[-1].value == 1 and found.dismantled_monthly[-2].value == 0
    assert found.outcomes.custodies == 2
    assert found.growing == []  # nobody reaches 5 reports


def test_the_communes_growing_most_nationally():
    from vigie.analytics.selectors import growing_communes
    from vigie.analytics.services import refresh

    for day in (5, 6, 12, 13, 19, 20):  # Besançon: 6 in October, 1 in September
        stored(at(2026, 10, day, 10))
    stored(at(2026, 9, 14, 10))
    for day in (5, 12, 19, 26):  # Montbéliard: 4, under the minimum
        stored(at(2026, 10, day, 10), commune="25388")
    refresh(detect=False)
    [line] = growing_communes(OCTOBER)
    assert (line.code, line.name, line.value, line.previous) == ("25056", "Besançon (25)", 6, 1)


def test_labels_follow_the_readers_language():
    from django.utils import translation

    from vigie.analytics.selectors import month_label, week_label

    with translation.override("en"):
        assert (week_label(date(2026, 10, 19)), month_label(date(2026, 10, 1))) == (
            "W43",
            "Oct. 2026",
        )
        assert OCTOBER.label() == "October 2026"
