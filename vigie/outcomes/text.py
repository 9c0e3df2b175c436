"""Outcomes in French words: one line per kind of result, and the totals of a timeline.

Shared by the back office's pages (vigie.web.backoffice.outcomes.panel) and the meeting brief
(vigie.analytics), so an outcome reads the same everywhere.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vigie.outcomes.enums import Drug, NoResultReason, QuantityUnit, WeaponKind
from vigie.outcomes.models import Outcome
from vigie.outcomes.selectors import OutcomeTotals


def _day(value: Any) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def _number(value: Any) -> str:
    """French grouping and decimal comma; no trailing zeros (« 550 », « 35,5 »)."""
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() else value.normalize()
    return number_format(value, force_grouping=True)


def _people(outcome: Outcome | OutcomeTotals) -> list[str]:
    words = (
        ("arrests", lambda n: ngettext("%(n)s interpellation", "%(n)s interpellations", n)),
        ("custodies", lambda n: ngettext("%(n)s garde à vue", "%(n)s gardes à vue", n)),
        ("referrals", lambda n: ngettext("%(n)s déferrement", "%(n)s déferrements", n)),
        ("committals", lambda n: ngettext("%(n)s écrou", "%(n)s écrous", n)),
    )
    found = []
    for name, word in words:
        value = getattr(outcome, name)
        if value is not None and (value or isinstance(outcome, Outcome)):
            found.append(word(value) % {"n": value})
    return [", ".join(found)] if found else []


def describe(outcome: Outcome) -> list[str]:
    """One French line per kind of result, in the order of the form."""
    lines = []
    if outcome.surveillance_on:
        lines.append(
            _("Surveillance mise en place le %(day)s") % {"day": _day(outcome.surveillance_on)}
        )
    lines += _people(outcome)
    for seizure in outcome.drugs.all():
        label = f" ({seizure.label})" if seizure.label else ""
        lines.append(
            _("Saisie : %(drug)s%(label)s, %(quantity)s %(unit)s")
            % {
                "drug": Drug(seizure.drug).label,
                "label": label,
                "quantity": _number(seizure.quantity),
                "unit": QuantityUnit(seizure.unit).label,
            }
        )
    for weapon in outcome.weapons.all():
        label = f" ({weapon.label})" if weapon.label else ""
        lines.append(
            _("Armes : %(count)s × %(kind)s%(label)s")
            % {"count": weapon.count, "kind": WeaponKind(weapon.kind).label, "label": label}
        )
    if outcome.cash_eur:
        lines.append(_("Numéraire : %(amount)s €") % {"amount": _number(outcome.cash_eur)})
    if outcome.vehicles:
        lines.append(
            ngettext("%(n)s véhicule saisi", "%(n)s véhicules saisis", outcome.vehicles)
            % {"n": outcome.vehicles}
        )
    for asset in outcome.assets.all():
        lines.append(
            _("Bien saisi : %(label)s, %(value)s €")
            % {"label": asset.label, "value": _number(asset.value_eur)}
        )
    if outcome.dismantled_on:
        lines.append(_("Point de deal démantelé le %(day)s") % {"day": _day(outcome.dismantled_on)})
    if outcome.no_result_reason:
        lines.append(
            _("Sans résultat : %(reason)s")
            % {"reason": NoResultReason(outcome.no_result_reason).label}
        )
    return lines


def summary(totals: OutcomeTotals) -> list[str]:
    """The totals of a timeline, for the top of the section."""
    lines = _people(totals)
    if totals.drugs_kg:
        kg = totals.drugs_total_kg
        if kg < 1:  # « 47,5 g », not « 0,0475 kg »
            lines.append(_("%(g)s g de stupéfiants saisis") % {"g": _number(kg * 1000)})
        else:
            lines.append(_("%(kg)s kg de stupéfiants saisis") % {"kg": _number(kg)})
    for (drug, unit), quantity in sorted(totals.drugs_counted.items()):
        lines.append(f"{_number(quantity)} {QuantityUnit(unit).label} ({Drug(drug).label})")
    if totals.weapons_total:
        count = totals.weapons_total
        weapons = ngettext("%(n)s arme", "%(n)s armes", count) % {"n": count}
        if totals.firearms:
            weapons += _(" dont %(n)s à feu") % {"n": totals.firearms}
        lines.append(weapons)
    if totals.cash_eur:
        lines.append(_("%(amount)s € saisis") % {"amount": _number(totals.cash_eur)})
    if totals.dismantled_points:
        lines.append(
            ngettext(
                "%(n)s point de deal démantelé",
                "%(n)s points de deal démantelés",
                totals.dismantled_points,
            )
            % {"n": totals.dismantled_points}
        )
    return lines
