"""Hourly housekeeping that hides *when* things happened (issue 12 finding 4).

Two traces of exact times live outside what the cells read:
- evidence files' change times (vigie.evidence.storage.blur_recent_times blurs them);
- the task queue's finished rows (django-tasks' database backend keeps, per linking job, the
  report's id with the exact times it was enqueued, started and finished): deleted once done.

The pass runs on the back office's worker, a few minutes (at random) after each full hour,
and each pass enqueues the next one: the queue's own rows for it carry the worker's times,
never a citizen's. `vigie retention housekeeping --schedule` starts the chain (run by
`make run` and by the worker's systemd unit before it starts; it does nothing when a pass is
already waiting).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus

from vigie.core.schedule import next_pass_after, schedule_once

# Failed jobs stay a day, for the operators to see that something failed (their rows name a
# report id: no longer than that).
FAILED_KEPT = timedelta(days=1)
_JITTER_SECONDS = 600


@dataclass(frozen=True)
class HousekeepingDone:
    files_blurred: int
    task_results_deleted: int


def housekeeping(*, now: datetime | None = None) -> HousekeepingDone:
    from django_tasks_db.models import DBTaskResult

    from vigie.evidence.storage import blur_recent_times

    now = now or timezone.now()
    old = DBTaskResult.objects.finished().exclude(
        status=TaskResultStatus.FAILED, finished_at__gt=now - FAILED_KEPT
    )
    deleted, _ = old.delete()
    return HousekeepingDone(files_blurred=blur_recent_times(), task_results_deleted=deleted)


@task()
def housekeeping_task() -> dict[str, int]:
    with next_pass_after(schedule_housekeeping):
        done = housekeeping()
    return {"files_blurred": done.files_blurred, "task_results_deleted": done.task_results_deleted}


def next_pass(now: datetime) -> datetime:
    hour = now.replace(minute=0, second=0, microsecond=0)
    return hour + timedelta(hours=1, seconds=secrets.randbelow(_JITTER_SECONDS))


def schedule_housekeeping(*, now: datetime | None = None) -> bool:
    """Enqueue the next pass unless one is waiting; False when the backend cannot defer (the
    tests' immediate backend: a chain there would never end)."""
    return schedule_once(housekeeping_task, next_pass(now or timezone.now()))
