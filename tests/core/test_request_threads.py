"""Each request's synchronous code runs on a reused thread, not a new one per request: a new
thread meant a new database connection per request (vigie.core.request_threads)."""

from __future__ import annotations

import threading
from typing import Any

import httpx
import pytest
from django.core.signals import request_started

from tests.asyncio_support import run


# A reused thread may hold a connection from an earlier test: Django's request_started
# receiver checks it (close_old_connections), a database access.
@pytest.mark.django_db(transaction=True)
def test_requests_in_turn_reuse_one_thread_and_its_connection() -> None:
    threads: list[int] = []

    def seen(**kwargs: Any) -> None:  # a sync receiver runs in the request's thread
        threads.append(threading.get_ident())

    from config.asgi import application

    async def three_requests() -> list[int]:
        transport = httpx.ASGITransport(app=application, client=("203.0.113.7", 5000))
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return [(await client.get("/api/v1/challenge")).status_code for _ in range(3)]

    request_started.connect(seen)
    try:
        # A fresh thread with its own loop, as under uvicorn: no synchronous caller above.
        statuses = run(three_requests())
    finally:
        request_started.disconnect(seen)
    assert statuses == [200, 200, 200]
    assert len(threads) == 3
    assert len(set(threads)) == 1, threads
    assert threads[0] != threading.get_ident()
