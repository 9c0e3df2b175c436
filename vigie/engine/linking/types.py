"""What linking knows of one report: normalised, in memory only (never stored in clear)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Vehicle:
    """One vehicle as described: every field normalised, ``None`` when unknown.

    ``kind``: voiture, scooter, moto, utilitaire, camion, velo, trottinette; ``make``: lower-case
    maker ("renault"); ``colour``: one of ``normalise.COLOURS``; ``plate``: canonical full plate
    or partial plate (with ``?``); ``model``: lower-case model ("clio").
    """

    kind: str | None = None
    make: str | None = None
    colour: str | None = None
    plate: str | None = None
    model: str | None = None


@dataclass(frozen=True, slots=True)
class Features:
    """The normalised content of one report that linking compares."""

    key: str
    received_at: datetime
    departement: str | None = None
    commune: str | None = None
    point: tuple[float, float] | None = None  # (lat, lon)
    place_kind: str | None = None
    address: str | None = None
    category: str | None = None
    plates: frozenset[str] = frozenset()
    partial_plates: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()
    handles: frozenset[tuple[str, str]] = frozenset()
    vehicles: tuple[Vehicle, ...] = ()
    hours: frozenset[int] = frozenset()
    days: frozenset[int] = frozenset()
    people: tuple[frozenset[str], ...] = ()
    observed_at: datetime | None = None
    # ``hours`` come from a stated schedule (the form or the free text), not only from the hour
    # of one observation: only stated schedules contradict each other.
    hours_stated: bool = True
    floors: frozenset[int] = frozenset()  # floors named ("2e étage"), 0 the ground floor
    # Other ways the free text names than the address ("je tiens un commerce avenue X… ils vont
    # rue de Cologne"): canonical, like ``address``.
    streets_said: frozenset[str] = frozenset()
    # Buildings named by their name ("bâtiment Ravel", "résidence Les Pins", "hall du Ravel").
    buildings: frozenset[str] = frozenset()
    # The text analysis read no drug trafficking in it (a noisy neighbour, a theft): a place
    # alone never joins such a report to a dossier.
    off_topic: bool = False
    extra: tuple[tuple[str, str], ...] = field(default=())
