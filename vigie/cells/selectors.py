"""Reads for the administration of départements, cells and units."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from vigie.cells.models import Cell, Unit
from vigie.geo.models import Departement


@dataclass(frozen=True)
class DepartementRow:
    departement: Departement
    cell: Cell | None
    active_agents: int


def departements_with_cells() -> list[DepartementRow]:
    """Every département, with its cell (if any) and its count of active agents: 2 queries."""
    cells = {
        cell.departement_id: cell
        for cell in Cell.objects.annotate(
            active_agents=Count("agents", filter=Q(agents__is_active=True))
        )
    }
    return [
        DepartementRow(
            departement=departement,
            cell=cells.get(departement.code),
            active_agents=getattr(cells.get(departement.code), "active_agents", 0),
        )
        for departement in Departement.objects.order_by("code")
    ]


def departements_without_cell() -> QuerySet[Departement]:
    return Departement.objects.filter(cell__isnull=True).order_by("code")


def all_cells() -> QuerySet[Cell]:
    return Cell.objects.select_related("departement").order_by("departement_id")


def units(*, cell: Cell | None = None, include_inactive: bool = True) -> QuerySet[Unit]:
    found = Unit.objects.select_related("cell__departement").order_by(
        "cell__departement_id", "name"
    )
    if cell is not None:
        found = found.filter(cell=cell)
    if not include_inactive:
        found = found.filter(is_active=True)
    return found
