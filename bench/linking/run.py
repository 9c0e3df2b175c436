"""In-memory speed of the linking engine per new report, against stored populations.

For each new report: ``features_from`` (on its analysis dict, computed beforehand: the text
analysis has its own benchmark), ``query_tokens`` under a real HMAC-SHA256, the look-up of the
tokens among the stored ones (a dict standing for the database index), ``compare`` with every
candidate found, and ``cluster`` of the dossiers the new report touches. The DB-level
benchmark (10^6 reports on SQLite and PostgreSQL) belongs to the back office's integration.

Populations are built from generated scenarios (bench/linking/scenarios.py), replicated over
a grid 150 km apart with fresh identifiers, so that candidate sets stay those of one
département whatever the size. Writes bench/results/linking.md.

    .venv/bin/python bench/linking/run.py [--sizes 10000 100000] [--queries 2000]
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import hashlib
import hmac
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from bench.linking.evaluate import TUNING_SEEDS, score
from bench.linking.scenarios import generate, offset
from vigie.engine.analysis import analyse
from vigie.engine.linking import cluster, compare, features_from, index_tokens, query_tokens
from vigie.engine.linking.rules import LINK_THRESHOLD, Link
from vigie.engine.linking.types import Features

KEY = os.urandom(32)
RESULTS = Path(__file__).resolve().parents[1] / "results" / "linking.md"


def keyed(kind: str, value: str) -> str:
    return hmac.new(KEY, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


Inputs = list[list[tuple[dict[str, object], dict[str, object]]]]


def base_inputs(seeds: range) -> Inputs:
    """(report, analysis) pairs of generated scenarios, one list per scenario."""
    return [
        [
            (rep, analyse(str(rep.get("description", "")), rep).to_dict())
            for rep in generate(s).reports
        ]
        for s in seeds
    ]


def features_of(rep: dict[str, object], analysis: dict[str, object], key: str) -> Features:
    location = rep.get("location")
    commune = location.get("commune") if isinstance(location, dict) else None
    return features_from(
        key=key,
        received_at=datetime.fromisoformat(str(rep["received_at"])),
        analysis=analysis,
        report=rep,
        departement="25",
        commune=str(commune) if commune else None,
    )


def _fresh(value: str, rng: random.Random) -> str:
    return "".join(
        rng.choice("ABCDEFGHJKLMNPRSTVWXYZ")
        if c.isalpha()
        else str(rng.randrange(10))
        if c.isdigit()
        else c
        for c in value
    )


def replicate(groups: list[list[Features]], size: int, rng: random.Random) -> list[Features]:
    """``size`` features: each copy one scenario (one département's reports), moved 150 km
    from the others on a grid, identifiers renewed; copy 0 stays where the queries fall."""
    out: list[Features] = []
    copy = 0
    while len(out) < size:
        north, east = 150_000.0 * (copy // 30), 150_000.0 * (copy % 30)
        renamed: dict[str, str] = {}

        def fresh(v: str, renamed: dict[str, str] = renamed) -> str:
            if v not in renamed:
                renamed[v] = _fresh(v, rng)  # keeps "?" and "-": partials stay partial
            return renamed[v]

        for f in groups[copy % len(groups)]:
            if len(out) >= size:
                break
            out.append(
                replace(
                    f,
                    key=f"{copy}:{f.key}",
                    commune=f"{f.commune}-{copy}" if f.commune and copy else f.commune,
                    departement=f"{f.departement}-{copy}"
                    if f.departement and copy
                    else f.departement,
                    point=offset(f.point, -north, east) if f.point and copy else f.point,
                    plates=frozenset(fresh(p) for p in f.plates) if copy else f.plates,
                    partial_plates=frozenset(fresh(p) for p in f.partial_plates)
                    if copy
                    else f.partial_plates,
                    phones=frozenset("+33" + _fresh(p[3:], rng) for p in f.phones)
                    if copy
                    else f.phones,
                    handles=frozenset((n, v + str(copy)) for n, v in f.handles)
                    if copy
                    else f.handles,
                )
            )
        copy += 1
    return out


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def measure(size: int, inputs: Inputs, queries: int) -> dict[str, float]:
    rng = random.Random(size)
    groups = [
        [features_of(rep, an, f"{g}.{i}") for i, (rep, an) in enumerate(group)]
        for g, group in enumerate(inputs)
    ]
    stored = replicate(groups, size, rng)
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, f in enumerate(stored):
        for token in index_tokens(f, keyed):
            postings[token].append(i)
    # Dossiers of the stored population (per town copy: links are local).
    dossier_of: dict[str, frozenset[str]] = {}
    links_of: dict[str, list[Link]] = defaultdict(list)
    by_copy: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(stored):
        by_copy[f.key.split(":")[0]].append(i)
    # Queries fall on copy 0 (the others are 150 km away): only its dossiers can be touched.
    for idx in (by_copy["0"],):
        members = [stored[i] for i in idx]
        pair_links = []
        for f in members:
            found = {j for t in query_tokens(f, keyed) for j in postings.get(t, ())}
            for j in found:
                g = stored[j]
                if g.key < f.key:
                    link = compare(f, g)
                    if link:
                        pair_links.append(link)
        for link in pair_links:
            links_of[link.a].append(link)
            links_of[link.b].append(link)
        for d in cluster([f.key for f in members], pair_links):
            for k in d:
                dossier_of[k] = d
    # The stored population stands for the database: keep the collector off it, as a worker's
    # heap holds no such population.
    gc.collect()
    gc.freeze()
    timings: dict[str, list[float]] = defaultdict(list)
    candidates_n: list[int] = []
    # CPU time of this thread: the machine is shared (load ~10 on 2 cores while measured), wall
    # time there measures the other jobs.
    clock = time.thread_time
    for q in range(queries):
        rep, analysis = inputs[0][rng.randrange(len(inputs[0]))]
        t0 = clock()
        f = features_of(rep, analysis, f"new{q}")
        t1 = clock()
        tokens = query_tokens(f, keyed)
        t2 = clock()
        found = {j for t in tokens for j in postings.get(t, ())}
        t3 = clock()
        new_links = [link for j in found if (link := compare(f, stored[j])) is not None]
        t4 = clock()
        touched: set[str] = {f.key}
        for link in new_links:
            if link.weight >= LINK_THRESHOLD:
                other = link.b if link.a == f.key else link.a
                touched |= dossier_of.get(other, {other})
        component_links = new_links + [
            link for k in touched for link in links_of.get(k, ()) if link.a < link.b
        ]
        cluster(touched, component_links)
        t5 = clock()
        candidates_n.append(len(found))
        for name, dt in (
            ("features", t1 - t0),
            ("tokens", t2 - t1),
            ("lookup", t3 - t2),
            ("compare", t4 - t3),
            ("cluster", t5 - t4),
            ("total", t5 - t0),
        ):
            timings[name].append(dt * 1000)
    gc.unfreeze()
    out = {f"{name} p50": pct(v, 0.5) for name, v in timings.items()}
    out.update({f"{name} p99": pct(v, 0.99) for name, v in timings.items()})
    out["candidates mean"] = statistics.fmean(candidates_n)
    out["candidates p99"] = pct([float(c) for c in candidates_n], 0.99)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=2000)
    args = parser.parse_args(argv)
    with contextlib.suppress(AttributeError, OSError):  # the figures are per core: keep to one
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    inputs = base_inputs(range(200, 220))
    rows = []
    for size in args.sizes:
        got = measure(size, inputs, args.queries)
        rows.append((size, got))
        print(size, {k: round(v, 3) for k, v in got.items()}, flush=True)
    quality = [score(generate(seed)) for seed in TUNING_SEEDS]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    lines = [
        "# Linking engine benchmark (in memory)",
        "",
        "Command (from the repository root): `PYTHONPATH=$PWD .venv/bin/python bench/linking/run.py"
        f" --sizes {' '.join(map(str, args.sizes))} --queries {args.queries}`",
        "",
        f"Date: {datetime.now(UTC).isoformat(timespec='seconds')} — {cpu_model()}, "
        f"nproc={os.cpu_count()}, pinned to one core, Python {platform.python_version()}, "
        f"commit {commit}",
        "",
        "Per new report: `features_from` on its analysis dict, `query_tokens` (HMAC-SHA256), "
        "look-up among the stored tokens (a dict standing for the database index), `compare` "
        "with each candidate, `cluster` of the dossiers it touches. Stored populations: "
        f"{len(inputs)} generated scenarios (one département each, ~120 reports) replicated "
        "150 km apart with fresh identifiers; new reports are drawn from the first scenario, "
        "so each meets the density of one département. Milliseconds of CPU time of the "
        "thread (`time.thread_time`): the machine is shared by several jobs (load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the end of the run), where wall "
        "time measures the others' work.",
        "",
        "| stored reports | features p50/p99 | tokens p50/p99 | look-up p50/p99 "
        "| compare p50/p99 | cluster p50/p99 | **total p50/p99** | candidates mean/p99 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for size, got in rows:
        cells = [
            f"{got[f'{n} p50']:.3f} / {got[f'{n} p99']:.3f}"
            for n in ("features", "tokens", "lookup", "compare", "cluster", "total")
        ]
        cells[-1] = f"**{cells[-1]}**"
        lines.append(
            f"| {size:,} | "
            + " | ".join(cells)
            + f" | {got['candidates mean']:.1f} / {got['candidates p99']:.0f} |"
        )
    lines += [
        "",
        "Quality on the tuning seeds at this commit (pairwise, generated scenarios): "
        + ", ".join(f"F1={f:.3f}" for _, _, f in quality),
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print(RESULTS.read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
