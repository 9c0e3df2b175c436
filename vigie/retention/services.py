"""Retention: what has outlived its purpose is deleted, contents, files and keys together.

Maximum durations come from ``settings.RETENTION`` (docs/security.md says which legal frame
sets them); an administrator may set shorter ones (`RetentionOverride`, never longer): a
report judged out of scope or not exploitable, a conversation closed without becoming a
report, an exploitable report once its purpose is served. A report still waiting
for a decision is never purged by age. Each evidence file has its own key, sealed in its row:
deleting the row and the encrypted file destroys the only copy of both. What stays is a
count per month, category and qualification (`PurgeTally`), so the cell's figures survive.

`purge_expired(now=…)` takes the clock as an argument: tests move it, production passes the
current time (`vigie retention purge`, run daily by the task worker or a timer).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, QuerySet

from vigie.audit.models import AuditAction
from vigie.audit.services import record_event
from vigie.chat.models import ChatMessage, Conversation, ConversationStatus
from vigie.evidence.models import StoredFile
from vigie.evidence.services import discard_evidence
from vigie.reports.enums import Qualification
from vigie.reports.models import Report, ReportAttachment
from vigie.retention.models import PurgedKind, PurgeRun, PurgeTally, RetentionOverride

BATCH = 200


@dataclass
class PurgeResult:
    reports: int = 0
    conversations: int = 0
    files: int = 0
    by_rule: Counter[str] = field(default_factory=Counter)


class RetentionPolicyError(ValueError):
    """A duration longer than the deployment's maximum, or not a positive number of days."""


def maximum_days(rule: str) -> int:
    """The longest this rule may keep data: set by the deployment's configuration."""
    return int(settings.RETENTION[rule])


def retention_days(rule: str) -> int:
    """The duration that applies: an administrator's shorter one, else the maximum."""
    override = RetentionOverride.objects.filter(rule=rule).values_list("days", flat=True).first()
    maximum = maximum_days(rule)
    return maximum if override is None else min(int(override), maximum)


def _days(rule: str) -> timedelta:
    return timedelta(days=retention_days(rule))


@transaction.atomic
def set_retention_days(*, by: Any, durations: dict[str, int | None]) -> dict[str, int]:
    """Set shorter durations per rule (None: back to the maximum); what changed, audited."""
    current = {rule: retention_days(rule) for rule in settings.RETENTION}
    for rule, days in durations.items():
        if rule not in settings.RETENTION:
            raise RetentionPolicyError(rule)
        if days is not None and not 1 <= days <= maximum_days(rule):
            raise RetentionPolicyError(rule)
    for rule, days in durations.items():
        if days is None or days == maximum_days(rule):
            RetentionOverride.objects.filter(rule=rule).delete()
        else:
            RetentionOverride.objects.update_or_create(rule=rule, defaults={"days": days})
    changed = {
        rule: retention_days(rule)
        for rule in settings.RETENTION
        if retention_days(rule) != current[rule]
    }
    if changed:
        record_event(actor=by, action=AuditAction.RETENTION_POLICY, details={"days": changed})
    return changed


def expired_reports(*, now: datetime) -> QuerySet[Report]:
    """Reports whose retention is over, by the rule that applies to their qualification."""
    rules = {
        "report_out_of_scope": Qualification.OUT_OF_SCOPE,
        "report_not_exploitable": Qualification.NOT_EXPLOITABLE,
        "report_exploitable": Qualification.EXPLOITABLE,
    }
    condition = Q()
    for rule, qualification in rules.items():
        condition |= Q(qualification=qualification, qualified_at__lt=now - _days(rule))
    return Report.objects.filter(condition)


def expired_conversations(*, now: datetime) -> QuerySet[Conversation]:
    return Conversation.objects.filter(
        status=ConversationStatus.CLOSED,
        report__isnull=True,
        closed_at__lt=now - _days("conversation_closed"),
    )


def _tally(kind: str, groups: Counter[tuple[int, object, str, str]]) -> None:
    for (departement_id, month, category, qualification), count in groups.items():
        tally, _ = PurgeTally.objects.get_or_create(
            departement_id=departement_id,
            month=month,
            kind=kind,
            category=category,
            qualification=qualification,
        )
        PurgeTally.objects.filter(pk=tally.pk).update(count=F("count") + count)


def _month(moment: datetime) -> object:
    return moment.date().replace(day=1)


def _purge_reports(reports: list[Report]) -> int:
    ids = [report.pk for report in reports]
    files = list(StoredFile.objects.filter(report_attachment__report_id__in=ids))
    files += list(StoredFile.objects.filter(chat_message__conversation__report_id__in=ids))
    groups = Counter(
        (r.departement_id, _month(r.received_at), r.category, r.qualification) for r in reports
    )
    with transaction.atomic():
        ReportAttachment.objects.filter(report_id__in=ids).delete()
        ChatMessage.objects.filter(conversation__report_id__in=ids).delete()
        Conversation.objects.filter(report_id__in=ids).delete()
        Report.objects.filter(pk__in=ids).delete()
        _tally(PurgedKind.REPORT, groups)
        discard_evidence(files)
    return len(files)


def _purge_conversations(conversations: list[Conversation]) -> int:
    ids = [conversation.pk for conversation in conversations]
    files = list(StoredFile.objects.filter(chat_message__conversation_id__in=ids))
    groups = Counter((c.departement_id, _month(c.started_at), "", "") for c in conversations)
    with transaction.atomic():
        ChatMessage.objects.filter(conversation_id__in=ids).delete()
        Conversation.objects.filter(pk__in=ids).delete()
        _tally(PurgedKind.CONVERSATION, groups)
        discard_evidence(files)
    return len(files)


def purge_expired(*, now: datetime, dry_run: bool = False) -> PurgeResult:
    result = PurgeResult()
    reports = expired_reports(now=now)
    conversations = expired_conversations(now=now)
    if dry_run:
        result.reports = reports.count()
        result.conversations = conversations.count()
        return result
    while batch := list(reports.order_by("pk")[:BATCH]):
        result.files += _purge_reports(batch)
        result.reports += len(batch)
        result.by_rule.update(f"report_{r.qualification}" for r in batch)
    while batch_c := list(conversations.order_by("pk")[:BATCH]):
        result.files += _purge_conversations(batch_c)
        result.conversations += len(batch_c)
    PurgeRun.objects.create(
        at=now,
        reports=result.reports,
        conversations=result.conversations,
        files=result.files,
    )
    if result.reports or result.conversations:
        record_event(
            actor=None,
            action=AuditAction.RETENTION_PURGE,
            details={
                "reports": result.reports,
                "conversations": result.conversations,
                "files": result.files,
            },
        )
    return result
