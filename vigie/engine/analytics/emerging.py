"""Emerging communes and displacement (issue 14's early warning).

Model, per commune ``c`` and week ``t`` (everything learnt from data before the tested window):

* **Steady level.** Weekly reports are gamma-Poisson: the commune's rate ``λ_c`` has a gamma
  prior whose mean is the commune's population times its département's per-capita rate, and
  whose shape ``α0`` (how much communes of equal population differ) is estimated by moments
  over the département's communes (empirical Bayes). The posterior after ``S`` reports in the
  ``B`` baseline weeks is Gamma(α0 + S, α0/m_c + B): a commune with a long history is judged on
  its own level, one with none on its population.
* **Baseline.** The ``baseline_weeks`` weeks that end ``max_window`` weeks before ``t``: no
  tested window is ever inside its own baseline.
* **Predictive.** The count of a window of ``w`` weeks is negative-binomial with mean
  ``w·λ̂_c`` and a size ``r`` such that ``1/r = 1/(α0 + S)`` (uncertainty on the level)
  ``+ 1/(w·k_d)`` (week-to-week overdispersion of the département, estimated by moments on its
  communes of at least one report a week) ``+ drift²`` (slow movements of the level that
  do not average out over the window: season, trend). Seasonality is not modelled by
  week-of-year: with one or two years of a platform whose use grows, a week-of-year profile
  cannot be told from the growth; the drift term absorbs both (±10 %).
* **Clusters.** The largest week of a window enters its sum capped at ``1 + ⌊3·λ̂_c⌋``: a
  neighbour who reports three times in one week in a village is not an emergence, a few
  reports every week are. Capping only lowers the statistic, so the test stays valid.
* **Scan and calibrated threshold.** Windows of 1 to ``max_window`` weeks ending at ``t``, of at
  least ``min_count`` (capped) reports; the smallest tail probability ``p`` is compared with a
  threshold ``q`` calibrated on the fitted null (``calibration``): the largest ``q`` whose
  expected rate of episode starts, computed exactly for the commune's own level by a dynamic
  programme, is within its share of ``false_alerts_per_departement_year`` (medium towns get
  ``medium_town_weight`` shares, at most ``MEDIUM_SHARE_MAX`` of the budget). That rate ignores
  the cap and the re-arming rule, so it is an upper bound: the nominal budget of 3 gives about
  0.5 false alerts per département-year on the tuning seeds. ``score = −log10(p·α/q)`` with
  ``α`` the weekly budget (the first round's scale).
* **Episodes.** A commune that alerted does not alert again until ``rearm_weeks`` consecutive
  weeks have had no window with raw ``p < rearm_p``.

Displacement: for each alert, among the communes within ``origin_max_km`` that are larger than
the alert's (at least ``origin_size_ratio`` times, and ``origin_min_population``), those whose
reports fell over the alert's window relative to their own baseline (taken before the
``origin_lookback_weeks`` preceding weeks) or which had more points dismantled in those weeks
than their own history explains. The fall is scanned over windows from the alert's to the
look-back (Bonferroni over them); the two −log10 p are added (a product of p-values at most
``origin_p``) and the strongest pressure, attenuated with distance, is the likely origin.

Replays are exact whatever ``since``: each commune's episode state is rebuilt from the last
week it was certainly out of any episode, and priors are refreshed every
``prior_refresh_weeks`` on absolute weeks; only weeks with a report in their windows (or in an
open episode) are tested.
"""

from __future__ import annotations

import bisect
import math
import statistics
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from vigie.engine.analytics.calibration import cheap_bound, threshold
from vigie.engine.analytics.tails import nb_cdf, nb_sf

WEEKS_PER_YEAR = 52.18
MEDIUM_TOWN = (10_000, 100_000)
MEDIUM_SHARE_MAX = 0.9  # of the false-alert budget, at most, for the medium towns
_NBSP = "\u00a0"  # before « : »
_NNBSP = "\u202f"  # before « ; » and « % », thousands separator
_MINUS = "\u2212"


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    departement: str
    population: int
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True)
class History:
    weeks: Sequence[date]
    counts: Mapping[str, Sequence[int]]
    dismantled: Mapping[str, Sequence[int]]
    dossiers: Mapping[str, Sequence[int]]


@dataclass(frozen=True)
class Origin:
    commune: str
    name: str
    distance_km: float
    change: float
    dismantled: int


@dataclass(frozen=True)
class Params:
    max_window: int = 8
    baseline_weeks: int = 104
    min_baseline_weeks: int = 20
    false_alerts_per_departement_year: float = 3.0
    drift: float = 0.1
    cap_base: int = 1
    medium_town_weight: float = 8.0
    min_count: int = 4
    rearm_weeks: int = 4
    rearm_p: float = 0.01
    warmup_weeks: int = 26
    prior_refresh_weeks: int = 13
    origin_max_km: float = 100.0
    origin_lookback_weeks: int = 12
    origin_min_population: int = 10_000
    origin_size_ratio: float = 2.0
    origin_p: float = 0.01


@dataclass(frozen=True)
class Alert:
    commune: str
    name: str
    departement: str
    first_seen: date
    detected_on: date
    observed: int
    expected: float
    weeks: int
    score: float
    p_value: float
    new_dossiers: int
    origin: Origin | None
    explanation: str
    population: int = 0
    size_class: str = field(default="")

    def as_json(self) -> dict[str, object]:
        return {
            "commune": self.commune,
            "name": self.name,
            "departement": self.departement,
            "first_seen": self.first_seen.isoformat(),
            "detected_on": self.detected_on.isoformat(),
            "score": round(self.score, 3),
            "p_value": self.p_value,
            "observed": self.observed,
            "expected": round(self.expected, 3),
            "weeks": self.weeks,
            "new_dossiers": self.new_dossiers,
            "size_class": self.size_class,
            "origin": self.origin.commune if self.origin else None,
            "origin_name": self.origin.name if self.origin else None,
            "distance_km": round(self.origin.distance_km, 1) if self.origin else None,
            "origin_change": round(self.origin.change, 3) if self.origin else None,
            "origin_dismantled": self.origin.dismantled if self.origin else None,
            "explanation": self.explanation,
        }


# --- French text -------------------------------------------------------------------------


def french_number(value: float, decimals: int = 0) -> str:
    """« 1 234,5 »: narrow no-break space between thousands, comma, U+2212 minus."""
    text = f"{abs(value):,.{decimals}f}".replace(",", _NNBSP).replace(".", ",")
    return (_MINUS + text) if value < 0 and text.strip("0,\u202f") else text


def french_percent(change: float) -> str:
    pct = round(change * 100)
    sign = _MINUS if pct < 0 else "+"
    return f"{sign}{abs(pct)}{_NNBSP}%"


def _plural(n: float, singular: str, plural: str) -> str:
    # French: 0 and 1 (and anything below 2) take the singular.
    return singular if abs(n) < 2 else plural


def size_class(population: int) -> str:
    if population < MEDIUM_TOWN[0]:
        return "petite commune"
    if population < MEDIUM_TOWN[1]:
        return "ville moyenne"
    return "grande ville"


def explain(
    name: str, observed: int, weeks: int, expected: float, new_dossiers: int, origin: Origin | None
) -> str:
    exp_text = french_number(expected, 1 if expected < 10 else 0)
    exp_value = round(expected, 1 if expected < 10 else 0)
    parts = [
        f"{name}{_NBSP}: {french_number(observed)} "
        f"{_plural(observed, 'signalement', 'signalements')} en {french_number(weeks)} "
        f"{_plural(weeks, 'semaine', 'semaines')} pour {exp_text} "
        f"{_plural(exp_value, 'attendu', 'attendus')}"
    ]
    if new_dossiers:
        parts.append(
            f"{french_number(new_dossiers)} "
            f"{_plural(new_dossiers, 'nouveau dossier', 'nouveaux dossiers')}"
        )
    else:
        parts.append("aucun nouveau dossier")
    if origin is not None:
        text = f"{origin.name} {french_percent(origin.change)} sur la même période"
        if origin.dismantled:
            text += (
                f" après {french_number(origin.dismantled)} "
                f"{_plural(origin.dismantled, 'point démantelé', 'points démantelés')}"
            )
        text += f", {french_number(origin.distance_km)}{_NBSP}km"
        parts.append(text)
    return f"{_NNBSP}; ".join(parts)


# --- geometry ----------------------------------------------------------------------------


def distance_km(a: Area, b: Area) -> float | None:
    """Great-circle distance (haversine, mean Earth radius)."""
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


# --- priors ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Prior:
    per_capita: float  # weekly reports per inhabitant
    shape: float  # α0
    inv_k: float  # week-to-week overdispersion 1/k
    communes: int  # N_d, for the multiplicity
    medium: int  # medium towns among them
    medium_weight: float


def _baseline_range(t: int, params: Params) -> tuple[int, int]:
    hi = t - params.max_window + 1
    return max(0, hi - params.baseline_weeks), max(0, hi)


def _heterogeneity(expected: Sequence[tuple[float, int]]) -> float:
    """1/α0: the squared coefficient of variation of the communes' rates around the prior mean.

    Each commune gives the unbiased ``((S − E)² − S) / E²``, whose variance is about
    ``2·(1/E + v)²``; they are averaged with the inverse of that variance (two passes, starting
    from ``v = 1``), so neither the few big cities nor the many villages' Poisson noise dominate.
    """
    v = 1.0
    for _ in range(2):
        num = den = 0.0
        for e, s in expected:
            if e <= 0.0:
                continue
            weight = 1.0 / (1.0 / e + v) ** 2
            num += weight * ((s - e) ** 2 - s) / (e * e)
            den += weight
        if den <= 0.0:
            return 1.0
        v = min(5.0, max(0.1, num / den))
    return v


def _priors(
    areas: Mapping[str, Area],
    by_dept: Mapping[str, Sequence[str]],
    counts: Mapping[str, Sequence[int]],
    lo: int,
    hi: int,
    medium_weight: float,
) -> dict[str, _Prior]:
    weeks = hi - lo
    out: dict[str, _Prior] = {}
    for dept, codes in by_dept.items():
        sums: list[tuple[str, int]] = []
        total = 0
        pop = 0
        for code in codes:
            pop += max(areas[code].population, 1)
            series = counts.get(code)
            s = sum(series[lo:hi]) if series is not None else 0
            total += s
            sums.append((code, s))
        per_capita = (total + 1.0) / (max(pop, 1) * max(weeks, 1))
        dispersions: list[float] = []
        expected: list[tuple[float, int]] = []
        for code, s in sums:
            e = per_capita * max(areas[code].population, 1) * weeks
            expected.append((e, s))
            if weeks >= 4 and s >= weeks:
                series = counts[code]
                mean = s / weeks
                sq = sum(v * v for v in series[lo:hi])
                var = (sq - s * mean) / (weeks - 1)
                dispersions.append((var - mean) / (mean * mean))
        inv_shape = _heterogeneity(expected)
        shape = 1.0 / min(5.0, max(0.1, inv_shape))
        # The median commune's: a commune that changed level (an emergence, an operation) has
        # a huge variance and must not make every other commune's test blunter.
        inv_k = min(2.0, max(0.0, statistics.median(dispersions))) if dispersions else 0.5
        medium = sum(1 for c in codes if MEDIUM_TOWN[0] <= areas[c].population < MEDIUM_TOWN[1])
        # Medium towns get ``medium_weight`` times a commune's share of the false-alert budget
        # (at most ``MEDIUM_SHARE_MAX`` of it): they are the ones the early warning is for.
        weight = min(medium_weight, MEDIUM_SHARE_MAX * len(codes) / medium) if medium else 1.0
        out[dept] = _Prior(per_capita, shape, inv_k, len(codes), medium, max(1.0, weight))
    return out


def _weight(area: Area, prior: _Prior) -> float:
    """The commune's share of the département's test budget (mean 1 over its communes)."""
    if prior.medium_weight == 1.0 or prior.medium == prior.communes:
        return 1.0
    if MEDIUM_TOWN[0] <= area.population < MEDIUM_TOWN[1]:
        return prior.medium_weight
    rest = prior.communes - prior.medium
    return (prior.communes - prior.medium_weight * prior.medium) / rest


# --- detection ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Test:
    p: float
    window: int
    observed: int
    expected: float
    rate: float  # posterior level λ̂, for the calibrated threshold
    shape: float  # its gamma shape a


def _test(series: Sequence[int], t: int, area: Area, prior: _Prior, params: Params) -> _Test | None:
    """Smallest tail probability over the windows ending at ``t``; None if no window can matter."""
    lo, hi = _baseline_range(t, params)
    weeks = hi - lo
    if weeks < params.min_baseline_weeks:
        return None
    s = sum(series[lo:hi])
    m = prior.per_capita * max(area.population, 1)
    a = prior.shape + s
    b = prior.shape / m + weeks
    rate = a / b
    cap = params.cap_base + int(3 * rate)
    drift2 = params.drift * params.drift
    best: _Test | None = None
    raw = 0
    top = 0
    for w in range(1, params.max_window + 1):
        y = series[t - w + 1]
        raw += y
        if y > top:
            top = y
        # The window's largest week counts at most ``cap``: one burst is not an emergence.
        x = raw - top + (top if top < cap else cap)
        e = w * rate
        if x < params.min_count or x < cheap_bound(e):
            continue
        size = 1.0 / (1.0 / a + prior.inv_k / w + drift2)
        p = nb_sf(x, e, size)
        if best is None or p < best.p:
            best = _Test(p, w, raw, e, rate, a)
    return best


def _origin(
    alert_area: Area,
    t: int,
    window: int,
    candidates: Sequence[Area],
    history: History,
    priors: Mapping[str, _Prior],
    params: Params,
) -> Origin | None:
    best: tuple[float, Origin] | None = None
    look = params.origin_lookback_weeks
    hi = t - look + 1
    lo = max(0, hi - params.baseline_weeks)
    weeks = hi - lo
    if weeks < params.min_baseline_weeks:
        return None
    floor = max(params.origin_min_population, params.origin_size_ratio * alert_area.population)
    drift2 = params.drift * params.drift
    for cand in candidates:
        if cand.population < floor or cand.code == alert_area.code:
            continue
        d = distance_km(alert_area, cand)
        if d is None or d > params.origin_max_km:
            continue
        series = history.counts.get(cand.code)
        s = sum(series[lo:hi]) if series is not None else 0
        rate = (s + 0.5) / weeks
        prior = priors.get(cand.departement)
        inv_k = prior.inv_k if prior is not None else 0.5
        # The fall is scanned over the windows from the alert's to the whole look-back (an
        # operation precedes the emergence), Bonferroni over those windows; ``change`` is the
        # alert's window's, the one the explanation quotes.
        p_fall = 1.0
        change = 0.0
        tested = look - window + 1
        observed = 0
        for w in range(1, look + 1):
            observed += series[t - w + 1] if series is not None else 0
            if w < window:
                continue
            expected = rate * w
            if w == window:
                change = observed / expected - 1.0
            if observed < expected:
                size = 1.0 / (1.0 / (s + 0.5) + inv_k / w + drift2)
                p_fall = min(p_fall, nb_cdf(observed, expected, size) * tested)
        dseries = history.dismantled.get(cand.code)
        dismantled = sum(dseries[hi : t + 1]) if dseries is not None else 0
        if dismantled > 0 and dseries is not None:
            ds = sum(dseries[lo:hi])
            p_dism = nb_sf(dismantled, (ds + 0.5) / weeks * look, ds + 0.5)
        else:
            p_dism = 1.0
        strength = -math.log10(max(p_fall, 1e-300)) - math.log10(max(p_dism, 1e-300))
        if strength < -math.log10(params.origin_p):
            continue
        strength /= 1.0 + d / params.origin_max_km
        if best is None or strength > best[0]:
            best = (strength, Origin(cand.code, cand.name, d, change, dismantled))
    return best[1] if best else None


class _Priors:
    """Priors refreshed every ``prior_refresh_weeks`` on ABSOLUTE week indices, per département
    and lazily: the prior used at week ``t`` never depends on where a replay starts."""

    def __init__(
        self,
        areas: Mapping[str, Area],
        by_dept: Mapping[str, Sequence[str]],
        counts: Mapping[str, Sequence[int]],
        params: Params,
    ) -> None:
        self._areas = areas
        self._by_dept = by_dept
        self._counts = counts
        self._params = params
        self._cache: dict[tuple[int, str], _Prior] = {}

    def at(self, t: int, dept: str) -> _Prior:
        anchor = t - t % self._params.prior_refresh_weeks
        key = (anchor, dept)
        found = self._cache.get(key)
        if found is None:
            lo, hi = _baseline_range(anchor, self._params)
            found = _priors(
                self._areas,
                {dept: self._by_dept[dept]},
                self._counts,
                lo,
                hi,
                self._params.medium_town_weight,
            )[dept]
            self._cache[key] = found
        return found

    def mapping(self, t: int) -> dict[str, _Prior]:
        return {dept: self.at(t, dept) for dept in self._by_dept}


class _Lazy(Mapping[str, _Prior]):
    """The priors at week ``t``, computed for the départements actually looked up."""

    def __init__(self, priors: _Priors, t: int) -> None:
        self._priors = priors
        self._t = t

    def __getitem__(self, dept: str) -> _Prior:
        return self._priors.at(self._t, dept)

    def __iter__(self) -> Iterator[str]:
        return iter(self._priors._by_dept)

    def __len__(self) -> int:
        return len(self._priors._by_dept)

    def get(self, dept: str, default: object = None) -> _Prior | None:  # type: ignore[override]
        return self._priors.at(self._t, dept) if dept in self._priors._by_dept else None


def detect(
    areas: Mapping[str, Area],
    history: History,
    *,
    since: date | None = None,
    params: Params = Params(),
) -> list[Alert]:
    """Alerts whose ``detected_on >= since`` (all weeks if None), one per episode, by score.

    The result does not depend on ``since`` beyond the filter: each commune's episode state at
    ``since`` is replayed exactly, from the last point where it was certainly out of any episode
    (``rearm_weeks`` consecutive weeks without a window at ``p < rearm_p``, or the first
    testable week), and the priors are refreshed on absolute weeks. So an episode keeps its
    ``first_seen`` and ``detected_on`` whatever the replay, and a commune in a long episode does
    not alert again. (``warmup_weeks`` is no longer used.)
    """
    weeks = history.weeks
    n = len(weeks)
    if n == 0:
        return []
    window = params.max_window
    first_testable = window - 1 + params.min_baseline_weeks
    report_from = first_testable if since is None else bisect.bisect_left(list(weeks), since)
    report_from = max(report_from, first_testable)
    if report_from >= n:
        return []
    by_dept: dict[str, list[str]] = {}
    for code, area in areas.items():
        by_dept.setdefault(area.departement, []).append(code)
    counts = history.counts
    priors = _Priors(areas, by_dept, counts, params)
    candidates = sorted(
        (
            a
            for a in areas.values()
            if a.population >= params.origin_min_population and a.latitude is not None
        ),
        key=lambda a: -a.population,
    )
    alpha = params.false_alerts_per_departement_year / 52.0
    horizon = report_from - params.rearm_weeks - window + 1  # earliest report that matters
    alerts: list[Alert] = []

    def test(code: str, series: Sequence[int], t: int) -> _Test | None:
        area = areas[code]
        return _test(series, t, area, priors.at(t, area.departement), params)

    def alerting(code: str, res: _Test, t: int) -> float | None:
        """The adjusted probability if ``res`` is an alert, else None."""
        if res.p >= params.rearm_p:
            return None
        area = areas[code]
        prior = priors.at(t, area.departement)
        q = threshold(
            res.rate,
            res.shape,
            prior.inv_k,
            drift=params.drift,
            windows=window,
            min_count=params.min_count,
            budget=alpha * _weight(area, prior) / prior.communes,
            cap=params.rearm_p,
        )
        if res.p > q:
            return None
        # On the first round's scale: the probability adjusted so that the level is the
        # weekly budget.
        return min(1.0, res.p * alpha / q)

    for code in sorted(counts):
        if code not in areas:
            continue
        series = counts[code]
        nonzero = [i for i in range(max(0, horizon), n) if series[i]]
        if not nonzero:
            continue
        # Walk back to the last week certainly out of any episode.
        begin = report_from
        if nonzero[0] < report_from:
            run = 0
            u = report_from - 1
            begin = first_testable
            while u >= first_testable:
                res = test(code, series, u)
                if res is None or res.p >= params.rearm_p:
                    run += 1
                    if run == params.rearm_weeks:
                        begin = u + params.rearm_weeks
                        break
                else:
                    run = 0
                u -= 1
        if begin < report_from:
            nonzero = [i for i in range(max(0, begin - window + 1), n) if series[i]]
        quiet = -1  # consecutive normal weeks of the open episode, -1 out of any
        t = begin
        while t < n:
            if quiet < 0:
                # Out of an episode, only weeks with a report in their windows can alert.
                j = bisect.bisect_left(nonzero, t - window + 1)
                if j == len(nonzero):
                    break
                t = max(t, nonzero[j])
            res = test(code, series, t)
            if quiet >= 0:
                if res is None or res.p >= params.rearm_p:
                    quiet += 1
                    if quiet >= params.rearm_weeks:
                        quiet = -1
                else:
                    quiet = 0
                t += 1
                continue
            p_adj = alerting(code, res, t) if res is not None else None
            if res is None or p_adj is None:
                t += 1
                continue
            quiet = 0
            if t >= report_from:
                area = areas[code]
                origin = _origin(area, t, res.window, candidates, history, _Lazy(priors, t), params)
                dseries = history.dossiers.get(code)
                new_dossiers = sum(dseries[t - res.window + 1 : t + 1]) if dseries else 0
                alerts.append(
                    Alert(
                        commune=code,
                        name=area.name,
                        departement=area.departement,
                        first_seen=weeks[t - res.window + 1],
                        detected_on=weeks[t],
                        observed=res.observed,
                        expected=res.expected,
                        weeks=res.window,
                        score=-math.log10(max(p_adj, 1e-300)),
                        p_value=res.p,
                        new_dossiers=new_dossiers,
                        origin=origin,
                        explanation=explain(
                            area.name, res.observed, res.window, res.expected, new_dossiers, origin
                        ),
                        population=area.population,
                        size_class=size_class(area.population),
                    )
                )
            t += 1
    alerts.sort(key=lambda a: (-a.score, a.detected_on, a.commune))
    return alerts


def week_of(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())
