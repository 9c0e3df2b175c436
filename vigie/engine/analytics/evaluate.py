"""Recall, delay, origin and false alerts of ``emerging.detect`` on generated scenarios.

``python -m vigie.engine.analytics.evaluate --seeds 1000-1019 [--json] [--alerts]``

Per seed: 2-4 départements (13 and 84 plus up to two others drawn by the seed), three years,
``--emergences`` planted emergences (3 by default; with an origin when one is within reach, 70 %
of the time). ``detect`` is replayed week by week from the end of the first year. A planted
emergence is flagged when an alert on its commune is detected within six weeks of its start
(``detected_on − start ≤ 42 days``); its delay is that of the first alert on the commune
detected from two weeks before its start on. Every other alert is false; false alerts are
counted per département-year of replayed weeks (the planted communes' years included: the
figure is for the noise around them).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from vigie.engine.analytics.emerging import WEEKS_PER_YEAR, Alert, Params, detect
from vigie.engine.analytics.scenarios import Scenario, france, generate

TUNING_SEEDS = range(1, 51)
HELD_OUT_SEEDS = range(9000, 9050)  # round 1; round 2 used 9100-9149
DEFAULT_PARAMS = Params()
WITHIN = timedelta(days=42)
EARLY = timedelta(days=14)


@dataclass(frozen=True)
class SeedResult:
    seed: int
    departements: tuple[str, ...]
    planted: int
    flagged: int
    delays_days: tuple[int, ...]
    with_origin: int
    origin_correct: int
    without_origin: int
    spurious_origin: int
    false_alerts: int
    departement_years: float
    false_alert_details: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "seed": self.seed,
            "departements": list(self.departements),
            "planted": self.planted,
            "flagged_within_6_weeks": self.flagged,
            "delays_days": list(self.delays_days),
            "origin_correct": f"{self.origin_correct}/{self.with_origin}",
            "spurious_origin": f"{self.spurious_origin}/{self.without_origin}",
            "false_alerts": self.false_alerts,
            "departement_years": round(self.departement_years, 2),
        }


def departements_for(seed: int) -> tuple[str, ...]:
    rng = random.Random(f"departements-{seed}")  # noqa: S311  # reproducible, not secret
    others = sorted({a.departement for a in france().values()} - {"13", "84"})
    return ("13", "84", *rng.sample(others, rng.randint(0, 2)))


def scenario_for(seed: int, emergences: int = 3) -> Scenario:
    return generate(seed, departements=departements_for(seed), years=3, emergences=emergences)


def score(
    seed: int, scenario: Scenario, alerts: Sequence[Alert], replayed_weeks: int
) -> SeedResult:
    by_commune: dict[str, list[Alert]] = {}
    for a in alerts:
        by_commune.setdefault(a.commune, []).append(a)
    matched: set[int] = set()
    flagged = 0
    delays: list[int] = []
    with_origin = origin_correct = without_origin = spurious = 0
    for p in scenario.planted:
        found = sorted(
            (a for a in by_commune.get(p.commune, []) if a.detected_on >= p.start - EARLY),
            key=lambda a: a.detected_on,
        )
        for a in found:
            matched.add(id(a))
        first = found[0] if found else None
        if first is not None:
            delays.append((first.detected_on - p.start).days)
        if first is not None and first.detected_on - p.start <= WITHIN:
            flagged += 1
        if p.origin is not None:
            with_origin += 1
            origin_correct += int(
                first is not None and first.origin is not None and first.origin.commune == p.origin
            )
        else:
            without_origin += 1
            spurious += int(first is not None and first.origin is not None)
    false = [a for a in alerts if id(a) not in matched]
    depts = tuple(sorted({a.departement for a in scenario.areas.values()}))
    return SeedResult(
        seed=seed,
        departements=depts,
        planted=len(scenario.planted),
        flagged=flagged,
        delays_days=tuple(delays),
        with_origin=with_origin,
        origin_correct=origin_correct,
        without_origin=without_origin,
        spurious_origin=spurious,
        false_alerts=len(false),
        departement_years=len(depts) * replayed_weeks / WEEKS_PER_YEAR,
        false_alert_details=tuple(
            f"{a.detected_on} {a.commune} {a.explanation}"
            for a in sorted(false, key=lambda a: a.detected_on)
        ),
    )


def run(seed: int, emergences: int = 3, params: Params = DEFAULT_PARAMS) -> SeedResult:
    scenario = scenario_for(seed, emergences)
    weeks = scenario.history.weeks
    first = 52
    alerts = detect(scenario.areas, scenario.history, since=weeks[first], params=params)
    return score(seed, scenario, alerts, len(weeks) - first)


def parse_seeds(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        if "-" in part:
            a, b = part.split("-")
            out.extend(range(int(a), int(b) + 1))
        else:
            out.append(int(part))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m vigie.engine.analytics.evaluate")
    parser.add_argument("--seeds", default="1-20", help="e.g. 1000-1019 or 1,2,5")
    parser.add_argument("--emergences", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--alerts", action="store_true", help="list the false alerts")
    args = parser.parse_args(argv)
    results = [run(seed, args.emergences) for seed in parse_seeds(args.seeds)]
    planted = sum(r.planted for r in results)
    flagged = sum(r.flagged for r in results)
    delays = [d for r in results for d in r.delays_days]
    with_origin = sum(r.with_origin for r in results)
    origin_ok = sum(r.origin_correct for r in results)
    without = sum(r.without_origin for r in results)
    spurious = sum(r.spurious_origin for r in results)
    false = sum(r.false_alerts for r in results)
    dy = sum(r.departement_years for r in results)
    totals = {
        "seeds": args.seeds,
        "planted": planted,
        "flagged_within_6_weeks": flagged,
        "recall": round(flagged / planted, 4) if planted else None,
        "never_flagged": sum(r.planted - len(r.delays_days) for r in results),
        "median_delay_days": statistics.median(delays) if delays else None,
        "origin_correct": f"{origin_ok}/{with_origin}",
        "spurious_origin": f"{spurious}/{without}",
        "false_alerts": false,
        "departement_years": round(dy, 2),
        "false_alerts_per_departement_year": round(false / dy, 4) if dy else None,
    }
    if args.json:
        for r in results:
            print(json.dumps(r.as_json()))
        print(json.dumps({"totals": totals}))
        return 0
    print("seed  départements       planted  ≤6 wk  delays (days)          origin  false  dépt-yr")
    for r in results:
        print(
            f"{r.seed:<5} {','.join(r.departements):<18} {r.planted:>7}  {r.flagged:>5}  "
            f"{','.join(map(str, r.delays_days)):<22} {r.origin_correct}/{r.with_origin:<5} "
            f"{r.false_alerts:>5}  {r.departement_years:>7.2f}"
        )
        if args.alerts:
            for line in r.false_alert_details:
                print("      false:", line)
    for key, value in totals.items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
