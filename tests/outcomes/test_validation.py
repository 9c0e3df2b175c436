"""The rules of an outcome (vigie.outcomes.validation), one case per line."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from vigie.outcomes.validation import (
    AssetLine,
    DrugLine,
    OutcomeData,
    WeaponLine,
    outcome_errors,
)

TODAY = date(2026, 11, 30)
FIRST_REPORT = date(2026, 10, 1)


def errors(**fields: object) -> dict[str, list[str]]:
    fields.setdefault("occurred_on", TODAY - timedelta(days=1))
    return outcome_errors(OutcomeData(**fields), earliest=FIRST_REPORT, today=TODAY)  # type: ignore[arg-type]


def drug(drug: str, quantity: str, unit: str, label: str = "") -> tuple[DrugLine, ...]:
    return (DrugLine(drug=drug, quantity=Decimal(quantity), unit=unit, label=label),)


def test_a_plain_outcome_breaks_no_rule() -> None:
    assert errors(arrests=3, custodies=3, referrals=2, committals=1) == {}
    assert errors(drugs=drug("cocaine", "12.5", "g"), cash_eur=Decimal("550")) == {}
    assert errors(surveillance_on=FIRST_REPORT) == {}  # a surveillance is a result of its own


def test_an_empty_outcome_is_refused() -> None:
    assert "Indiquez au moins une suite" in errors()["__all__"][0]
    assert "__all__" in errors(arrests=0)  # only zeros say nothing happened: « sans résultat »


@pytest.mark.parametrize("name", ["occurred_on", "surveillance_on", "dismantled_on"])
def test_dates_in_the_future_are_refused(name: str) -> None:
    found = errors(**{name: TODAY + timedelta(days=1), "arrests": 1})
    assert found[name] == ["Cette date est dans le futur : indiquez une date passée."]
    assert name not in errors(**{name: TODAY, "arrests": 1})


@pytest.mark.parametrize("name", ["occurred_on", "surveillance_on", "dismantled_on"])
def test_dates_before_the_first_report_are_refused(name: str) -> None:
    found = errors(**{name: FIRST_REPORT - timedelta(days=1), "arrests": 1})
    assert "précède le premier signalement (reçu le 01/10/2026)" in found[name][0]
    assert name not in errors(**{name: FIRST_REPORT, "arrests": 1})


@pytest.mark.parametrize(
    ("counts", "wrong"),
    [
        ({"arrests": 2, "custodies": 3}, "custodies"),
        ({"custodies": 2, "referrals": 3}, "referrals"),
        ({"referrals": 1, "committals": 2}, "committals"),
        # An empty stage is skipped, the chain still holds across it.
        ({"arrests": 1, "committals": 2}, "committals"),
        ({"arrests": 4, "custodies": 4, "referrals": 5, "committals": 1}, "referrals"),
    ],
)
def test_each_stage_of_the_judicial_chain_is_at_most_the_one_before(
    counts: dict[str, int], wrong: str
) -> None:
    found = errors(**counts)
    assert list(found) == [wrong]
    assert "chaque étape ne concerne que des personnes de l’étape précédente" in found[wrong][0]


def test_a_later_outcome_may_record_the_committals_alone() -> None:
    assert errors(committals=2) == {}


def test_counts_are_bounded() -> None:
    assert errors(arrests=501)["arrests"] == ["Indiquez un nombre entre 0 et 500."]
    assert errors(arrests=-1)["arrests"] == ["Indiquez un nombre entre 0 et 500."]
    assert "vehicles" in errors(arrests=1, vehicles=501)


@pytest.mark.parametrize("quantity", ["0", "-2"])
def test_quantities_are_positive(quantity: str) -> None:
    found = errors(drugs=drug("cannabis_resin", quantity, "g"))
    assert found["drugs.0.quantity"] == ["La quantité doit être supérieure à zéro."]


def test_quantities_are_bounded_the_same_in_grams_and_kilograms() -> None:
    assert errors(drugs=drug("cocaine", "20000", "kg")) == {}
    assert errors(drugs=drug("cocaine", "20000000", "g")) == {}
    found = errors(drugs=drug("cocaine", "20000.001", "kg"))
    assert "vérifiez l’unité (grammes ou kilogrammes ?)" in found["drugs.0.quantity"][0]
    assert "drugs.0.quantity" in errors(drugs=drug("cocaine", "20000001", "g"))
    assert "drugs.0.quantity" in errors(drugs=drug("synthetic", "5000001", "pieces"))


def test_quantities_keep_at_most_three_decimals() -> None:
    assert errors(drugs=drug("heroin", "1.125", "kg")) == {}
    assert (
        "Au plus 3 décimales" in errors(drugs=drug("heroin", "1.1255", "kg"))["drugs.0.quantity"][0]
    )


@pytest.mark.parametrize(
    ("product", "unit", "accepted"),
    [
        ("cannabis_herb", "plants", True),
        ("cannabis_resin", "plants", False),
        ("cocaine", "pieces", False),
        ("cocaine", "l", False),
        ("crack", "pieces", True),
        ("synthetic", "pieces", True),
        ("synthetic", "l", True),
        ("heroin", "kg", True),
    ],
)
def test_units_fit_the_drug(product: str, unit: str, accepted: bool) -> None:
    found = errors(drugs=drug(product, "3", unit))
    assert ("drugs.0.unit" not in found) is accepted
    if not accepted:
        assert "ne convient pas à ce produit : choisissez g, kg" in found["drugs.0.unit"][0]


def test_another_drug_says_what_it_is() -> None:
    found = errors(drugs=drug("other", "3", "g"))
    assert found["drugs.0.label"] == ["Précisez de quel produit il s’agit."]
    assert errors(drugs=drug("other", "3", "g", label="protoxyde d’azote")) == {}


def test_an_unknown_drug_or_unit_is_refused() -> None:
    assert "drugs.0.drug" in errors(drugs=drug("tea", "3", "g"))
    assert "drugs.0.unit" in errors(drugs=drug("cocaine", "3", "ton"))


def test_weapons_cash_and_assets_are_positive_and_bounded() -> None:
    found = errors(
        weapons=(WeaponLine(kind="handgun", count=0),),
        cash_eur=Decimal("0"),
        assets=(AssetLine(label="", value_eur=Decimal("-1")),),
    )
    assert found["weapons.0.count"] == ["Indiquez un nombre d’armes entre 1 et 5000."]
    assert found["cash_eur"] == ["Le montant doit être supérieur à zéro."]
    assert found["assets.0.label"] == ["Dites quel bien a été saisi."]
    assert found["assets.0.value_eur"] == ["Le montant doit être supérieur à zéro."]
    assert "vérifiez le nombre de zéros" in errors(cash_eur=Decimal("50000000.01"))["cash_eur"][0]
    assert "deux décimales" in errors(cash_eur=Decimal("10.505"))["cash_eur"][0]


def test_no_result_excludes_quantities() -> None:
    found = errors(no_result_reason="nothing_observed", drugs=drug("cocaine", "1", "g"))
    assert "« Sans résultat » exclut" in found["no_result_reason"][0]
    assert "no_result_reason" in errors(no_result_reason="nothing_observed", arrests=1)
    assert "no_result_reason" in errors(no_result_reason="nothing_observed", dismantled_on=TODAY)
    # A surveillance that found nothing is the commonest no-result.
    assert errors(no_result_reason="nothing_observed", surveillance_on=TODAY, arrests=0) == {}


def test_no_result_for_another_reason_says_which() -> None:
    found = errors(no_result_reason="other")
    assert found["comment"] == ["Précisez la raison dans le commentaire."]
    assert errors(no_result_reason="other", comment="Immeuble en travaux, accès impossible") == {}
    assert "no_result_reason" in errors(no_result_reason="bad_luck")
