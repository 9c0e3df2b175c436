"""Profile POST /api/v1/reports in-process (cProfile), through the real ASGI application.

Usage: DJANGO_SETTINGS_MODULE=bench.api.settings VIGIE_POW_DIFFICULTY=0 VIGIE_VAR_DIR=<dir> \
       .venv/bin/python bench/api/profile_submit.py [requests] [concurrency] [--photo] \
       [--no-profile] [--rounds N]

The database in VIGIE_VAR_DIR must be migrated with the geography loaded (run.py does it
for its own runs). Prints the wall time and the process CPU time (every thread) per report,
then the costliest functions. `--photo`: each report is followed by one 64 KiB JPEG sent to
`POST /api/v1/reports/{reference}/attachments` (cleaned, thumbnailed, encrypted): the figure
is then per report with its photo. `--rounds N` repeats the unprofiled run and prints each.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import json
import pstats
import random
import sys
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from bench.api.run import write_payloads  # noqa: E402
from config.asgi import application  # noqa: E402

PHOTO_BYTES = 64 * 1024
_BOUNDARY = "vigie-bench-boundary"


def photo(target: int = PHOTO_BYTES) -> bytes:
    """A JPEG photo (1024x768, EXIF with a GPS block) of at most `target` bytes."""
    from PIL import Image

    rng = random.Random(7)
    coarse = Image.frombytes("RGB", (16, 12), bytes(rng.randrange(256) for _ in range(576)))
    image = coarse.resize((1024, 768), Image.Resampling.BICUBIC)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 12"  # Model
    exif.get_ifd(0x8825).update({1: "N", 2: (47.0, 14.0, 0.0), 3: "E", 4: (6.0, 1.0, 0.0)})
    best = b""
    for quality in range(95, 10, -5):
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality, exif=exif)
        best = buffer.getvalue()
        if len(best) <= target:
            break
    return best


def _scope(method: str, path: str, headers: list[tuple[bytes, bytes]]) -> dict:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1"), *headers],
        "client": ("127.0.0.1", 40000),
        "server": ("127.0.0.1", 8000),
    }


async def call(scope: dict, body: bytes) -> tuple[int, bytes]:
    sent = False
    status = 0
    chunks: list[bytes] = []

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
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await application(scope, receive, send)
    return status, b"".join(chunks)


async def post(body: bytes, jpeg: bytes | None) -> int:
    status, answer = await call(
        _scope("POST", "/api/v1/reports", [(b"content-type", b"application/json")]), body
    )
    if jpeg is None or status != 201:
        return status
    created = json.loads(answer)
    multipart = (
        (
            f'--{_BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="p.jpg"\r\n'
            "Content-Type: image/jpeg\r\n\r\n"
        ).encode()
        + jpeg
        + f"\r\n--{_BOUNDARY}--\r\n".encode()
    )
    headers = [
        (b"content-type", f"multipart/form-data; boundary={_BOUNDARY}".encode()),
        (b"content-length", str(len(multipart)).encode()),
        (b"authorization", f"Receipt {created['secret']}".encode()),
    ]
    path = f"/api/v1/reports/{created['reference']}/attachments"
    status, answer = await call(_scope("POST", path, headers), multipart)
    return status


async def drive(bodies: list[bytes], concurrency: int, jpeg: bytes | None) -> list[int]:
    semaphore = asyncio.Semaphore(concurrency)

    async def one(body: bytes) -> int:
        async with semaphore:
            return await post(body, jpeg)

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
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("requests", type=int, nargs="?", default=300)
    parser.add_argument("concurrency", type=int, nargs="?", default=32)
    parser.add_argument("--photo", action="store_true", help="one 64 KiB JPEG per report")
    parser.add_argument("--no-profile", action="store_true", help="timings only")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--sort", default="cumulative", help="worker threads: or tottime")
    arguments = parser.parse_args()
    count, concurrency = arguments.requests, arguments.concurrency
    jpeg = photo() if arguments.photo else None
    payloads = Path("/tmp/vigie-profile-payloads.jsonl")  # noqa: S108  # scratch file
    write_payloads(payloads, count * (arguments.rounds + 1) + 20)
    lines = payloads.read_text().splitlines()
    bodies = [line.replace("__SUBMISSION_ID__", str(uuid.uuid4())).encode() for line in lines]
    asyncio.run(drive(bodies[:20], concurrency, jpeg))  # warm up
    what = f"reports with one {len(jpeg) // 1024} KiB photo" if jpeg else "reports"
    for number in range(arguments.rounds):
        batch = bodies[20 + number * count : 20 + (number + 1) * count]
        cpu, started = time.process_time(), time.perf_counter()
        statuses = asyncio.run(drive(batch, concurrency, jpeg))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(
            f"{count} {what}, concurrency {concurrency}: {elapsed / count * 1000:.2f} ms wall, "
            f"{cpu / count * 1000:.2f} ms CPU each (all threads, not profiled); statuses "
            + json.dumps({s: statuses.count(s) for s in sorted(set(statuses))}),
            flush=True,
        )
    if arguments.no_profile:
        return
    profile_worker_threads()
    profiler = cProfile.Profile()
    profiler.enable()
    asyncio.run(drive(bodies[-count:], concurrency, jpeg))
    profiler.disable()
    print("--- event loop thread ---")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(15)
    print("--- worker threads (Django's sync code) ---")
    if not _thread_stats:
        print("(none)")
        return
    merged = _thread_stats[0]
    for stats in _thread_stats[1:]:
        merged.add(stats)
    merged.sort_stats(arguments.sort).print_stats(45)


if __name__ == "__main__":
    main()
