"""Tail probabilities of the Poisson and negative-binomial (gamma-Poisson) distributions.

Pure Python (``math.lgamma``): small tails are summed term by term from the tail's edge, never
computed as ``1 - cdf``, so that a p-value of 1e-12 keeps its digits.

The negative binomial is parametrised by its ``mean`` and its ``size`` (gamma shape): variance
``mean + mean**2 / size``; ``size = math.inf`` is the Poisson.
"""

from __future__ import annotations

import math

_REL = 1e-15
_MAX_TERMS = 1_000_000


def _nb_logpmf(x: int, mean: float, size: float) -> float:
    q = mean / (size + mean)
    return (
        math.lgamma(x + size)
        - math.lgamma(size)
        - math.lgamma(x + 1)
        + size * math.log1p(-q)
        + x * math.log(q)
    )


def _poisson_logpmf(x: int, mean: float) -> float:
    return -mean + x * math.log(mean) - math.lgamma(x + 1)


def _upper(x: int, mean: float, size: float) -> float:
    """Sum of the pmf from ``x`` upwards; ``x`` is above the mode so terms decrease."""
    poisson = math.isinf(size)
    term = math.exp(_poisson_logpmf(x, mean) if poisson else _nb_logpmf(x, mean, size))
    q = 0.0 if poisson else mean / (size + mean)
    total = term
    j = x
    for _ in range(_MAX_TERMS):
        ratio = mean / (j + 1) if poisson else (j + size) / (j + 1) * q
        term *= ratio
        j += 1
        total += term
        if term <= total * _REL and ratio < 1.0:
            break
    return min(1.0, total)


def _lower(x: int, mean: float, size: float) -> float:
    """Sum of the pmf from ``x`` downwards to 0; ``x`` is below the mean so terms decrease."""
    poisson = math.isinf(size)
    term = math.exp(_poisson_logpmf(x, mean) if poisson else _nb_logpmf(x, mean, size))
    q = 0.0 if poisson else mean / (size + mean)
    total = term
    j = x
    while j > 0:
        ratio = j / mean if poisson else j / ((j - 1 + size) * q)
        term *= ratio
        j -= 1
        total += term
        if term <= total * _REL and ratio < 1.0:
            break
    return min(1.0, total)


def nb_sf(x: int, mean: float, size: float) -> float:
    """P(X >= x) for X negative binomial (``size = math.inf``: Poisson)."""
    if x <= 0:
        return 1.0
    if mean <= 0.0:
        return 0.0
    if size > 1e12:
        size = math.inf
    if x > mean:
        return _upper(x, mean, size)
    return max(0.0, 1.0 - _lower(x - 1, mean, size))


def nb_cdf(x: int, mean: float, size: float) -> float:
    """P(X <= x) for X negative binomial (``size = math.inf``: Poisson)."""
    if x < 0:
        return 0.0
    if mean <= 0.0:
        return 1.0
    if size > 1e12:
        size = math.inf
    if x < mean:
        return _lower(x, mean, size)
    return max(0.0, 1.0 - _upper(x + 1, mean, size))


def poisson_sf(x: int, mean: float) -> float:
    """P(X >= x) for X Poisson."""
    return nb_sf(x, mean, math.inf)
