"""The figures pages: a cell sees its own département only; the national view and its
drill-down never show a report, a dossier or a dispatch; the brief downloads are audited."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from tests.analytics.support import stored_alert
from tests.analytics.test_selectors import stored
from tests.factories import AgentFactory, UnitFactory, dispatched
from vigie.analytics.services import refresh
from vigie.audit.models import AuditAction, AuditEvent
from vigie.crossref.models import Dossier

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
OCTOBER = {"periode": "2026-10"}


@pytest.fixture
def doubs_october():
    reports = [stored(datetime(2026, 10, day, 10, tzinfo=PARIS)) for day in (2, 9, 16)]
    stored(datetime(2026, 10, 3, 10, tzinfo=PARIS), commune="39300")
    dispatched(by=AgentFactory(analyst=True), unit=UnitFactory(), reports=reports[:1])
    refresh(detect=False)
    return reports


def test_a_cell_reads_its_own_figures_and_nobody_elses(client, doubs_october):
    client.force_login(AgentFactory(analyst=True, departement="25"))
    page = client.get(reverse("analytics:dashboard"), OCTOBER)
    assert page.status_code == 200
    assert page.context["figures"].departement == "25"
    assert page.context["figures"].reports.value == 3
    # Another département's page sends a cell to its own dashboard; the Jura's never shows.
    other = client.get(reverse("analytics:departement", args=["39"]), OCTOBER)
    assert other.status_code == 404
    own = client.get(reverse("analytics:departement", args=["25"]), OCTOBER)
    assert own.status_code == 302 and own["Location"].endswith("/chiffres/?periode=2026-10")
    assert client.get(reverse("analytics:national")).status_code == 404


def test_alerts_reach_the_cell_of_the_commune_and_of_the_origin_only(client):
    pertuis = stored_alert("84089", "84", origin="13055")
    besancon = stored_alert("25056", "25")
    client.force_login(AgentFactory(analyst=True, departement="13"))
    assert client.get(reverse("analytics:alert", args=[pertuis.public_id])).status_code == 200
    assert client.get(reverse("analytics:alert", args=[besancon.public_id])).status_code == 404
    listed = client.get(reverse("analytics:alerts")).content.decode()
    assert "Alerte sur 84089" in listed and "Alerte sur 25056" not in listed
    client.force_login(AgentFactory(national=True))
    listed = client.get(reverse("analytics:alerts")).content.decode()
    assert "Alerte sur 84089" in listed and "Alerte sur 25056" in listed


def test_the_national_view_counts_every_departement_and_names_no_case(client, doubs_october):
    client.force_login(AgentFactory(national=True))
    page = client.get(reverse("analytics:national"), OCTOBER)
    assert page.status_code == 200
    lines = {line.code: line for line in page.context["figures"].departements}
    assert len(lines) == 101
    assert (lines["25"].reports.value, lines["39"].reports.value, lines["13"].reports.value) == (
        3,
        1,
        0,
    )
    table = page.content.decode().split('data-testid="table-dismantled"')[1].split("</table>")[0]
    assert "Points démantelés" in table and "exploitables" not in table
    drill = client.get(reverse("analytics:departement", args=["25"]), OCTOBER)
    assert drill.status_code == 200
    html = drill.content.decode()
    for report in doubs_october:
        assert report.reference not in html
    for dossier in Dossier.objects.all():
        assert dossier.label not in html
    assert 'data-testid="overdue-dispatches"' not in html
    assert 'data-testid="brief-links"' not in html
    assert client.get(reverse("analytics:brief", args=["pdf"]), OCTOBER).status_code == 404


def test_the_brief_downloads_in_three_formats_and_is_audited(client, doubs_october):
    analyst = AgentFactory(analyst=True, departement="25")
    client.force_login(analyst)
    for extension, start in (("pdf", b"%PDF-"), ("xlsx", b"PK"), ("csv", b"\xef\xbb\xbf")):
        response = client.get(reverse("analytics:brief", args=[extension]), OCTOBER)
        assert response.status_code == 200
        assert response.content.startswith(start)
        assert f"vigie-note-25-2026-10.{extension}" in response["Content-Disposition"]
    assert client.get(reverse("analytics:brief", args=["doc"]), OCTOBER).status_code == 404
    events = AuditEvent.objects.filter(action=AuditAction.EXPORT_BRIEF, actor=analyst)
    assert sorted(e.target_id for e in events) == [
        "25:2026-10:csv",
        "25:2026-10:pdf",
        "25:2026-10:xlsx",
    ]


def test_a_period_nobody_can_read_keeps_the_text_and_says_why(client, doubs_october):
    client.force_login(AgentFactory(analyst=True, departement="25"))
    page = client.get(reverse("analytics:dashboard"), {"periode": "octobre 2026"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Période inconnue" in html and 'value="octobre 2026"' in html
