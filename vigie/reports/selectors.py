"""Reads on reports that pages need."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from vigie.cells.models import Cell
from vigie.core import receipts, sealing
from vigie.reports import search
from vigie.reports.content import ReportContent, open_content
from vigie.reports.enums import MessageAuthor, MessageKind, ReportSource, ReportStatus
from vigie.reports.models import (
    Report,
    ReportAttachment,
    ReportMessage,
    ReportQuerySet,
    ReportSearchToken,
)


def _with_unread_citizen_messages(queryset: ReportQuerySet) -> ReportQuerySet:
    """`unread_messages`: the citizen's messages and additions the cell has not opened yet.

    A correlated subquery, so a list costs one query whatever its length.
    """
    unread = (
        ReportMessage.objects.filter(
            report=OuterRef("pk"), author=MessageAuthor.CITIZEN, read_by_cell_at__isnull=True
        )
        .order_by()
        .values("report")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return queryset.annotate(
        unread_messages=Coalesce(Subquery(unread, output_field=IntegerField()), 0)
    )


def reports_awaiting_triage(*, cell: Cell) -> ReportQuerySet:
    return _with_unread_citizen_messages(
        Report.objects.in_departement(cell.departement_id)
        .awaiting_triage()
        .select_related("commune", "field_unit")
        .with_dossier()
        .by_priority()
    )


def recently_qualified_reports(*, cell: Cell, limit: int = 20) -> ReportQuerySet:
    return _with_unread_citizen_messages(
        Report.objects.in_departement(cell.departement_id)
        .exclude(qualification="")
        .select_related("commune", "qualified_by", "field_unit")
        .order_by("-qualified_at")
    )[:limit]


def reports_with_unread_messages(*, cell: Cell) -> ReportQuerySet:
    """Every report of the cell with a citizen message not read yet, whatever its age or
    status: a message stays flagged until someone opens the thread. Oldest unread first."""
    unread = ReportMessage.objects.filter(
        report=OuterRef("pk"), author=MessageAuthor.CITIZEN, read_by_cell_at__isnull=True
    )
    oldest = unread.order_by("at", "id").values("at")[:1]
    # The reports are found from the unread messages (a partial index holds only those), not
    # by probing every report of the département: the cost follows the unread, not the total.
    with_unread = ReportMessage.objects.filter(
        author=MessageAuthor.CITIZEN, read_by_cell_at__isnull=True
    ).values("report_id")
    return _with_unread_citizen_messages(
        Report.objects.in_departement(cell.departement_id)
        .filter(pk__in=with_unread)
        .select_related("commune", "field_unit")
        .annotate(oldest_unread_at=Subquery(oldest))
        .order_by("oldest_unread_at", "id")
    )


@dataclass(frozen=True)
class ReportFilters:
    """What the cell's list of reports is narrowed to; empty values filter nothing."""

    words: str = ""  # a reference, a commune, or a plate, phone number or handle
    received_from: date | None = None
    received_to: date | None = None
    commune: str = ""  # INSEE code or name
    category: str = ""
    triage: str = ""
    status: str = ""
    source: str = ""  # ReportSource: citizen form, API, chat, import, field
    has_evidence: bool | None = None
    has_unread_messages: bool = False
    sort: str = "recent"


REPORT_SORTS: dict[str, Callable[[ReportQuerySet], ReportQuerySet]] = {
    "recent": lambda reports: reports.order_by("-received_at", "-id"),
    "oldest": lambda reports: reports.order_by("received_at", "id"),
    "score": lambda reports: reports.order_by("-score", "-received_at", "-id"),
    "priority": lambda reports: reports.by_priority(),
}


def _matching_words(words: str) -> Q:
    """A reference (as typed), a commune's name or code, or an entity's blind index."""
    match = Q(commune__name__icontains=words) | Q(commune_id=words)
    reference = receipts.normalise_reference(words, default_prefix=receipts.REPORT_PREFIX)
    match |= Q(reference=reference) if reference else Q(reference__icontains=words)
    found = search.query_tokens(search.query_values(words))
    if found:
        match |= Exists(
            ReportSearchToken.objects.filter(
                report=OuterRef("pk"), token__in=[token for _kind, token in found]
            )
        )
    return match


def search_reports(*, cell: Cell, filters: ReportFilters) -> ReportQuerySet:
    """Every report of the cell, narrowed and sorted; one query for a page of any length."""
    reports = (
        Report.objects.in_departement(cell.departement_id)
        .select_related("commune", "field_unit")
        .with_dossier()
    )
    words = filters.words.strip()
    if words:
        reports = reports.filter(_matching_words(words))
    if filters.received_from:
        reports = reports.filter(received_at__date__gte=filters.received_from)
    if filters.received_to:
        reports = reports.filter(received_at__date__lte=filters.received_to)
    commune = filters.commune.strip()
    if commune:
        reports = reports.filter(Q(commune_id=commune) | Q(commune__name__iexact=commune))
    for field, value in (
        ("category", filters.category),
        ("triage_suggestion", filters.triage),
        ("status", filters.status),
        ("source", filters.source),
    ):
        if value:
            reports = reports.filter(**{field: value})
    reports = reports.annotate(
        has_evidence=Exists(ReportAttachment.objects.filter(report=OuterRef("pk")))
    )
    if filters.has_evidence is not None:
        reports = reports.filter(has_evidence=filters.has_evidence)
    reports = _with_unread_citizen_messages(reports)
    if filters.has_unread_messages:
        reports = reports.filter(unread_messages__gt=0)
    return REPORT_SORTS.get(filters.sort, REPORT_SORTS["recent"])(reports)


def report_in_departement(*, reference: str, departement_code: str) -> Report | None:
    """A report named by its reference (as typed) among the département's, or None."""
    normalised = receipts.normalise_reference(reference, default_prefix=receipts.REPORT_PREFIX)
    if not normalised.startswith(receipts.REPORT_PREFIX):
        return None
    return Report.objects.filter(reference=normalised, departement_id=departement_code).first()


def report_content(report: Report) -> ReportContent:
    return open_content(report.sealed_content, associated_data=report.associated_data)


@dataclass(frozen=True)
class CitizenMessage:
    public_id: str
    author: MessageAuthor
    kind: MessageKind
    at: datetime
    text: str


@dataclass(frozen=True)
class CitizenReportView:
    """What the follow-up page may show: status, dates and the thread, no operational detail."""

    reference: str
    status: ReportStatus
    received_at: datetime
    status_history: list[tuple[datetime, ReportStatus]]
    messages: list[CitizenMessage]
    attachment_count: int
    # The neutral message the cell chose when it closed the report ('' until then).
    closing_message: str = ""


def _receipt_reference(reference: str) -> str:
    """The normalised reference of a report's receipt: ``VG-…``, or the ``VC-…`` of the
    conversation the report was made from (one receipt follows both); '' when malformed."""
    normalised = receipts.normalise_reference(reference, default_prefix=receipts.REPORT_PREFIX)
    return normalised if normalised.startswith(receipts.PREFIXES) else ""


def report_by_receipt(*, reference: str, secret: str) -> Report | None:
    """None for an unknown reference and for a wrong secret alike, in the same time.

    A conversation's receipt (``VC-…``) opens the report the cell made of it: the citizen
    keeps one receipt, and the report was sealed to that receipt's key (vigie.chat.services).

    A field report is never found: it has no receipt (and no secret hash), and is left out
    here as well, so no citizen path can reach one whatever its columns hold.
    """
    normalised = _receipt_reference(reference)
    report: Report | None = None
    secret_hash: str | None = None
    receipted = Report.objects.exclude(source=ReportSource.FIELD)
    if normalised.startswith(receipts.CONVERSATION_PREFIX):
        report = (
            receipted.select_related("conversation")
            .filter(conversation__reference=normalised)
            .first()
        )
        conversation = report.conversation if report else None  # type: ignore[attr-defined]
        secret_hash = conversation.secret_hash if conversation else None
        if report and bytes(report.citizen_key) != bytes(conversation.citizen_key):
            # Converted before reports were sealed to the conversation's key: the receipt
            # cannot open its thread, so it keeps opening the conversation only.
            report = None
    elif normalised:
        report = receipted.filter(reference=normalised).first()
        secret_hash = report.secret_hash if report else None
    if not receipts.verify_secret(secret, secret_hash):
        return None
    return report


def _thread(report: Report, opened: Callable[[ReportMessage], bytes]) -> list[CitizenMessage]:
    return [
        CitizenMessage(
            public_id=str(message.public_id),
            author=MessageAuthor(message.author),
            kind=MessageKind(message.kind),
            at=message.at,
            text=opened(message).decode(),
        )
        # In the order written: a citizen's time is rounded down to the hour, so a reply can
        # carry an earlier `at` than the cell's question it answers.
        for message in report.messages.order_by("id")
    ]


def citizen_messages(
    report: Report, *, secret: str, receipt_reference: str = ""
) -> list[CitizenMessage]:
    """The thread, opened with the key derived from the receipt (not the cell's key).

    `receipt_reference`: the reference the receipt was issued with, when it is not the
    report's own (a report made from a conversation follows the conversation's receipt)."""
    return _thread(
        report,
        lambda message: sealing.open_for_citizen(
            message.sealed_for_citizen,
            secret=secret,
            reference=receipt_reference or report.reference,
            associated_data=message.associated_data,
        ),
    )


def report_for_receipt(*, reference: str, secret: str) -> CitizenReportView | None:
    """None for an unknown reference and for a wrong secret alike, in the same time."""
    report = report_by_receipt(reference=reference, secret=secret)
    if report is None:
        return None
    # A re-qualification that keeps the status is the cell's business, not a new step.
    history = [
        (event.at, ReportStatus(event.to_status))
        for event in report.events.order_by("at", "id")
        if event.from_status != event.to_status
    ]
    receipt_reference = _receipt_reference(reference)
    return CitizenReportView(
        reference=receipt_reference,
        status=ReportStatus(report.status),
        received_at=report.received_at,
        status_history=history,
        messages=citizen_messages(report, secret=secret, receipt_reference=receipt_reference),
        attachment_count=report.attachments.count(),
        closing_message=(
            report.get_closing_message_display() if report.status == ReportStatus.CLOSED else ""
        ),
    )


def cell_messages(report: Report) -> list[CitizenMessage]:
    """The thread as the back office reads it (cell key); callers audit the access."""
    return _thread(
        report,
        lambda message: sealing.open_for_cell(
            message.sealed_for_cell, associated_data=message.associated_data
        ),
    )
