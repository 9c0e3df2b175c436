"""Writes for field officers: one business action, with its side effects."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from vigie.audit.models import AuditAction
from vigie.audit.services import record_event
from vigie.cells.models import Unit
from vigie.engine.analysis import analyse
from vigie.evidence.models import StoredFile
from vigie.evidence.services import discard_evidence
from vigie.reports.content import ReportContent
from vigie.reports.enums import Category, ReportSource
from vigie.reports.models import Report
from vigie.reports.services import attach_file, submit_report
from vigie.reports.submission import FieldError, ResolvedPlace, SubmissionInvalid


def check_place_in_cell(*, place: ResolvedPlace, unit: Unit) -> None:
    """A field report goes to the officer's own cell: a place in another département is
    refused with what to do, never sent to a cell the officer does not work with."""
    if place.departement.pk == unit.cell.departement_id:
        return
    raise SubmissionInvalid(
        [
            FieldError(
                "location.commune",
                "outside_cell",
                _(
                    "Ce lieu est dans le département %(place)s ; votre remontée va à la cellule "
                    "de votre unité (%(cell)s). Indiquez un lieu de son département, ou "
                    "transmettez l’information à la cellule du département concerné."
                )
                % {"place": place.departement, "cell": unit.cell},
            )
        ]
    )


def proposed_category(content: ReportContent) -> str:
    """The category the analysis reads in what the officer wrote (they may leave it to it)."""
    structured = content.as_structured(category="")
    found = analyse(content.description, report=structured).category
    return found if found in Category.values else Category.OTHER_CRIME


def submit_field_report(
    *,
    officer: Any,
    place: ResolvedPlace,
    content: ReportContent,
    category: str,
    photos: list[StoredFile],
    submission_id: uuid.UUID | None = None,
    received_at: datetime | None = None,
    is_demo: bool = False,
) -> Report:
    """Send an officer's observation to their cell: stored and analysed like a citizen's
    report (vigie.reports.services.submit_report, which also enqueues the linking), marked
    as field-sourced with the officer and their unit, its photos attached, and audited.

    The caller reached the officer's unit through vigie.field.access.access_field_space and
    checked the place (`check_place_in_cell`); `photos` went through
    vigie.evidence.services.store_evidence (metadata stripped). A retry of the same
    `submission_id` returns the first report and drops the photos sent again.
    """
    unit = officer.unit
    check_place_in_cell(place=place, unit=unit)
    submitted = submit_report(
        category=category or proposed_category(content),
        departement=place.departement,
        commune=place.commune,
        content=content,
        submission_id=submission_id,
        source=ReportSource.FIELD,
        field_officer=officer,
        received_at=received_at,
        is_demo=is_demo,
    )
    report = submitted.report
    if not submitted.created:
        discard_evidence(photos)
        return report
    with transaction.atomic():
        for photo in photos:
            attach_file(report=report, file=photo)
        record_event(
            actor=officer,
            action=AuditAction.SUBMIT_FIELD_REPORT,
            target_type="report",
            target_id=report.reference,
            details={"unit": unit.name, "photos": len(photos)},
        )
    return report
