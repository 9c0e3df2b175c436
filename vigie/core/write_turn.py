"""Writers of one process take their turn on SQLite in order, not by SQLite's busy-wait.

SQLite lets one writer at a time; a connection that finds the lock taken sleeps and retries
(its busy handler, with growing sleeps), so under load a writer can lose the race again and
again: with one connection per request thread, 32 concurrent submissions left a few waiting
beyond 2 s (bench/api, wrk timeouts) while the median was 0.2 s. Waiting on a lock of the
process instead wakes the next writer as soon as the previous one commits. Other databases
(PostgreSQL) lock rows, not the file: no turn is taken there.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator

from django.db import connection

_turn = threading.Lock()


@contextlib.contextmanager
def write_turn() -> Iterator[None]:
    if connection.vendor != "sqlite":
        yield
        return
    with _turn:
        yield
