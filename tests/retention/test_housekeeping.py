"""Issue 12 finding 4: no per-file time, no finished task row, survives the hourly pass."""

from __future__ import annotations

import io
import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.engine.media.samples import jpeg_with_everything
from vigie.evidence import storage
from vigie.evidence.services import store_evidence
from vigie.retention.tasks import housekeeping, housekeeping_task, schedule_housekeeping

pytestmark = pytest.mark.django_db
HOUR = 3600
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def evidence_dir(settings, tmp_path: Path) -> Path:
    settings.EVIDENCE_DIR = tmp_path / "evidence"
    return settings.EVIDENCE_DIR


def _write(count: int) -> list[Path]:
    names = [
        storage.write_encrypted(io.BytesIO(b"x" * 100), key=b"k" * 32, associated_data=b"a")[0]
        for _ in range(count)
    ]
    return [storage._path(name) for name in names]


def test_a_stored_file_keeps_no_time_finer_than_the_hour(evidence_dir) -> None:
    stored = store_evidence(SimpleUploadedFile("p.jpg", jpeg_with_everything(), "image/jpeg"))
    for name in (stored.storage_name, stored.thumbnail_name):
        status = (evidence_dir / name).stat()
        assert status.st_mtime == status.st_atime
        assert status.st_mtime % HOUR == 0
        assert time.time() - status.st_mtime < HOUR + 5


def test_the_pass_touches_recent_files_again_in_a_random_order(evidence_dir, monkeypatch) -> None:
    files = _write(20)
    last_write = max(path.stat().st_ctime_ns for path in files)
    listed = [Path(entry.path) for entry in os.scandir(evidence_dir)]
    touched: list[Path] = []
    real_utime = os.utime

    def recording_utime(path: str, times: tuple[int, int]) -> None:
        touched.append(Path(path))
        real_utime(path, times)

    monkeypatch.setattr(storage.os, "utime", recording_utime)
    assert storage.blur_recent_times() == 20
    after = {path: path.stat() for path in files}
    # Every change time is now the pass's, after the last write; the others stay at the hour.
    assert all(status.st_ctime_ns >= last_write for status in after.values())
    assert all(status.st_mtime % HOUR == 0 for status in after.values())
    # Touched in a shuffled order: neither the order of writing nor the directory's (each
    # has 1 chance in 20! to come out of the shuffle).
    assert sorted(touched) == sorted(files)
    assert touched not in (files, files[::-1], listed)


def test_the_pass_leaves_older_files_alone(evidence_dir) -> None:
    [old] = _write(1)
    before = old.stat().st_ctime_ns
    assert storage.blur_recent_times(window_seconds=0) == 0
    assert old.stat().st_ctime_ns == before


def _result(status: str, finished_ago: timedelta | None) -> DBTaskResult:
    now = timezone.now()
    return DBTaskResult.objects.create(
        task_path="vigie.crossref.tasks.link_report_task",
        args_kwargs={"args": [42], "kwargs": {}},
        status=status,
        finished_at=None if finished_ago is None else now - finished_ago,
        backend_name="default",
        queue_name="default",
        priority=0,
    )


def test_finished_task_rows_are_deleted_failed_ones_after_a_day() -> None:
    done = _result(TaskResultStatus.SUCCESSFUL, timedelta(minutes=1))
    failed_today = _result(TaskResultStatus.FAILED, timedelta(hours=2))
    failed_long_ago = _result(TaskResultStatus.FAILED, timedelta(days=2))
    waiting = _result(TaskResultStatus.READY, None)
    result = housekeeping()
    assert result.task_results_deleted == 2
    left = set(DBTaskResult.objects.values_list("id", flat=True))
    assert left == {failed_today.id, waiting.id}
    assert done.id not in left and failed_long_ago.id not in left


def test_the_worker_chain_keeps_exactly_one_pass_waiting_after_the_hour(settings) -> None:
    settings.TASKS = DB_TASKS
    now = timezone.now()
    assert schedule_housekeeping(now=now) is True
    assert schedule_housekeeping(now=now) is True
    [waiting] = DBTaskResult.objects.filter(task_path=housekeeping_task.module_path)
    hour = now.replace(minute=0, second=0, microsecond=0)
    assert hour + timedelta(hours=1) <= waiting.run_after < hour + timedelta(hours=1, minutes=10)
    # The pass itself schedules the next one (its own row is running, not waiting).
    waiting.status = TaskResultStatus.RUNNING
    waiting.save()
    housekeeping_task.call()
    assert (
        DBTaskResult.objects.filter(
            task_path=housekeeping_task.module_path, status=TaskResultStatus.READY
        ).count()
        == 1
    )


def test_the_tests_immediate_backend_never_chains() -> None:
    assert schedule_housekeeping() is False


def test_the_command_runs_a_pass_and_schedules_the_next(settings, evidence_dir) -> None:
    _write(3)
    out = io.StringIO()
    call_command("retention", "housekeeping", stdout=out)
    assert "3 fichier(s)" in out.getvalue()
    settings.TASKS = DB_TASKS
    call_command("retention", "housekeeping", "--schedule", stdout=out)
    assert DBTaskResult.objects.filter(task_path=housekeeping_task.module_path).exists()
    assert os.path.isdir(evidence_dir)


def test_a_pass_that_fails_still_schedules_the_next(settings, monkeypatch) -> None:
    """An exception in one pass must not end the chain until the next restart."""
    settings.TASKS = DB_TASKS

    def broken() -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("vigie.retention.tasks.housekeeping", broken)
    with pytest.raises(RuntimeError):
        housekeeping_task.call()
    waiting = DBTaskResult.objects.filter(
        task_path=housekeeping_task.module_path, status=TaskResultStatus.READY
    )
    assert waiting.count() == 1
