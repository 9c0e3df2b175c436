"""Writes on reports: each function is one business action with its side effects."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from vigie.audit.models import AuditAction
from vigie.audit.services import record_event
from vigie.core import receipts, sealing
from vigie.core.privacy import to_the_hour
from vigie.crossref.tasks import enqueue_linking
from vigie.engine.analysis import analyse
from vigie.geo.models import Commune, Departement
from vigie.reports.content import ReportContent, seal_content
from vigie.reports.enums import (
    Category,
    MessageAuthor,
    MessageKind,
    Qualification,
    QualificationReason,
    ReportEventKind,
    ReportStatus,
)
from vigie.reports.models import Report, ReportAttachment, ReportEvent, ReportMessage

STATUS_AFTER_QUALIFICATION = {
    Qualification.EXPLOITABLE: ReportStatus.IN_ANALYSIS,
    Qualification.NOT_EXPLOITABLE: ReportStatus.CLOSED,
    Qualification.OUT_OF_SCOPE: ReportStatus.CLOSED,
}


@dataclass(frozen=True)
class SubmittedReport:
    report: Report
    # None when a retry of an earlier submission returned the existing report: the secret
    # was shown once and only its hash is kept.
    secret: str | None
    created: bool


def submit_report(
    *,
    category: Category | str,
    departement: Departement,
    commune: Commune | None,
    content: ReportContent,
    submission_id: uuid.UUID | None = None,
    is_demo: bool = False,
    received_at: datetime | None = None,
) -> SubmittedReport:
    """Store a citizen's report sealed, and hand back its receipt (secret shown only once)."""
    if submission_id is not None:
        existing = Report.objects.filter(submission_id=submission_id).first()
        if existing is not None:
            return SubmittedReport(report=existing, secret=None, created=False)
    analysis = analyse(content.description, report=content.as_structured(category=str(category)))
    secret = receipts.new_secret()
    secret_hash = receipts.hash_secret(secret)
    moment = to_the_hour(received_at or timezone.now())
    for _attempt in range(5):
        reference = receipts.new_reference(receipts.REPORT_PREFIX)
        report = Report(
            reference=reference,
            secret_hash=secret_hash,
            citizen_key=receipts.citizen_public_key(secret, reference=reference),
            submission_id=submission_id,
            departement=departement,
            commune=commune,
            category=category,
            received_at=moment,
            triage_suggestion=analysis.triage,
            score=analysis.score,
            missing=[missing.code for missing in analysis.missing],
            is_demo=is_demo,
        )
        report.sealed_content = seal_content(content, associated_data=report.associated_data)
        try:
            with transaction.atomic():
                report.save()
                ReportEvent.objects.create(
                    report=report,
                    kind=ReportEventKind.SUBMITTED,
                    at=moment,
                    to_status=ReportStatus.RECEIVED,
                )
        except IntegrityError:
            if submission_id is not None:
                raced = Report.objects.filter(submission_id=submission_id).first()
                if raced is not None:
                    return SubmittedReport(report=raced, secret=None, created=False)
            continue  # a reference collision: draw another one
        enqueue_linking(report.pk)  # cross-referencing runs on the back office (vigie.crossref)
        return SubmittedReport(report=report, secret=secret, created=True)
    raise RuntimeError("could not allocate a unique report reference")


def qualify_report(
    *,
    report: Report,
    agent: Any,
    qualification: Qualification | str,
    reason: QualificationReason | str,
) -> Report:
    """Record the analyst's decision; the citizen sees the resulting status."""
    qualification = Qualification(qualification)
    now = timezone.now()
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        previous_status = locked.status
        locked.qualification = qualification
        locked.qualification_reason = QualificationReason(reason)
        locked.qualified_at = now
        locked.qualified_by = agent
        locked.status = STATUS_AFTER_QUALIFICATION[qualification]
        locked.save(
            update_fields=[
                "qualification",
                "qualification_reason",
                "qualified_at",
                "qualified_by",
                "status",
            ]
        )
        ReportEvent.objects.create(
            report=locked,
            kind=ReportEventKind.QUALIFIED,
            at=now,
            actor=agent,
            from_status=previous_status,
            to_status=locked.status,
        )
        record_event(
            actor=agent,
            action=AuditAction.QUALIFY_REPORT,
            target_type="report",
            target_id=locked.reference,
            details={"qualification": qualification.value, "reason": str(reason)},
        )
    return locked


def _seal_message(message: ReportMessage, text: str) -> None:
    message.sealed_for_cell, message.sealed_for_citizen = sealing.seal_for_both(
        text.encode(),
        citizen_public=bytes(message.report.citizen_key),
        associated_data=message.associated_data,
    )


def post_citizen_message(
    *,
    report: Report,
    text: str,
    kind: MessageKind | str = MessageKind.MESSAGE,
    message_id: uuid.UUID | None = None,
) -> ReportMessage:
    """A message or an addition from the citizen (already authenticated by their receipt).

    Idempotent on `message_id`: a form posted twice, or a retried API call, adds it once.
    """
    if message_id is not None:
        existing = ReportMessage.objects.filter(public_id=message_id, report=report).first()
        if existing is not None:
            return existing
    message = ReportMessage(
        report=report,
        public_id=message_id or uuid.uuid4(),
        author=MessageAuthor.CITIZEN,
        kind=MessageKind(kind),
        at=to_the_hour(timezone.now()),
    )
    _seal_message(message, text)
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        return ReportMessage.objects.get(public_id=message.public_id, report=report)
    if message.kind == MessageKind.ADDITION:
        enqueue_linking(report.pk)  # an addition may name a plate or a phone: link again
    return message


def post_cell_message(*, report: Report, agent: Any, text: str) -> ReportMessage:
    """The cell writes to the citizen (a question, a thank-you); audited."""
    message = ReportMessage(
        report=report,
        public_id=uuid.uuid4(),
        author=MessageAuthor.CELL,
        agent=agent,
        at=timezone.now(),
    )
    _seal_message(message, text)
    with transaction.atomic():
        message.save()
        record_event(
            actor=agent,
            action=AuditAction.MESSAGE_CITIZEN,
            target_type="report",
            target_id=report.reference,
            details={},
        )
    return message


def mark_thread_read(*, report: Report) -> list[uuid.UUID]:
    """The cell opened the thread: the citizen's unread messages stop being flagged.

    Returns the ids of the messages that were unread, for the page to highlight them once.
    """
    unread = report.messages.filter(author=MessageAuthor.CITIZEN, read_by_cell_at__isnull=True)
    public_ids = list(unread.values_list("public_id", flat=True))
    if public_ids:
        report.messages.filter(public_id__in=public_ids).update(read_by_cell_at=timezone.now())
    return public_ids


def attach_file(*, report: Report, file: Any) -> ReportAttachment:
    """Link a stored, cleaned and encrypted evidence file (`vigie.evidence`) to a report."""
    return ReportAttachment.objects.create(
        report=report, file=file, added_at=to_the_hour(timezone.now())
    )
