"""Request bodies are bounded before Django reads them, and never held in memory (issue 12 #1)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import httpx
import pytest
from django.conf import settings

from tests.asyncio_support import run
from tests.chat.processes import Deployment
from vigie.core.bodylimit import BodyLimit, SpoolingASGIHandler, limit_for

ROUTES = {"/signaler/": 1000, "/api/v1/reports/": 1000}


class Recorder:
    """A downstream ASGI app that reads the whole body, as Django does."""

    def __init__(self) -> None:
        self.called = False
        self.disconnected = False
        self.body = b""

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.called = True
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                self.disconnected = True
                return
            self.body += message.get("body", b"")
            if not message.get("more_body"):
                break
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


def call(app: Any, path: str, chunks: list[bytes], length: int | None = None) -> list[dict]:
    headers = [] if length is None else [(b"content-length", str(length).encode())]
    scope = {"type": "http", "path": path, "method": "POST", "headers": headers}
    pending = [
        {"type": "http.request", "body": chunk, "more_body": i < len(chunks) - 1}
        for i, chunk in enumerate(chunks)
    ]
    sent: list[dict] = []

    async def receive() -> dict:
        return pending.pop(0) if pending else {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        sent.append(message)

    run(app(scope, receive, send))
    return sent


def status(sent: list[dict]) -> int:
    return next(m["status"] for m in sent if m["type"] == "http.response.start")


def test_the_longest_matching_prefix_sets_the_limit() -> None:
    routes = {"/api/v1/": 10, "/api/v1/reports/": 20}
    assert limit_for("/api/v1/reports/VG-1/attachments", default=5, routes=routes) == 20
    assert limit_for("/api/v1/analyse", default=5, routes=routes) == 10
    assert limit_for("/nowhere", default=5, routes=routes) == 5


def test_a_declared_length_beyond_the_limit_is_refused_before_the_app_runs() -> None:
    app = Recorder()
    sent = call(BodyLimit(app, default=100, routes=ROUTES), "/nowhere/", [b"x" * 10], 101)
    assert status(sent) == 413
    assert not app.called
    assert "trop volumineuse" in sent[-1]["body"].decode()


def test_counted_bytes_beyond_the_limit_stop_the_app_and_answer_413() -> None:
    app = Recorder()
    # No Content-Length (chunked), or a false one: the bytes received are counted.
    for length in (None, 10):
        app = Recorder()
        sent = call(BodyLimit(app, default=100, routes=ROUTES), "/x", [b"x" * 60] * 3, length)
        assert app.disconnected
        assert status(sent) == 413


def test_upload_routes_take_more_than_the_others() -> None:
    app = Recorder()
    sent = call(BodyLimit(app, default=100, routes=ROUTES), "/signaler/", [b"x" * 500], 500)
    assert status(sent) == 200
    assert app.body == b"x" * 500
    sent = call(BodyLimit(Recorder(), default=100, routes=ROUTES), "/suivi/", [b"x" * 500], 500)
    assert status(sent) == 413


def test_the_default_limits_are_small_except_on_evidence_routes() -> None:
    assert settings.REQUEST_BODY_MAX_BYTES <= 1024 * 1024
    evidence = settings.REQUEST_BODY_UPLOAD_ROUTES
    assert limit_for("/api/v1/analyse", default=1, routes=evidence) == 1
    assert limit_for("/cellule/", default=1, routes=evidence) == 1
    assert limit_for("/api/v1/reports/VG-A/attachments", default=1, routes=evidence) > 10**8


def test_the_body_spool_rolls_over_to_a_private_file(tmp_path: Path, settings: Any) -> None:
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
    chunks = [{"type": "http.request", "body": b"x" * 65536, "more_body": True}] * 16
    chunks = [*chunks, {"type": "http.request", "body": b"", "more_body": False}]

    async def receive() -> dict:
        return chunks.pop(0)

    body = run(SpoolingASGIHandler().read_body(receive))
    try:
        assert body._rolled  # type: ignore[attr-defined]  # on disk, not in memory
        files = list((tmp_path / "uploads").iterdir())
        assert files == [] or all(f.stat().st_mode & 0o077 == 0 for f in files)
        assert len(body.read()) == 16 * 65536
    finally:
        body.close()


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def chunks(size: int, piece: int = 1024 * 1024):
    block = b"\0" * piece
    for _ in range(size // piece):
        yield block


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc (Linux)")
def test_large_bodies_to_every_kind_of_route_leave_memory_bounded(tmp_path: Path) -> None:
    deployment = Deployment(var_dir=tmp_path / "var")
    deployment.prepare(agents=0)
    mib = 1024 * 1024
    with deployment.server() as base:
        pid = deployment.pid
        with httpx.Client(base_url=base, timeout=60) as client:
            client.get("/")  # warm up: templates, geography
            before = rss_kib(pid)
            # A URL that does not exist, the JSON API, a form: refused by their length...
            for path in ("/nowhere/", "/api/v1/analyse", "/suivi/"):
                answer = client.post(path, content=b"\0" * (8 * mib))
                assert answer.status_code == 413, path
            # ...or by the bytes counted when no length is sent (chunked).
            for path in ("/nowhere/", "/api/v1/reports"):
                answer = client.post(path, content=chunks(48 * mib))
                assert answer.status_code == 413, path
            # An evidence route accepts a large body, spooled to disk.
            answer = client.post(
                "/api/v1/reports/VG-AAAA-AAAA/attachments",
                content=chunks(120 * mib),
                headers={"content-type": "multipart/form-data; boundary=x"},
            )
            assert answer.status_code < 500
            after = rss_kib(pid)
    grown_mib = (after - before) / 1024
    assert grown_mib < 60, f"the server grew by {grown_mib:.0f} MiB"
    assert not os.listdir(tmp_path / "var" / "uploads")  # spools deleted
