"""Soak: a steady mixed load on two processes for half an hour; errors and memory (issue 15).

Usage (from the repository root; `make bench-soak` runs the default):

    .venv/bin/python bench/soak/run.py [--minutes 30] [--warmup 3] [--submit-rate 2]
        [--follow-rate 2] [--conversations 20] [--agents 3] [--page-interval 1]

What runs:
- two uvicorn processes with the flags of `make run` (tests.chat.processes.Deployment) on a
  throwaway PostgreSQL database and a Redis database of their own (emptied before and after),
  the task worker `manage.py db_worker` as `make run` starts it (linking of each report);
  France's geography, agents of the Doubs cell made by the deployment's own population step
  (tests.chat.processes._populate: real accounts with an authenticator) and logged in
  through the real two steps (password, then code); `--conversations` chat conversations
  started and taken beforehand;
- the settings of bench/api (`make run`'s, every rate limit relaxed: one loopback address
  is one client for the limiter) and proof-of-work off (VIGIE_POW_DIFFICULTY=0);
- one asyncio load generator (httpx, websockets) pinned to core 1; the two servers, the
  worker, PostgreSQL and Redis cannot each have a core on this 2-core machine and float
  (`--server-cpu N` pins both servers to core N), as in bench/chat's two-process mode. It
  keeps for `--minutes`:
  * submissions through `POST /api/v1/reports` on both processes in turn, at
    `--submit-rate`/s: bench/api's realistic, varied payloads (a fifth in the Doubs, the
    cell's département, the rest all over France), each with a fresh submission_id;
  * follow-ups with the receipts received, at `--follow-rate`/s, on the other process than
    the submission's: the status (messages included); one in four first adds a citizen
    message (`POST …/messages`) on one process and checks that the status read on the other
    holds it;
  * the chat: each conversation in a loop: citizen socket on one process, agent socket on the
    other, `--chat-messages` messages in turn both ways (one every `--chat-interval` s, each
    awaited on the other side), both sockets closed, reopened a few seconds later on the
    swapped processes; the citizen resumes from the last number it saw;
  * each agent loads back-office pages in turn, one every `--page-interval` s, alternating
    processes: triage list, a report page (a link of the triage list), dossiers list, map
    data.

Recorded: every error (an HTTP status not expected, an exception, a chat message not
delivered within 10 s, a socket closed by the server, an `error` frame, a follow-up message
missing, a failed background task, a traceback in a server's or the worker's log), latency
percentiles per kind, and every 10 s the RSS of both servers and the worker and the
worker's backlog. RSS growth is measured from the end of the warm-up (`--warmup` minutes) to
the end. Results: bench/results/soak.md (appended, dated, with the command).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import platform
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench" / "chat"))  # bench/chat/run.py imports its probe

import httpx  # noqa: E402
from websockets.exceptions import ConnectionClosed  # noqa: E402

from bench.api import run as api_bench  # noqa: E402
from bench.chat import run as chat_bench  # noqa: E402
from tests.chat.processes import Deployment, login_cookie, redis_available  # noqa: E402

RESULTS = REPO / "bench" / "results" / "soak.md"
REDIS_DB = 11  # default, of the server below; bench/api and bench/chat use 13, the tests 12
REDIS_SERVER = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0").rsplit("/", 1)[0]
TRACING = REPO / "bench" / "soak" / "tracing"
CENSUS_RESULTS = REPO / "bench" / "results" / "soak-census.md"
SETTINGS = "bench.api.settings"  # `make run`'s settings, rate limits relaxed
BACKOFFICE = "/cellule"
DELIVERY_TIMEOUT = 10.0  # s: a chat message not received by then is lost
SAMPLE_EVERY = 10.0  # s
EXPECTED = {"submit": 201, "status": 200, "message": 201}
PAGES = {
    "page: triage": "/",
    "page: dossiers": "/dossiers/",
    "page: map data": "/dossiers/carte/donnees.json",
}  # the report page: a link of the triage list
TASKS_TABLE = "django_tasks_database_dbtaskresult"


# --------------------------------------------------------------------------- recording


@dataclass
class Recorder:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter[str] = field(default_factory=Counter)
    samples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    skipped: Counter[str] = field(default_factory=Counter)
    when: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    started: float = field(default_factory=time.perf_counter)

    def ok(self, kind: str, seconds: float) -> None:
        self.latencies[kind].append(seconds)

    def error(self, kind: str, what: str) -> None:
        self.errors[kind] += 1
        self.when[kind].append(time.perf_counter() - self.started)
        if len(self.samples[kind]) < 5:
            now = dt.datetime.now(dt.UTC)
            self.samples[kind].append(f"{now:%H:%M:%S.%f} UTC {what}"[:300])

    def minutes(self, kind: str) -> str:
        """Errors of a kind per minute of the run ("minute: count")."""
        per_minute = Counter(int(t // 60) for t in self.when[kind])
        return ", ".join(f"{minute}': {count}" for minute, count in sorted(per_minute.items()))


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


# --------------------------------------------------------------------------- the load


async def paced(rate: float, stop: asyncio.Event, action: Any, name: str, rec: Recorder) -> None:
    """Call `action(n)` `rate` times a second, each in a task of its own (a slow answer does
    not slow the schedule); at most 32 in flight, the rest counted as skipped."""
    in_flight: set[asyncio.Task[None]] = set()
    begin, number = time.perf_counter(), 0
    while not stop.is_set():
        await asyncio.sleep(max(0.0, begin + number / rate - time.perf_counter()))
        if len(in_flight) >= 32:
            rec.skipped[name] += 1
        else:
            task = asyncio.create_task(action(number))
            in_flight.add(task)
            task.add_done_callback(in_flight.discard)
        number += 1
    if in_flight:
        await asyncio.wait(in_flight, timeout=60)


async def timed(
    rec: Recorder, kind: str, expected: int, call: Any
) -> httpx.Response | None:  # fmt: skip
    started = time.perf_counter()
    try:
        answer: httpx.Response = await call
    except Exception as error:
        rec.error(kind, repr(error))
        return None
    if answer.status_code != expected:
        title = re.search(r"<title>(.*?)</title>", answer.text, re.DOTALL)
        said = " ".join(title.group(1).split()) if title else answer.text[:200]
        location = answer.headers.get("location", "")
        rec.error(kind, f"HTTP {answer.status_code} {location}: {said}")
        return None
    rec.ok(kind, time.perf_counter() - started)
    return answer


@dataclass
class Citizens:
    """What the submissions and follow-ups share: payloads and receipts."""

    doubs: list[str]
    elsewhere: list[str]
    receipts: list[tuple[str, str, int]] = field(default_factory=list)  # ref, secret, process

    def payload(self, rng: random.Random) -> dict[str, Any]:
        pool = self.doubs if rng.random() < 0.2 else self.elsewhere
        line = rng.choice(pool).replace("__SUBMISSION_ID__", str(uuid.uuid4()))
        payload: dict[str, Any] = json.loads(line)
        return payload


def split_payloads(path: Path) -> Citizens:
    from vigie.geo import reference

    doubs, elsewhere = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        commune = reference.parse_commune_input(json.loads(line)["location"]["commune"])[0]
        (doubs if commune.departement == "25" else elsewhere).append(line)
    return Citizens(doubs=doubs, elsewhere=elsewhere)


async def submissions(
    clients: list[httpx.AsyncClient], citizens: Citizens, rec: Recorder, rate: float,
    stop: asyncio.Event,
) -> None:  # fmt: skip
    rng = random.Random(1)

    async def submit(number: int) -> None:
        process = number % 2
        post = clients[process].post("/api/v1/reports", json=citizens.payload(rng))
        answer = await timed(rec, "submit", 201, post)
        if answer is not None:
            body = answer.json()
            citizens.receipts.append((body["reference"], body["secret"], process))

    await paced(rate, stop, submit, "submit", rec)


async def follow_ups(
    clients: list[httpx.AsyncClient], citizens: Citizens, rec: Recorder, rate: float,
    stop: asyncio.Event,
) -> None:  # fmt: skip
    rng = random.Random(2)

    async def follow(number: int) -> None:
        if not citizens.receipts:
            return
        reference, secret, process = rng.choice(citizens.receipts)
        other = clients[1 - process]
        receipt = {"Authorization": f"Receipt {secret}"}
        message_id = ""
        if number % 4 == 0:  # the citizen adds something, then reads it on the other process
            message_id = str(uuid.uuid4())
            body = {"message_id": message_id, "text": f"Encore vus ce soir ({number})."}
            post = clients[process].post(
                f"/api/v1/reports/{reference}/messages", json=body, headers=receipt
            )
            if await timed(rec, "message", 201, post) is None:
                return
        get = other.get(f"/api/v1/reports/{reference}/status", headers=receipt)
        answer = await timed(rec, "status", 200, get)
        if answer is None or not message_id:
            return
        if message_id not in {message["id"] for message in answer.json()["messages"]}:
            rec.error("message", f"{reference}: message {message_id} missing on the other")

    await paced(rate, stop, follow, "status", rec)


async def back_office(
    bases: list[str], cookie: str, index: int, rec: Recorder, interval: float,
    stop: asyncio.Event,
) -> None:  # fmt: skip
    """One agent's tabs: triage, a report of it, dossiers, map data; processes alternating."""
    rng = random.Random(100 + index)
    headers = {"Cookie": cookie}
    reports: list[str] = []
    async with httpx.AsyncClient(headers=headers, timeout=60) as client:
        step = index  # agents out of step
        while not stop.is_set():
            base = bases[step % 2] + BACKOFFICE
            kind = ("page: triage", "page: report", "page: dossiers", "page: map data")[step % 4]
            if kind == "page: report":
                if reports:
                    public_id = rng.choice(reports)
                    await timed(rec, kind, 200, client.get(f"{base}/signalements/{public_id}/"))
            else:
                answer = await timed(rec, kind, 200, client.get(base + PAGES[kind]))
                if answer is not None and kind == "page: triage":
                    found = re.findall(r"/signalements/([0-9a-f-]{36})/", answer.text)
                    # Not the alerts' URL template (an all-zero identifier).
                    found = [public_id for public_id in found if public_id.strip("0-")]
                    reports = found or reports
            step += 1
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), interval * rng.uniform(0.5, 1.5))


@dataclass
class Line:
    """One conversation seen from the generator: what each side waits for, the last number
    the citizen saw (to resume from it), whether the generator is hanging up."""

    rec: Recorder
    last_seq: int = 0
    waiting: dict[str, tuple[str, asyncio.Future[float]]] = field(default_factory=dict)
    late: dict[str, tuple[str, float]] = field(default_factory=dict)  # lost, still watched
    hanging_up: bool = False

    async def read(self, socket: Any, role: str) -> None:
        try:
            async for raw in socket:
                frame = json.loads(raw)
                if frame["type"] == "message":
                    if role == "citizen":
                        self.last_seq = max(self.last_seq, frame["seq"])
                    receiver, future = self.waiting.get(frame["id"], ("", None))
                    if receiver == role and future is not None and not future.done():
                        future.set_result(time.perf_counter())
                    elif self.late.get(frame["id"], ("",))[0] == role:  # after all
                        sent = self.late.pop(frame["id"])[1]
                        self.rec.ok("chat: late arrival", time.perf_counter() - sent)
                elif frame["type"] == "error":
                    self.rec.error("chat: error frame", f"{role}: {frame}")
        except ConnectionClosed as closed:
            if not self.hanging_up:
                self.rec.error("chat: socket drop", f"{role}: {closed!r}")
            return
        if not self.hanging_up:
            self.rec.error("chat: socket drop", f"{role}: closed by the server")

    async def talk(
        self, citizen: Any, agent: Any, public_id: str, label: str, messages: int,
        interval: float, stop: asyncio.Event,
    ) -> None:  # fmt: skip
        """Messages in turn both ways, each awaited on the other side."""
        for number in range(messages):
            if stop.is_set():
                return
            citizen_turn = number % 2 == 0
            message_id = str(uuid.uuid4())
            frame: dict[str, Any] = {"type": "message", "id": message_id, "text": f"soak {label}"}
            if not citizen_turn:
                frame["conversation"] = public_id
            future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
            self.waiting[message_id] = ("agent" if citizen_turn else "citizen", future)
            sent = time.perf_counter()
            try:
                await (citizen if citizen_turn else agent).send(json.dumps(frame))
                received = await asyncio.wait_for(future, DELIVERY_TIMEOUT)
                self.rec.ok("chat: delivery", received - sent)
            except TimeoutError:
                self.rec.error("chat: lost", f"{message_id} not delivered in {DELIVERY_TIMEOUT} s")
                self.late[message_id] = (self.waiting[message_id][0], sent)
            except ConnectionClosed as closed:
                self.rec.error("chat: socket drop", f"on send: {closed!r}")
                return
            finally:
                self.waiting.pop(message_id, None)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), interval)


async def conversation(
    prepared: list[str], index: int, bases: list[str], cookie: str, rec: Recorder,
    messages: int, interval: float, stop: asyncio.Event,
) -> None:  # fmt: skip
    """Connect both sides across the two processes, talk, hang up, again."""
    rng = random.Random(1000 + index)
    line, cycle = Line(rec), 0
    with contextlib.suppress(TimeoutError):  # spread the first connections
        await asyncio.wait_for(stop.wait(), rng.uniform(0, interval * 2))
    while not stop.is_set():
        citizen_base, agent_base = bases[(index + cycle) % 2], bases[(index + cycle + 1) % 2]
        cycle += 1
        started = time.perf_counter()
        try:
            citizen, agent = await chat_bench.open_pair(
                prepared, citizen_base, agent_base, cookie, chat_bench.Stats(),
                citizen_last_seq=line.last_seq,
            )  # fmt: skip
        except Exception as error:
            rec.error("chat: connect", repr(error))
            await asyncio.sleep(5)
            continue
        rec.ok("chat: connect", time.perf_counter() - started)
        line.hanging_up = False
        readers = [
            asyncio.create_task(line.read(citizen, "citizen")),
            asyncio.create_task(line.read(agent, "agent")),
        ]
        try:
            label = f"{index}.{cycle}"
            await line.talk(citizen, agent, prepared[2], label, messages, interval, stop)
        finally:
            line.hanging_up = True
            for socket in (citizen, agent):
                with contextlib.suppress(Exception):
                    await socket.close()
            for task in readers:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(task, 5)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), rng.uniform(1, 4))


# --------------------------------------------------------------------------- watching


@dataclass
class Watch:
    pids: dict[str, int]
    database_url: str
    rows: list[dict[str, Any]] = field(default_factory=list)  # one every SAMPLE_EVERY s
    tracing: bool = False  # --census: the processes write what they hold on SIGUSR2
    snapshots: int = 0

    def snapshot(self) -> None:
        """Ask every process watched for a snapshot of its allocations (tracing/)."""
        if self.tracing:
            for pid in self.pids.values():
                os.kill(pid, signal.SIGUSR2)
            self.snapshots += 1

    def tasks(self) -> dict[str, int]:
        import psycopg

        with psycopg.connect(self.database_url) as connection:
            counted = connection.execute(
                f"SELECT status, count(*) FROM {TASKS_TABLE} GROUP BY status"  # noqa: S608
            ).fetchall()
        return {status: count for status, count in counted}

    def sample(self, started: float) -> dict[str, Any]:
        row: dict[str, Any] = {"t": time.perf_counter() - started}
        for name, pid in self.pids.items():
            row[name] = chat_bench.rss_mib(pid)[0]
        row["generator"] = chat_bench.rss_mib(os.getpid())[0]
        row["tasks"] = self.tasks()
        row["load"] = os.getloadavg()[0]
        self.rows.append(row)
        return row


async def sampler(watch: Watch, started: float, warmup: float, stop: asyncio.Event) -> None:
    while not stop.is_set():
        row = await asyncio.to_thread(watch.sample, started)
        if watch.snapshots == 0 and row["t"] >= warmup:
            watch.snapshot()
        rss = ", ".join(f"{name} {row[name]:.0f}" for name in watch.pids)
        print(f"{row['t']:7.0f} s  RSS MiB: {rss}  tasks {row['tasks']}", flush=True)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), SAMPLE_EVERY)


async def load(
    args: argparse.Namespace, bases: list[str], prepared: dict[str, Any],
    cookies: dict[str, str], citizens: Citizens, watch: Watch,
) -> tuple[Recorder, float]:  # fmt: skip
    rec, stop = Recorder(), asyncio.Event()
    started = time.perf_counter()
    # The generator stands where nginx would: it drops idle connections before uvicorn (5 s),
    # as deploy/nginx does (keepalive_timeout 4s), or a request races the server's close.
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=32, keepalive_expiry=4.0)
    clients = [httpx.AsyncClient(base_url=b, timeout=60, limits=limits) for b in bases]
    agents = prepared["agents"]
    tasks = [
        asyncio.create_task(sampler(watch, started, args.warmup * 60, stop)),
        *(
            [asyncio.create_task(submissions(clients, citizens, rec, args.submit_rate, stop))]
            if args.submit_rate > 0
            else []
        ),
        *(
            [asyncio.create_task(follow_ups(clients, citizens, rec, args.follow_rate, stop))]
            if args.follow_rate > 0
            else []
        ),
        *(
            asyncio.create_task(
                back_office(bases, cookies[name], index, rec, args.page_interval, stop)
            )
            for index, name in enumerate(agents)
            if args.page_interval > 0
        ),
        *(
            asyncio.create_task(
                conversation(
                    held,
                    index,
                    bases,
                    cookies[held[3]],
                    rec,
                    args.chat_messages,
                    args.chat_interval,
                    stop,
                )
            )
            for index, held in enumerate(prepared["conversations"])
        ),
    ]
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), args.minutes * 60)
    stop.set()
    await asyncio.gather(*tasks[1:], return_exceptions=True)
    elapsed = time.perf_counter() - started
    await asyncio.to_thread(watch.sample, started)  # the last one, load stopped
    await tasks[0]
    watch.snapshot()
    for client in clients:
        await client.aclose()
    return rec, elapsed


def wait_for_backlog(watch: Watch, timeout: float = 120.0) -> dict[str, int]:
    """After the load: let the worker finish what was enqueued (a backlog left is said)."""
    deadline = time.monotonic() + timeout
    while True:
        tasks = watch.tasks()
        if (not tasks.get("READY") and not tasks.get("RUNNING")) or time.monotonic() > deadline:
            return tasks
        time.sleep(2)


def logged_errors(var_dir: Path) -> list[str]:
    """Tracebacks and error lines in the servers' and the worker's logs."""
    found = []
    for log in sorted(var_dir.glob("*.log")):
        for line in log.read_text(errors="replace").splitlines():
            if "Traceback" in line or " ERROR " in line or line.startswith("ERROR"):
                found.append(f"{log.name}: {line.strip()[:200]}")
    return found


# --------------------------------------------------------------------------- results


def census_growth(census_dir: Path, pids: dict[str, int], top: int = 12, wait: float = 300) -> str:
    """What each process holds at the end that it did not at the end of the warm-up.

    Each census is taken after a full collection of the whole heap (tracing/): what is counted
    is alive, not a dead cycle waiting for the collector.
    """
    import tracemalloc

    lines = ["\nWhat each process holds at the end of the load against the end of the warm-up "
             "(after a full collection; bench/soak/tracing/):\n"]  # fmt: skip
    for name, pid in pids.items():
        paths = [census_dir / f"{pid}-{number}.json" for number in (0, 1)]
        deadline = time.monotonic() + wait
        while not all(path.exists() for path in paths) and time.monotonic() < deadline:
            time.sleep(1)
        if not all(path.exists() for path in paths):
            lines.append(f"- {name}: no census (the process did not answer SIGUSR2)\n")
            continue
        before, after = (json.loads(path.read_text()) for path in paths)
        lines.append(f"\n### {name}\n\n")
        for label, state in (("warm-up", before), ("end", after)):
            lines.append(
                f"- {label}: RSS {state['rss_mib']:.1f} MiB, {state['rss_mib_after']:.1f} after "
                f"the collection, {state['rss_mib_after_trim']:.1f} after malloc_trim "
                f"({state['freed_by_full_collection']} objects freed, "
                f"{state['frozen']} were frozen); {state['allocated_blocks']} blocks allocated; "
                f"caches {state['caches']}\n"
            )
        grown = sorted(
            (
                (size - before["objects"].get(kind, [0, 0])[1],
                 count - before["objects"].get(kind, [0, 0])[0], kind)
                for kind, (count, size) in after["objects"].items()
            ),
            reverse=True,
        )  # fmt: skip
        lines.append(
            "\n| objects of type | grown (count) | grown shallow KiB |\n|---|---:|---:|\n"
            + "".join(
                f"| {kind} | {count:+d} | {size / 1024:+.0f} |\n"
                for size, count, kind in grown[:top]
            )
        )
        snapshots = [path.with_suffix(".snapshot") for path in paths]
        if all(path.exists() for path in snapshots):
            old, new = (tracemalloc.Snapshot.load(str(path)) for path in snapshots)
            stats = new.compare_to(old, "traceback")
            lines.append(
                "\n| traced KiB grown | blocks | where (innermost first) |\n|---:|---:|---|\n"
            )
            for stat in stats[:top]:
                frames = [f"{Path(f.filename).name}:{f.lineno}" for f in stat.traceback][-6:]
                where = " ← ".join(reversed(frames))
                lines.append(f"| {stat.size_diff / 1024:+.0f} | {stat.count_diff:+d} | {where} |\n")
    return "".join(lines)


def growth(rows: list[dict[str, Any]], name: str, warmup: float) -> dict[str, float]:
    after = [row for row in rows if row["t"] >= warmup] or rows[-1:]
    start, end = after[0][name], rows[-1][name]
    hours = max(1e-9, (rows[-1]["t"] - after[0]["t"]) / 3600)
    return {
        "first": rows[0][name], "warm": start, "end": end, "peak": max(r[name] for r in rows),
        "growth": (end - start) / start * 100 if start else 0.0,
        "slope": (end - start) / hours,
    }  # fmt: skip


def cpu_model() -> str:
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
    for line in lscpu.splitlines():
        if line.startswith("Model name:"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def verdict(
    rec: Recorder, watch: Watch, logged: list[str], tasks: dict[str, int], warmup: float
) -> tuple[int, float]:
    """The two targets' figures: errors of every kind, the worst server RSS growth (%).

    The worker's growth is in the table and the JSON beside it, not in this figure: it holds a
    cache of opened features that fills until its bound (vigie.crossref.services), which a
    30-minute soak at 2 reports/s does not reach."""
    errors = sum(rec.errors.values()) + tasks.get("FAILED", 0) + len(logged)
    servers = [name for name in watch.pids if name.startswith("server")]
    return errors, max(growth(watch.rows, name, warmup)["growth"] for name in servers)


def markdown(
    args: argparse.Namespace, rec: Recorder, elapsed: float, watch: Watch,
    logged: list[str], tasks: dict[str, int], loads: tuple[str, str], cpu: dict[str, float],
) -> str:  # fmt: skip
    command = ".venv/bin/python bench/soak/run.py " + " ".join(sys.argv[1:])
    warmup = args.warmup * 60
    lines = [
        f"\n## {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC — {platform.node()}, "
        f"{cpu_model()}, {os.cpu_count()} cores shared with other work\n",
        f"Command: `{command}` (revision {api_bench.git_revision()})\n",
        f"{elapsed / 60:.1f} min of load, warm-up {args.warmup:g} min. Asked: "
        f"{args.submit_rate:g} submissions/s, {args.follow_rate:g} follow-ups/s (one in four "
        f"with a citizen message), {args.conversations} conversations each exchanging "
        f"{args.chat_messages} messages (one every {args.chat_interval:g} s) per connection, "
        f"then reconnecting across the processes, {len(args.agent_names)} agents loading a "
        f"back-office page every {args.page_interval:g} s. Servers: two uvicorn processes "
        "(`make run`'s flags, bench/api's relaxed rate limits, proof-of-work off) "
        + (f"pinned to core {args.server_cpu}" if args.server_cpu is not None else "floating")
        + ", PostgreSQL + Redis, `db_worker`; generator on core 1. Load average (1 min) "
        f"at the start / end: {loads[0]} / {loads[1]}. Server CPU over the run: "
        + ", ".join(f"{name} {share:.0%} of a core" for name, share in cpu.items())
        + ".\n",
        "| kind | done | per s | errors | p50 ms | p90 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    kinds = sorted(set(rec.latencies) | set(rec.errors))
    for kind in kinds:
        values = rec.latencies.get(kind, [])
        lines.append(
            f"| {kind} | {len(values)} | {len(values) / elapsed:.2f} | {rec.errors[kind]} | "
            f"{quantile(values, 0.5):.0f} | {quantile(values, 0.9):.0f} | "
            f"{quantile(values, 0.99):.0f} | {quantile(values, 1.0):.0f} |"
        )
    lines.append(
        f"\nBackground tasks (linking) at the end: {tasks}. Tracebacks or errors in the servers' "
        f"and worker's logs: {len(logged)}."
        + (f" Skipped (generator over 32 in flight): {dict(rec.skipped)}." if rec.skipped else "")
    )
    lines += [
        "",
        "| process | RSS at start (MiB) | end of warm-up | end | peak | growth after warm-up "
        "| slope (MiB/h) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    growths = {}
    for name in [*watch.pids, "generator"]:
        g = growths[name] = growth(watch.rows, name, warmup)
        lines.append(
            f"| {name} | {g['first']:.0f} | {g['warm']:.0f} | {g['end']:.0f} | {g['peak']:.0f} "
            f"| {g['growth']:+.1f} % | {g['slope']:+.1f} |"
        )
    errors, worst = verdict(rec, watch, logged, tasks, warmup)
    lines += [
        "",
        f"Targets: 0 errors — {'met' if errors == 0 else f'MISSED ({errors})'}; server RSS "
        f"growth < 10 % after the warm-up — {'met' if worst < 10 else 'MISSED'} (worst "
        f"{worst:+.1f} %). The worker's growth is its cache of opened features filling toward "
        "its bound (vigie.crossref.services._OPENED_MAX reports).",
    ]
    if rec.samples or logged:
        lines.append("\nError samples:\n")
        for kind, samples in rec.samples.items():
            lines.append(f"- {kind}, per minute of the run: {rec.minutes(kind)}")
            lines += [f"  - {sample}" for sample in samples]
        lines += [f"- log: {line}" for line in logged[:10]]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- main


@contextlib.contextmanager
def own_redis(number: int) -> Any:
    import redis

    url = f"{REDIS_SERVER}/{number}"
    client = redis.Redis.from_url(url)
    client.flushdb()
    try:
        yield url
    finally:
        client.flushdb()
        client.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--json", type=Path, help="also write the verdict there (bench/scale.py)")
    parser.add_argument(
        "--warmup", type=float, default=None,
        help="minutes before RSS growth counts (default: 3, or a third of a shorter run)",
    )  # fmt: skip
    parser.add_argument("--submit-rate", type=float, default=2.0, help="submissions/s")
    parser.add_argument("--follow-rate", type=float, default=2.0, help="follow-ups/s")
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--chat-messages", type=int, default=20, help="per connection")
    parser.add_argument("--chat-interval", type=float, default=2.0, help="s between messages")
    parser.add_argument("--agents", type=int, default=3)
    parser.add_argument("--page-interval", type=float, default=1.0, help="s, per agent")
    parser.add_argument("--redis-db", type=int, default=REDIS_DB)
    parser.add_argument("--server-cpu", type=int, default=None, help="pin both servers")
    parser.add_argument("--output", type=Path, default=None, help=f"default {RESULTS}")
    parser.add_argument(
        "--census", action="store_true",
        help="what the servers and the worker hold at the end of the warm-up and at the end "
        f"(objects by type, caches), compared; written to {CENSUS_RESULTS}",
    )  # fmt: skip
    parser.add_argument(
        "--tracemalloc-frames", type=int, default=0,
        help="with --census, also trace allocations with N frames (several times the memory)",
    )  # fmt: skip
    args = parser.parse_args()
    args.census = args.census or args.tracemalloc_frames > 0
    if args.output is None:
        args.output = CENSUS_RESULTS if args.census else RESULTS
    if args.warmup is None:
        args.warmup = min(3.0, args.minutes / 3)
    # A kill (Ctrl-C, SIGTERM) still stops the servers and drops the database.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    if not redis_available(f"{REDIS_SERVER}/{args.redis_db}"):
        sys.exit(f"Redis is not reachable at {REDIS_SERVER}")
    os.environ["VIGIE_POW_DIFFICULTY"] = "0"  # the servers inherit it
    loads = [f"{os.getloadavg()[0]:.2f}"]
    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="vigie-soak-")))
        database_url = stack.enter_context(api_bench.throwaway_postgres())
        redis_url = stack.enter_context(own_redis(args.redis_db))
        deployment = Deployment(
            var_dir=tmp, redis_url=redis_url, settings_module=SETTINGS,
            python_path=str(REPO), database_url=database_url,
        )  # fmt: skip
        print("Preparing: migrate, France's geography, agents, conversations…", flush=True)
        prepared = deployment.prepare(
            agents=args.agents, conversations=args.conversations, taken=True, departements="",
            role="analyst",  # answers the chat and handles the cell's reports
        )  # fmt: skip
        args.agent_names = prepared["agents"]
        census_dir = tmp / "census"
        if args.census:  # the servers and the worker only, not the preparation
            census_dir.mkdir()
            deployment.python_path = f"{TRACING}:{REPO}"
            deployment.start_timeout = 600  # with every allocation of start-up traced
            os.environ["VIGIE_CENSUS_DIR"] = str(census_dir)
            os.environ["VIGIE_TRACEMALLOC_FRAMES"] = str(args.tracemalloc_frames)
        api_bench.write_payloads(tmp / "payloads.jsonl", 4000)
        citizens = split_payloads(tmp / "payloads.jsonl")
        chat_bench.pin_generator(core=None)  # the processes started here do not inherit core 1
        bases = [stack.enter_context(deployment.server(cpu=args.server_cpu))]
        pids = {"server A": deployment.pid}
        bases.append(stack.enter_context(deployment.server(cpu=args.server_cpu)))
        pids["server B"] = deployment.pid
        pids["worker"] = stack.enter_context(deployment.worker())
        chat_bench.pin_generator(core=1)
        cookies = {
            name: login_cookie(bases[number % 2], name)
            for number, name in enumerate(prepared["agents"])
        }
        watch = Watch(pids=pids, database_url=database_url, tracing=args.census)
        cpu_before = {name: api_bench.cpu_seconds(pid) for name, pid in pids.items()}
        print(f"Load for {args.minutes:g} min on {bases}", flush=True)
        rec, elapsed = asyncio.run(load(args, bases, prepared, cookies, citizens, watch))
        cpu = {
            name: (api_bench.cpu_seconds(pid) - cpu_before[name]) / elapsed
            for name, pid in pids.items()
        }
        loads.append(f"{os.getloadavg()[0]:.2f}")
        tasks = wait_for_backlog(watch)
        logged = logged_errors(tmp)
        text = markdown(args, rec, elapsed, watch, logged, tasks, (loads[0], loads[1]), cpu)
        if args.census:
            text += census_growth(census_dir, watch.pids)
        if args.json:
            errors, worst = verdict(rec, watch, logged, tasks, args.warmup * 60)
            growths = {name: growth(watch.rows, name, args.warmup * 60) for name in watch.pids}
            args.json.write_text(
                json.dumps({"minutes": elapsed / 60, "errors": errors, "worst_growth": worst,
                            "growth": growths}, indent=1) + "\n"
            )  # fmt: skip
    output: Path = args.output
    output.parent.mkdir(parents=True, exist_ok=True)
    if not output.exists():
        output.write_text("# Soak: a mixed load on two processes (bench/soak/run.py)\n")
    with output.open("a") as out:
        out.write(text)
    print(text)


if __name__ == "__main__":
    main()
