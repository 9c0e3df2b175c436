"""Alert thresholds calibrated on the fitted null (issue 14's early warning, second round).

The first round alerted when the smallest tail probability ``p`` of a commune's windows,
Bonferroni-adjusted over windows × communes, was below ``budget / 52``: valid, but an order of
magnitude too strict (windows and weeks are correlated, and a village's counts are so discrete
that its ``p`` can rarely come near the level). Here each commune gets its own threshold ``q``
on ``p``, the largest one whose expected number of **episode starts** a week, under the fitted
null, stays within the commune's share of the budget.

Fitted null of a commune with posterior level ``λ̂`` (gamma shape ``a``): the level is
``λ̂·exp(σZ − σ²/2)`` with ``σ² = log(1 + 1/a + drift²)`` (the uncertainty on the level and its
slow drift, integrated by a three-point Gauss–Hermite rule), and given it the weeks are
independent negative binomials of size ``1/inv_k`` (the département's week-to-week
overdispersion). A threshold ``q`` is, for each window ``w``, a count ``k_w`` (the smallest
count whose tail probability is ``≤ q`` and which passes the detector's cheap bound); the
commune *crosses* at week ``t`` when some window ending at ``t`` reaches its ``k_w``. An episode
can only start at a week that crosses when the week before did not, so the rate of episode
starts is at most the up-crossing probability ``P(cross at t, no cross at t−1)``, computed
exactly under the null by a dynamic programme over the nine weeks involved (the partial sums
stay below their bounds). The largest-week cap is ignored (it only removes crossings), which
keeps the computation simple and slightly conservative.

Cost: the programme is quadratic in the counts involved, so levels above ``DP_MAX_RATE`` a week
(where counts are large and ``p`` nearly continuous) use the threshold of that level. The
threshold is a deterministic function of rounded inputs (``λ̂`` and the variance terms on a
log grid, the budget to 2 significant digits), memoised in-process: nothing is random, and
repeated runs of the detector pay the programme once per distinct key.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

from vigie.engine.analytics.tails import nb_sf

DP_MAX_RATE = 1.5
# Probabilists' Gauss–Hermite, three points: E f(Z) ≈ Σ w_i f(z_i).
_NODES = ((0.0, 2.0 / 3.0), (math.sqrt(3.0), 1.0 / 6.0), (-math.sqrt(3.0), 1.0 / 6.0))
_LOG_Q_MIN = -14.0
_TOLERANCE = 0.02  # in log10 q


def _snap(value: float, per_decade: int) -> float:
    """``value`` rounded on a log grid of ``per_decade`` steps a decade."""
    return float(10.0 ** (round(math.log10(value) * per_decade) / per_decade))


def cheap_bound(expected: float) -> float:
    """Windows whose (capped) count is below this are never tested by the detector."""
    return expected + 2.0 * math.sqrt(expected) + 1.0


def window_size(shape: float, inv_k: float, drift: float, weeks: int) -> float:
    """Negative-binomial size of a window's predictive count (the detector's test)."""
    return 1.0 / (1.0 / shape + inv_k / weeks + drift * drift)


def _weekly_pmf(mean: float, inv_k: float, upto: int) -> list[float]:
    """P(Y = y) for y < upto, Y negative binomial of size ``1/inv_k`` (Poisson if 0)."""
    out = [0.0] * upto
    if upto <= 0:
        return out
    if inv_k <= 1e-12:
        term = math.exp(-mean)
        for y in range(upto):
            out[y] = term
            term *= mean / (y + 1)
        return out
    size = 1.0 / inv_k
    ratio = mean / (size + mean)
    term = math.exp(size * math.log1p(-ratio))
    for y in range(upto):
        out[y] = term
        term *= (y + size) / (y + 1) * ratio
    return out


def _below(pmf: Sequence[float], bounds: Sequence[int]) -> float:
    """P(S_j < bounds[j−1] for every j), S_j the sum of j independent weeks of law ``pmf``."""
    dist = [1.0]
    for b in bounds:
        if b <= 0:
            return 0.0
        new = [0.0] * b
        for s, ps in enumerate(dist):
            if ps == 0.0 or s >= b:
                continue
            for y in range(min(b - s, len(pmf))):
                new[s + y] += ps * pmf[y]
        dist = new
    return math.fsum(dist)


def upcrossing(pmf: Sequence[float], k: Sequence[int]) -> float:
    """P(some window ending at t reaches its bound, none ending at t−1 did).

    ``k[w−1]`` is window ``w``'s critical count; weeks are independent of law ``pmf`` (which
    must cover ``0 .. max(k) − 1``).
    """
    n = len(k)
    clear = _below(pmf, k)  # no crossing at t − 1
    both = 0.0  # no crossing at t − 1 nor at t
    for y in range(min(k[0], len(pmf))):
        # With y reports in week t, window w + 1 at t is y + S_w (weeks t−1 … t−w).
        bounds = [min(k[j], k[j + 1] - y) for j in range(n - 1)] + [k[n - 1]]
        both += pmf[y] * _below(pmf, bounds)
    return max(0.0, clear - both)


def critical_counts(
    rate: float, shape: float, inv_k: float, drift: float, windows: int, min_count: int, q: float
) -> tuple[int, ...]:
    """For each window, the smallest count the detector would find at ``p ≤ q``."""
    out: list[int] = []
    for w in range(1, windows + 1):
        e = w * rate
        size = window_size(shape, inv_k, drift, w)
        x = max(1, min_count, math.ceil(cheap_bound(e)))
        if nb_sf(x, e, size) > q:
            step = 1
            hi = x + step
            while nb_sf(hi, e, size) > q:
                x = hi
                step *= 2
                hi = x + step
            # sf(x) > q >= sf(hi)
            while hi - x > 1:
                mid = (x + hi) // 2
                if nb_sf(mid, e, size) > q:
                    x = mid
                else:
                    hi = mid
            x = hi
        out.append(x)
    return tuple(out)


def episode_rate(
    rate: float, shape: float, inv_k: float, drift: float, windows: int, min_count: int, q: float
) -> float:
    """Upper bound on the weekly probability that an episode starts, under the fitted null."""
    k = critical_counts(rate, shape, inv_k, drift, windows, min_count, q)
    sigma2 = math.log1p(1.0 / shape + drift * drift)
    sigma = math.sqrt(sigma2)
    total = 0.0
    for z, weight in _NODES:
        level = rate * math.exp(sigma * z - sigma2 / 2.0)
        total += weight * upcrossing(_weekly_pmf(level, inv_k, max(k)), k)
    return total


@lru_cache(maxsize=65_536)
def _threshold(
    rate: float,
    shape: float,
    inv_k: float,
    drift: float,
    windows: int,
    min_count: int,
    budget: float,
    cap: float,
) -> float:
    lo, hi = _LOG_Q_MIN, math.log10(cap)
    if episode_rate(rate, shape, inv_k, drift, windows, min_count, cap) <= budget:
        return cap
    while hi - lo > _TOLERANCE:
        mid = (lo + hi) / 2.0
        if episode_rate(rate, shape, inv_k, drift, windows, min_count, 10.0**mid) <= budget:
            lo = mid
        else:
            hi = mid
    return float(10.0**lo)


def threshold(
    rate: float,
    shape: float,
    inv_k: float,
    *,
    drift: float,
    windows: int,
    min_count: int = 1,
    budget: float,
    cap: float = 1e-2,
) -> float:
    """The largest ``q`` (≤ ``cap``) whose episode-start rate a week is within ``budget``.

    Inputs are rounded first (level and variance terms to 1/20 of a decade, the overdispersion
    to 0.02, the budget to 1/20 of a decade) so that the result is memoised across communes
    and weeks; ``rate`` above ``DP_MAX_RATE`` uses that level (large counts: ``p`` is close to
    continuous and the threshold no longer depends on the level).
    """
    r = _snap(min(max(rate, 1e-4), DP_MAX_RATE), 20)
    # The shape only enters through 1/shape: snap that.
    inv_shape = _snap(max(1.0 / shape, 1e-4), 20)
    k = round(inv_k * 50) / 50
    b = _snap(budget, 20)
    return _threshold(r, 1.0 / inv_shape, k, drift, windows, min_count, b, cap)
