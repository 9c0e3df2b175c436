"""The background job: link each arriving report (django-tasks, database backend).

The intake only *enqueues* (a row in the tasks table, in the same database): it never needs
the private key nor the blind-index key. The back office's worker (`manage.py db_worker`,
started by `make run`) runs `link_report_task`. `vigie reports import` defers the queue and
links what it stored itself before it exits (`deferred_linking`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django_tasks import task

_deferred: ContextVar[list[int] | None] = ContextVar("crossref_deferred", default=None)


@task()
def link_report_task(report_id: int) -> int | None:
    from vigie.crossref.services import link_report

    return link_report(report_id).dossier_id


def enqueue_linking(report_id: int) -> None:
    """Called by the submission service for a new report (and a citizen's addition)."""
    deferred = _deferred.get()
    if deferred is not None:
        deferred.append(report_id)
        return
    link_report_task.enqueue(report_id)


@contextmanager
def deferred_linking() -> Iterator[list[int]]:
    """Collect the reports to link instead of enqueueing them (the caller links them)."""
    collected: list[int] = []
    token = _deferred.set(collected)
    try:
        yield collected
    finally:
        _deferred.reset(token)
