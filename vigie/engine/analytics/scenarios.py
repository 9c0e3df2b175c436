"""Synthetic weekly histories of real communes, with planted emergences as ground truth.

Every commune's steady weekly rate is ``A · (pop/10⁴)^γ · M`` with ``M`` lognormal (σ = 1, mean
1): communes of equal population differ by a factor of several. ``A`` is calibrated so that
all of France's communes give ``reports_per_year`` reports a year (10⁶ over five years by
default), whatever départements are generated. Each week's rate is multiplied by a gamma
factor (overdispersion), a mild season (±10 %), and for a few communes a slow trend; a commune
occasionally gets an isolated burst of 2-3 reports (one neighbour reporting several times).
Points de deal are dismantled at a low background rate (one per ~200 reports), and a report
opens a dossier one time in four.

A planted emergence is a medium town (10,000-100,000 inhabitants) whose rate jumps to
``max(level × U(4, 10), U(1, 3))`` reports a week from ``start`` on. With an origin (a commune
of at least 100,000 inhabitants, else the largest at least three times bigger, within 100 km),
an operation there precedes it by 2-6 weeks: 5-12 points dismantled over three weeks, then its
reports fall by 30-50 % for good — the Marseille → Pertuis pattern of seeds/002.
"""

from __future__ import annotations

import csv
import gzip
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from vigie.engine.analytics.emerging import WEEKS_PER_YEAR, Area, History, distance_km

COMMUNES_CSV = Path(__file__).resolve().parents[2] / "geo" / "data" / "communes.csv.gz"
GAMMA = 1.15
SIGMA = 1.0
WEEKLY_SHAPE = 4.0  # gamma shape of the week-to-week factor
SEASON = 0.10
BURST_RATE = 0.0015  # per commune-week
TREND_SHARE = 0.05
DISMANTLED_PER_REPORT = 0.005
DOSSIER_PER_REPORT = 0.25
DEFAULT_START = date(2022, 1, 3)


@dataclass(frozen=True)
class Planted:
    commune: str
    start: date
    origin: str | None


@dataclass(frozen=True)
class Scenario:
    areas: dict[str, Area]
    history: History
    planted: list[Planted]


@cache
def france() -> dict[str, Area]:
    """Every commune of the bundled file (code, name, département, population, lat/lon)."""
    out: dict[str, Area] = {}
    with gzip.open(COMMUNES_CSV, "rt", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            lat = float(row["lat"]) if row["lat"] else None
            lon = float(row["lon"]) if row["lon"] else None
            out[row["code"]] = Area(
                row["code"], row["name"], row["departement"], int(row["population"] or 0), lat, lon
            )
    return out


@cache
def _national_weight() -> float:
    return math.fsum(float(max(a.population, 1) / 1e4) ** GAMMA for a in france().values())


def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0.0:
        return 0
    if mean > 30.0:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit = math.exp(-mean)
    k = 0
    prod = rng.random()
    while prod > limit:
        k += 1
        prod *= rng.random()
    return k


def _binomial(rng: random.Random, n: int, p: float) -> int:
    return sum(1 for _ in range(n) if rng.random() < p)


def _origin_for(target: Area, areas: dict[str, Area]) -> Area | None:
    near = [
        (a, d)
        for a in areas.values()
        if a.code != target.code
        and (d := distance_km(target, a)) is not None
        and d <= 100.0
        and a.population >= 3 * target.population
    ]
    big = [x for x in near if x[0].population >= 100_000]
    pool = big or near
    if not pool:
        return None
    return max(pool, key=lambda x: x[0].population)[0]


def generate(
    seed: int,
    *,
    departements: Sequence[str] | None = ("13", "84"),
    years: int = 3,
    emergences: int = 0,
    with_origin: float = 0.7,
    plant: Sequence[tuple[str, str | None, int]] = (),
    first_start_week: int = 60,
    last_start_margin: int = 8,
    reports_per_year: float = 200_000.0,
    start: date = DEFAULT_START,
) -> Scenario:
    """A history of ``years`` years for the communes of ``departements`` (None: all France).

    ``emergences`` random planted emergences (each with an origin with probability
    ``with_origin`` when one is within reach), plus the ``plant`` ones given as
    ``(commune, origin or None, start week index)``; random starts fall between week
    ``first_start_week`` and ``last_start_margin`` weeks before the end.
    """
    rng = random.Random(seed)  # noqa: S311  # reproducible synthetic data, not secrets
    everything = france()
    wanted = None if departements is None else set(departements)
    areas = {c: a for c, a in everything.items() if wanted is None or a.departement in wanted}
    n = round(years * WEEKS_PER_YEAR)
    weeks = [start + timedelta(weeks=i) for i in range(n)]
    scale = reports_per_year / WEEKS_PER_YEAR / _national_weight()
    season = [
        1.0 + SEASON * math.sin(2 * math.pi * (w.timetuple().tm_yday / 365.25) + 0.7) for w in weeks
    ]
    # Rates per commune and week (multiplicative profile), planted changes applied below.
    base: dict[str, float] = {}
    for code in sorted(areas):
        a = areas[code]
        mult = math.exp(rng.gauss(-SIGMA * SIGMA / 2, SIGMA))
        base[code] = scale * (max(a.population, 1) / 1e4) ** GAMMA * mult
    trend: dict[str, float] = {}
    for code in sorted(areas):
        if rng.random() < TREND_SHARE:
            trend[code] = rng.uniform(-0.3, 0.3)  # log-change a year
    # Planted emergences.
    planted: list[Planted] = []
    level_from: dict[str, tuple[int, float]] = {}  # commune -> (week, new rate)
    fall_from: dict[str, tuple[int, float]] = {}  # origin -> (week, factor)
    extra_dismantled: dict[str, dict[int, int]] = {}
    medium = sorted(c for c, a in areas.items() if 10_000 <= a.population < 100_000)
    choices: list[tuple[str, str | None, int]] = list(plant)
    used = {c for c, _, _ in choices}
    for _ in range(emergences):
        pool = [c for c in medium if c not in used]
        if not pool:
            break
        code = rng.choice(pool)
        used.add(code)
        origin_area = _origin_for(areas[code], areas) if rng.random() < with_origin else None
        week = rng.randrange(first_start_week, max(first_start_week + 1, n - last_start_margin))
        choices.append((code, origin_area.code if origin_area else None, week))
    for code, origin, week in choices:
        level = base[code]
        level_from[code] = (week, max(level * rng.uniform(4, 10), rng.uniform(1, 3)))
        if origin is not None:
            used.add(origin)
            op = max(0, week - rng.randint(2, 6))
            fall_from[origin] = (op, 1.0 - rng.uniform(0.3, 0.5))
            bonus = extra_dismantled.setdefault(origin, {})
            for _ in range(rng.randint(5, 12)):
                w = min(n - 1, op + rng.randrange(3))
                bonus[w] = bonus.get(w, 0) + 1
        planted.append(Planted(code, weeks[week], origin))
    counts: dict[str, list[int]] = {}
    dismantled: dict[str, list[int]] = {}
    dossiers: dict[str, list[int]] = {}
    for code in sorted(areas):
        rate = base[code]
        tr = trend.get(code, 0.0)
        jump = level_from.get(code)
        fall = fall_from.get(code)
        series = [0] * n
        if (
            rate * (1.0 + SEASON) * math.exp(abs(tr) * years) < 0.3
            and jump is None
            and fall is None
        ):
            # Rare events: a Poisson process by thinning (one draw per candidate event).
            top = rate * (1.0 + SEASON) * math.exp(abs(tr) * years)
            t = rng.expovariate(top)
            while t < n:
                i = int(t)
                r = rate * season[i] * math.exp(tr * i / WEEKS_PER_YEAR)
                if rng.random() * top < r:
                    series[i] += 1
                t += rng.expovariate(top)
        else:
            for i in range(n):
                r = rate * season[i] * math.exp(tr * i / WEEKS_PER_YEAR)
                if jump is not None and i >= jump[0]:
                    r = jump[1] * season[i]
                if fall is not None and i >= fall[0]:
                    r *= fall[1]
                series[i] = _poisson(rng, r * rng.gammavariate(WEEKLY_SHAPE, 1.0 / WEEKLY_SHAPE))
        # Isolated bursts: one reporter, two or three reports in a week.
        t = rng.expovariate(BURST_RATE)
        while t < n:
            series[int(t)] += rng.choice((2, 2, 3))
            t += rng.expovariate(BURST_RATE)
        total = sum(series)
        if total:
            counts[code] = series
            drate = DISMANTLED_PER_REPORT * total / n
            dis = [0] * n
            if drate * n > 0.05 or code in extra_dismantled:
                for i in range(n):
                    dis[i] = _poisson(rng, drate) if drate > 0.002 else 0
            for w, k in extra_dismantled.get(code, {}).items():
                dis[w] += k
            if any(dis):
                dismantled[code] = dis
            dos = [_binomial(rng, y, DOSSIER_PER_REPORT) if y else 0 for y in series]
            if any(dos):
                dossiers[code] = dos
    return Scenario(areas, History(weeks, counts, dismantled, dossiers), planted)
