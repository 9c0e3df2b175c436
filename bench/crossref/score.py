"""Pairwise precision / recall / F1 of exported dossiers against a ground truth, through the
real commands: `vigie reports import FILE.jsonl`, then `vigie dossiers export`.

Usage (from the repository root):
    .venv/bin/python -m bench.crossref.score REPORTS.jsonl TRUTH.jsonl [--departement 25]

TRUTH holds one line per report: {"submission_id": …, "dossier": "<label>" or null}. The
import and export run in a throwaway var directory (SQLite), so nothing of yours is touched.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def pairs(groups: list[set[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for group in groups for p in itertools.combinations(sorted(group), 2)}


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(  # our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode not in (0, 1):  # 1: some lines refused, reported below
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    if done.stderr.strip():
        print(done.stderr.strip()[-2000:], file=sys.stderr)
    return done.stdout


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("reports", type=Path)
    parser.add_argument("truth", type=Path)
    parser.add_argument("--departement", default="25")
    args = parser.parse_args()
    truth_lines = [json.loads(line) for line in args.truth.read_text().splitlines() if line]
    by_label: dict[str, set[str]] = {}
    for line in truth_lines:
        if line.get("dossier"):
            by_label.setdefault(line["dossier"], set()).add(line["submission_id"])
    with tempfile.TemporaryDirectory(prefix="vigie-score-") as var:
        env = {**os.environ, "VIGIE_VAR_DIR": var, "DJANGO_SETTINGS_MODULE": "config.settings.run"}
        env.pop("DATABASE_URL", None)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "load_geography", "--departements", args.departement, "-v0")
        manage(env, "reports", "import", str(args.reports.resolve()))
        exported = manage(env, "dossiers", "export", "--departement", args.departement)
    found = [set(json.loads(line)["submission_ids"]) for line in exported.splitlines() if line]
    stored = set().union(*found) if found else set()
    refused = [t["submission_id"] for t in truth_lines if t["submission_id"] not in stored]
    true_pairs = pairs([group & stored for group in by_label.values()])
    found_pairs = pairs(found)
    tp = len(true_pairs & found_pairs)
    precision = tp / len(found_pairs) if found_pairs else 1.0
    recall = tp / len(true_pairs) if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(
        json.dumps(
            {
                "reports": len(truth_lines),
                "stored": len(stored),
                "refused": len(refused),
                "true_dossiers": len(by_label),
                "exported_multi_report_dossiers": sum(1 for g in found if len(g) > 1),
                "precision": round(precision, 3),
                "recall": round(recall, 3),
                "f1": round(f1, 3),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
