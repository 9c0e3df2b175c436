"""Reads on reports that pages need."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from vigie.cells.models import Cell
from vigie.core import receipts
from vigie.reports.content import ReportContent, open_content
from vigie.reports.enums import ReportStatus
from vigie.reports.models import Report, ReportQuerySet


def reports_awaiting_triage(*, cell: Cell) -> ReportQuerySet:
    return (
        Report.objects.in_departement(cell.departement_id)
        .awaiting_triage()
        .select_related("commune")
        .by_priority()
    )


def recently_qualified_reports(*, cell: Cell, limit: int = 20) -> ReportQuerySet:
    return (
        Report.objects.in_departement(cell.departement_id)
        .exclude(qualification="")
        .select_related("commune", "qualified_by")
        .order_by("-qualified_at")[:limit]
    )


def report_content(report: Report) -> ReportContent:
    return open_content(report.sealed_content, associated_data=report.associated_data)


@dataclass(frozen=True)
class CitizenReportView:
    """What the follow-up page may show: status and dates, no operational detail."""

    reference: str
    status: ReportStatus
    received_at: datetime
    status_history: list[tuple[datetime, ReportStatus]]


def report_for_receipt(*, reference: str, secret: str) -> CitizenReportView | None:
    """None for an unknown reference and for a wrong secret alike, in the same time."""
    normalised = receipts.normalise_reference(reference)
    report = Report.objects.filter(reference=normalised).first() if normalised else None
    if not receipts.verify_secret(secret, report.secret_hash if report else None):
        return None
    if report is None:  # unreachable: verify_secret is False whenever there is no report
        return None
    history = [
        (event.at, ReportStatus(event.to_status)) for event in report.events.order_by("at", "id")
    ]
    return CitizenReportView(
        reference=report.reference,
        status=ReportStatus(report.status),
        received_at=report.received_at,
        status_history=history,
    )
