"""Small builders of Features for the rule and cluster tests."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from vigie.engine.linking.types import Features, Vehicle

BASE = (47.2400, 6.0200)  # Besançon
WHEN = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)


def offset(point: tuple[float, float], north_m: float, east_m: float) -> tuple[float, float]:
    lat = point[0] + north_m / 111_320.0
    lon = point[1] + east_m / (111_320.0 * math.cos(math.radians(point[0])))
    return lat, lon


def feat(key: str, **kw: Any) -> Features:
    for name in ("plates", "partial_plates", "phones", "handles", "hours", "days"):
        if name in kw:
            kw[name] = frozenset(kw[name])
    if "people" in kw:
        kw["people"] = tuple(frozenset(p) for p in kw["people"])
    return replace(Features(key=key, received_at=WHEN, departement="25"), **kw)


def car(
    make: str | None = None,
    colour: str | None = None,
    model: str | None = None,
    plate: str | None = None,
    kind: str = "voiture",
) -> Vehicle:
    return Vehicle(kind, make, colour, plate, model)
