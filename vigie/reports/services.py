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
from vigie.engine.analysis import analyse
from vigie.geo.models import Commune, Departement
from vigie.reports import receipts
from vigie.reports.content import ReportContent, seal_content
from vigie.reports.enums import (
    Category,
    Qualification,
    QualificationReason,
    ReportEventKind,
    ReportStatus,
)
from vigie.reports.models import Report, ReportEvent

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


def _hour(moment: datetime) -> datetime:
    """Citizens' times are kept to the hour: enough to order, too coarse to correlate."""
    return moment.replace(minute=0, second=0, microsecond=0)


def _analysis_input(content: ReportContent, category: str) -> dict[str, Any]:
    location: dict[str, Any] = {"address": content.address, "commune": content.commune_name}
    if content.latitude is not None and content.longitude is not None:
        location.update(lat=content.latitude, lon=content.longitude)
    return {
        "category": category,
        "description": content.description,
        "location": location,
        "observed_at": content.observed_at or None,
    }


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
    analysis = analyse(content.description, report=_analysis_input(content, str(category)))
    secret = receipts.new_secret()
    secret_hash = receipts.hash_secret(secret)
    moment = _hour(received_at or timezone.now())
    for _attempt in range(5):
        report = Report(
            reference=receipts.new_reference(),
            secret_hash=secret_hash,
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
