import uuid

import pytest

from tests.factories import AgentFactory, submitted_report
from vigie.audit.models import AuditAction, AuditEvent
from vigie.geo.models import Commune
from vigie.reports.content import ReportContent
from vigie.reports.enums import Qualification, QualificationReason, ReportStatus
from vigie.reports.models import Report
from vigie.reports.selectors import report_content, report_for_receipt
from vigie.reports.services import qualify_report, submit_report

pytestmark = pytest.mark.django_db


def test_a_submitted_report_is_sealed_and_readable_by_the_cell() -> None:
    submitted = submitted_report(description="Guetteur au hall B, Clio grise AB-123-CD le soir.")
    stored = Report.objects.get(pk=submitted.report.pk)
    assert b"Guetteur" not in bytes(stored.sealed_content)
    assert report_content(stored).description.startswith("Guetteur au hall B")
    assert stored.departement_id == "25"
    assert stored.status == ReportStatus.RECEIVED


def test_the_analysis_is_stored_for_the_triage_queue() -> None:
    report = submitted_report().report
    assert report.triage_suggestion == "exploitable"
    assert 0 < report.score <= 100


def test_the_reception_time_is_kept_to_the_hour_only() -> None:
    report = submitted_report().report
    assert (
        report.received_at.minute,
        report.received_at.second,
        report.received_at.microsecond,
    ) == (0, 0, 0)


def test_a_retry_with_the_same_submission_id_gives_back_the_same_report() -> None:
    submission_id = uuid.uuid4()
    first = submitted_report(submission_id=submission_id)
    retry = submitted_report(submission_id=submission_id)
    assert first.created and not retry.created
    assert retry.report.pk == first.report.pk
    assert retry.secret is None
    assert Report.objects.filter(submission_id=submission_id).count() == 1


def test_the_receipt_opens_the_status_and_a_wrong_secret_does_not() -> None:
    submitted = submitted_report()
    view = report_for_receipt(reference=submitted.report.reference, secret=submitted.secret)
    assert view is not None and view.status == ReportStatus.RECEIVED
    assert report_for_receipt(reference=submitted.report.reference, secret="WRONG") is None
    assert report_for_receipt(reference="VG-0000-0000", secret=submitted.secret) is None


@pytest.mark.parametrize(
    ("qualification", "status"),
    [
        (Qualification.EXPLOITABLE, ReportStatus.IN_ANALYSIS),
        (Qualification.NOT_EXPLOITABLE, ReportStatus.CLOSED),
        (Qualification.OUT_OF_SCOPE, ReportStatus.CLOSED),
    ],
)
def test_qualifying_sets_the_citizen_visible_status(qualification, status) -> None:
    submitted = submitted_report()
    analyst = AgentFactory(analyst=True)
    qualify_report(
        report=submitted.report,
        agent=analyst,
        qualification=qualification,
        reason=QualificationReason.PRECISE_PLACE_AND_FACTS,
    )
    view = report_for_receipt(reference=submitted.report.reference, secret=submitted.secret)
    assert view.status == status
    assert [s for _, s in view.status_history] == [ReportStatus.RECEIVED, status]
    event = AuditEvent.objects.get(action=AuditAction.QUALIFY_REPORT)
    assert event.actor == analyst and event.target_id == submitted.report.reference


def test_a_new_report_is_written_without_reading_nor_deleting_anything() -> None:
    """Issue 15: no look-up of the submission id (a retry is caught by the unique constraint),
    no MAX of analysis runs, no deletion of search tokens a new report cannot have."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from vigie.crossref.tasks import deferred_linking
    from vigie.reports.models import ReportAnalysis, ReportSearchToken

    commune = Commune.objects.select_related("departement").get(code="25056")
    with deferred_linking(), CaptureQueriesContext(connection) as queries:
        submitted = submit_report(
            category="point_de_deal",
            departement=commune.departement,
            commune=commune,
            content=ReportContent(
                description="Deux jeunes vendent devant le hall B, une Clio grise AB-123-CD.",
                commune_name=commune.name,
            ),
            submission_id=uuid.uuid4(),
        )
    statements = [query["sql"].split()[0].upper() for query in queries.captured_queries]
    assert set(statements) <= {"INSERT", "SAVEPOINT", "RELEASE"}, statements
    assert ReportAnalysis.objects.get(report=submitted.report).run == 1
    assert ReportSearchToken.objects.filter(report=submitted.report).exists()
