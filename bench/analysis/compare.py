"""CPU cost of the analysis on the team's reports, to compare two versions of the engine in the
same conditions (on a shared machine absolute figures move with the load, ratios much less).

    git archive <commit> vigie | tar -x -C /tmp/base
    PYTHONPATH=/tmp/base taskset -c 1 .venv/bin/python bench/analysis/compare.py base
    PYTHONPATH=$PWD      taskset -c 1 .venv/bin/python bench/analysis/compare.py branch
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from vigie.engine.analysis import analyse

TUNING = Path(__file__).resolve().parents[2] / "vigie/engine/analysis/data/tuning.jsonl"


def main() -> int:
    lines = TUNING.read_text(encoding="utf-8").splitlines()
    texts = [str(json.loads(line)["text"]) for line in lines if line.strip()]
    long_text = " ".join(texts)[:2000]
    analyse(texts[0])
    start, done = time.process_time(), 0
    while time.process_time() - start < 4:
        for text in texts:
            analyse(text)
        done += len(texts)
    rate = done / (time.process_time() - start)
    start = time.process_time()
    for _ in range(50):
        analyse(long_text)
    per_long = (time.process_time() - start) / 50 * 1000
    label = sys.argv[1] if len(sys.argv) > 1 else "engine"
    print(f"{label}: {rate:.0f} reports per CPU second, {per_long:.2f} CPU ms per 2,000 chars")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
