"""Reads for the administration of départements, cells and units."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from vigie.cells.models import Cell, Unit
from vigie.geo.models import Departement


def cells_with_agent_counts() -> QuerySet[Cell]:
    """Every cell with its département and its count of active agents (`active_agents`)."""
    return (
        Cell.objects.select_related("departement")
        .annotate(active_agents=Count("agents", filter=Q(agents__is_active=True)))
        .order_by("departement_id")
    )


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
