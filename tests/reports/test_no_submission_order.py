"""Issue 12 finding 4: a stolen database does not tell in which order the reports of an hour
were submitted (times are kept to the hour; ids were sequential)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from tests.engine.media.samples import jpeg_with_everything
from tests.factories import report
from vigie.crossref.models import DossierMember, EntityToken, Link, ReportFeatures
from vigie.evidence.models import StoredFile
from vigie.evidence.services import store_evidence
from vigie.reports.models import (
    Report,
    ReportAnalysis,
    ReportAttachment,
    ReportEvent,
    ReportSearchToken,
)
from vigie.reports.services import attach_file

pytestmark = pytest.mark.django_db
COUNT = 12


@pytest.fixture(autouse=True)
def evidence_dir(settings, tmp_path: Path) -> None:
    settings.EVIDENCE_DIR = tmp_path / "evidence"


def _in_order(rows: list[int]) -> bool:
    return rows == sorted(rows)


def _order_by_id(model: type[models.Model], rank: dict[int, int], via: str) -> list[int]:
    pairs = model.objects.order_by("pk").values_list(via, flat=True)
    return [rank[value] for value in pairs if value in rank]


def test_ids_do_not_number_submissions_in_order() -> None:
    made: list[Report] = []
    for n in range(COUNT):
        made.append(
            report(
                description=f"Point de vente au hall {n}, le numéro 06 12 34 56 {n:02d} "
                "répond tous les soirs, et 06 99 88 77 66 aussi."
            )
        )
        upload = SimpleUploadedFile("p.jpg", jpeg_with_everything(), "image/jpeg")
        attach_file(report=made[-1], file=store_evidence(upload))
    rank = {r.pk: n for n, r in enumerate(made)}
    files = {a.file_id: rank[a.report_id] for a in ReportAttachment.objects.all()}
    tables = {
        "Report": _order_by_id(Report, rank, "pk"),
        "ReportEvent": _order_by_id(ReportEvent, rank, "report_id"),
        "ReportAnalysis": _order_by_id(ReportAnalysis, rank, "report_id"),
        "ReportSearchToken": _order_by_id(ReportSearchToken, rank, "report_id"),
        "ReportAttachment": _order_by_id(ReportAttachment, rank, "report_id"),
        "StoredFile": _order_by_id(StoredFile, files, "pk"),
        "EntityToken": _order_by_id(EntityToken, rank, "report_id"),
        "ReportFeatures": _order_by_id(ReportFeatures, rank, "report_id"),
        "Link": _order_by_id(Link, rank, "report_b_id"),
        "DossierMember": _order_by_id(DossierMember, rank, "report_id"),
    }
    for name, order in tables.items():
        assert len(order) >= COUNT, name  # the session made what is looked at
        # Sequential ids gave a non-decreasing order; random ones, 1 chance in ~12! not to.
        assert not _in_order(order), name


def test_a_reports_runs_and_files_keep_their_order_within_the_hour(
    django_capture_on_commit_callbacks,
) -> None:
    made = report()
    for _ in range(3):
        upload = SimpleUploadedFile("p.jpg", jpeg_with_everything(), "image/jpeg")
        with django_capture_on_commit_callbacks(execute=True):
            attach_file(report=made, file=store_evidence(upload))
    assert [a.position for a in made.attachments.all()] == [1, 2, 3]
    runs = list(made.analyses.all())
    assert [run.run for run in runs] == list(range(1, len(runs) + 1))
    assert runs[-1].attachment_count == 3  # the latest run is last
