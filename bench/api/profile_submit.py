"""Profile POST /api/v1/reports in-process (cProfile), through the real ASGI application.

Usage: DJANGO_SETTINGS_MODULE=bench.api.settings VIGIE_POW_DIFFICULTY=0 VIGIE_VAR_DIR=<dir> \
       .venv/bin/python bench/api/profile_submit.py [requests] [concurrency]

The database in VIGIE_VAR_DIR must be migrated with the geography loaded (run.py does it
for its own runs). Prints the wall time per request and the 40 costliest functions.
"""

from __future__ import annotations

import asyncio
import cProfile
import json
import pstats
import sys
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from bench.api.run import write_payloads  # noqa: E402
from config.asgi import application  # noqa: E402


async def post(body: bytes) -> int:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/api/v1/reports",
        "raw_path": b"/api/v1/reports",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1"), (b"content-type", b"application/json")],
        "client": ("127.0.0.1", 40000),
        "server": ("127.0.0.1", 8000),
    }
    sent = False
    status = 0

    async def receive() -> dict:
        nonlocal sent
        if sent:
            await asyncio.sleep(3600)
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await application(scope, receive, send)
    return status


async def drive(bodies: list[bytes], concurrency: int) -> list[int]:
    semaphore = asyncio.Semaphore(concurrency)

    async def one(body: bytes) -> int:
        async with semaphore:
            return await post(body)

    return await asyncio.gather(*(one(body) for body in bodies))


_thread_stats: list[pstats.Stats] = []


def profile_worker_threads() -> None:
    """cProfile sees one thread: profile each sync call Django makes in its worker threads."""
    from asgiref.sync import SyncToAsync

    original = SyncToAsync.thread_handler

    def profiled(self, loop, *args, **kwargs):  # asgiref's signature
        profiler = cProfile.Profile()
        profiler.enable()
        try:
            return original(self, loop, *args, **kwargs)
        finally:
            profiler.disable()
            _thread_stats.append(pstats.Stats(profiler))

    SyncToAsync.thread_handler = profiled


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    concurrency = int(sys.argv[2]) if len(sys.argv) > 2 else 32
    payloads = Path("/tmp/vigie-profile-payloads.jsonl")  # noqa: S108  # scratch file
    write_payloads(payloads, count)
    bodies = [
        line.replace("__SUBMISSION_ID__", str(uuid.uuid4())).encode()
        for line in payloads.read_text().splitlines()
    ]
    asyncio.run(drive(bodies[:20], concurrency))  # warm up
    started = time.perf_counter()
    statuses = asyncio.run(drive(bodies, concurrency))
    elapsed = time.perf_counter() - started
    print(f"{count} requests, {elapsed / count * 1000:.2f} ms each (wall, not profiled)")
    print("statuses:", json.dumps({s: statuses.count(s) for s in set(statuses)}))
    profile_worker_threads()
    profiler = cProfile.Profile()
    profiler.enable()
    asyncio.run(drive(bodies, concurrency))
    profiler.disable()
    print("--- event loop thread ---")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(15)
    print("--- worker threads (Django's sync code) ---")
    merged = _thread_stats[0]
    for stats in _thread_stats[1:]:
        merged.add(stats)
    merged.sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    main()
