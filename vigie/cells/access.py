"""The cell an agent works in: the scope of everything they see in the back office."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from vigie.cells.models import Cell


def access_own_cell(agent: Any) -> Cell:
    """The agent's cell, or 404 for anyone who does not work in one (national, unit, admin)."""
    if not getattr(agent, "is_authenticated", False) or not agent.works_in_a_cell:
        raise Http404
    cell: Cell = agent.cell
    return cell
