"""Benchmark anonymous submissions through POST /api/v1/reports, against a minimal baseline.

Usage (from the repository root; `make bench-api` installs wrk first):

    .venv/bin/python bench/api/run.py [--duration 20] [--rounds 3] [--connections 32]

What runs, in the same invocation:
- **baseline**: bench/api/baseline.py, an ASGI app that parses the JSON body and inserts one
  row into SQLite with the standard library;
- **vigie-sqlite**: the product (config.asgi) on a fresh SQLite database (WAL), local-memory
  cache, as `make run` serves it;
- **vigie-postgresql**: the product on a throwaway PostgreSQL database with Redis as cache.

Each is served by uvicorn with `make run`'s flags (one process), pinned to CPU core 0; wrk
(2 threads, 32 connections, keep-alive, bench/api/post.lua) is pinned to core 1 and its own
CPU use is measured so that a saturated generator would show. Payloads are realistic and
varied (vigie.demo's text generator: exploitable, vague, nuisance, urgent reports in many
communes, with vehicles, identifiers, schedules), each request with a fresh submission_id.
Proof-of-work is off (VIGIE_POW_DIFFICULTY=0) and the rate limits are relaxed
(bench/api/settings.py): 32 clients on one loopback address would otherwise share one
bucket. Rounds are interleaved; medians are reported. Results: bench/results/api.{json,md}.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
RESULTS = REPO / "bench" / "results"
PYTHON = sys.executable
UVICORN = str(Path(PYTHON).parent / "uvicorn")
HOST = "127.0.0.1"
SERVER_CPU = "0"
CLIENT_CPU = "1"
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
REDIS_URL = "redis://127.0.0.1:6379/13"
PAYLOADS = 2000
# `make run`'s command line (Makefile), host and port aside.
UVICORN_FLAGS = [
    "--lifespan",
    "off",
    "--ws",
    "websockets-sansio",
    "--no-access-log",
    "--log-level",
    "warning",
    "--no-server-header",
    "--no-proxy-headers",
    "--ws-per-message-deflate",
    "false",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def wait_until_up(port: int, path: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        request = f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n"
        with (
            contextlib.suppress(OSError),
            socket.create_connection((HOST, port), timeout=5) as sock,
        ):
            sock.sendall(request.encode())
            if sock.recv(64).startswith(b"HTTP/1.1"):
                return
        time.sleep(0.3)
    raise RuntimeError(f"server on port {port} did not come up")


# --------------------------------------------------------------------------- payloads


def write_payloads(path: Path, count: int) -> None:
    """Realistic, varied reports in PRODUCT.md's shape, with a submission_id placeholder."""
    sys.path.insert(0, str(REPO))
    from vigie.demo.texts import Kind, TextGenerator
    from vigie.geo import reference
    from vigie.reports.enums import PlaceKind

    place_kinds = set(PlaceKind.values)
    rng = random.Random(20261120)
    communes = [c for c in reference.communes() if c.population >= 2000 and c.lat is not None]
    generator = TextGenerator(seed=42)
    kinds = [Kind.EXPLOITABLE] * 6 + [Kind.VAGUE] * 2 + [Kind.NUISANCE, Kind.URGENT]
    with path.open("w", encoding="utf-8") as out:
        for _ in range(count):
            commune = rng.choice(communes)
            text = generator.text(
                kind=rng.choice(kinds), commune=commune.name, population=commune.population
            )
            location: dict[str, object] = {
                # As people give it: INSEE code, postcode or "name (département)" (when
                # that names one commune only: an ambiguous one is refused, rightly).
                "commune": rng.choice(
                    [
                        written
                        for written in (
                            commune.code,
                            *commune.postcodes[:1],
                            f"{commune.name} ({commune.departement})",
                        )
                        if len(reference.parse_commune_input(written)) == 1
                    ]
                    or [commune.code]
                ),
                "address": f"{text.address}, {commune.name}" if text.address else "",
                # The demo knows a few kinds of place the form does not offer.
                "place_kind": text.place_kind if text.place_kind in place_kinds else "autre",
            }
            if text.offset_m is not None and commune.lat is not None and commune.lon is not None:
                east, north = text.offset_m
                location["lat"] = round(commune.lat + north / 111_320, 6)
                location["lon"] = round(commune.lon + east / 78_000, 6)
            payload = {
                "submission_id": "__SUBMISSION_ID__",
                "category": str(text.category),
                "description": text.text,
                "location": location,
                "observed_at": f"2026-11-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00",
                "schedule": str(text.extra.get("schedule", "")),
                "people": [{"description": "homme, blouson noir, 1m80"}]
                if rng.random() < 0.4
                else [],
                "vehicles": [
                    {
                        "kind": "voiture",
                        "make": "Renault Clio",
                        "colour": "gris",
                        "plate": generator.plate(),
                    }
                ]
                if rng.random() < 0.4
                else [],
                "identifiers": [{"kind": "snapchat", "value": generator.handle(commune.name)[1]}]
                if rng.random() < 0.3
                else [],
                "risks": ["enfants"] if rng.random() < 0.2 else [],
                "contact": None,
            }
            out.write(json.dumps(payload, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------- servers


class Server:
    def __init__(self, name: str, app: str, env: dict[str, str], health: str) -> None:
        self.name, self.app, self.env, self.health = name, app, env, health
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.log = tempfile.TemporaryFile()  # noqa: SIM115  # lives as long as the server

    def start(self) -> None:
        command = ["taskset", "-c", SERVER_CPU, UVICORN, self.app, "--host", HOST]
        command += ["--port", str(self.port), *UVICORN_FLAGS]
        self.process = subprocess.Popen(
            command, cwd=self.env.get("CWD", REPO), env=self.env, stdout=self.log, stderr=self.log
        )
        wait_until_up(self.port, self.health)

    def rss_kib(self) -> tuple[int, int]:
        """Resident set now and at its peak (VmRSS, VmHWM), in KiB."""
        assert self.process is not None
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        values = {
            line.split(":")[0]: int(line.split()[1])
            for line in status.splitlines()
            if line.startswith(("VmRSS", "VmHWM"))
        }
        return values["VmRSS"], values["VmHWM"]

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def errors_logged(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-2000:]


def manage(env: dict[str, str], *arguments: str) -> None:
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=REPO, env=env, check=True)


def vigie_env(var_dir: Path, database_url: str = "", redis_url: str = "") -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench.api.settings",
        PYTHONPATH=str(REPO),
        VIGIE_VAR_DIR=str(var_dir),
        VIGIE_POW_DIFFICULTY="0",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[str]:
    import psycopg

    name = f"vigie_bench_api_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --------------------------------------------------------------------------- load


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks  # utime + stime


def run_wrk(server: Server, payloads: Path, duration: int, connections: int) -> dict:
    command = ["taskset", "-c", CLIENT_CPU, "wrk", "-t2", f"-c{connections}", f"-d{duration}s"]
    command += ["--latency", "-s", str(HERE / "post.lua"), f"http://{HOST}:{server.port}"]
    command += ["--", str(payloads)]
    assert server.process is not None
    server_cpu_before = cpu_seconds(server.process.pid)
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wrk_cpu = 0.0
    while process.poll() is None:
        with contextlib.suppress(FileNotFoundError, ProcessLookupError):
            wrk_cpu = cpu_seconds(process.pid)
        time.sleep(0.2)
    elapsed = time.monotonic() - started
    stdout, stderr = process.communicate()
    summary = json.loads(stdout.strip().splitlines()[-1])
    seconds = summary["duration_us"] / 1e6
    errors = sum(summary[key] for key in ("connect", "read", "write", "status", "timeout"))
    return {
        "requests": summary["requests"],
        "rps": summary["requests"] / seconds,
        "p50_ms": summary["p50_us"] / 1000,
        "p90_ms": summary["p90_us"] / 1000,
        "p99_ms": summary["p99_us"] / 1000,
        "max_ms": summary["max_us"] / 1000,
        "errors": errors,
        "error_detail": {k: summary[k] for k in ("connect", "read", "write", "status", "timeout")},
        "wrk_cpu_share": wrk_cpu / elapsed,
        "server_cpu_share": (cpu_seconds(server.process.pid) - server_cpu_before) / elapsed,
        "stderr": stderr.strip()[-300:],
    }


def check_answer(server: Server, payloads: Path) -> None:
    """One request by hand: the server must create a report, not answer an error quickly."""
    import urllib.request

    body = payloads.read_text().splitlines()[0].replace("__SUBMISSION_ID__", str(uuid.uuid4()))
    request = urllib.request.Request(  # loopback URL built here
        f"http://{HOST}:{server.port}/api/v1/reports",
        data=body.encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        if response.status != 201:
            raise RuntimeError(f"{server.name}: HTTP {response.status}")


# --------------------------------------------------------------------------- report


def git_revision() -> str:
    result = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
    )
    return result.stdout.strip()


def summarise(rounds: dict[str, list[dict]]) -> dict[str, dict]:
    table = {}
    for name, results in rounds.items():
        table[name] = {
            "rps": statistics.median(r["rps"] for r in results),
            "p50_ms": statistics.median(r["p50_ms"] for r in results),
            "p99_ms": statistics.median(r["p99_ms"] for r in results),
            "max_ms": max(r["max_ms"] for r in results),
            "errors": sum(r["errors"] for r in results),
            "requests": sum(r["requests"] for r in results),
            "rss_mib": max(r["rss_kib"] for r in results) / 1024,
            "peak_rss_mib": max(r["hwm_kib"] for r in results) / 1024,
            "wrk_cpu_share": max(r["wrk_cpu_share"] for r in results),
            "server_cpu_share": statistics.median(r["server_cpu_share"] for r in results),
            # Server CPU time per answered request, the figure issue 15's targets are set in.
            "cpu_ms_per_request": statistics.median(
                r["server_cpu_share"] / r["rps"] * 1000 for r in results
            ),
        }
    return table


def write_markdown(meta: dict, table: dict[str, dict], path: Path) -> None:
    baseline = table["baseline"]["rps"] if "baseline" in table else float("nan")
    lines = [
        "# API benchmark: anonymous submissions through `POST /api/v1/reports`",
        "",
        f"Command: `{meta['command']}` (revision {meta['revision']}, {meta['date']}).",
        "",
        f"Machine: {meta['machine']}. Each server (uvicorn, `make run`'s flags, one process) "
        "pinned to core 0, wrk pinned to core 1; "
        f"{meta['connections']} connections, {meta['duration']} s per round, "
        f"{meta['rounds']} interleaved rounds, medians shown (max latency and errors over all "
        "rounds). Proof-of-work off, rate limits relaxed (bench/api/settings.py).",
        "",
        "| server | req/s | vs baseline | p50 ms | p99 ms | max ms | errors | RSS MiB "
        "(peak) | server CPU | CPU ms/req | wrk CPU |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in table.items():
        share = f"{row['rps'] / baseline:.0%}" if "baseline" in table else "—"
        lines.append(
            f"| {name} | {row['rps']:.0f} | {share} | {row['p50_ms']:.1f} | "
            f"{row['p99_ms']:.1f} | {row['max_ms']:.0f} | {row['errors']} / {row['requests']} | "
            f"{row['rss_mib']:.0f} ({row['peak_rss_mib']:.0f}) | "
            f"{row['server_cpu_share']:.0%} | {row['cpu_ms_per_request']:.2f} | "
            f"{row['wrk_cpu_share']:.0%} |"
        )
    lines += ["", "Targets: Vigie ≥ 25 % of the baseline's throughput, p99 < 100 ms, no error."]
    for name in ("vigie-sqlite", "vigie-postgresql"):
        if name in table:
            row = table[name]
            verdict = row["rps"] >= 0.25 * baseline and row["p99_ms"] < 100 and row["errors"] == 0
            lines.append(f"- {name}: {'met' if verdict else 'MISSED'}")
    lines += ["", "Issue 15: ≤ 3 ms of server CPU per report, p99 < 100 ms at 32 submitters."]
    for name in ("vigie-sqlite", "vigie-postgresql"):
        if name in table:
            row = table[name]
            verdict = row["cpu_ms_per_request"] <= 3 and row["p99_ms"] < 100 and not row["errors"]
            lines.append(f"- {name}: {'met' if verdict else 'MISSED'}")
    reading = HERE / "reading.md"  # the human reading of the figures, kept with the bench
    if reading.exists():
        lines += ["", reading.read_text().rstrip()]
    history = dated_sections(path.read_text()) if path.exists() else ""
    if history:
        lines += ["", history]
    path.write_text("\n".join(lines) + "\n")


def dated_sections(previous: str) -> str:
    """The dated sections (``## 2026-12-01 …``) of an earlier results file: runs side by side
    and their readings, kept when the table above them is written again."""
    start = re.search(r"^## \d{4}-\d{2}-\d{2}", previous, flags=re.MULTILINE)
    return previous[start.start() :].rstrip() if start else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--skip-postgresql", action="store_true")
    parser.add_argument("--skip-baseline", action="store_true", help="Vigie only")
    parser.add_argument("--output", default=str(RESULTS / "api"))
    arguments = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is required: apt-get install -y wrk (make bench-api does it)")

    with (
        tempfile.TemporaryDirectory(prefix="vigie-bench-api-") as tmp,
        contextlib.ExitStack() as stack,
    ):
        work = Path(tmp)
        payloads = work / "payloads.jsonl"
        write_payloads(payloads, PAYLOADS)
        servers = []
        if not arguments.skip_baseline:
            baseline_env = {**os.environ, "CWD": str(HERE), "BASELINE_DB": str(work / "b.sqlite3")}
            servers.append(Server("baseline", "baseline:application", baseline_env, "/"))
        sqlite_env = vigie_env(work / "var-sqlite")
        print("Preparing the SQLite database (migrate, geography)…", flush=True)
        manage(sqlite_env, "migrate", "--noinput", "-v0")
        manage(sqlite_env, "load_geography", "--if-empty", "-v0")
        servers.append(
            Server("vigie-sqlite", "config.asgi:application", sqlite_env, "/api/v1/challenge")
        )
        if not arguments.skip_postgresql:
            database_url = stack.enter_context(throwaway_postgres())
            pg_env = vigie_env(work / "var-postgresql", database_url, REDIS_URL)
            print("Preparing the PostgreSQL database (migrate, geography)…", flush=True)
            manage(pg_env, "migrate", "--noinput", "-v0")
            manage(pg_env, "load_geography", "--if-empty", "-v0")
            subprocess.run(
                ["redis-cli", "-n", REDIS_URL.rsplit("/", 1)[1], "FLUSHDB"],
                check=False,
                capture_output=True,
            )
            servers.append(
                Server("vigie-postgresql", "config.asgi:application", pg_env, "/api/v1/challenge")
            )
        for server in servers:
            stack.callback(server.stop)
            server.start()
            check_answer(server, payloads)
        rounds: dict[str, list[dict]] = {server.name: [] for server in servers}
        for round_number in range(arguments.rounds):
            order = servers[round_number % len(servers) :] + servers[: round_number % len(servers)]
            for server in order:
                result = run_wrk(server, payloads, arguments.duration, arguments.connections)
                result["rss_kib"], result["hwm_kib"] = server.rss_kib()
                rounds[server.name].append(result)
                print(
                    f"round {round_number + 1} {server.name}: {result['rps']:.0f} req/s, "
                    f"CPU {result['server_cpu_share'] / result['rps'] * 1000:.2f} ms/req, "
                    f"p50 {result['p50_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms, "
                    f"errors {result['errors']}, wrk CPU {result['wrk_cpu_share']:.0%}",
                    flush=True,
                )
                if result["errors"]:
                    print(server.errors_logged(), file=sys.stderr)
    table = summarise(rounds)
    meta = {
        "command": "make bench-api  # = .venv/bin/python bench/api/run.py "
        + " ".join(sys.argv[1:]),
        "revision": git_revision(),
        "date": dt.datetime.now(tz=dt.UTC).date().isoformat(),
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} shared cores, "
            f"Python {platform.python_version()}"
        ),
        "connections": arguments.connections,
        "duration": arguments.duration,
        "rounds": arguments.rounds,
    }
    output = Path(arguments.output)
    output.with_suffix(".json").write_text(
        json.dumps({"meta": meta, "summary": table, "rounds": rounds}, indent=2) + "\n"
    )
    write_markdown(meta, table, output.with_suffix(".md"))
    print(output.with_suffix(".md").read_text())


if __name__ == "__main__":
    main()
