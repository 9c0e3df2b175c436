"""Background job: analyse a report again after a citizen's addition or a new file.

The citizen's request only writes a row in the tasks table, in the same transaction as the
addition or the file (django-tasks, database backend): a 64 KiB photo no longer pays, in its
request, for opening the report, the whole analysis and a new run (bench/api --photo). The
back office's worker runs it, the host that holds the private key: on a public intake that
holds only the public key, nothing is opened there at all (docs/deployment).
"""

from __future__ import annotations

from django.db import transaction
from django_tasks import task


@task()
def reanalyse_report_task(report_id: int, trigger: str, link_after: bool = False) -> int | None:
    """Analyse again, then, for an addition (it may name a plate or a phone), link again."""
    from vigie.crossref.tasks import enqueue_linking
    from vigie.reports.services import reanalyse_report

    run = reanalyse_report(report_pk=report_id, trigger=trigger)
    if link_after:
        enqueue_linking(report_id)
    return run.run if run is not None else None


def enqueue_reanalysis(report_id: int, trigger: str, *, link_after: bool = False) -> None:
    """Queue the re-analysis with the caller's writes: committed with them, or not at all."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("enqueue the re-analysis inside the transaction that calls for it")
    reanalyse_report_task.enqueue(report_id, str(trigger), link_after)
