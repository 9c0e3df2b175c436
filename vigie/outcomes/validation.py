"""The rules an outcome obeys, in one place: the back-office form and `record_outcome` (hence
the units' side too) both ask `outcome_errors`. Messages are French, for the person typing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vigie.outcomes.enums import (
    KILOGRAMS_PER_UNIT,
    MAXIMUM_QUANTITY,
    UNITS_OF_DRUG,
    Drug,
    NoResultReason,
    QuantityUnit,
    WeaponKind,
)

# The judicial chain of a drug case, each stage a subset of the one before:
#   interpellation (arrest) → garde à vue (custody: a suspect held for questioning, art. 62-2
#   CPP) → déferrement (brought before the prosecutor or a judge at the end of custody, art.
#   803-2 CPP) → écrou (entered in a prison's register: pre-trial detention ordered by the
#   juge des libertés, or a prison sentence in comparution immédiate).
# So, within one outcome, écrous ≤ déferrements ≤ gardes à vue ≤ interpellations. Two real
# cases look like exceptions and are counted so that the chain holds: someone who comes on a
# summons and is then held counts as interpellé (the figures count people brought into the
# case), and someone arrested on an earlier sentence is presented to the prosecutor before
# being écroué (déferré). A stage left empty is not compared: a later outcome may record the
# écrous that follow an earlier outcome's arrests.
JUDICIAL_CHAIN = ("arrests", "custodies", "referrals", "committals")

# Bounds of one outcome: well above any real operation of one cell (the largest coordinated
# French operations arrest a few dozen people at once; the seeds' national year is 3,000
# gardes à vue and €14 million), low enough to catch a slip (an extra zero, a key held down)
# and to keep the columns' arithmetic exact.
MAXIMUM_PEOPLE = 500
MAXIMUM_VEHICLES = 500
MAXIMUM_WEAPONS = 5_000
MAXIMUM_EUROS = Decimal(50_000_000)
QUANTITY_DECIMALS = 3
MAXIMUM_COMMENT = 2_000
MAXIMUM_LABEL = 80


@dataclass(frozen=True)
class DrugLine:
    drug: str
    quantity: Decimal
    unit: str
    label: str = ""

    @property
    def kilograms(self) -> Decimal | None:
        factor = KILOGRAMS_PER_UNIT.get(self.unit)
        return None if factor is None else self.quantity * factor


@dataclass(frozen=True)
class WeaponLine:
    kind: str
    count: int
    label: str = ""


@dataclass(frozen=True)
class AssetLine:
    label: str
    value_eur: Decimal


@dataclass(frozen=True)
class OutcomeData:
    """What is typed for one outcome. Counts: None = not said here, 0 = said to be none."""

    occurred_on: date
    surveillance_on: date | None = None
    arrests: int | None = None
    custodies: int | None = None
    referrals: int | None = None
    committals: int | None = None
    drugs: tuple[DrugLine, ...] = ()
    weapons: tuple[WeaponLine, ...] = ()
    cash_eur: Decimal | None = None
    vehicles: int | None = None
    assets: tuple[AssetLine, ...] = ()
    dismantled_on: date | None = None
    no_result_reason: str = ""
    comment: str = ""

    @property
    def has_results(self) -> bool:
        counts = (self.arrests, self.custodies, self.referrals, self.committals, self.vehicles)
        return bool(
            any(count for count in counts)
            or self.drugs
            or self.weapons
            or self.cash_eur
            or self.assets
            or self.dismantled_on
        )


@dataclass
class Errors:
    """Messages by field; a line of a list is named `drugs.0.quantity`."""

    by_field: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, name: str, message: str) -> None:
        self.by_field[name].append(message)

    def __bool__(self) -> bool:
        return bool(self.by_field)


# « Plus de gardes à vue (3) que d’interpellations (2) »: French elides "de" before a vowel.
MORE_THAN = {
    "arrests": (gettext_lazy("Plus d’interpellations"), gettext_lazy("que d’interpellations")),
    "custodies": (gettext_lazy("Plus de gardes à vue"), gettext_lazy("que de gardes à vue")),
    "referrals": (gettext_lazy("Plus de déferrements"), gettext_lazy("que de déferrements")),
    "committals": (gettext_lazy("Plus d’écrous"), gettext_lazy("que d’écrous")),
}


def outcome_errors(data: OutcomeData, *, earliest: date, today: date) -> dict[str, list[str]]:
    """Every broken rule, by field (empty when the outcome may be recorded).

    `earliest`: the day the first report of the dossier (or the report) was received;
    `today`: the cell's local date (a parameter, so a test controls the clock)."""
    errors = Errors()
    _check_dates(data, errors, earliest=earliest, today=today)
    _check_people(data, errors)
    for index, line in enumerate(data.drugs):
        _check_drug(line, errors, f"drugs.{index}")
    for index, weapon in enumerate(data.weapons):
        if weapon.kind not in WeaponKind.values:
            errors.add(f"weapons.{index}.kind", _("Type d’arme inconnu."))
        if not 1 <= weapon.count <= MAXIMUM_WEAPONS:
            errors.add(
                f"weapons.{index}.count",
                _("Indiquez un nombre d’armes entre 1 et %(max)s.") % {"max": MAXIMUM_WEAPONS},
            )
        _check_label(weapon.label, errors, f"weapons.{index}.label")
    for index, asset in enumerate(data.assets):
        if not asset.label.strip():
            errors.add(f"assets.{index}.label", _("Dites quel bien a été saisi."))
        _check_label(asset.label, errors, f"assets.{index}.label")
        _check_euros(asset.value_eur, errors, f"assets.{index}.value_eur")
    if data.cash_eur is not None:
        _check_euros(data.cash_eur, errors, "cash_eur")
    if data.vehicles is not None and not 0 <= data.vehicles <= MAXIMUM_VEHICLES:
        errors.add(
            "vehicles",
            _("Indiquez un nombre de véhicules entre 0 et %(max)s.") % {"max": MAXIMUM_VEHICLES},
        )
    _check_no_result(data, errors)
    if len(data.comment) > MAXIMUM_COMMENT:
        errors.add(
            "comment",
            _("Le commentaire dépasse %(max)s caractères.") % {"max": MAXIMUM_COMMENT},
        )
    return dict(errors.by_field)


def _check_dates(data: OutcomeData, errors: Errors, *, earliest: date, today: date) -> None:
    named = (
        ("occurred_on", data.occurred_on),
        ("surveillance_on", data.surveillance_on),
        ("dismantled_on", data.dismantled_on),
    )
    for name, day in named:
        if day is None:
            continue
        if day > today:
            errors.add(name, _("Cette date est dans le futur : indiquez une date passée."))
        elif day < earliest:
            errors.add(
                name,
                _(
                    "Cette date précède le premier signalement (reçu le %(date)s) : une suite "
                    "ne peut pas lui être antérieure."
                )
                % {"date": date_format(earliest, "SHORT_DATE_FORMAT")},
            )


def _check_people(data: OutcomeData, errors: Errors) -> None:
    recorded = []
    for name in JUDICIAL_CHAIN:
        value = getattr(data, name)
        if value is None:
            continue
        if not 0 <= value <= MAXIMUM_PEOPLE:
            errors.add(name, _("Indiquez un nombre entre 0 et %(max)s.") % {"max": MAXIMUM_PEOPLE})
            continue
        for earlier, earlier_value in recorded:
            if value > earlier_value:
                errors.add(
                    name,
                    _(
                        "%(more)s (%(n)s) %(than)s (%(m)s) : chaque étape ne concerne que "
                        "des personnes de l’étape précédente (interpellation, garde à vue, "
                        "déferrement, écrou)."
                    )
                    % {
                        "more": MORE_THAN[name][0],
                        "n": value,
                        "than": MORE_THAN[earlier][1],
                        "m": earlier_value,
                    },
                )
                break
        recorded.append((name, value))


def _check_drug(line: DrugLine, errors: Errors, prefix: str) -> None:
    if line.drug not in Drug.values:
        errors.add(f"{prefix}.drug", _("Choisissez un produit dans la liste."))
        return
    if line.unit not in QuantityUnit.values:
        errors.add(f"{prefix}.unit", _("Choisissez une unité dans la liste."))
        return
    if line.unit not in UNITS_OF_DRUG[line.drug]:
        allowed = ", ".join(
            str(QuantityUnit(unit).label)
            for unit in QuantityUnit.values
            if unit in UNITS_OF_DRUG[line.drug]
        )
        errors.add(
            f"{prefix}.unit",
            _("L’unité « %(unit)s » ne convient pas à ce produit : choisissez %(allowed)s.")
            % {"unit": QuantityUnit(line.unit).label, "allowed": allowed},
        )
    maximum = MAXIMUM_QUANTITY[line.unit]
    if line.quantity <= 0:
        errors.add(f"{prefix}.quantity", _("La quantité doit être supérieure à zéro."))
    elif line.quantity > maximum:
        errors.add(
            f"{prefix}.quantity",
            _(
                "Plus de %(max)s %(unit)s en une saisie : vérifiez l’unité (grammes ou "
                "kilogrammes ?) et le nombre de zéros."
            )
            % {"max": f"{maximum:,}".replace(",", " "), "unit": QuantityUnit(line.unit).label},
        )
    elif -line.quantity.as_tuple().exponent > QUANTITY_DECIMALS:  # type: ignore[operator]  # finite
        errors.add(
            f"{prefix}.quantity",
            _("Au plus %(n)s décimales (le gramme pour un poids en kg).")
            % {"n": QUANTITY_DECIMALS},
        )
    if line.drug == Drug.OTHER and not line.label.strip():
        errors.add(f"{prefix}.label", _("Précisez de quel produit il s’agit."))
    _check_label(line.label, errors, f"{prefix}.label")


def _check_label(label: str, errors: Errors, name: str) -> None:
    if len(label) > MAXIMUM_LABEL:
        errors.add(name, _("%(max)s caractères au plus.") % {"max": MAXIMUM_LABEL})


def _check_euros(amount: Decimal, errors: Errors, name: str) -> None:
    if amount <= 0:
        errors.add(name, _("Le montant doit être supérieur à zéro."))
    elif amount > MAXIMUM_EUROS:
        errors.add(
            name,
            _("Plus de %(max)s € : vérifiez le nombre de zéros.")
            % {"max": f"{MAXIMUM_EUROS:,}".replace(",", " ")},
        )
    elif -amount.as_tuple().exponent > 2:  # type: ignore[operator]  # a finite amount
        errors.add(name, _("Un montant en euros a au plus deux décimales."))


def _check_no_result(data: OutcomeData, errors: Errors) -> None:
    if data.no_result_reason:
        if data.no_result_reason not in NoResultReason.values:
            errors.add("no_result_reason", _("Choisissez une raison dans la liste."))
        if data.has_results:
            errors.add(
                "no_result_reason",
                _(
                    "« Sans résultat » exclut interpellations, saisies et démantèlement : "
                    "retirez-les, ou retirez « sans résultat »."
                ),
            )
        if data.no_result_reason == NoResultReason.OTHER and not data.comment.strip():
            errors.add("comment", _("Précisez la raison dans le commentaire."))
    elif not data.has_results and data.surveillance_on is None:
        errors.add(
            "__all__",
            _(
                "Indiquez au moins une suite (surveillance, interpellations, saisies, "
                "démantèlement), ou « sans résultat » avec sa raison."
            ),
        )
