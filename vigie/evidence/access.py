"""The one way to reach an evidence file from the back office.

A file belongs to something an agent may see: a report (`ReportAttachment`) or a chat
message (`ChatMessage.attachment`). Each kind of owner is one function in OWNERS that, given
the file, answers who owns it (département, reference, position) or None. Missing and forbidden
are the same 404, and every successful access is written to the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404

from vigie.accounts.permissions import Capability, can
from vigie.audit.models import AuditAction
from vigie.audit.services import record_event
from vigie.cells.access import access_own_cell
from vigie.evidence.models import StoredFile


@dataclass(frozen=True)
class Owner:
    departement_id: int
    reference: str  # VG-… or VC-…: names the downloaded file and the audit entry
    position: int  # 1-based rank of the file among its owner's files
    kind: str  # "report", "chat"


@dataclass(frozen=True)
class EvidenceAccess:
    file: StoredFile
    owner: Owner

    @property
    def download_name(self) -> str:
        """A neutral name: nothing of the citizen's own file name."""
        return f"piece-{self.owner.reference}-{self.owner.position}.{self.file.extension}"


def _report_owner(stored: StoredFile) -> Owner | None:
    try:
        attachment = stored.report_attachment
    except ObjectDoesNotExist:
        return None
    report = attachment.report
    # Its number among the report's files; files from before `position` existed (0) are
    # counted in order of time, then of their (then sequential) ids.
    position = attachment.position or (
        report.attachments.filter(added_at__lte=attachment.added_at)
        .exclude(added_at=attachment.added_at, id__gt=attachment.id)
        .count()
    )
    return Owner(report.departement_id, report.reference, position, "report")


def _chat_owner(stored: StoredFile) -> Owner | None:
    try:
        message = stored.chat_message
    except ObjectDoesNotExist:
        return None
    conversation = message.conversation
    position = conversation.messages.filter(attachment__isnull=False, seq__lte=message.seq).count()
    return Owner(conversation.departement_id, conversation.reference, position, "chat")


OWNERS: tuple[Callable[[StoredFile], Owner | None], ...] = (_report_owner, _chat_owner)
_RELATED = ("report_attachment__report", "chat_message__conversation")


def access_evidence(agent: Any, public_id: UUID | str, *, variant: str = "file") -> EvidenceAccess:
    cell = access_own_cell(agent)
    try:
        stored = StoredFile.objects.select_related(*_RELATED).get(public_id=public_id)
    except (StoredFile.DoesNotExist, ValueError, ValidationError) as error:
        raise Http404 from error
    owner = next((found for find in OWNERS if (found := find(stored)) is not None), None)
    if owner is None or owner.departement_id != cell.departement_id:
        raise Http404
    if owner.kind == "report" and not can(agent, Capability.HANDLE_REPORTS):
        raise Http404  # a chat-only agent sees the chats' files, not the reports'

    record_event(
        actor=agent,
        action=AuditAction.VIEW_EVIDENCE,
        target_type="evidence",
        target_id=str(stored.public_id),
        details={"owner": owner.kind, "reference": owner.reference, "variant": variant},
    )
    return EvidenceAccess(stored, owner)
