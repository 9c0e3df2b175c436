"""`vigie reports import`: API v1's structured reports, one JSON object per line.

Each line goes through what `POST /api/v1/reports` does (the API's schema, its place
resolution, the submission service: validation, sealing, analysis), without proof-of-work or
rate limits, then everything stored is linked before the command returns.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from pydantic import ValidationError

from vigie.crossref.models import ReportFeatures
from vigie.crossref.services import link_report
from vigie.crossref.tasks import deferred_linking
from vigie.reports.enums import ReportSource
from vigie.reports.submission import SubmissionInvalid
from vigie.web.api.errors import validation_errors
from vigie.web.api.reports import submit_payload
from vigie.web.api.schemas import ReportIn


@dataclass
class ImportSummary:
    stored: int = 0
    already_present: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)  # (line number, French reason)
    linked: int = 0


class LineRefused(Exception):
    pass


def _received_at(raw: object) -> datetime | None:
    if raw in (None, ""):
        return None
    if not isinstance(raw, str):
        raise LineRefused("received_at : une date ISO 8601 est attendue.")
    try:
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise LineRefused("received_at : date ISO 8601 illisible.") from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment > timezone.now():
        raise LineRefused("received_at : la date est dans le futur.")
    return moment


def _describe(errors: Iterable[object]) -> str:
    return " ; ".join(
        f"{error.field} : {error.message}" if error.field else error.message  # type: ignore[attr-defined]
        for error in errors
    )


def import_line(line: str) -> tuple[bool, int]:
    """Store one line; (created, report id). Raises LineRefused with a French reason."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise LineRefused(f"JSON illisible (colonne {error.colno}).") from None
    if not isinstance(data, dict):
        raise LineRefused("Un objet JSON est attendu par ligne.")
    received_at = _received_at(data.pop("received_at", None))
    data.pop("pow", None)
    try:
        payload = ReportIn.model_validate(data)
    except ValidationError as error:
        raise LineRefused(_describe(validation_errors(error.errors()))) from None
    try:
        submitted = submit_payload(payload, source=ReportSource.IMPORT, received_at=received_at)
    except SubmissionInvalid as invalid:
        raise LineRefused(_describe(invalid.errors)) from None
    return submitted.created, submitted.report.pk


def import_lines(
    lines: Iterable[str],
    *,
    progress: Callable[[int], None] = lambda _n: None,
    linking_progress: Callable[[int], None] = lambda _n: None,
) -> ImportSummary:
    summary = ImportSummary()
    present: list[int] = []
    with deferred_linking() as to_link:
        for number, line in enumerate(lines, start=1):
            progress(1)
            if not line.strip():
                continue
            try:
                created, report_id = import_line(line)
            except LineRefused as refusal:
                summary.refused.append((number, str(refusal)))
                continue
            if created:
                summary.stored += 1
            else:
                summary.already_present += 1
                present.append(report_id)
    # A report stored by an earlier, interrupted import but never linked is linked now.
    unlinked = set(present) - set(
        ReportFeatures.objects.filter(report_id__in=present).values_list("report_id", flat=True)
    )
    for report_id in dict.fromkeys([*to_link, *sorted(unlinked)]):
        link_report(report_id)
        summary.linked += 1
        linking_progress(1)
    return summary
