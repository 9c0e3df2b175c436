"""Live chat under load: N conversations, each a citizen socket and an agent socket.

Usage (from the repository root; `make bench-chat` runs the default matrix):

    .venv/bin/python bench/chat/run.py [--sizes 100 1000 2000] [--rate 200] [--duration 30]
                                       [--modes single redis]

* single — one uvicorn process with the in-process channel layer; citizens and agents on it.
* redis  — two uvicorn processes, Redis (channels-redis layer, cache for presence) and
  PostgreSQL (as a multi-process deployment would run): citizens connect to process A,
  agents to process B; every message crosses Redis.

Servers run with the flags of `make run` on a fresh SQLite database (WAL) prepared by the
real commands; conversations are started and taken beforehand (the queue is not what is
measured). The load generator is one asyncio process with real WebSocket clients
(`websockets`). Every pair exchanges messages in turn (citizen → agent, agent → citizen) at a
total of `--rate` messages/s; each message carries its id, the receiver looks up when it was
sent: delivery latency = sent → received by the other side. After the sending window the
generator waits for stragglers (`--drain` s); what never arrived is lost.

The machine has 2 cores: with one process, the server is pinned to core 0 and the generator
to core 1 (taskset); with two, the generator keeps core 1 and the rest floats.
Results: bench/results/chat.md (appended, with the command line).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import platform
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO))

import probe  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402

from tests.chat.processes import Deployment, login_cookie, redis_available  # noqa: E402

RESULTS = REPO / "bench" / "results" / "chat.md"
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/13"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432"
CONVERSATIONS_PER_AGENT = 100
CONNECT_CONCURRENCY = 16
OPEN_TIMEOUT = 120  # seconds: thousands of handshakes queue behind one database thread


@dataclass
class Stats:
    sent: dict[str, float] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)

    def error(self, what: str) -> None:
        self.errors += 1
        if len(self.error_samples) < 5:
            self.error_samples.append(what)


def ws_url(base: str, path: str) -> str:
    return base.replace("http://", "ws://") + path


async def reader(socket: Any, role: str, stats: Stats) -> None:
    """Every frame a socket receives; latency for the other side's messages."""
    with contextlib.suppress(Exception):
        async for raw in socket:
            frame = json.loads(raw)
            kind = frame.get("type")
            if kind == "message" and frame["author"] != role and frame["id"] in stats.sent:
                stats.latencies.append(time.perf_counter() - stats.sent.pop(frame["id"]))
            elif kind == "error":
                stats.error(frame.get("code", "error"))


async def open_pair(
    conversation: list[str], citizen_base: str, agent_base: str, cookie: str, stats: Stats,
    *, citizen_last_seq: int = 0,
) -> tuple[Any, Any]:  # fmt: skip
    """A citizen socket (welcomed, with what follows `citizen_last_seq`) and an agent socket
    that opened the conversation (bench/soak reconnects with the last number it saw)."""
    reference, secret, public_id, _holder = conversation
    citizen = await connect(
        ws_url(citizen_base, "/discuter/ws/"),
        origin=citizen_base,
        max_queue=None,
        open_timeout=OPEN_TIMEOUT,
    )
    await citizen.send(
        json.dumps(
            {
                "type": "hello",
                "reference": reference,
                "secret": secret,
                "last_seq": citizen_last_seq,
            }
        )
    )
    while json.loads(await citizen.recv())["type"] != "welcome":
        pass
    agent = await connect(
        ws_url(agent_base, "/cellule/discussions/ws/"), origin=agent_base,
        additional_headers={"Cookie": cookie}, max_queue=None, open_timeout=OPEN_TIMEOUT,
    )  # fmt: skip
    await agent.send(json.dumps({"type": "open", "conversation": public_id, "last_seq": 10**9}))
    while json.loads(await agent.recv())["type"] != "thread":
        pass
    return citizen, agent


async def load(
    prepared: dict[str, Any], citizen_base: str, agent_base: str, cookies: dict[str, str],
    rate: float, duration: float, drain: float, census: tuple[int, ...] = (),
) -> dict[str, Any]:  # fmt: skip
    stats = Stats()
    gate = asyncio.Semaphore(CONNECT_CONCURRENCY)

    async def opened(conversation: list[str]) -> tuple[Any, Any] | None:
        async with gate:
            try:
                return await open_pair(
                    conversation, citizen_base, agent_base, cookies[conversation[3]], stats
                )
            except Exception as error:  # counted, the run goes on
                stats.error(f"connect: {error!r}")
                return None

    started = time.perf_counter()
    pairs = [p for p in await asyncio.gather(*map(opened, prepared["conversations"])) if p]
    connect_seconds = time.perf_counter() - started
    readers = [
        asyncio.create_task(reader(socket, role, stats))
        for citizen, agent in pairs
        for socket, role in ((citizen, "citizen"), (agent, "agent"))
    ]
    ids = [conversation[2] for conversation in prepared["conversations"]]
    total = int(rate * duration)
    sent = 0
    begin, window_start = time.perf_counter(), time.time()
    for number in range(total):
        await asyncio.sleep(max(0.0, begin + number / rate - time.perf_counter()))
        index = number % len(pairs)
        citizen, agent = pairs[index]
        message_id = str(uuid.uuid4())
        citizen_turn = (number // len(pairs)) % 2 == 0
        frame: dict[str, Any] = {"type": "message", "id": message_id, "text": f"bench {number}"}
        if not citizen_turn:
            frame["conversation"] = ids[index]
        stats.sent[message_id] = time.perf_counter()
        try:
            await (citizen if citizen_turn else agent).send(json.dumps(frame))
            sent += 1
        except Exception as error:
            stats.sent.pop(message_id, None)
            stats.error(f"send: {error!r}")
    send_seconds = time.perf_counter() - begin
    window_end = time.time()
    deadline = time.perf_counter() + drain
    while stats.sent and time.perf_counter() < deadline:
        await asyncio.sleep(0.1)
    # Counted together: a delivery arriving while the sockets close is neither.
    lost, latencies = len(stats.sent), sorted(stats.latencies)
    for pid in census:  # the probe counts the servers' objects, sockets still open
        os.kill(pid, signal.SIGUSR1)
    if census:
        await asyncio.sleep(5)
    for task in readers:
        task.cancel()
    for citizen, agent in pairs:
        await citizen.close()
        await agent.close()

    def quantile(q: float) -> float:
        return (
            latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
            if latencies
            else float("nan")
        )

    return {
        "pairs": len(pairs), "connect_s": connect_seconds, "sent": sent,
        "delivered": len(latencies), "rate": len(latencies) / send_seconds,
        "p50_ms": quantile(0.50), "p99_ms": quantile(0.99), "max_ms": quantile(1.0),
        "errors": stats.errors, "error_samples": stats.error_samples, "lost": lost,
        "mean_ms": statistics.fmean(latencies) * 1000 if latencies else float("nan"),
        "window": (window_start, window_end),
    }  # fmt: skip


def rss_mib(pid: int) -> tuple[float, float]:
    """Current and peak resident memory of a server process (MiB)."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


@contextlib.contextmanager
def postgres_database() -> Any:
    """A fresh PostgreSQL database for the two-process runs, dropped afterwards."""
    name = f"vigie_chat_bench_{os.getpid()}"
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc"]
    subprocess.run([*psql, f"DROP DATABASE IF EXISTS {name}"], check=True)
    subprocess.run([*psql, f"CREATE DATABASE {name}"], check=True)
    try:
        yield f"{POSTGRES_URL}/{name}"
    finally:
        subprocess.run([*psql, f"DROP DATABASE IF EXISTS {name}"], check=False)


def pin_generator(*, core: int | None) -> None:
    cores = os.cpu_count() or 1
    if hasattr(os, "sched_setaffinity") and cores > 1:
        os.sched_setaffinity(0, {core} if core is not None else set(range(cores)))


def run_one(mode: str, size: int, args: argparse.Namespace) -> dict[str, Any]:
    with contextlib.ExitStack() as resources:
        tmp = resources.enter_context(tempfile.TemporaryDirectory(prefix="vigie-chat-bench-"))
        # Two processes share a database the way production does: PostgreSQL. SQLite is the
        # embedded single-process default.
        database_url = resources.enter_context(postgres_database()) if mode == "redis" else ""
        deployment = Deployment(
            var_dir=Path(tmp), redis_url=REDIS_URL if mode == "redis" else "",
            settings_module="chat_bench_settings", python_path=str(HERE),
            database_url=database_url,
        )  # fmt: skip
        agents = max(1, size // CONVERSATIONS_PER_AGENT)
        prepared = deployment.prepare(agents=agents, conversations=size, taken=True)
        if args.probe:  # the servers only
            os.environ["VIGIE_CHAT_PROBE"] = str(Path(tmp) / "probe.jsonl")
        with contextlib.ExitStack() as stack:
            # One process: core 0, the generator on core 1. Two processes cannot each have a
            # core of their own on this machine: the generator keeps core 1, the servers,
            # Redis and PostgreSQL float over both.
            cpu = 0 if mode == "single" else None
            pin_generator(core=None)  # the servers inherit it: both cores, unless taskset
            citizen_base = stack.enter_context(deployment.server(cpu=cpu))
            citizen_pid = deployment.pid
            agent_base, agent_pid = citizen_base, citizen_pid
            if mode == "redis":
                agent_base = stack.enter_context(deployment.server(cpu=cpu))
                agent_pid = deployment.pid
            pin_generator(core=1)
            cookies = {name: login_cookie(agent_base, name) for name in prepared["agents"]}
            result = asyncio.run(
                load(
                    prepared,
                    citizen_base,
                    agent_base,
                    cookies,
                    args.rate,
                    args.duration,
                    args.drain,
                    tuple(sorted({citizen_pid, agent_pid})) if args.probe else (),
                )
            )
            pids = {citizen_pid, agent_pid}
            if args.keep_logs:
                for log in Path(tmp).glob("uvicorn-*.log"):
                    print(log.name, log.read_text()[-4000:])
            result["rss_mib"] = {pid: rss_mib(pid) for pid in pids}
        if args.probe:
            os.environ.pop("VIGIE_CHAT_PROBE")
            result["probe"] = probe.summary(str(Path(tmp) / "probe.jsonl"), *result["window"])
    result.update(mode=mode, size=size)
    return result


def markdown(results: list[dict[str, Any]], args: argparse.Namespace) -> str:
    command = ".venv/bin/python bench/chat/run.py " + " ".join(sys.argv[1:])
    lines = [
        f"\n## {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC — {platform.node()}, "
        f"{os.cpu_count()} cores (shared by the servers and the load generator)\n",
        f"Command: `{command}`\n",
        f"Target rate {args.rate:g} messages/s for {args.duration:g} s, drain {args.drain:g} s; "
        "one process: server on core 0, generator on core 1; two processes: generator on "
        "core 1, servers, Redis and PostgreSQL floating over both cores. `lost` = not "
        "delivered by the end of the drain.\n",
        "| mode | conversations | sockets | connect (s) | sent | delivered | delivered/s | "
        "p50 (ms) | p99 (ms) | max (ms) | lost | errors | server RSS now / peak (MiB) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]  # fmt: skip
    for r in results:
        rss = ", ".join(f"{now:.0f} / {peak:.0f}" for now, peak in r["rss_mib"].values())
        lines.append(
            f"| {r['mode']} | {r['size']} | {2 * r['pairs']} | {r['connect_s']:.1f} | {r['sent']} "
            f"| {r['delivered']} | {r['rate']:.1f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} "
            f"| {r['max_ms']:.1f} | {r['lost']} | {r['errors']} | {rss} |"
        )
        if r["error_samples"]:
            lines.append(f"\nErrors ({r['mode']}, {r['size']}): {r['error_samples']}\n")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 2000])
    parser.add_argument(
        "--modes", nargs="+", default=["single", "redis"], choices=["single", "redis"]
    )
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--drain", type=float, default=30.0)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--probe", action="store_true",
        help="measure the servers' loop stalls and GC pauses (bench/chat/probe.py)",
    )  # fmt: skip
    parser.add_argument("--keep-logs", action="store_true", help="print the servers' logs")
    parser.add_argument("--json", type=Path, help="also write the results there (bench/scale.py)")
    args = parser.parse_args()
    # A kill (Ctrl-C, SIGTERM) still stops the servers and drops the temporary database.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # servers inherit it
    results = []
    for mode in args.modes:
        if mode == "redis" and not redis_available(REDIS_URL):
            print(f"Redis is not reachable at {REDIS_URL}: skipping the two-process runs")
            continue
        for size in args.sizes:
            result = run_one(mode, size, args)
            print(json.dumps(result, default=str))
            results.append(result)
    output: Path = args.output
    output.parent.mkdir(parents=True, exist_ok=True)
    if not output.exists():
        output.write_text("# Live chat under load (bench/chat/run.py)\n")
    with output.open("a") as out:
        out.write(markdown(results, args))
    print(markdown(results, args))
    if args.json:
        args.json.write_text(json.dumps(results, default=str, indent=1) + "\n")


if __name__ == "__main__":
    main()
