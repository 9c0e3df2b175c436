"""One long-lived thread per request in flight, instead of a new thread for each request.

Django's ASGI handler gives each request its own ``ThreadSensitiveContext``: asgiref then makes
a new single-thread executor for it, so every request started a thread, and every thread
opened its own database connection (SQLite: ``connect`` and three PRAGMAs per request, about
a fifth of a submission's CPU; the persistent connection of ``CONN_MAX_AGE`` was never reused).
Here each request borrows a single-thread executor from a free list and gives it back at the
end: the request's synchronous code (its views, its database calls) still runs in one thread
of its own, one request at a time, and the next request in that thread finds the connection
open (PostgreSQL's pool takes it back at the end of each request, as before: conn_max_age=0).

A request from a synchronous caller (the test client, ``async_to_sync``) keeps Django's rule:
its synchronous code runs back in the caller's thread.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager

from asgiref.sync import AsyncToSync, ThreadSensitiveContext

# Executors kept for reuse; a burst beyond this gets fresh ones, shut down when given back.
KEPT = 64

_free: list[ThreadPoolExecutor] = []
_lock = threading.Lock()


def _borrow() -> ThreadPoolExecutor:
    with _lock:
        if _free:
            return _free.pop()
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="vigie-request")


def _give_back(executor: ThreadPoolExecutor) -> None:
    with _lock:
        if len(_free) < KEPT:
            _free.append(executor)
            return
    executor.shutdown(wait=False)


@asynccontextmanager
async def request_thread() -> AsyncIterator[None]:
    """The thread-sensitive context of one request, on a reused thread."""
    if getattr(AsyncToSync.executors, "current", None) is not None:
        yield  # a synchronous caller owns the thread (Django's rule)
        return
    executor = _borrow()
    try:
        async with ThreadSensitiveContext(executor=executor):
            yield
    finally:
        # Queued behind anything still running there (a cancelled request's view): the
        # next request that borrows it waits its turn, it never shares the thread at once.
        _give_back(executor)
