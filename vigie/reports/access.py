"""The one way to reach a report from the back office.

Missing and forbidden are the same 404: an agent cannot learn that a report exists in
another département. Every successful access is written to the audit log.
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
from vigie.cells.models import Cell
from vigie.reports.models import Report


def access_report_space(agent: Any) -> Cell:
    """The cell whose reports the agent handles, or 404 for a role without that right."""
    cell = access_own_cell(agent)
    if not can(agent, Capability.HANDLE_REPORTS):
        raise Http404
    return cell


def access_report(
    agent: Any, public_id: UUID | str, *, for_update: bool = False, to_handle: bool = True
) -> Report:
    """`to_handle=False` is reading only: a chat-only agent may read the report they made
    from their own conversation (never qualify it or write from it), and no other."""
    cell = access_own_cell(agent)
    queryset = Report.objects.select_related(
        "commune", "departement", "field_officer", "field_unit"
    )
    if for_update:
        queryset = queryset.select_for_update()
    try:
        report = queryset.get(public_id=public_id, departement_id=cell.departement_id)
    except (Report.DoesNotExist, ValueError, ValidationError) as error:
        raise Http404 from error
    if not can(agent, Capability.HANDLE_REPORTS) and (
        to_handle or not _made_from_a_conversation_of(agent, report)
    ):
        raise Http404
    record_report_view(agent, report)
    return report


def record_report_view(agent: Any, report: Report) -> None:
    """Every opening of a report is in the audit log, whoever opens it."""
    record_event(
        actor=agent,
        action=AuditAction.VIEW_REPORT,
        target_type="report",
        target_id=report.reference,
    )


def _made_from_a_conversation_of(agent: Any, report: Report) -> bool:
    return (
        can(agent, Capability.CHAT)
        and Report.objects.filter(pk=report.pk, conversation__agent=agent).exists()
    )
