"""On SQLite, a process's writers wait for their turn on a lock of the process (woken in turn
when the writer before commits), not in SQLite's busy-wait, which let a few submissions wait
beyond 2 s under 32 concurrent submitters (bench/api)."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest

from tests.factories import submitted_report
from vigie.core import write_turn as module
from vigie.reports import services


class _Connection:
    def __init__(self, vendor: str) -> None:
        self.vendor = vendor


def test_a_second_writer_waits_until_the_first_is_done(monkeypatch: Any) -> None:
    # Whatever database the suite runs on (the PostgreSQL leg too): the turn is SQLite's.
    monkeypatch.setattr(module, "connection", _Connection("sqlite"))
    done = threading.Event()

    def second() -> None:
        with module.write_turn():
            done.set()

    with module.write_turn():
        writer = threading.Thread(target=second)
        writer.start()
        assert not done.wait(0.2)  # still waiting its turn
    assert done.wait(10)
    writer.join()


def test_postgresql_writers_take_no_turn(monkeypatch: Any) -> None:
    monkeypatch.setattr(module, "connection", _Connection("postgresql"))
    done = threading.Event()

    def second() -> None:
        with module.write_turn():
            done.set()

    with module.write_turn():
        writer = threading.Thread(target=second)
        writer.start()
        assert done.wait(10)  # not held back by the first
    writer.join()


@pytest.mark.django_db
def test_a_submission_writes_its_report_and_its_linking_task_in_one_turn_and_transaction(
    monkeypatch: Any,
) -> None:
    """One commit per report (issue 15): the linking task's row is written inside the
    report's transaction and turn, not in a second one after it."""
    from django.db import connection

    turns: list[bool] = []
    at_enqueue: list[tuple[int, bool]] = []
    original = module.write_turn
    enqueue = services.enqueue_linking

    def recorded() -> Any:
        turns.append(True)
        return original()

    def spied(report_id: int) -> None:
        at_enqueue.append((len(connection.atomic_blocks), module._turn.locked()))
        enqueue(report_id)

    monkeypatch.setattr("vigie.reports.services.write_turn", recorded)
    monkeypatch.setattr("vigie.reports.services.enqueue_linking", spied)
    outside = len(connection.atomic_blocks)
    assert submitted_report(submission_id=uuid.uuid4()).created
    assert len(turns) == 1
    assert at_enqueue == [(outside + 1, connection.vendor == "sqlite")]
