"""vigie.core.logs.JsonFormatter: one JSON object a line, receipts and addresses masked."""

from __future__ import annotations

import json
import logging

from vigie.core.logs import JsonFormatter, redact


def _record(message: str, *args: object, exc_info: object = None) -> logging.LogRecord:
    return logging.LogRecord("vigie.test", logging.ERROR, __file__, 1, message, args, exc_info)  # type: ignore[arg-type]


def test_references_secrets_and_addresses_are_masked_wherever_they_appear() -> None:
    text = redact(
        "ref VG-7K3M-9QXD, typed vc 7k3m9qxd, secret ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345, "
        "from 203.0.113.7 and 2001:db8::1 at 12:30"
    )
    assert text == (
        "ref [référence masquée], typed [référence masquée], secret [secret masqué], "
        "from [adresse masquée] and [adresse masquée] at 12:30"
    )


def test_an_exception_is_logged_by_class_and_frames_without_its_message() -> None:
    try:
        raise ValueError("le texte du témoin : rue de Dole")
    except ValueError:
        import sys

        line = JsonFormatter().format(
            _record("failed for %s", "VG-7K3M-9QXD", exc_info=sys.exc_info())
        )
    parsed = json.loads(line)
    assert parsed["message"] == "failed for [référence masquée]"
    assert parsed["exception"] == "ValueError"
    assert parsed["frames"] and "test_logs.py" in parsed["frames"][0]
    assert "rue de Dole" not in line


def test_task_runs_are_not_logged_but_task_failures_are() -> None:
    """A line per linking run would date each report's arrival to the second."""
    from django.conf import settings

    from vigie.core.logs import QuietTaskRuns

    assert "quiet_task_runs" in settings.LOGGING["handlers"]["console"]["filters"]
    quiet = QuietTaskRuns()

    def record(name: str, level: int) -> logging.LogRecord:
        return logging.LogRecord(name, level, __file__, 1, "Task id=x state=RUNNING", None, None)

    assert not quiet.filter(record("django_tasks", logging.INFO))
    assert not quiet.filter(record("django_tasks_db.management.commands.db_worker", logging.INFO))
    assert quiet.filter(record("django_tasks", logging.ERROR))
    assert quiet.filter(record("vigie.reports", logging.INFO))
