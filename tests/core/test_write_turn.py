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
def test_a_submission_writes_its_report_and_its_task_in_turn(monkeypatch: Any) -> None:
    turns: list[bool] = []
    original = module.write_turn

    def recorded() -> Any:
        turns.append(True)
        return original()

    monkeypatch.setattr("vigie.reports.services.write_turn", recorded)
    assert submitted_report(submission_id=uuid.uuid4()).created
    assert len(turns) == 2  # the report's transaction, then the linking task's row
