"""Reads for the field officer's pages."""

from __future__ import annotations

from typing import Any

from vigie.reports.enums import ReportSource
from vigie.reports.models import Report, ReportQuerySet


def own_field_reports(*, officer: Any) -> ReportQuerySet:
    """What the officer sent, newest first; the sealed content is not read for a list."""
    return (
        Report.objects.filter(source=ReportSource.FIELD, field_officer=officer)
        .select_related("commune", "field_unit")
        .defer("sealed_content")
        .order_by("-received_at", "-id")
    )
