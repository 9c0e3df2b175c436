"""What grows in a server process under bench/soak's load, measured in-process (issue 15).

Usage (from the repository root):

    .venv/bin/python bench/soak/memory.py [--warmup 30] [--cycles 200]
        [--kinds chat submit status message pages] [--redis-db 8] [--top 15]
        [--rss [--gc-policy] | --garbage [--origins] | --worker N]

bench/soak saw each uvicorn process's RSS grow linearly (~2.3 MiB a minute). This builds the
same ASGI application (config.asgi, bench/api's settings as bench/soak serves them, a
throwaway PostgreSQL database, the Redis channel layer and cache on a Redis database of its
own) and drives it without a network, one kind of work at a time:

* chat — a citizen socket (hello) and an agent socket (open) on one conversation, messages
  both ways, each awaited on the other side, both sockets closed (channels' communicator);
* submit — `POST /api/v1/reports` with bench/api's payloads (httpx.ASGITransport);
* status — `GET /api/v1/reports/<ref>/status` with the receipt;
* message — `POST /api/v1/reports/<ref>/messages`;
* pages — an analyst logged in through both steps loads triage, a report, dossiers and map
  data (one cycle = the four pages).

For each kind: `--warmup` cycles, a tracemalloc snapshot (after a full collection), `--cycles`
more, another snapshot; printed are the bytes still held per cycle, the allocation sites that
grew the most (compared by traceback), the object types whose count grew, and the channel
layer's per-channel state (receive buffer, clean locks). The garbage-collection policy of the
server (vigie/core/collector.py) is left off: dead cycles would wait for its thaw and hide
what really stays.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import contextvars
import gc
import json
import os
import re
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO))

from bench.api import run as api_bench  # noqa: E402
from tests.chat.processes import Deployment, redis_available  # noqa: E402

REDIS_SERVER = "redis://127.0.0.1:6379"
ORIGIN = (b"origin", b"http://127.0.0.1")
BASE = "http://127.0.0.1"


def type_counts() -> Counter[str]:
    return Counter(type(thing).__qualname__ for thing in gc.get_objects())


def layer_state() -> dict[str, int]:
    from channels.layers import get_channel_layer

    layer = get_channel_layer()
    return {
        "receive_buffer": len(getattr(layer, "receive_buffer", ())),
        "clean_locks": len(getattr(getattr(layer, "receive_clean_locks", None), "locks", ())),
        "groups": len(getattr(layer, "groups", ())),
    }


class Driver:
    def __init__(self, application: Any, prepared: dict[str, Any], payloads: list[str]) -> None:
        import httpx

        self.application = application
        self.prepared = prepared
        self.payloads = payloads
        self.http = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=application), base_url=BASE, timeout=60
        )
        self.agent_http = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=application), base_url=BASE, timeout=60
        )
        self.receipts: list[tuple[str, str]] = []
        self.reports: list[str] = []
        self.last_seq: dict[str, int] = {}
        self.number = 0

    async def login(self) -> None:
        from tests.chat.processes import PASSWORD
        from tests.login_support import TEST_TOTP_KEY, code_for

        steps = (
            ("/cellule/connexion/", {"username": self.prepared["agents"][0], "password": PASSWORD}),
            ("/cellule/connexion/verification/", {"code": code_for(TEST_TOTP_KEY)}),
        )
        for path, fields in steps:
            page = await self.agent_http.get(path)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
            assert token is not None, path
            answer = await self.agent_http.post(
                path,
                data={"csrfmiddlewaretoken": token.group(1), **fields},
                headers={"Referer": BASE + path},
            )
            assert answer.status_code == 302, (path, answer.status_code)
        self.cookie = "; ".join(f"{k}={v}" for k, v in self.agent_http.cookies.items()).encode()

    # ------------------------------------------------------------------ HTTP kinds

    async def submit(self) -> None:
        self.number += 1
        line = self.payloads[self.number % len(self.payloads)]
        payload = json.loads(line.replace("__SUBMISSION_ID__", str(uuid.uuid4())))
        answer = await self.http.post("/api/v1/reports", json=payload)
        assert answer.status_code == 201, (answer.status_code, answer.text[:300])
        body = answer.json()
        self.receipts.append((body["reference"], body["secret"]))

    async def status(self) -> None:
        self.number += 1
        reference, secret = self.receipts[self.number % len(self.receipts)]
        answer = await self.http.get(
            f"/api/v1/reports/{reference}/status", headers={"Authorization": f"Receipt {secret}"}
        )
        assert answer.status_code == 200, answer.status_code

    async def message(self) -> None:
        self.number += 1
        reference, secret = self.receipts[self.number % len(self.receipts)]
        answer = await self.http.post(
            f"/api/v1/reports/{reference}/messages",
            json={"message_id": str(uuid.uuid4()), "text": f"Encore vus ce soir ({self.number})."},
            headers={"Authorization": f"Receipt {secret}"},
        )
        assert answer.status_code == 201, (answer.status_code, answer.text[:300])

    async def pages(self) -> None:
        answer = await self.agent_http.get("/cellule/")
        assert answer.status_code == 200, answer.status_code
        found = re.findall(r"/signalements/([0-9a-f-]{36})/", answer.text)
        self.reports = [public_id for public_id in found if public_id.strip("0-")] or self.reports
        if self.reports:
            public_id = self.reports[self.number % len(self.reports)]
            answer = await self.agent_http.get(f"/cellule/signalements/{public_id}/")
            assert answer.status_code == 200, answer.status_code
        for path in ("/cellule/dossiers/", "/cellule/dossiers/carte/donnees.json"):
            answer = await self.agent_http.get(path)
            assert answer.status_code == 200, (path, answer.status_code)
        self.number += 1

    # ------------------------------------------------------------------ chat

    async def chat(self, messages: int = 4) -> None:
        from tests.chat.communicator import WebsocketCommunicator

        self.number += 1
        conversations = self.prepared["conversations"]
        reference, secret, public_id, _holder = conversations[self.number % len(conversations)]
        citizen = WebsocketCommunicator(self.application, "/discuter/ws/", headers=[ORIGIN])
        assert (await citizen.connect())[0]
        hello = {
            "type": "hello",
            "reference": reference,
            "secret": secret,
            "last_seq": self.last_seq.get(public_id, 0),
        }
        await citizen.send_json_to(hello)
        await until(citizen, "welcome")
        agent = WebsocketCommunicator(
            self.application, "/cellule/discussions/ws/", headers=[ORIGIN, (b"cookie", self.cookie)]
        )
        assert (await agent.connect())[0]
        await agent.send_json_to({"type": "open", "conversation": public_id, "last_seq": 10**9})
        await until(agent, "thread")
        for number in range(messages):
            sender, receiver = (citizen, agent) if number % 2 == 0 else (agent, citizen)
            message_id = str(uuid.uuid4())
            frame = {"type": "message", "id": message_id, "text": f"Message {number}"}
            if sender is agent:
                frame["conversation"] = public_id
            await sender.send_json_to(frame)
            received = await until(receiver, "message", id=message_id)
            if receiver is citizen:
                self.last_seq[public_id] = received["seq"]
        await citizen.disconnect()
        await agent.disconnect()


def as_uvicorn_runs_it(action: Callable[[], Awaitable[None]]) -> Callable[[], Awaitable[None]]:
    """Each cycle in a fresh task with an empty context, as uvicorn starts each request and
    socket (what Django keeps context-local, e.g. its cache objects, is not shared)."""

    async def run() -> None:
        await asyncio.create_task(action(), context=contextvars.Context())  # type: ignore[arg-type]

    return run


async def until(socket: Any, frame_type: str, **match: Any) -> dict[str, Any]:
    while True:
        frame = await socket.receive_json_from(timeout=10)
        if frame["type"] == frame_type and all(frame.get(k) == v for k, v in match.items()):
            return frame
        if frame["type"] == "message" and frame_type != "message":
            continue


async def measure(
    name: str, action: Callable[[], Awaitable[None]], warmup: int, cycles: int, top: int
) -> dict[str, Any]:
    for _ in range(warmup):
        await action()
    await asyncio.sleep(0.5)  # channels-redis' cleaners, cancelled receives
    gc.collect()
    # The type census is taken outside the two snapshots' difference (it lives in both).
    types_before, layer_before = type_counts(), layer_state()
    before = tracemalloc.take_snapshot()
    started = time.perf_counter()
    for _ in range(cycles):
        await action()
    elapsed = time.perf_counter() - started
    await asyncio.sleep(0.5)
    gc.collect()
    after = tracemalloc.take_snapshot()
    types_after, layer_after = type_counts(), layer_state()
    filters = [tracemalloc.Filter(False, tracemalloc.__file__)]
    before, after = before.filter_traces(filters), after.filter_traces(filters)
    grown = sum(stat.size for stat in after.statistics("filename")) - sum(
        stat.size for stat in before.statistics("filename")
    )
    print(f"\n=== {name}: {cycles} cycles after {warmup} ({elapsed / cycles * 1000:.0f} ms each)")
    print(f"traced memory grown: {grown:+,} B, {grown / cycles:+,.0f} B per cycle")
    print(f"channel layer: {layer_before} -> {layer_after}")
    types = Counter(types_after)
    types.subtract(types_before)
    print("object types grown:", [(t, n) for t, n in types.most_common(12) if n > 0])
    for stat in after.compare_to(before, "traceback")[:top]:
        if stat.size_diff <= 0:
            continue
        per_cycle = stat.size_diff / cycles
        print(f"\n{stat.size_diff:+,} B ({stat.count_diff:+} blocks), {per_cycle:+,.0f} B/cycle")
        for line in stat.traceback.format(limit=8, most_recent_first=True)[:16]:
            print("   ", line)
    return {"kind": name, "bytes_per_cycle": grown / cycles, "layer": layer_after}


def rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def measure_rss(
    name: str, action: Callable[[], Awaitable[None]], warmup: int, cycles: int
) -> dict[str, Any]:
    """RSS as the server would see it: no tracing, no forced collection."""
    for _ in range(warmup):
        await action()
    start = rss_kib()
    print(f"\n=== {name}: RSS {start / 1024:.1f} MiB after {warmup} cycles", flush=True)
    step = max(cycles // 5, 1)
    for number in range(1, cycles + 1):
        await action()
        if number % step == 0:
            print(
                f"  {number:5} cycles: RSS {rss_kib() / 1024:.1f} MiB, "
                f"gc objects {len(gc.get_objects())}, frozen {gc.get_freeze_count()}, "
                f"layer {layer_state()}",
                flush=True,
            )
    grown = (rss_kib() - start) * 1024
    print(f"RSS grown {grown:+,} B, {grown / cycles:+,.0f} B per cycle")
    return {"kind": name, "bytes_per_cycle": grown / cycles, "layer": layer_state()}


async def measure_garbage(
    name: str, action: Callable[[], Awaitable[None]], warmup: int, cycles: int
) -> dict[str, Any]:
    """What each cycle leaves as reference cycles only the collector frees (what the
    server's collector policy keeps until its next thaw when it was frozen alive)."""
    for _ in range(warmup):
        await action()
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        for _ in range(cycles):
            await action()
        await asyncio.sleep(0.5)
        gc.collect()
        garbage = list(gc.garbage)
        gc.garbage.clear()
    finally:
        gc.set_debug(0)
    size = sum(sys.getsizeof(thing) for thing in garbage)
    kinds = Counter(type(thing).__qualname__ for thing in garbage)
    print(f"\n=== {name}: cyclic garbage of {cycles} cycles after {warmup}")
    print(f"{len(garbage) / cycles:,.0f} objects, {size / cycles:+,.0f} B per cycle (shallow)")
    print("types:", [(kind, round(count / cycles, 1)) for kind, count in kinds.most_common(25)])
    if tracemalloc.is_tracing():  # --origins: where the garbage was allocated
        origins: Counter[tuple[str, ...]] = Counter()
        for thing in garbage:
            traceback = tracemalloc.get_object_traceback(thing)
            if traceback is not None:
                origins[tuple(traceback.format(most_recent_first=True))] += sys.getsizeof(thing)
        for lines, size in origins.most_common(8):
            print(f"\n  {size / cycles:+,.0f} B per cycle allocated at:")
            for line in lines[:24]:
                print("   ", line)
    del garbage
    return {"kind": name, "bytes_per_cycle": size / cycles, "layer": layer_state()}


def worker_cache_entry(report_ids: list[int]) -> None:
    """The task worker's cache of opened features (vigie/crossref/services.py `_OPENED`):
    bytes per entry, as the worker fills it linking each report."""
    from vigie.crossref import services
    from vigie.crossref.models import ReportFeatures

    for report_id in report_ids:
        services.link_report(report_id)
    services._OPENED.clear()
    gc.collect()
    tracemalloc.start(1)
    before = tracemalloc.get_traced_memory()[0]
    rows = list(ReportFeatures.objects.values_list("report_id", "sealed"))
    opened = services.open_features(rows)
    del opened, rows  # what the entries keep stays
    gc.collect()
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    sealed = sum(sys.getsizeof(entry[0]) for entry in services._OPENED.values())
    count = len(services._OPENED)
    print(f"\n=== worker: {count} features opened and kept")
    key = sealed / count
    print(f"{grown / count:,.0f} B per entry, of which {key:,.0f} B for the sealed bytes' key")
    full = grown / count * services._OPENED_MAX / 2**20
    print(f"a full cache ({services._OPENED_MAX:,} entries): {full:.1f} MiB")


async def main_async(
    args: argparse.Namespace, prepared: dict[str, Any], payloads: list[str]
) -> None:
    from config.asgi import application
    from vigie.core import collector

    if not args.gc_policy:
        collector.uninstall()  # see the docstring
    driver = Driver(application, prepared, payloads)
    await driver.login()
    for _ in range(5):
        await driver.submit()  # receipts for the follow-ups, reports for the pages
    if args.worker:
        from asgiref.sync import sync_to_async

        from vigie.reports.models import Report

        for _ in range(args.worker):
            await driver.submit()
        ids = await sync_to_async(lambda: list(Report.objects.values_list("pk", flat=True)))()
        await sync_to_async(worker_cache_entry)(ids)
        return
    if args.origins:
        tracemalloc.start(12)
    if args.rss or args.garbage:
        how = measure_rss if args.rss else measure_garbage
        results = []
        for kind in args.kinds:
            action = as_uvicorn_runs_it(getattr(driver, kind))
            results.append(await how(kind, action, args.warmup, args.cycles))
        _summary(results)
        return
    tracemalloc.start(25)
    actions = {kind: as_uvicorn_runs_it(getattr(driver, kind)) for kind in args.kinds}
    results = [
        await measure(kind, actions[kind], args.warmup, args.cycles, args.top)
        for kind in args.kinds
    ]
    _summary(results)


def _summary(results: list[dict[str, Any]]) -> None:
    print("\nSummary (bytes per cycle):")
    for result in results:
        print(f"  {result['kind']:8} {result['bytes_per_cycle']:+10,.0f} B   {result['layer']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--cycles", type=int, default=200)
    parser.add_argument(
        "--kinds", nargs="+", default=["chat", "submit", "status", "message", "pages"]
    )
    parser.add_argument("--redis-db", type=int, default=8)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument(
        "--rss", action="store_true", help="RSS only: no tracemalloc, no forced collection"
    )
    parser.add_argument(
        "--worker", type=int, default=0, help="submit and link N reports, measure the cache"
    )
    parser.add_argument(
        "--garbage", action="store_true", help="the reference cycles each cycle leaves"
    )
    parser.add_argument(
        "--origins", action="store_true", help="with --garbage: where it was allocated"
    )
    parser.add_argument(
        "--gc-policy", action="store_true", help="keep the server's collector policy"
    )
    parser.add_argument("--departements", default="25,39,70,90", help='"" for all of France')
    args = parser.parse_args()
    redis_url = f"{REDIS_SERVER}/{args.redis_db}"
    if not redis_available(redis_url):
        sys.exit(f"Redis is not reachable at {redis_url}")
    os.environ["VIGIE_POW_DIFFICULTY"] = "0"
    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="vigie-memory-")))
        database_url = stack.enter_context(api_bench.throwaway_postgres())
        import redis

        own = redis.Redis.from_url(redis_url)
        own.flushdb()
        stack.callback(own.flushdb)
        deployment = Deployment(
            var_dir=tmp, redis_url=redis_url, settings_module="bench.api.settings",
            python_path=str(REPO), database_url=database_url,
        )  # fmt: skip
        print("Preparing: migrate, geography, agents, conversations…", flush=True)
        prepared = deployment.prepare(
            agents=1, conversations=20, taken=True, departements=args.departements,
            role="analyst",
        )  # fmt: skip
        os.environ.update(deployment.env)
        import django

        django.setup(set_prefix=False)
        api_bench.write_payloads(tmp / "payloads.jsonl", 600)
        from vigie.geo.models import Commune

        loaded = set(Commune.objects.values_list("code", flat=True))
        payloads = [
            line
            for line in (tmp / "payloads.jsonl").read_text(encoding="utf-8").splitlines()
            if _commune_code(line) in loaded
        ]
        print(f"{len(payloads)} payloads in the geography loaded", flush=True)
        asyncio.run(main_async(args, prepared, payloads))


def _commune_code(line: str) -> str:
    from vigie.geo import reference

    found = reference.parse_commune_input(json.loads(line)["location"]["commune"])[0]
    return found.code if found is not None else ""


if __name__ == "__main__":
    main()
