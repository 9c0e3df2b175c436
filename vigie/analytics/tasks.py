"""The worker's hourly pass over the figures (django-tasks, like the escalation of dispatches).

Every `ANALYTICS_REFRESH_EVERY_MINUTES`, `refresh_task` rebuilds the pre-aggregated counts and
looks for emerging areas in the last complete week, then enqueues its next pass. `vigie
analytics refresh --schedule` starts the chain (run by `make run`; it does nothing when a pass
is already waiting); `vigie analytics refresh` runs one pass now.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from vigie.core.schedule import next_pass_after, schedule_once


@task()
def refresh_task() -> int:
    from vigie.analytics.services import refresh

    with next_pass_after(schedule_refresh):
        return len(refresh().new_alerts)


def schedule_refresh(*, now: datetime | None = None) -> bool:
    """Enqueue the next pass unless one is waiting; False when the backend cannot defer."""
    every = timedelta(minutes=settings.ANALYTICS_REFRESH_EVERY_MINUTES)
    return schedule_once(refresh_task, (now or timezone.now()) + every)
