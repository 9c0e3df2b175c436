"""Issue 15's figures in one run, against their targets: `make bench-scale`.

Usage (from the repository root):

    .venv/bin/python bench/scale.py [--only submit api chat soak] [--soak-minutes 30]

Runs, one after the other (each needs the machine to itself):

* **submit** — server CPU per report in-process, through the real ASGI application
  (bench/api/profile_submit.py, no profiler): a report alone, then a report with one 61 KiB
  photo; the first round warms the place outlines and is left out, the median of the others
  is kept. Targets ≤ 3 ms and ≤ 12 ms.
* **api** — 32 concurrent submitters on one uvicorn process, SQLite then PostgreSQL through the
  pool (bench/api/run.py, wrk; writes bench/results/api.md): server CPU per report and p99.
  Target p99 < 100 ms.
* **chat** — 2,000 conversations at 200 messages/s on one process, then the same load over
  two processes through Redis (bench/chat/run.py; appends to bench/results/chat.md): connect
  time of 4,000 sockets, p99, messages lost. Targets connect < 5 s, p99 < 100 ms, 0 lost.
* **soak** — the mixed load on two processes (bench/soak/run.py; appends to
  bench/results/soak.md). Targets 0 errors, server RSS growth < 10 % after the warm-up.

Writes bench/results/scale.md: one table per run, target by target, met or MISSED, with the
command of each figure, the revision and the CPU model; earlier runs are kept below.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.api import run as api_bench  # noqa: E402
from bench.soak.run import cpu_model  # noqa: E402

PY = sys.executable
RESULTS = REPO / "bench" / "results" / "scale.md"
STEPS = ("submit", "api", "chat", "soak")


def _run(command: list[str], env: dict[str, str] | None = None) -> str:
    print("$ " + " ".join(command), flush=True)
    done = subprocess.run(  # our own scripts
        command, cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    sys.stdout.write(done.stdout[-3000:])
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-3000:])
        raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}")
    return done.stdout


def cpu_per_report(output: str) -> float:
    """The median of the rounds after the first (`… 12.34 ms CPU each …` lines)."""
    rounds = [float(value) for value in re.findall(r"([0-9.]+) ms CPU each", output)]
    if len(rounds) < 2:
        raise SystemExit(f"no timing rounds in the profile's output:\n{output}")
    return statistics.median(rounds[1:])


def submit_step(rows: list[dict[str, Any]], rounds: int) -> None:
    with tempfile.TemporaryDirectory(prefix="vigie-bench-scale-") as tmp:
        env = {**api_bench.vigie_env(Path(tmp) / "var"), "VIGIE_POW_DIFFICULTY": "0"}
        api_bench.manage(env, "migrate", "--noinput", "-v0")
        api_bench.manage(env, "load_geography", "--if-empty", "-v0")
        for label, arguments, target in (
            ("report", ["300", "1"], 3.0),
            ("report + one 61 KiB photo", ["100", "1", "--photo"], 12.0),
        ):
            command = [PY, "bench/api/profile_submit.py", *arguments, "--rounds", str(rounds)]
            command.append("--no-profile")
            value = cpu_per_report(_run(command, env))
            rows.append(
                _row(f"server CPU per {label}, in-process", value, "ms", "≤", target, command)
            )


def api_step(rows: list[dict[str, Any]], duration: int) -> None:
    command = [PY, "bench/api/run.py", "--duration", str(duration), "--rounds", "2"]
    command.append("--skip-baseline")
    _run(command)
    summary = json.loads((REPO / "bench" / "results" / "api.json").read_text())["summary"]
    for name, label in (("vigie-sqlite", "SQLite"), ("vigie-postgresql", "PostgreSQL")):
        figures = summary.get(name)
        if figures is None:
            continue
        cpu = figures["server_cpu_share"] / figures["rps"] * 1000
        rows.append(_row(f"{label}, 32 submitters: server CPU per report", cpu, "ms", "≤", 3.0,
                         command))  # fmt: skip
        rows.append(_row(f"{label}, 32 submitters: p99", figures["p99_ms"], "ms", "<", 100.0,
                         command))  # fmt: skip
        rows.append(_row(f"{label}, 32 submitters: errors", figures["errors"], "", "=", 0,
                         command))  # fmt: skip


def chat_step(rows: list[dict[str, Any]], sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory(prefix="vigie-bench-scale-") as tmp:
        out = Path(tmp) / "chat.json"
        command = [PY, "bench/chat/run.py", "--sizes", *map(str, sizes)]
        command += ["--modes", "single", "redis", "--json", str(out)]
        _run(command)
        for result in json.loads(out.read_text()):
            where = "one process" if result["mode"] == "single" else "two processes + Redis"
            what = f"chat, {result['pairs']:,} conversations, {where}"
            rows.append(_row(f"{what}: p99", result["p99_ms"], "ms", "<", 100.0, command))
            rows.append(_row(f"{what}: lost", result["lost"], "", "=", 0, command))
            if result["mode"] == "single":
                rows.append(_row(f"{what}: connect {2 * result['pairs']:,} sockets",
                                 result["connect_s"], "s", "<", 5.0, command))  # fmt: skip


def soak_step(rows: list[dict[str, Any]], minutes: float) -> None:
    with tempfile.TemporaryDirectory(prefix="vigie-bench-scale-") as tmp:
        out = Path(tmp) / "soak.json"
        command = [PY, "bench/soak/run.py", "--minutes", f"{minutes:g}", "--json", str(out)]
        _run(command)
        soak = json.loads(out.read_text())
        what = f"soak, {soak['minutes']:.0f} min on two processes"
        rows.append(_row(f"{what}: errors", soak["errors"], "", "=", 0, command))
        rows.append(_row(f"{what}: worst server RSS growth after warm-up",
                         soak["worst_growth"], "%", "<", 10.0, command))  # fmt: skip
        # Shown against the same target, though its cache of opened features is bounded and
        # still filling at the end of a 30-minute soak (bench/soak/run.py's verdict).
        rows.append(_row(f"{what}: worker RSS growth after warm-up",
                         soak["growth"]["worker"]["growth"], "%", "<", 10.0, command))  # fmt: skip


def _row(
    measure: str, value: float, unit: str, relation: str, target: float, command: list[str]
) -> dict[str, Any]:
    met = {"≤": value <= target, "<": value < target, "=": value == target}[relation]
    return {
        "measure": measure, "value": value, "unit": unit, "target": f"{relation} {target:g} {unit}",
        "met": met, "command": " ".join(command).replace(PY, ".venv/bin/python"),
    }  # fmt: skip


def markdown(rows: list[dict[str, Any]], arguments: argparse.Namespace) -> str:
    lines = [
        f"\n## {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC — {cpu_model()}, "
        f"{os.cpu_count()} cores, load average at the end {os.getloadavg()[0]:.2f}\n",
        f"Command: `.venv/bin/python bench/scale.py {' '.join(sys.argv[1:])}` "
        f"(revision {api_bench.git_revision()}); steps: {', '.join(arguments.only)}.\n",
        "| measure | measured | target | verdict | command |",
        "|---|---:|---|---|---|",
    ]
    for row in rows:
        value = row["value"]
        shown = f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"
        lines.append(
            f"| {row['measure']} | {shown} {row['unit']} | {row['target']} | "
            f"{'met' if row['met'] else '**MISSED**'} | `{row['command']}` |"
        )
    missed = sum(not row["met"] for row in rows)
    lines.append(f"\n{len(rows) - missed} of {len(rows)} targets met.\n")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=STEPS, default=list(STEPS))
    parser.add_argument("--rounds", type=int, default=4, help="in-process rounds (first left out)")
    parser.add_argument("--api-duration", type=int, default=15, help="s per wrk round")
    parser.add_argument("--chat-sizes", type=int, nargs="+", default=[2000])
    parser.add_argument("--soak-minutes", type=float, default=30.0)
    parser.add_argument("--output", type=Path, default=RESULTS)
    arguments = parser.parse_args()
    rows: list[dict[str, Any]] = []
    steps = {
        "submit": lambda: submit_step(rows, arguments.rounds),
        "api": lambda: api_step(rows, arguments.api_duration),
        "chat": lambda: chat_step(rows, arguments.chat_sizes),
        "soak": lambda: soak_step(rows, arguments.soak_minutes),
    }
    for step in STEPS:
        if step in arguments.only:
            steps[step]()
    text = markdown(rows, arguments)
    output: Path = arguments.output
    previous = output.read_text() if output.exists() else ""
    header = "# Issue 15's figures against their targets (bench/scale.py, `make bench-scale`)\n"
    kept = previous[len(header) :] if previous.startswith(header) else previous
    output.write_text(header + text + kept)
    print(text)


if __name__ == "__main__":
    main()
