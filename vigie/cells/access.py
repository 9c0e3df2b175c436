"""The cell an agent works in: the scope of everything they see in the back office."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import Http404

from vigie.accounts.access import require_administrator
from vigie.cells.models import Cell, Unit
from vigie.geo.models import Departement


def access_own_cell(agent: Any) -> Cell:
    """The agent's cell, or 404 for anyone who does not work in one (national, unit, admin)."""
    if not getattr(agent, "is_authenticated", False) or not agent.works_in_a_cell:
        raise Http404
    cell: Cell = agent.cell
    return cell


def access_cell(administrator: Any, departement_code: str) -> Cell:
    """A cell by its département's code, for an administrator; 404 for anyone else."""
    require_administrator(administrator)
    found = Cell.objects.select_related("departement").filter(departement_id=departement_code)
    cell = found.first()
    if cell is None:
        raise Http404
    return cell


def access_unit(administrator: Any, public_id: UUID) -> Unit:
    require_administrator(administrator)
    unit = Unit.objects.select_related("cell__departement").filter(public_id=public_id).first()
    if unit is None:
        raise Http404
    return unit


def access_departement_without_cell(administrator: Any, code: str) -> Departement:
    """The département a new cell is created for: one that has none yet."""
    require_administrator(administrator)
    departement = Departement.objects.filter(code=code, cell__isnull=True).first()
    if departement is None:
        raise Http404
    return departement
