"""Which unit covers a commune: the suggestion shown when the cell dispatches.

Until a cell's table is loaded (`vigie units import`), nothing is suggested and the cell
chooses. With a table, each commune of the dispatched reports gives one line of explanation:
« Pontarlier → Compagnie de gendarmerie de Pontarlier, zone gendarmerie », or why nothing can
be suggested for it. One unit for every commune is preselected; several are all listed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from vigie.cells.models import Cell, Unit
from vigie.geo.models import Commune
from vigie.operations.models import Jurisdiction


@dataclass(frozen=True)
class Suggestion:
    units: list[Unit] = field(default_factory=list)  # every unit the table names, in order
    lines: list[str] = field(default_factory=list)  # the explanation, one line per commune
    has_table: bool = False

    @property
    def unit(self) -> Unit | None:
        """The unit to preselect: only when the table names exactly one."""
        return self.units[0] if len(self.units) == 1 else None

    @property
    def explanation(self) -> str:
        return " ; ".join(self.lines)


def has_table(cell: Cell) -> bool:
    return Jurisdiction.objects.filter(unit__cell=cell).exists()


def _unit_text(unit: Unit) -> str:
    return f"{unit.name}, {unit.get_kind_display().lower()}"


def suggest_unit(*, cell: Cell, commune_codes: Iterable[str]) -> Suggestion:
    codes = list(dict.fromkeys(code for code in commune_codes if code))
    if not has_table(cell):
        return Suggestion(
            lines=[
                _(
                    "Aucune table des compétences n’est chargée pour ce département : "
                    "choisissez l’unité."
                )
            ]
        )
    if not codes:
        return Suggestion(
            lines=[_("Aucune commune connue pour ces faits : choisissez l’unité.")], has_table=True
        )
    names = dict(Commune.objects.filter(code__in=codes).values_list("code", "name"))
    covering: dict[str, list[Unit]] = {code: [] for code in codes}
    rows = (
        Jurisdiction.objects.filter(commune_id__in=codes, unit__cell=cell, unit__is_active=True)
        .select_related("unit")
        .order_by("unit__kind", "unit__name")
    )
    for row in rows:
        covering[row.commune_id].append(row.unit)
    units: list[Unit] = []
    lines: list[str] = []
    for code in codes:
        name = names.get(code, code)
        found = covering[code]
        if not found:
            lines.append(
                _("%(commune)s : aucune unité dans la table des compétences, choisissez l’unité.")
                % {"commune": name}
            )
            continue
        lines.append(
            _("%(commune)s → %(units)s")
            % {"commune": name, "units": " ; ".join(_unit_text(unit) for unit in found)}
        )
        units.extend(unit for unit in found if unit not in units)
    if len(units) > 1:
        lines.append(_("Plusieurs unités sont compétentes : choisissez celle qui agira."))
    return Suggestion(units=units, lines=lines, has_table=True)
