"""Periodic passes of the worker as chains of deferred django-tasks.

A pass enqueues the next one when it ends (`next_pass_after`), whether it succeeded or
failed: an exception in one pass must not end the chain, or the housekeeping or the
escalation of overdue dispatches would silently stop until the next restart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any


def schedule_once(task: Any, run_after: datetime) -> bool:
    """Enqueue `task` to run at `run_after` unless a run of it is already waiting; False when
    the backend cannot defer (the tests' immediate backend: a chain there would never end)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    if not task.get_backend().supports_defer:
        return False
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=task.module_path)
    if not waiting.exists():
        task.using(run_after=run_after).enqueue()
    return True


@contextmanager
def next_pass_after(schedule: Callable[[], bool]) -> Iterator[None]:
    """Run a pass, then schedule the next one even if this one raised."""
    try:
        yield
    finally:
        schedule()
