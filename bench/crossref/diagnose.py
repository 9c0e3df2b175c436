"""In-memory diagnosis of a hand-written set: the same features → links → clusters as the back
office, then each wrongly split or merged true dossier with the links (or the missing ones)
that explain it.

Usage (from the repository root):
    .venv/bin/python -m bench.crossref.diagnose REPORTS.jsonl TRUTH.jsonl [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from bench.linking.scenarios import report_features
from vigie.engine.linking.batch import link_all, pairwise_scores
from vigie.engine.linking.rules import compare
from vigie.engine.linking.types import Features


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def short(f: Features) -> str:
    bits = [
        f.key[:6],
        f.category or "?",
        f.place_kind or "-",
        ",".join(sorted(f.plates | f.partial_plates)),
        ",".join(sorted(f.phones)),
        ",".join(f"{n}:{v}" for n, v in sorted(f.handles)),
        ",".join(f"{v.kind}/{v.make}/{v.model}/{v.colour}" for v in f.vehicles),
        "h" + ",".join(map(str, sorted(f.hours))),
        "d" + ",".join(map(str, sorted(f.days))),
        "|".join(" ".join(sorted(p)) for p in f.people),
        "OFF" if f.off_topic else "",
    ]
    return "  ".join(b for b in bits if b)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("reports", type=Path)
    parser.add_argument("truth", type=Path)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    reports = load(args.reports)
    truth = {
        t["submission_id"]: t["dossier"] or f"lone-{t['submission_id']}" for t in load(args.truth)
    }
    feats = report_features(reports)
    by_key = {f.key: f for f in feats}
    dossiers, links = link_all(feats)
    p, r, f1 = pairwise_scores(dossiers, truth)
    print(f"{len(feats)} reports  P={p:.3f} R={r:.3f} F1={f1:.3f}")
    of = {k: i for i, d in enumerate(dossiers) for k in d}
    groups: dict[str, list[str]] = defaultdict(list)
    for k, t in truth.items():
        groups[t].append(k)
    for label, keys in sorted(groups.items()):
        parts: dict[int, list[str]] = defaultdict(list)
        for k in keys:
            parts[of[k]].append(k)
        if len(parts) < 2:
            continue
        print(f"\nSPLIT {label}: {[len(v) for v in parts.values()]}")
        for i, (_, ks) in enumerate(parts.items()):
            for k in ks:
                print(f"  [{i}] {short(by_key[k])}")
        if args.verbose:
            comps = list(parts.values())
            for x in range(len(comps)):
                for y in range(x + 1, len(comps)):
                    best = None
                    for a in comps[x]:
                        for b in comps[y]:
                            link = compare(by_key[a], by_key[b])
                            if link and (best is None or link.weight > best.weight):
                                best = link
                    if best:
                        print(
                            f"   best {x}-{y}: {best.weight:.3f} {best.a[:6]}-{best.b[:6]} "
                            + " · ".join(
                                f"{c}={d}" for c, d in zip(best.rules, best.details, strict=True)
                            )
                        )
                    else:
                        print(f"   best {x}-{y}: no anchor")
    for d in dossiers:
        labels = defaultdict(list)
        for k in d:
            labels[truth[k]].append(k)
        if len(labels) > 1:
            print(f"\nMERGED {sorted((lab, len(v)) for lab, v in labels.items())}")
            for lab, ks in labels.items():
                for k in ks:
                    print(f"  {lab[:20]:20} {short(by_key[k])}")
            if args.verbose:
                for link in links:
                    if link.weight >= 0.5 and link.a in d and truth[link.a] != truth[link.b]:
                        print(
                            f"   link {link.weight:.3f} {link.a[:6]}-{link.b[:6]} "
                            + " · ".join(
                                f"{c}={d}" for c, d in zip(link.rules, link.details, strict=True)
                            )
                        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
