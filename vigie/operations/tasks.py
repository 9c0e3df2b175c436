"""The worker's pass over overdue acknowledgements (django-tasks, like the housekeeping).

Every `DISPATCH_ESCALATION_EVERY_MINUTES`, `escalate_task` tells the cell heads about the
dispatches not acknowledged in time, then enqueues its next pass. `vigie dispatches escalate
--schedule` starts the chain (run by `make run`; it does nothing when a pass is already
waiting); `vigie dispatches escalate` runs one pass now. Escalating twice is harmless.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from vigie.core.schedule import next_pass_after, schedule_once


@task()
def escalate_task() -> int:
    from vigie.operations.services import escalate_overdue

    with next_pass_after(schedule_escalation):
        return escalate_overdue()


def schedule_escalation(*, now: datetime | None = None) -> bool:
    """Enqueue the next pass unless one is waiting; False when the backend cannot defer."""
    every = timedelta(minutes=settings.DISPATCH_ESCALATION_EVERY_MINUTES)
    return schedule_once(escalate_task, (now or timezone.now()) + every)
