"""Issue 9 item 14: what comes after a report (files, information) is analysed too, with history."""

from __future__ import annotations

import json
import shutil

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from tests.engine.media.samples import jpeg_with_everything
from tests.factories import AgentFactory, report
from vigie.core import sealing
from vigie.evidence.services import store_evidence
from vigie.reports.enums import AnalysisTrigger, MessageKind
from vigie.reports.models import ReportSearchToken
from vigie.reports.search import query_tokens, query_values
from vigie.reports.services import attach_file, post_citizen_message

pytestmark = pytest.mark.django_db


def _photo():
    return store_evidence(SimpleUploadedFile("x", jpeg_with_everything()))


def test_a_photo_attached_after_submission_is_no_longer_missing(
    client, django_capture_on_commit_callbacks
) -> None:
    doubs = report()
    assert "preuves" in doubs.missing
    with django_capture_on_commit_callbacks(execute=True):
        attach_file(report=doubs, file=_photo())
    doubs.refresh_from_db()
    assert "preuves" not in doubs.missing
    runs = list(doubs.analyses.all())
    assert [run.trigger for run in runs] == [AnalysisTrigger.SUBMITTED, AnalysisTrigger.FILES]
    assert "preuves" in runs[0].missing and runs[1].attachment_count == 1
    client.force_login(AgentFactory(analyst=True))
    html = client.get(reverse("backoffice:report_detail", args=[doubs.public_id])).content.decode()
    assert "preuves" not in html.split('data-testid="missing"')[1].split("</p>")[0]
    assert 'data-testid="analysis-history"' in html
    assert "Pièces jointes ajoutées" in html


def test_the_citizens_addition_is_analysed_and_searchable(
    django_capture_on_commit_callbacks,
) -> None:
    doubs = report(description="Du trafic tous les soirs devant le 4 rue Battant, hall A.")
    with django_capture_on_commit_callbacks(execute=True):
        post_citizen_message(
            report=doubs,
            text="Le vendeur repart dans une 308 noire immatriculée EF-456-GH.",
            kind=MessageKind.ADDITION,
        )
    latest = doubs.analyses.last()
    assert latest is not None and latest.trigger == AnalysisTrigger.ADDITION
    entities = json.loads(
        sealing.open_for_cell(latest.sealed_entities, associated_data=latest.associated_data)
    )
    assert "EF-456-GH" in entities["plates"]
    assert b"EF-456-GH" not in bytes(latest.sealed_entities)
    wanted = {token for _kind, token in query_tokens(query_values("ef456gh"))}
    assert ReportSearchToken.objects.filter(report=doubs, token__in=wanted).exists()


def test_a_plain_message_does_not_rerun_the_analysis(django_capture_on_commit_callbacks) -> None:
    doubs = report()
    with django_capture_on_commit_callbacks(execute=True):
        post_citizen_message(report=doubs, text="Merci.")
    assert doubs.analyses.count() == 1


def test_an_addition_on_a_host_that_cannot_open_reports_is_analysed_in_the_back_office(
    client, settings, tmp_path, django_capture_on_commit_callbacks
) -> None:
    doubs = report()
    back_office_keys = settings.KEYS_DIR
    intake_keys = tmp_path / "intake-keys"
    intake_keys.mkdir()
    for name in ("reports.pub", "blind_index.key"):
        shutil.copy(back_office_keys / name, intake_keys / name)
    settings.KEYS_DIR = intake_keys  # a public intake: it can seal, not open
    with django_capture_on_commit_callbacks(execute=True):
        attach_file(report=doubs, file=_photo())
    doubs.refresh_from_db()
    assert doubs.needs_reanalysis and "preuves" in doubs.missing
    settings.KEYS_DIR = back_office_keys
    client.force_login(AgentFactory(analyst=True))
    client.get(reverse("backoffice:report_detail", args=[doubs.public_id]))
    doubs.refresh_from_db()
    assert not doubs.needs_reanalysis and "preuves" not in doubs.missing


def test_reports_stored_before_runs_were_kept_are_reanalysed_once() -> None:
    older = report()
    older.analyses.all().delete()
    older.search_tokens.all().delete()
    call_command("reanalyse_reports", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("reanalyse_reports", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [run.trigger for run in older.analyses.all()] == [AnalysisTrigger.REANALYSIS]
    assert older.search_tokens.exists()


DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _queued(task) -> list:
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return list(
        DBTaskResult.objects.filter(task_path=task.module_path, status=TaskResultStatus.READY)
    )


def _run_queued(task) -> None:
    """What the worker does with each queued row (its own command closes the test's connection)."""
    for queued in _queued(task):
        task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])


def test_a_photo_is_reanalysed_by_the_worker_not_in_the_citizens_request(settings) -> None:
    """Issue 15: the request writes the file and a queued task with it; the worker analyses."""
    from vigie.reports.tasks import reanalyse_report_task

    settings.TASKS = DB_TASKS
    doubs = report()
    attach_file(report=doubs, file=_photo())
    doubs.refresh_from_db()
    assert doubs.analyses.count() == 1 and "preuves" in doubs.missing  # nothing analysed yet
    [queued] = _queued(reanalyse_report_task)
    assert queued.args_kwargs["args"] == [doubs.pk, AnalysisTrigger.FILES.value, False]
    _run_queued(reanalyse_report_task)
    doubs.refresh_from_db()
    assert "preuves" not in doubs.missing
    assert [run.trigger for run in doubs.analyses.all()] == [
        AnalysisTrigger.SUBMITTED,
        AnalysisTrigger.FILES,
    ]


def test_an_addition_is_reanalysed_then_linked_by_the_worker(settings) -> None:
    from vigie.crossref.tasks import link_report_task
    from vigie.reports.tasks import reanalyse_report_task

    settings.TASKS = DB_TASKS
    doubs = report(description="Du trafic tous les soirs devant le 4 rue Battant, hall A.")
    already_linking = len(_queued(link_report_task))
    post_citizen_message(
        report=doubs,
        text="Le vendeur repart dans une 308 noire immatriculée EF-456-GH.",
        kind=MessageKind.ADDITION,
    )
    assert doubs.analyses.count() == 1
    # Linked only once the addition's entities are known: after the re-analysis.
    assert len(_queued(link_report_task)) == already_linking
    assert len(_queued(reanalyse_report_task)) == 1
    _run_queued(reanalyse_report_task)
    assert doubs.analyses.last().trigger == AnalysisTrigger.ADDITION
    assert len(_queued(link_report_task)) == already_linking + 1


@pytest.mark.django_db(transaction=True)
def test_a_reanalysis_is_queued_with_the_writes_that_call_for_it(
    settings, doubs_geography: None
) -> None:
    """A file whose transaction rolls back leaves no task behind, and none runs without one.

    A transactional test flushes the tables when it ends, the reference geography included:
    this one loads what it needs instead of finding what another test left."""
    from django.db import transaction

    from vigie.reports.tasks import enqueue_reanalysis, reanalyse_report_task

    settings.TASKS = DB_TASKS
    doubs = report()
    with pytest.raises(RuntimeError, match="inside the transaction"):
        enqueue_reanalysis(doubs.pk, AnalysisTrigger.FILES)

    class Abandoned(Exception):
        pass

    with pytest.raises(Abandoned), transaction.atomic():
        attach_file(report=doubs, file=_photo())
        raise Abandoned
    assert _queued(reanalyse_report_task) == [] and not doubs.attachments.exists()
