"""The figures the dashboards count (vigie.outcomes.selectors.outcome_figures), with numbers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.factories import DrugSeizureFactory, OutcomeFactory, WeaponSeizureFactory
from vigie.geo.models import Departement
from vigie.outcomes.models import AssetSeizure
from vigie.outcomes.selectors import FigureKey, outcome_figures

pytestmark = pytest.mark.django_db

JAN, FEB, MAR = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)


@pytest.fixture
def outcomes():
    jura = Departement.objects.get(code="39")
    first = OutcomeFactory(
        occurred_on=date(2026, 1, 10),
        surveillance_on=date(2025, 12, 20),  # before the period: not counted
        arrests=4,
        custodies=3,
        referrals=2,
        committals=1,
        cash_eur=Decimal("550"),
        vehicles=1,
    )
    DrugSeizureFactory(outcome=first, drug="cocaine", quantity=Decimal("500"), unit="g")
    DrugSeizureFactory(outcome=first, drug="cocaine", quantity=Decimal("2"), unit="kg")
    DrugSeizureFactory(outcome=first, drug="synthetic", quantity=Decimal("120"), unit="pieces")
    WeaponSeizureFactory(outcome=first, kind="handgun", count=2)
    WeaponSeizureFactory(outcome=first, kind="bladed", count=3)
    AssetSeizure.objects.create(outcome=first, label="montre", value_eur=Decimal("4000"))
    second = OutcomeFactory(
        occurred_on=date(2026, 2, 3),
        arrests=2,
        surveillance_on=date(2026, 1, 25),
        dismantled_on=date(2026, 2, 27),
    )
    DrugSeizureFactory(outcome=second, drug="cannabis_resin", quantity=Decimal("1.5"), unit="kg")
    WeaponSeizureFactory(outcome=second, kind="automatic", count=1)
    OutcomeFactory(occurred_on=date(2026, 2, 14), no_result_reason="nothing_observed")
    # Outside: another département, and after the period.
    jura_outcome = OutcomeFactory(departement=jura, occurred_on=date(2026, 1, 5), arrests=7)
    DrugSeizureFactory(outcome=jura_outcome, drug="cocaine", quantity=Decimal("9"), unit="kg")
    OutcomeFactory(occurred_on=MAR, arrests=50)


def test_totals_per_departement_over_a_period(outcomes, django_assert_num_queries):
    with django_assert_num_queries(6):
        figures = outcome_figures(start=JAN, end=MAR)
    doubs = figures[FigureKey("25", None)]
    assert (doubs.outcomes, doubs.arrests, doubs.custodies, doubs.referrals, doubs.committals) == (
        3,
        6,
        3,
        2,
        1,
    )
    assert doubs.drugs_kg == {"cocaine": Decimal("2.5"), "cannabis_resin": Decimal("1.5")}
    assert doubs.drugs_total_kg == Decimal("4.0")
    assert doubs.drugs_counted == {("synthetic", "pieces"): Decimal("120")}
    assert (doubs.firearms, doubs.weapons_total) == (3, 6)
    assert (doubs.cash_eur, doubs.vehicles, doubs.assets_eur) == (
        Decimal("550"),
        1,
        Decimal("4000"),
    )
    assert (doubs.surveillances, doubs.dismantled_points, doubs.no_result) == (1, 1, 1)
    jura = figures[FigureKey("39", None)]
    assert (jura.arrests, jura.drugs_kg["cocaine"]) == (7, Decimal("9"))


def test_totals_by_month_date_each_figure_by_what_it_counts(outcomes):
    figures = outcome_figures(
        start=JAN, end=MAR, departements=["25"], by_departement=False, by_month=True
    )
    january, february = figures[FigureKey(None, JAN)], figures[FigureKey(None, FEB)]
    assert (january.arrests, february.arrests) == (4, 2)
    assert january.drugs_kg["cocaine"] == Decimal("2.5")
    assert february.drugs_kg["cannabis_resin"] == Decimal("1.5")
    # The surveillance of the February operation was set up in January.
    assert (january.surveillances, february.surveillances) == (1, 0)
    assert (january.dismantled_points, february.dismantled_points) == (0, 1)
    assert set(figures) == {FigureKey(None, JAN), FigureKey(None, FEB)}


def test_totals_per_departement_and_month(outcomes):
    figures = outcome_figures(start=JAN, end=date(2026, 4, 1), by_month=True)
    assert figures[FigureKey("39", JAN)].arrests == 7
    assert figures[FigureKey("25", MAR)].arrests == 50


def test_everything_in_one_total(outcomes):
    figures = outcome_figures(start=JAN, end=MAR, by_departement=False)
    assert list(figures) == [FigureKey(None, None)]
    assert figures[FigureKey(None, None)].arrests == 13
    assert figures[FigureKey(None, None)].drugs_kg["cocaine"] == Decimal("11.5")


def test_no_outcome_no_figure():
    assert outcome_figures(start=JAN, end=MAR) == {}


def test_totals_over_every_departement_at_once_without_any_asset():
    """Nothing grouped and no asset seized: the assets' query still returns one row (of NULL),
    which crashed the sum (found by the cell's dashboard, issue 14)."""
    OutcomeFactory(occurred_on=date(2026, 10, 5), arrests=2)
    figures = outcome_figures(start=date(2026, 10, 1), end=date(2026, 11, 1), by_departement=False)
    totals = figures[FigureKey(None, None)]
    assert (totals.arrests, totals.assets_eur) == (2, 0)
