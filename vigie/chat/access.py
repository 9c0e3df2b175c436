"""The one way for an agent to reach a conversation or a canned reply.

Missing and forbidden are the same 404: an agent of another département cannot learn that a
conversation exists. Opening a conversation is written to the audit log.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404

from vigie.accounts.models import Agent, Role
from vigie.audit.models import AuditAction
from vigie.audit.services import record_event
from vigie.cells.access import access_own_cell
from vigie.chat.models import CannedReply, Conversation

# Who edits the cell's canned replies: its analysts and its head, not every agent on duty.
CANNED_REPLY_EDITORS = frozenset({Role.ANALYST, Role.CELL_HEAD})


def access_conversation(agent: Any, public_id: UUID | str, *, audit: bool = True) -> Conversation:
    cell = access_own_cell(agent)
    try:
        conversation = Conversation.objects.select_related("commune", "agent", "report").get(
            public_id=public_id, departement_id=cell.departement_id
        )
    except (Conversation.DoesNotExist, ValueError, ValidationError) as error:
        raise Http404 from error
    if audit:
        record_event(
            actor=agent,
            action=AuditAction.VIEW_CONVERSATION,
            target_type="conversation",
            target_id=conversation.reference,
        )
    return conversation


def access_colleague(agent: Any, colleague_id: int | str) -> Agent:
    """A colleague of the agent's own cell, for a hand-over."""
    cell = access_own_cell(agent)
    try:
        colleague: Agent = Agent.objects.get(pk=int(colleague_id), cell=cell, is_active=True)
    except (Agent.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error
    if not colleague.works_in_a_cell:
        raise Http404
    return colleague


def can_edit_canned_replies(agent: Any) -> bool:
    return bool(getattr(agent, "is_authenticated", False)) and agent.role in CANNED_REPLY_EDITORS


def access_canned_replies_editor(agent: Any) -> Any:
    """The agent's cell, for an analyst or the head of the cell; 404 for anyone else."""
    cell = access_own_cell(agent)
    if not can_edit_canned_replies(agent):
        raise Http404
    return cell


def access_canned_reply(agent: Any, reply_id: int) -> CannedReply:
    cell = access_canned_replies_editor(agent)
    try:
        return CannedReply.objects.get(pk=reply_id, cell=cell)
    except CannedReply.DoesNotExist as error:
        raise Http404 from error
