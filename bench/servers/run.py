"""Benchmark ASGI servers (uvicorn, daphne, hypercorn, granian) on a Django + Channels app.

Usage (from the repository root):

    .venv/bin/python bench/servers/run.py

Each server is started as a subprocess bound to 127.0.0.1 with ONE worker process and
pinned to CPU core 0; every load generator (wrk, the Python WebSocket client) is pinned
to core 1. Rounds are interleaved (server order rotates) to spread the noise of a shared
machine; the median over rounds is reported. Results go to bench/results/servers.{json,md}.

Requires `wrk` (Debian: `apt-get install -y wrk`) and bench/requirements.txt.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import contextlib
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
RESULTS = REPO / "bench" / "results"
VENV_BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
# Source address for the privacy probe: still loopback, but distinct from the server's
# bind address so that any client address appearing in a server log is unambiguous.
PROBE_SRC = "127.0.0.2"
FAKE_FORWARDED_FOR = "203.0.113.7"  # RFC 5737 documentation address, sent as a header only
SERVER_CPU = 0
CLIENT_CPU = 1

APP = "app.asgi:application"


def _bin(name: str) -> str:
    return str(VENV_BIN / name)


# Production-style command lines: one worker, no access log, no client address in logs.
SERVERS: dict[str, dict] = {
    "uvicorn": {
        "packages": ["uvicorn", "uvloop", "httptools", "websockets"],
        "cmd": lambda port: [
            _bin("uvicorn"),
            APP,
            "--host",
            HOST,
            "--port",
            str(port),
            "--workers",
            "1",
            "--loop",
            "uvloop",
            "--http",
            "httptools",
            "--ws",
            "websockets-sansio",
            "--lifespan",
            "off",
            "--no-access-log",
            "--log-level",
            "warning",
            "--no-server-header",
            "--no-proxy-headers",
        ],
        "default_cmd": lambda port: [_bin("uvicorn"), APP, "--host", HOST, "--port", str(port)],
        "no_ip_logging": (
            "`--no-access-log` AND `--log-level warning`: the WebSocket handshake line "
            '(`<ip>:<port> - "WebSocket /path" [accepted]`) is logged at INFO by the error '
            "logger, not the access logger. Proxy headers are ON by default (trusting "
            "127.0.0.1): pass `--no-proxy-headers` so the app never sees X-Forwarded-For."
        ),
    },
    "daphne": {
        "packages": ["daphne", "twisted", "autobahn"],
        "cmd": lambda port: [
            _bin("daphne"),
            "-b",
            HOST,
            "-p",
            str(port),
            "-v",
            "0",
            "--no-server-name",
            APP,
        ],
        "default_cmd": lambda port: [_bin("daphne"), "-b", HOST, "-p", str(port), APP],
        "no_ip_logging": (
            "`-v 0` (verbosity 0 disables the access log, which is on at the default "
            "verbosity 1, and raises the log level to WARNING); never pass `--access-log`. "
            "`--proxy-headers` is off by default."
        ),
    },
    "hypercorn": {
        "packages": ["hypercorn", "h11", "h2", "wsproto", "uvloop"],
        "cmd": lambda port: [
            _bin("hypercorn"),
            APP,
            "-b",
            f"{HOST}:{port}",
            "-w",
            "1",
            "-k",
            "uvloop",
            "--log-level",
            "warning",
        ],
        "default_cmd": lambda port: [_bin("hypercorn"), APP, "-b", f"{HOST}:{port}"],
        "no_ip_logging": (
            "Access log is off by default (only written with `--access-logfile`); do not "
            "set it. X-Forwarded-For is only used via the ProxyFixMiddleware wrapper, "
            "not by default."
        ),
    },
    "granian": {
        "packages": ["granian", "uvloop"],
        "cmd": lambda port: [
            _bin("granian"),
            "--interface",
            "asginl",
            "--host",
            HOST,
            "--port",
            str(port),
            "--workers",
            "1",
            "--runtime-threads",
            "1",
            "--loop",
            "uvloop",
            "--no-access-log",
            "--log-level",
            "warning",
            APP,
        ],
        "default_cmd": lambda port: [
            _bin("granian"),
            "--interface",
            "asgi",
            "--host",
            HOST,
            "--port",
            str(port),
            APP,
        ],
        "no_ip_logging": (
            "Access log is off by default (`--access-log` enables it); pass "
            "`--no-access-log` explicitly. Proxy headers are not parsed by default "
            "(`granian.utils.proxies.wrap_asgi_with_proxy_headers` opts in)."
        ),
    },
}

_RUNNING: dict[int, subprocess.Popen] = {}


# --------------------------------------------------------------------------- processes


def _kill(proc: subprocess.Popen, grace: float = 8.0) -> None:
    """Stop a server and its whole process group (workers included)."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=grace)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5)
    _RUNNING.pop(proc.pid, None)


def _kill_all() -> None:
    for proc in list(_RUNNING.values()):
        _kill(proc, grace=3.0)


def _on_signal(signum: int, _frame: object) -> None:
    _kill_all()
    raise SystemExit(128 + signum)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _tree(pid: int) -> list[int]:
    """pid and all its descendants, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(parents.get(p, []))
    return out


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_ticks(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total


class CpuMeter:
    """CPU used by the server process tree during a phase, in % of one core."""

    def __init__(self, pid: int) -> None:
        self.pid = pid

    def __enter__(self) -> CpuMeter:
        self.t0 = time.monotonic()
        self.c0 = _cpu_ticks(_tree(self.pid))
        return self

    def __exit__(self, *exc: object) -> None:
        ticks = _cpu_ticks(_tree(self.pid)) - self.c0
        elapsed = time.monotonic() - self.t0
        self.pct = round(100.0 * ticks / os.sysconf("SC_CLK_TCK") / elapsed, 1)


def _env(db: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PYTHONPATH=str(HERE),
        DJANGO_SETTINGS_MODULE="app.settings",
        BENCH_DB=str(db),
        PYTHONUNBUFFERED="1",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def _pin(cpu: int) -> list[str]:
    return ["taskset", "-c", str(cpu)] if PINNING else []


def start_server(argv: list[str], db: Path, log: Path, port: int) -> subprocess.Popen:
    with log.open("ab") as fh:
        proc = subprocess.Popen(
            _pin(SERVER_CPU) + argv,
            cwd=HERE,
            env=_env(db),
            stdin=subprocess.DEVNULL,
            stdout=fh,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    _RUNNING[proc.pid] = proc
    import httpx

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}, see {log}")
        try:
            if httpx.get(f"http://{HOST}:{port}/", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    _kill(proc)
    raise RuntimeError(f"server not ready after 30 s, see {log}")


# --------------------------------------------------------------------------- database


def make_template_db(workdir: Path) -> Path:
    db = workdir / "template.sqlite3"
    subprocess.run(
        [sys.executable, "-m", "django", "migrate", "--run-syncdb", "-v", "0"],
        cwd=HERE,
        env=_env(db),
        check=True,
        timeout=120,
    )
    now = dt.datetime.now(dt.UTC).isoformat()
    with contextlib.closing(sqlite3.connect(db)) as conn, conn:
        conn.executemany(
            "INSERT INTO app_report (title, body, created) VALUES (?, ?, ?)",
            [(f"Signalement n°{i} — point de deal signalé", "x" * 200, now) for i in range(50)],
        )
    return db


def fresh_db(template: Path, workdir: Path, name: str) -> Path:
    db = workdir / f"{name}-{uuid.uuid4().hex[:8]}.sqlite3"
    shutil.copyfile(template, db)
    return db


# --------------------------------------------------------------------------- HTTP load


POST_LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"title": "Signalement de test", "body": "%s"}'
""" % ("y" * 300)


def _to_ms(value: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    if not m:
        raise ValueError(value)
    num, unit = float(m.group(1)), m.group(2)
    return num * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(url: str, duration: float, conns: int, script: Path | None = None) -> dict:
    argv = [
        *_pin(CLIENT_CPU),
        "wrk",
        "-t1",
        f"-c{conns}",
        f"-d{max(1, round(duration))}s",
        "--timeout",
        "5s",
        "--latency",
    ]
    if script:
        argv += ["-s", str(script)]
    argv.append(url)
    out = subprocess.run(
        argv, capture_output=True, text=True, timeout=duration + 30, check=True
    ).stdout
    res: dict = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}
    for pct in ("50", "99"):
        m = re.search(rf"^\s+{pct}%\s+(\S+)", out, re.M)
        res[f"p{pct}_ms"] = round(_to_ms(m.group(1)), 2)
    res["requests"] = int(re.search(r"(\d+) requests in", out).group(1))
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    res["non_2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    res["socket_errors"] = sum(int(x) for x in m.groups()) if m else 0
    res["rps"] = round(res["rps"], 1)
    return res


# --------------------------------------------------------------------------- WebSockets


def _percentile(sorted_values: list[float], pct: float) -> float:
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, round(pct / 100 * len(sorted_values)) - 1))
    return sorted_values[k]


async def _ws_load(url: str, conns: int, duration: float) -> dict:
    import websockets

    rtts: list[float] = []
    stats = {"connect_failures": 0, "mismatches": 0, "errors": 0}
    sem = asyncio.Semaphore(50)

    async def connect() -> object | None:
        async with sem:
            try:
                return await websockets.connect(url, compression=None, open_timeout=15)
            except (OSError, TimeoutError, websockets.WebSocketException):
                stats["connect_failures"] += 1
                return None

    t_conn = time.perf_counter()
    sockets = [ws for ws in await asyncio.gather(*(connect() for _ in range(conns))) if ws]
    connect_s = time.perf_counter() - t_conn
    payload = "z" * 100
    deadline = 0.0

    async def echo(i: int, ws: object) -> None:
        seq = 0
        try:
            while time.perf_counter() < deadline:
                msg = f"{i}:{seq}:{payload}"
                t0 = time.perf_counter()
                await ws.send(msg)
                reply = await ws.recv()
                rtts.append(time.perf_counter() - t0)
                if reply != msg:
                    stats["mismatches"] += 1
                seq += 1
        except websockets.WebSocketException:
            stats["errors"] += 1

    ru0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    deadline = t0 + duration
    tasks = [asyncio.create_task(echo(i, ws)) for i, ws in enumerate(sockets)]
    _done, pending = await asyncio.wait(tasks, timeout=duration + 20)
    for task in pending:  # a stalled server: bounded anyway
        task.cancel()
        stats["errors"] += 1
    elapsed = time.perf_counter() - t0
    ru1 = resource.getrusage(resource.RUSAGE_SELF)
    await asyncio.gather(*(ws.close() for ws in sockets), return_exceptions=True)
    rtts.sort()
    cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
    return {
        "connections": len(sockets),
        "connect_s": round(connect_s, 2),
        "msgs": len(rtts),
        "msgs_per_s": round(len(rtts) / elapsed, 1),
        "p50_ms": round(_percentile(rtts, 50) * 1000, 2),
        "p99_ms": round(_percentile(rtts, 99) * 1000, 2),
        "client_cpu_pct": round(100 * cpu / elapsed, 1),
        **stats,
    }


def ws_client_main(url: str, conns: int, duration: float) -> None:
    if PINNING:
        os.sched_setaffinity(0, {CLIENT_CPU})
    resource.setrlimit(resource.RLIMIT_NOFILE, (4096, 4096))
    try:
        import uvloop

        runner = uvloop.run
    except ImportError:
        runner = asyncio.run
    print(json.dumps(runner(_ws_load(url, conns, duration))))


def ws_load(port: int, conns: int, duration: float) -> dict:
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--ws-client",
            f"ws://{HOST}:{port}/ws/echo/",
            "--ws-conns",
            str(conns),
            "--ws-duration",
            str(duration),
        ],
        capture_output=True,
        text=True,
        timeout=duration + 90,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


async def _ws_check(url: str, local_addr: tuple[str, int] | None = None) -> bool:
    import websockets

    kwargs = {"local_addr": local_addr} if local_addr else {}
    async with websockets.connect(url, open_timeout=10, compression=None, **kwargs) as ws:
        token = f"ping-{uuid.uuid4().hex}"
        await ws.send(token)
        return await asyncio.wait_for(ws.recv(), 10) == token


def ws_check(port: int, local_addr: tuple[str, int] | None = None) -> tuple[bool, str]:
    try:
        ok = asyncio.run(_ws_check(f"ws://{HOST}:{port}/ws/echo/", local_addr))
        return ok, "echo via channel layer OK" if ok else "wrong echo"
    except Exception as exc:  # any failure disqualifies the server
        return False, f"{type(exc).__name__}: {exc}"


# --------------------------------------------------------------------------- phases


def bench_server(name: str, template: Path, workdir: Path, args: argparse.Namespace) -> dict:
    spec = SERVERS[name]
    port = _free_port()
    log = workdir / f"{name}.log"
    proc = start_server(spec["cmd"](port), fresh_db(template, workdir, name), log, port)
    base = f"http://{HOST}:{port}"
    res: dict = {}
    try:
        import httpx

        page = httpx.get(f"{base}/", timeout=5)
        res["page_bytes"] = len(page.content)
        res["ws_ok"], res["ws_check"] = ws_check(port)
        if not res["ws_ok"]:
            return res
        res["rss_idle_mb"] = round(sum(_status_kb(p, "VmRSS") for p in _tree(proc.pid)) / 1024, 1)
        wrk(f"{base}/", args.warmup, 32)  # warm-up
        with CpuMeter(proc.pid) as cpu:
            res["get"] = wrk(f"{base}/", args.duration, 32)
        res["get"]["server_cpu_pct"] = cpu.pct
        post_lua = workdir / "post.lua"
        post_lua.write_text(POST_LUA)
        wrk(f"{base}/api/reports", min(args.warmup, 2), 32, post_lua)
        with CpuMeter(proc.pid) as cpu:
            res["post"] = wrk(f"{base}/api/reports", args.duration, 32, post_lua)
        res["post"]["server_cpu_pct"] = cpu.pct
        with CpuMeter(proc.pid) as cpu:
            res["ws"] = ws_load(port, args.ws_conns, args.duration)
        res["ws"]["server_cpu_pct"] = cpu.pct
        pids = _tree(proc.pid)
        res["processes"] = len(pids)
        res["rss_mb"] = round(sum(_status_kb(p, "VmRSS") for p in pids) / 1024, 1)
        res["rss_peak_mb"] = round(sum(_status_kb(p, "VmHWM") for p in pids) / 1024, 1)
        res["alive"] = proc.poll() is None
    finally:
        _kill(proc)
    return res


def privacy_probe(name: str, variant: str, template: Path, workdir: Path) -> dict:
    """Start the server, hit it from 127.0.0.2 (HTTP + WS), grep its output for that address."""
    import httpx

    spec = SERVERS[name]
    port = _free_port()
    log = workdir / f"probe-{name}-{variant}.log"
    argv = spec["cmd" if variant == "recommended" else "default_cmd"](port)
    proc = start_server(argv, fresh_db(template, workdir, name), log, port)
    res: dict = {}
    try:
        transport = httpx.HTTPTransport(local_address=PROBE_SRC)
        # As a reverse proxy on the same host would: from 127.0.0.1 with X-Forwarded-For.
        with httpx.Client(base_url=f"http://{HOST}:{port}") as proxy_like:
            headers = {"X-Forwarded-For": FAKE_FORWARDED_FOR}
            who = proxy_like.get("/whoami", headers=headers).json()
        with httpx.Client(transport=transport, base_url=f"http://{HOST}:{port}") as client:
            client.get("/")
            client.post("/api/reports", json={"title": "probe"})
        res["ws_ok"], _ = ws_check(port, (PROBE_SRC, 0))
        res["app_sees_remote_addr"] = who["remote_addr"]
        res["server_header"] = httpx.get(f"http://{HOST}:{port}/").headers.get("server")
    finally:
        _kill(proc)
    text = log.read_text(errors="replace")
    lines = [ln for ln in text.splitlines() if PROBE_SRC in ln or FAKE_FORWARDED_FOR in ln]
    res["log_lines_with_client_ip"] = len(lines)
    res["example"] = lines[0][:160] if lines else ""
    return res


# --------------------------------------------------------------------------- report


def versions() -> dict:
    pkgs = ["django", "channels", "websockets", "httpx"]
    for spec in SERVERS.values():
        pkgs += spec["packages"]
    out = {}
    for pkg in dict.fromkeys(pkgs):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = None
    wrk_v = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)
    out["wrk"] = (wrk_v.stdout + wrk_v.stderr).split("\n")[0].strip()
    out["python"] = platform.python_version()
    return out


def median_of(rounds: list[dict], *keys: str) -> float | None:
    values = []
    for r in rounds:
        v = r
        for k in keys:
            v = v.get(k) if isinstance(v, dict) else None
        if isinstance(v, int | float):
            values.append(v)
    return round(statistics.median(values), 2) if values else None


def summarize(raw: dict[str, list[dict]]) -> dict[str, dict]:
    summary = {}
    for name, rounds in raw.items():
        ok = [r for r in rounds if r.get("ws_ok") and "ws" in r]
        s: dict = {
            "rounds_ok": len(ok),
            "rounds": len(rounds),
            "ws_ok": all(r.get("ws_ok") for r in rounds),
        }
        for phase in ("get", "post", "ws"):
            for key in ("rps", "msgs_per_s", "p50_ms", "p99_ms", "server_cpu_pct"):
                v = median_of(ok, phase, key)
                if v is not None:
                    s[f"{phase}_{key}"] = v
        for key in ("rss_idle_mb", "rss_mb", "rss_peak_mb", "processes", "page_bytes"):
            s[key] = median_of(ok, key)
        s["ws_client_cpu_pct"] = median_of(ok, "ws", "client_cpu_pct")
        s["errors"] = sum(
            r.get(p, {}).get("non_2xx", 0) + r.get(p, {}).get("socket_errors", 0)
            for r in ok
            for p in ("get", "post")
        ) + sum(r["ws"]["connect_failures"] + r["ws"]["errors"] + r["ws"]["mismatches"] for r in ok)
        summary[name] = s
    return summary


def _fmt(v: object) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:,.0f}" if v >= 100 else f"{v:.2f}".rstrip("0").rstrip(".")
    return str(v)


def write_markdown(data: dict, path: Path) -> None:
    s = data["summary"]
    cfg = data["config"]
    lines = [
        "# ASGI server benchmark — Django 5.2 + Channels",
        "",
        f"- Date: {data['date']}",
        f"- Command: `{data['command']}`",
        f"- Machine: nproc={data['nproc']}, {data['platform']}; shared and noisy, so only "
        "large differences matter. Server pinned to core "
        f"{SERVER_CPU}, load generators to core {CLIENT_CPU} (pinning: {cfg['pinning']}).",
        f"- Load: {cfg['rounds']} interleaved rounds, median reported; per round "
        f"{cfg['warmup']} s warm-up, then {cfg['duration']} s GET page, {cfg['duration']} s "
        f"POST JSON (wrk, 1 thread, 32 keep-alive connections), {cfg['duration']} s "
        f"WebSocket echo ({cfg['ws_conns']} connections, Python `websockets` client, one "
        "message in flight per connection, no compression).",
        "- App: `bench/servers/app` (DEBUG=False, SQLite WAL, sync views, "
        "ProtocolTypeRouter, EchoConsumer echoing through InMemoryChannelLayer group_send).",
        "- Versions: " + ", ".join(f"{k} {v}" for k, v in data["versions"].items()),
        "",
        "## Results (median of rounds)",
        "",
        "| server | WS works | GET req/s | GET p50 / p99 ms | POST req/s | "
        "POST p50 / p99 ms | WS msg/s | WS p50 / p99 ms | RSS idle / after load MB "
        "(procs) | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in s.items():
        lines.append(
            f"| {name} | {'yes' if r['ws_ok'] else 'NO'} | {_fmt(r.get('get_rps'))} | "
            f"{_fmt(r.get('get_p50_ms'))} / {_fmt(r.get('get_p99_ms'))} | "
            f"{_fmt(r.get('post_rps'))} | "
            f"{_fmt(r.get('post_p50_ms'))} / {_fmt(r.get('post_p99_ms'))} | "
            f"{_fmt(r.get('ws_msgs_per_s'))} | "
            f"{_fmt(r.get('ws_p50_ms'))} / {_fmt(r.get('ws_p99_ms'))} | "
            f"{_fmt(r.get('rss_idle_mb'))} / {_fmt(r.get('rss_mb'))} "
            f"({_fmt(r.get('processes'))}) | {r['errors']} |"
        )
    lines += [
        "",
        "Server CPU (% of its one core) during GET / POST / WS, and the WS client's own CPU "
        "(a Python client near 100 % means the client, not the server, is the limit):",
        "",
        "| server | GET | POST | WS | WS client |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, r in s.items():
        lines.append(
            f"| {name} | {_fmt(r.get('get_server_cpu_pct'))} | "
            f"{_fmt(r.get('post_server_cpu_pct'))} | {_fmt(r.get('ws_server_cpu_pct'))} | "
            f"{_fmt(r.get('ws_client_cpu_pct'))} |"
        )
    lines += [
        "",
        "## Client address logging probe",
        "",
        f"Each server is started, hit once (GET, POST, WebSocket echo) from source address "
        f"`{PROBE_SRC}` with `X-Forwarded-For: {FAKE_FORWARDED_FOR}`, stopped, and its "
        "whole output is searched for either address. `default` = server defaults, "
        "`recommended` = the command lines below. `REMOTE_ADDR seen by Django` is for a "
        f"request from `{HOST}` (a reverse proxy on the same host) carrying "
        f"`X-Forwarded-For: {FAKE_FORWARDED_FOR}`: anything but `{HOST}` means the server "
        "trusted the header and hands the real client IP to the app.",
        "",
        "| server | variant | log lines with client IP | REMOTE_ADDR seen by Django | "
        "Server header | example line |",
        "|---|---|---:|---|---|---|",
    ]
    for name, variants in data["privacy"].items():
        for variant, r in variants.items():
            example = r.get("example", "").replace("|", "\\|")
            lines.append(
                f"| {name} | {variant} | {r.get('log_lines_with_client_ip', r.get('error'))} | "
                f"{r.get('app_sees_remote_addr')} | {r.get('server_header')} | "
                f"`{example}` |"
                if example
                else f"| {name} | {variant} | "
                f"{r.get('log_lines_with_client_ip', r.get('error'))} | "
                f"{r.get('app_sees_remote_addr')} | {r.get('server_header')} | |"
            )
    lines += ["", "## Command lines measured (`PORT` substituted)", ""]
    for name, spec in SERVERS.items():
        cmd = " ".join(spec["cmd"](0)).replace(str(VENV_BIN) + "/", "").replace(":0", ":PORT")
        cmd = re.sub(r"--port 0\b", "--port PORT", cmd).replace("-p 0 ", "-p PORT ")
        lines += [f"- **{name}**: `{cmd}`", f"  - no client IP in logs: {spec['no_ip_logging']}"]
    lines += ["", "## Recommendation", "", data.get("recommendation", "(see below)"), ""]
    path.write_text("\n".join(lines))


# --------------------------------------------------------------------------- main


PINNING = False


def main() -> int:
    global PINNING
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per phase")
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--ws-conns", type=int, default=200)
    parser.add_argument("--servers", default=",".join(SERVERS))
    parser.add_argument("--no-write", action="store_true", help="do not write bench/results")
    parser.add_argument(
        "--render-only",
        action="store_true",
        help="re-render servers.md from servers.json (e.g. after editing RECOMMENDATION.md)",
    )
    parser.add_argument("--ws-client", help=argparse.SUPPRESS)
    parser.add_argument("--ws-duration", type=float, default=10.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    PINNING = len(os.sched_getaffinity(0)) >= 2 and shutil.which("taskset") is not None

    if args.ws_client:
        ws_client_main(args.ws_client, args.ws_conns, args.ws_duration)
        return 0

    rec = HERE / "RECOMMENDATION.md"
    if args.render_only:
        data = json.loads((RESULTS / "servers.json").read_text())
        if rec.exists():
            data["recommendation"] = rec.read_text().strip()
        (RESULTS / "servers.json").write_text(json.dumps(data, indent=2) + "\n")
        write_markdown(data, RESULTS / "servers.md")
        return 0

    if not shutil.which("wrk"):
        print("wrk not found: apt-get install -y wrk", file=sys.stderr)
        return 2
    if not PINNING:
        print("WARNING: fewer than 2 CPUs or no taskset: running unpinned", file=sys.stderr)
    names = [n.strip() for n in args.servers.split(",") if n.strip()]
    atexit.register(_kill_all)
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)

    raw: dict[str, list[dict]] = {n: [] for n in names}
    privacy: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="vigie-bench-servers-") as tmp:
        workdir = Path(tmp)
        template = make_template_db(workdir)
        for rnd in range(args.rounds):
            order = names[rnd % len(names) :] + names[: rnd % len(names)]
            for name in order:
                if raw[name] and not raw[name][0].get("ws_ok", False):
                    continue  # disqualified: no point measuring again
                print(f"[round {rnd + 1}/{args.rounds}] {name} ...", flush=True)
                try:
                    r = bench_server(name, template, workdir, args)
                except Exception as exc:
                    r = {"ws_ok": False, "error": f"{type(exc).__name__}: {exc}"}
                    log = workdir / f"{name}.log"
                    if log.exists():
                        r["log_tail"] = log.read_text(errors="replace")[-2000:]
                print(f"    {json.dumps(r)}", flush=True)
                raw[name].append(r)
        for name in names:
            privacy[name] = {}
            for variant in ("default", "recommended"):
                try:
                    privacy[name][variant] = privacy_probe(name, variant, template, workdir)
                except Exception as exc:
                    privacy[name][variant] = {"error": f"{type(exc).__name__}: {exc}"}
                print(f"privacy {name}/{variant}: {privacy[name][variant]}", flush=True)

    data = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": ".venv/bin/python bench/servers/run.py"
        + ("" if len(sys.argv) == 1 else " " + " ".join(sys.argv[1:])),
        "nproc": os.cpu_count(),
        "platform": platform.platform(),
        "config": {
            "rounds": args.rounds,
            "duration": args.duration,
            "warmup": args.warmup,
            "ws_conns": args.ws_conns,
            "http_conns": 32,
            "pinning": PINNING,
        },
        "versions": versions(),
        "summary": summarize(raw),
        "privacy": privacy,
        "raw": raw,
    }
    if rec.exists():
        data["recommendation"] = rec.read_text().strip()
    print(json.dumps(data["summary"], indent=2))
    if not args.no_write:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "servers.json").write_text(json.dumps(data, indent=2) + "\n")
        write_markdown(data, RESULTS / "servers.md")
        print(f"wrote {RESULTS / 'servers.json'} and {RESULTS / 'servers.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
