"""The escalation pass is a chain of deferred tasks: one pass failing must not end it."""

from __future__ import annotations

import pytest
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from vigie.operations.tasks import escalate_task, schedule_escalation

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _waiting() -> int:
    return DBTaskResult.objects.filter(
        task_path=escalate_task.module_path, status=TaskResultStatus.READY
    ).count()


@pytest.mark.django_db
def test_one_pass_waits_and_a_failed_pass_still_schedules_the_next(settings, monkeypatch) -> None:
    settings.TASKS = DB_TASKS
    assert schedule_escalation() is True and schedule_escalation() is True
    assert _waiting() == 1
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING)  # the pass now running

    def broken() -> int:
        raise RuntimeError("database gone")

    monkeypatch.setattr("vigie.operations.services.escalate_overdue", broken)
    with pytest.raises(RuntimeError):
        escalate_task.call()
    assert _waiting() == 1


@pytest.mark.django_db
def test_the_tests_immediate_backend_never_chains() -> None:
    assert schedule_escalation() is False
