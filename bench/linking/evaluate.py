"""Pairwise precision / recall / F1 of the linking engine on generated scenarios.

Tuning was done on TUNING_SEEDS only; the figures reported are on seeds never used for tuning:
``python bench/linking/evaluate.py --seeds 1001 1002 1003 1004 1005``.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict

from bench.linking.scenarios import Scenario, features, generate
from vigie.engine.linking.batch import link_all, pairwise_scores

TUNING_SEEDS = (1, 2, 3, 4, 5)


def score(scenario: Scenario) -> tuple[float, float, float]:
    dossiers, _ = link_all(features(scenario))
    return pairwise_scores(dossiers, scenario.truth)


def errors(scenario: Scenario) -> list[str]:
    """What went wrong, one line per wrongly split or wrongly merged true dossier."""
    dossiers, _ = link_all(features(scenario))
    out = []
    by_truth: dict[str, set[int]] = defaultdict(set)
    for i, d in enumerate(dossiers):
        for k in d:
            by_truth[scenario.truth[k]].add(i)
    for t, found in sorted(by_truth.items()):
        if len(found) > 1:
            out.append(f"split {t}: {[len(dossiers[i]) for i in found]}")
    for d in dossiers:
        truths = {scenario.truth[k] for k in d}
        if len(truths) > 1:
            out.append(f"merged {sorted(truths)}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, nargs="*", default=list(TUNING_SEEDS))
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--realistic", action="store_true", help="the hand-written set")
    args = parser.parse_args(argv)
    totals = []
    if args.realistic:
        from bench.linking.realistic import scenario as realistic

        built = realistic()
        p, r, f = score(built)
        print(f"hand-written: {len(built.reports)} reports  P={p:.3f} R={r:.3f} F1={f:.3f}")
        if args.errors:
            for line in errors(built):
                print("   ", line)
        return 0
    for seed in args.seeds:
        scenario = generate(seed, args.scale)
        p, r, f = score(scenario)
        totals.append((p, r, f))
        print(f"seed {seed}: {len(scenario.reports)} reports  P={p:.3f} R={r:.3f} F1={f:.3f}")
        if args.errors:
            for line in errors(scenario):
                print("   ", line)
    mean = [sum(x[i] for x in totals) / len(totals) for i in range(3)]
    print(f"mean: P={mean[0]:.3f} R={mean[1]:.3f} F1={mean[2]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
