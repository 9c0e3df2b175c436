"""Writes on reports: each function is one business action with its side effects."""

from __future__ import annotations

import dataclasses
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from vigie.audit.models import AuditAction
from vigie.audit.services import record_event
from vigie.core import metrics, receipts, sealing
from vigie.core.keys import MissingKeyError
from vigie.core.privacy import to_the_hour
from vigie.core.write_turn import write_turn
from vigie.crossref.tasks import enqueue_linking
from vigie.engine.analysis import Analysis, analyse
from vigie.geo.models import Commune, Departement
from vigie.notifications.events import announce_urgent_report
from vigie.reports import search
from vigie.reports.content import ReportContent, open_content, seal_content
from vigie.reports.enums import (
    AnalysisTrigger,
    Category,
    MessageAuthor,
    MessageKind,
    MissingElement,
    Qualification,
    QualificationReason,
    ReportEventKind,
    ReportSource,
    ReportStatus,
    Triage,
)
from vigie.reports.models import (
    Report,
    ReportAnalysis,
    ReportAttachment,
    ReportEvent,
    ReportMessage,
    ReportSearchToken,
)
from vigie.reports.tasks import enqueue_reanalysis

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
    source: ReportSource = ReportSource.WEB_FORM,
    field_officer: Any = None,
) -> SubmittedReport:
    """Store a citizen's report sealed, and hand back its receipt (secret shown only once).

    Every caller names its `source` (tests/test_conventions.py checks it). A field report
    (`field_officer`, an officer of a unit: vigie.field.services) gets no receipt: no secret
    hash and no citizen key, so no follow-up can open it, and its secret is None.

    A retry (the same `submission_id`) is found by the unique constraint when its insert fails,
    not looked up first: one query fewer for every new report, for a rare retry that pays its
    analysis and sealing for nothing.
    """
    is_field = source == ReportSource.FIELD
    if is_field != (field_officer is not None):
        raise ValueError("a field report, and only one, names its officer")
    analysis = _analyse(content, category=str(category))
    secret = None if is_field else receipts.new_secret()
    secret_hash = receipts.hash_secret(secret) if secret else ""
    moment = to_the_hour(received_at or timezone.now())
    for _attempt in range(5):
        reference = receipts.new_reference(receipts.REPORT_PREFIX)
        report = Report(
            reference=reference,
            secret_hash=secret_hash,
            citizen_key=receipts.citizen_public_key(secret, reference=reference) if secret else b"",
            submission_id=submission_id,
            source=source,
            field_officer=field_officer,
            field_unit=field_officer.unit if is_field else None,
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
            with write_turn(), transaction.atomic():
                report.save()
                ReportEvent.objects.create(
                    report=report,
                    kind=ReportEventKind.SUBMITTED,
                    at=moment,
                    to_status=ReportStatus.RECEIVED,
                )
                _record_analysis(report, analysis, trigger=AnalysisTrigger.SUBMITTED, first=True)
                if analysis.triage == Triage.URGENT:
                    announce_urgent_report(report)
                # Cross-referencing runs on the back office's worker (vigie.crossref): its row
                # in the tasks table is committed with the report, one transaction, not two.
                enqueue_linking(report.pk)
        except IntegrityError:
            if submission_id is not None:
                raced = Report.objects.filter(submission_id=submission_id).first()
                if raced is not None:
                    return SubmittedReport(report=raced, secret=None, created=False)
            continue  # a reference collision: draw another one
        metrics.REPORTS_STORED.inc()
        return SubmittedReport(report=report, secret=secret, created=True)
    raise RuntimeError("could not allocate a unique report reference")


def qualify_report(
    *,
    report: Report,
    agent: Any,
    qualification: Qualification | str,
    reason: QualificationReason | str,
    note: str = "",
    related_report: Report | None = None,
    now: datetime | None = None,
) -> Report:
    """Record the analyst's decision; the citizen sees the resulting status.

    The caller has checked that the reason fits (`check_qualification`); the history keeps
    what changed, from which value and reason to which.
    """
    qualification = Qualification(qualification)
    reason = QualificationReason(reason)
    now = now or timezone.now()
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        previous_status = locked.status
        event = ReportEvent(
            report=locked,
            kind=ReportEventKind.QUALIFIED,
            at=now,
            actor=agent,
            from_status=previous_status,
            from_qualification=locked.qualification,
            from_reason=locked.qualification_reason,
            qualification=qualification,
            reason=reason,
            note=note,
            related_report=related_report,
        )
        locked.qualification = qualification
        locked.qualification_reason = reason
        locked.qualification_note = note
        locked.related_report = related_report
        locked.qualified_at = now
        locked.qualified_by = agent
        locked.status = STATUS_AFTER_QUALIFICATION[qualification]
        locked.save(
            update_fields=[
                "qualification",
                "qualification_reason",
                "qualification_note",
                "related_report",
                "qualified_at",
                "qualified_by",
                "status",
            ]
        )
        event.to_status = locked.status
        event.save()
        details = {"qualification": qualification.value, "reason": reason.value}
        if related_report is not None:
            details["related"] = related_report.reference
        record_event(
            actor=agent,
            action=AuditAction.QUALIFY_REPORT,
            target_type="report",
            target_id=locked.reference,
            details=details,
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
            if message.kind == MessageKind.ADDITION:
                # An addition may name a plate or a phone: analysed again, then linked again,
                # by the worker (vigie.reports.tasks), queued with the message.
                if text.strip():
                    enqueue_reanalysis(report.pk, AnalysisTrigger.ADDITION, link_after=True)
                else:
                    enqueue_linking(report.pk)
    except IntegrityError:
        return ReportMessage.objects.get(public_id=message.public_id, report=report)
    return message


def post_cell_message(*, report: Report, agent: Any, text: str) -> ReportMessage:
    """The cell writes to the citizen (a question, a thank-you); audited.

    A field report has no citizen to write to (no key): refused, the page offers no form."""
    if report.is_field_report or not bytes(report.citizen_key):
        raise ValueError("this report has no citizen to write to")
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


def _next(rows: Any, field: str) -> int:
    """The next number of a report's runs or files (the caller holds the report's lock, or
    is creating the report): ids are random, times are to the hour."""
    return int(rows.aggregate(last=Max(field))["last"] or 0) + 1


def attach_file(*, report: Report, file: Any) -> ReportAttachment:
    """Link a stored, cleaned and encrypted evidence file (`vigie.evidence`) to a report,
    and queue its re-analysis (the worker's): evidence changes what it lacks."""
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        attachment = ReportAttachment.objects.create(
            report=locked,
            file=file,
            added_at=to_the_hour(timezone.now()),
            position=_next(locked.attachments, "position"),
        )
        enqueue_reanalysis(report.pk, AnalysisTrigger.FILES)
    return attachment


# --- Analysis runs -------------------------------------------------------------------------


def _analyse(
    content: ReportContent,
    *,
    category: str,
    additions: Sequence[str] = (),
    attachment_count: int = 0,
) -> Analysis:
    """The analysis of everything known of a report: its text, the citizen's additions, its
    structured fields and its evidence files."""
    text = "\n\n".join([content.description, *additions])
    structured = content.as_structured(category=category)
    structured["attachments"] = attachment_count
    analysis = analyse(text, report=structured)
    if attachment_count and any(m.code == MissingElement.EVIDENCE for m in analysis.missing):
        # Files are facts the text cannot show; the engine reads only words.
        missing = tuple(m for m in analysis.missing if m.code != MissingElement.EVIDENCE)
        analysis = dataclasses.replace(analysis, missing=missing)
    return analysis


def _record_analysis(
    report: Report,
    analysis: Analysis,
    *,
    trigger: AnalysisTrigger,
    attachment_count: int = 0,
    first: bool = False,
) -> ReportAnalysis:
    """Store one run (its entities sealed) and rewrite the report's search tokens from it.

    `first`: the report is being created in this transaction: run 1, no tokens to delete.
    """
    run = ReportAnalysis(
        report=report,
        run=1 if first else _next(report.analyses, "run"),
        public_id=uuid.uuid4(),
        # A citizen's submission or addition is dated to the hour, like the report; an
        # agent's re-analysis to the second.
        at=timezone.now() if trigger == AnalysisTrigger.REANALYSIS else to_the_hour(timezone.now()),
        trigger=trigger,
        triage=analysis.triage,
        category=analysis.category or "",
        score=analysis.score,
        missing=[missing.code for missing in analysis.missing],
        attachment_count=attachment_count,
    )
    entities = analysis.entities
    if entities.plates or entities.partial_plates or entities.phones or entities.handles:
        run.sealed_entities = sealing.seal_for_cell(
            json.dumps(entities.to_dict(), ensure_ascii=False).encode(),
            associated_data=run.associated_data,
        )
    run.save()
    try:
        version, found = search.tokens(search.entity_values(entities))
    except MissingKeyError:
        version, found = 1, set()  # an intake without the index key: indexed when re-analysed
    if not first:
        report.search_tokens.all().delete()
    ReportSearchToken.objects.bulk_create(
        ReportSearchToken(report=report, kind=kind, token=token, key_version=version)
        for kind, token in found
    )
    return run


def reanalyse_report(*, report_pk: int, trigger: AnalysisTrigger | str) -> ReportAnalysis | None:
    """Analyse a report again with what came after it: additions and files.

    On a host that cannot open reports (a public intake holding only the public key), the
    report is flagged and the back office re-analyses it when it is next opened.
    """
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report_pk)
        try:
            content = open_content(report.sealed_content, associated_data=report.associated_data)
            additions = [
                sealing.open_for_cell(
                    message.sealed_for_cell, associated_data=message.associated_data
                ).decode()
                for message in report.messages.filter(
                    author=MessageAuthor.CITIZEN, kind=MessageKind.ADDITION
                ).order_by("id")
            ]
        except MissingKeyError:
            if not report.needs_reanalysis:
                report.needs_reanalysis = True
                report.save(update_fields=["needs_reanalysis"])
            return None
        attachment_count = report.attachments.count()
        analysis = _analyse(
            content,
            category=report.category,
            additions=[text for text in additions if text.strip()],
            attachment_count=attachment_count,
        )
        was_urgent = report.triage_suggestion == Triage.URGENT
        report.triage_suggestion = analysis.triage
        report.score = analysis.score
        report.missing = [missing.code for missing in analysis.missing]
        report.needs_reanalysis = False
        report.save(update_fields=["triage_suggestion", "score", "missing", "needs_reanalysis"])
        run = _record_analysis(
            report, analysis, trigger=AnalysisTrigger(trigger), attachment_count=attachment_count
        )
        if analysis.triage == Triage.URGENT and not was_urgent:
            announce_urgent_report(report)
    return run
