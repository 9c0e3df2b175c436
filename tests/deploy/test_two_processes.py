"""Two uvicorn processes on one PostgreSQL database and one Redis: one service.

Real processes (the flags of `make run`), a fresh database made for the test on the server of
DATABASE_URL, a Redis database of their own on the server of REDIS_URL (emptied before and
after), one var directory (the keys of one host). Proves that what must be shared is:
- a report submitted on A is followed on B;
- a chat message written through A reaches a socket on B;
- a rate limit counted on A applies on B (submissions without proof-of-work, 5 an hour);
- with one PROMETHEUS_MULTIPROC_DIR, either process serves the metrics of both.

Runs when DATABASE_URL and REDIS_URL are set (the second leg of .ci/run); in CI a missing one
fails the test, never skips it (tests.conftest.require).
"""

from __future__ import annotations

import asyncio
import json
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest
from websockets.asyncio.client import connect

from config import env
from tests.api.conftest import report_payload
from tests.asyncio_support import run
from tests.chat.processes import Deployment, redis_available
from tests.conftest import require

pytestmark = pytest.mark.pg_redis
REDIS_DB = 12  # of the REDIS_URL server; the test suite's own cache uses another


def _with_path(url: str, path: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, parts.fragment))


@pytest.fixture
def fresh_database() -> Iterator[str]:
    require("PostgreSQL (DATABASE_URL)", available=env.DATABASE_URL.startswith("postgres"))
    import psycopg

    name = f"vigie_twoproc_{uuid.uuid4().hex[:12]}"
    admin = _with_path(env.DATABASE_URL, "/postgres")
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _with_path(env.DATABASE_URL, f"/{name}")
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def own_redis() -> Iterator[str]:
    require("Redis (REDIS_URL)", available=bool(env.REDIS_URL))
    url = _with_path(env.REDIS_URL, f"/{REDIS_DB}")
    require("Redis (REDIS_URL) answering", available=redis_available(url))
    import redis

    client = redis.Redis.from_url(url)
    client.flushdb()
    yield url
    client.flushdb()
    client.close()


def _ws(base: str) -> str:
    return base.replace("http://", "ws://") + "/discuter/ws/"


async def _frame(socket: Any, frame_type: str, **match: Any) -> dict[str, Any]:
    while True:
        frame = json.loads(await asyncio.wait_for(socket.recv(), timeout=10))
        if frame["type"] == frame_type and all(frame.get(k) == v for k, v in match.items()):
            return frame


def _chat_across(process_a: str, process_b: str, reference: str, secret: str) -> dict[str, Any]:
    """Tab on B listening, tab on A writing: what B's socket receives."""
    hello = {"type": "hello", "reference": reference, "secret": secret, "last_seq": 0}
    text = f"Ils sont revenus ce soir {uuid.uuid4().hex[:6]}"

    async def scenario() -> dict[str, Any]:
        listener = await connect(_ws(process_b), origin=process_b)
        writer = await connect(_ws(process_a), origin=process_a)
        try:
            # The client offers compression; a server started as deployed refuses it
            # (tests/deploy/test_websocket_compression.py says why).
            for socket in (listener, writer):
                assert "Sec-WebSocket-Extensions" not in socket.response.headers
            await listener.send(json.dumps(hello))
            await _frame(listener, "welcome")
            await writer.send(json.dumps(hello))
            await _frame(writer, "welcome")
            message = {"type": "message", "id": str(uuid.uuid4()), "text": text}
            await writer.send(json.dumps(message))
            await _frame(writer, "ack")
            return await _frame(listener, "message", text=text)
        finally:
            await writer.close()
            await listener.close()

    return run(scenario())


def test_two_processes_share_reports_chat_and_rate_limits(
    tmp_path: Path, fresh_database: str, own_redis: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VIGIE_POW_DIFFICULTY", "0")  # counted by report_submit_without_pow
    # Like `uvicorn --workers 2` in deploy/compose.yaml: one metrics folder for both.
    (tmp_path / "metrics").mkdir()
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path / "metrics"))
    deployment = Deployment(var_dir=tmp_path, redis_url=own_redis, database_url=fresh_database)
    prepared = deployment.prepare(agents=0, conversations=1)
    conversation_reference, conversation_secret, _id, _holder = prepared["conversations"][0]

    with deployment.server() as process_a, deployment.server() as process_b:
        for base in (process_a, process_b):
            ready = httpx.get(base + "/sante/pret", timeout=10)
            assert ready.status_code == 200, ready.text
            assert set(ready.json()["checks"]) == {"database", "keys", "redis"}

        # A report submitted on A, followed on B.
        created = httpx.post(process_a + "/api/v1/reports", json=report_payload(), timeout=30)
        assert created.status_code == 201, created.text
        reference, secret = created.json()["reference"], created.json()["secret"]
        receipt = {"Authorization": f"Receipt {secret}"}
        status = httpx.get(
            f"{process_b}/api/v1/reports/{reference}/status", headers=receipt, timeout=30
        )
        assert status.status_code == 200, status.text
        assert status.json()["reference"] == reference

        # A chat message written through A reaches a socket on B.
        received = _chat_across(process_a, process_b, conversation_reference, conversation_secret)
        assert received["author"] == "citizen"

        # The rate limit: 5 submissions an hour without proof-of-work, counted across both.
        answers = [created.status_code]
        for number in range(1, 6):
            base = (process_a, process_b)[number % 2]
            answers.append(
                httpx.post(base + "/api/v1/reports", json=report_payload(), timeout=30).status_code
            )
        assert answers == [201, 201, 201, 201, 201, 429]
        refused_on_a = httpx.post(process_a + "/api/v1/reports", json=report_payload(), timeout=30)
        assert refused_on_a.status_code == 429

        # Either process serves the metrics of both: 5 reports stored, 3 on A and 2 on B.
        scraped = httpx.get(process_b + "/metrics", timeout=10)
        assert scraped.status_code == 200
        assert re.search(r"^vigie_reports_stored_total 5\.0$", scraped.text, re.MULTILINE)
