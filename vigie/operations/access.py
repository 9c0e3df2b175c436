"""The one way to reach dispatches, from the cell's side and from the unit's side.

A cell's analysts and head reach their cell's dispatches; a unit member reaches their own
unit's, and nothing else. Missing and forbidden are the same 404. A unit member's every view
of a dispatch (and of its evidence) is written to the audit log.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404

from vigie.accounts.permissions import Capability, can
from vigie.audit.models import AuditAction
from vigie.audit.services import record_event
from vigie.cells.access import access_own_cell
from vigie.cells.models import Cell, Unit
from vigie.evidence.models import StoredFile
from vigie.operations.models import Dispatch, DispatchReport


def access_dispatch_space(agent: Any) -> Cell:
    """The cell whose dispatches the agent handles (analyst, cell head), or 404."""
    cell = access_own_cell(agent)
    if not can(agent, Capability.DISPATCH):
        raise Http404
    return cell


def _get(queryset: Any, public_id: UUID | str) -> Dispatch:
    try:
        dispatch: Dispatch = queryset.select_related("unit", "cell", "dossier").get(
            public_id=public_id
        )
    except (Dispatch.DoesNotExist, ValueError, ValidationError) as error:
        raise Http404 from error
    return dispatch


def access_cell_dispatch(agent: Any, public_id: UUID | str) -> Dispatch:
    cell = access_dispatch_space(agent)
    return _get(Dispatch.objects.filter(cell=cell), public_id)


def access_cell_dispatch_item(agent: Any, public_id: UUID | str, position: int) -> DispatchReport:
    dispatch = access_cell_dispatch(agent, public_id)
    item = dispatch.items.select_related("report").filter(position=position).first()
    if item is None:
        raise Http404
    item.dispatch = dispatch
    return item


def access_own_unit(agent: Any) -> Unit:
    """The unit of a unit member (active, of an active cell), or 404 for anyone else."""
    if not can(agent, Capability.WORK_DISPATCHES):
        raise Http404
    unit: Unit = agent.unit
    return unit


def access_unit_dispatch(agent: Any, public_id: UUID | str, *, audit: bool = True) -> Dispatch:
    """A dispatch to the agent's own unit; `audit=False` for the actions (audited themselves)."""
    unit = access_own_unit(agent)
    dispatch = _get(Dispatch.objects.filter(unit=unit), public_id)
    if audit:
        record_event(
            actor=agent,
            action=AuditAction.VIEW_DISPATCH,
            target_type="dispatch",
            target_id=str(dispatch.public_id),
            details={"label": dispatch.label, "unit": str(unit.public_id)},
        )
    return dispatch


def access_dispatch_evidence(
    agent: Any, dispatch_id: UUID | str, file_id: UUID | str, *, variant: str = "file"
) -> tuple[Dispatch, StoredFile, int]:
    """An evidence file of a report the dispatch carries, for its unit: (dispatch, file, the
    report's number in the dispatch)."""
    dispatch = access_unit_dispatch(agent, dispatch_id, audit=False)
    try:
        stored = StoredFile.objects.get(
            public_id=file_id, report_attachment__report__dispatch_items__dispatch=dispatch
        )
    except (StoredFile.DoesNotExist, ValueError, ValidationError) as error:
        raise Http404 from error
    position = dispatch.items.get(report__attachments__file=stored).position
    record_event(
        actor=agent,
        action=AuditAction.VIEW_EVIDENCE,
        target_type="evidence",
        target_id=str(stored.public_id),
        details={"owner": "dispatch", "dispatch": dispatch.label, "variant": variant},
    )
    return dispatch, stored, position
