"""`create_demo` and `vigie demo`: the Doubs figures, scope, idempotency, refusal."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Max, Min

from tests.factories import AgentFactory
from vigie.accounts.models import Agent, Role
from vigie.cells.models import Cell, Unit, UnitKind
from vigie.demo.services import DEMO_PASSWORD, DemoRefused, DemoSummary, create_demo
from vigie.reports.enums import Qualification, Triage
from vigie.reports.models import Report

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 10, tzinfo=UTC)
BESANCON = "25056"


@pytest.fixture
def small_demo() -> DemoSummary:
    return create_demo(report_count=60, now=NOW)


def run_demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_the_full_demo_has_the_figures_of_the_doubs() -> None:
    summary = create_demo(now=NOW)

    assert summary.created
    assert summary.reports["25"] == 186
    assert 15 <= summary.reports["39"] <= 25
    doubs = Report.objects.filter(departement_id="25")
    exploitable = doubs.filter(triage_suggestion=Triage.EXPLOITABLE).count()
    assert 0.55 <= exploitable / 186 <= 0.8
    assert doubs.filter(triage_suggestion=Triage.URGENT).exists()
    assert doubs.filter(triage_suggestion=Triage.VAGUE).exists()
    span = doubs.aggregate(first=Min("received_at"), last=Max("received_at"))
    assert span["last"] <= NOW
    assert span["last"] - span["first"] > timedelta(days=280)
    assert doubs.dates("received_at", "month").count() >= 10
    by_commune = doubs.values("commune_id").annotate(n=Count("id")).order_by("-n")
    assert by_commune[0]["commune_id"] == BESANCON
    assert by_commune.count() > 20  # spread over many communes, not only the big towns


def test_cells_units_and_one_agent_per_role(small_demo: DemoSummary) -> None:
    assert set(Cell.objects.values_list("departement_id", "name", "is_demo")) == {
        ("25", "CROSS du Doubs", True),
        ("39", "CROSS du Jura", True),
    }
    assert set(Unit.objects.filter(cell__departement_id="25").values_list("kind", flat=True)) == (
        set(UnitKind.values)
    )
    doubs = Agent.objects.filter(cell__departement_id="25")
    # Three unit members: Besançon's, and those of vigie.demo.units (Montbéliard, Pontarlier).
    assert sorted(doubs.values_list("role", flat=True)) == sorted(
        [Role.AGENT, Role.ANALYST, Role.CELL_HEAD, *[Role.UNIT_MEMBER] * 3]
    )
    assert Agent.objects.get(username="unite.doubs").unit.name == "Commissariat de Besançon"
    assert Agent.objects.get(username="analyste.jura").cell.departement_id == "39"
    national, admin = Agent.objects.get(username="national"), Agent.objects.get(username="admin")
    assert national.cell is None and national.role == Role.NATIONAL
    assert admin.cell is None and admin.is_staff and admin.is_superuser
    assert all(agent.check_password(DEMO_PASSWORD) for agent in Agent.objects.all())
    assert [login.username for login in small_demo.logins] == [
        "analyste.doubs",
        "agent.doubs",
        "chef.doubs",
        "unite.doubs",
        "analyste.jura",
        "national",
        "admin",
    ]
    assert small_demo.logins[0].departement == "Doubs (25)"
    assert small_demo.password == DEMO_PASSWORD


def test_every_report_is_marked_and_scoped(small_demo: DemoSummary) -> None:
    assert small_demo.reports == {"25": 60, "39": 7}
    assert not Report.objects.filter(is_demo=False).exists()
    assert (
        not Report.objects.exclude(commune__departement_id="25")
        .filter(departement_id="25")
        .exists()
    )


def test_older_reports_are_mostly_qualified_by_their_cell_analyst(small_demo: DemoSummary) -> None:
    citizen = Report.objects.exclude(source="field")  # the field reports await the cell
    recent = citizen.filter(received_at__gt=NOW - timedelta(days=14))
    assert recent.exists()
    assert not recent.exclude(qualification="").exists()
    older = citizen.filter(received_at__lt=NOW - timedelta(days=15))
    qualified = older.exclude(qualification="")
    assert qualified.count() >= 0.75 * older.count()
    assert set(qualified.values_list("departement_id", "qualified_by__username")) == {
        ("25", "analyste.doubs"),
        ("39", "analyste.jura"),
    }
    assert set(qualified.values_list("qualification", flat=True)) == set(Qualification.values)
    assert small_demo.qualified == citizen.exclude(qualification="").count()
    assert small_demo.awaiting_triage == citizen.filter(qualification="").count()


def test_a_second_call_creates_nothing(small_demo: DemoSummary) -> None:
    again = create_demo(report_count=60, now=NOW)

    assert not again.created
    assert Report.objects.count() == 67 + 3  # and the units' 3 field reports
    assert Cell.objects.count() == 2
    assert Agent.objects.count() == 9  # 7 of vigie.demo.services, 2 of vigie.demo.units
    assert again.reports == small_demo.reports


@pytest.mark.parametrize("real", ["cell", "agent"])
def test_a_database_with_real_data_is_refused(real: str) -> None:
    if real == "cell":
        Cell.objects.create(departement_id="70", name="CROSS de la Haute-Saône")
    else:
        AgentFactory(username="camille.martin", national=True)

    with pytest.raises(DemoRefused, match="données réelles"):
        create_demo(report_count=10, now=NOW)
    assert not Report.objects.exists()
    assert not Cell.objects.filter(is_demo=True).exists()


def test_the_command_prints_the_logins_and_the_password() -> None:
    out = run_demo()

    assert Report.objects.filter(departement_id="25").exclude(source="field").count() == 186
    assert "Démonstration créée" in out
    assert DEMO_PASSWORD in out
    assert "analyste.doubs" in out and "Analyste" in out and "Doubs (25)" in out
    assert "http://127.0.0.1:8000/cellule/" in out
    again = run_demo("--logins-only")
    assert "analyste.doubs" in again and DEMO_PASSWORD in again
    assert "Démonstration" not in again.splitlines()[0]


def test_logins_only_creates_nothing() -> None:
    out = run_demo("--logins-only")

    assert "Pas de démonstration" in out
    assert not Cell.objects.exists()


def test_quiet_prints_nothing(small_demo: DemoSummary) -> None:
    assert run_demo("--quiet") == ""
    assert run_demo("--quiet", "--logins-only") == ""


def test_the_command_refuses_real_data_with_a_clear_message() -> None:
    AgentFactory(username="camille.martin")

    with pytest.raises(CommandError, match="base vide"):
        run_demo()


def test_the_demo_has_field_reports_from_the_doubs_units(small_demo: DemoSummary) -> None:
    field = Report.objects.filter(source="field")
    assert field.count() == 3
    assert set(field.values_list("departement_id", flat=True)) == {"25"}
    assert all(
        r.field_officer.role == Role.UNIT_MEMBER for r in field.select_related("field_officer")
    )
    assert all(r.field_unit.cell.departement_id == "25" for r in field)
    assert small_demo.reports["25"] == Report.objects.filter(departement_id="25").count() - 3


def test_the_demo_records_outcomes_over_the_months_and_the_seeds_story() -> None:
    from datetime import date

    from vigie.outcomes.models import Outcome
    from vigie.outcomes.selectors import FigureKey, outcome_figures

    create_demo(now=NOW)
    doubs = Outcome.objects.filter(departement_id="25")
    assert 30 <= doubs.count() <= 90
    assert doubs.dates("occurred_on", "month").count() >= 8
    # seeds/001: kétamine, cannabis, cocaïne et 550 euros, after a surveillance.
    story = doubs.get(cash_eur=550, drugs__label="kétamine")
    assert story.surveillance_on and story.arrests == 1
    assert {d.drug for d in story.drugs.all()} == {"synthetic", "cannabis_resin", "cocaine"}
    figures = outcome_figures(start=date(2025, 1, 1), end=date(2026, 4, 1))[FigureKey("25", None)]
    assert figures.arrests > figures.outcomes / 2
    assert figures.dismantled_points >= 2 and figures.no_result >= 1
    assert 0 < figures.drugs_total_kg < 100
    assert not Outcome.objects.filter(departement_id="39").exists()
