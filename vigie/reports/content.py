"""What the citizen wrote, as sealed into `Report.sealed_content`.

The shape is PRODUCT.md's structured report (the API's and `vigie analyse`'s), so the form,
the API and the analysis read and write one vocabulary.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from vigie.core import sealing


@dataclass(frozen=True)
class Person:
    description: str


@dataclass(frozen=True)
class Vehicle:
    kind: str = ""
    make: str = ""
    colour: str = ""
    plate: str = ""  # full or partial, unknown characters as '?'


@dataclass(frozen=True)
class Identifier:
    kind: str  # phone, snapchat, telegram, instagram, whatsapp, signal, tiktok, other
    value: str


@dataclass(frozen=True)
class ReportContent:
    description: str
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    place_kind: str = ""  # PlaceKind value
    commune_name: str = ""
    commune_code: str = ""
    observed_at: str = ""  # ISO 8601 as given: date, or date and time
    schedule: str = ""
    people: tuple[Person, ...] = ()
    vehicles: tuple[Vehicle, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    risks: tuple[str, ...] = ()  # Risk values
    contact: str = ""  # optional; anonymous by default
    extra: dict[str, Any] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":")).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> ReportContent:
        data = json.loads(raw)
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        values["people"] = tuple(Person(**p) for p in data.get("people", ()))
        values["vehicles"] = tuple(Vehicle(**v) for v in data.get("vehicles", ()))
        values["identifiers"] = tuple(Identifier(**i) for i in data.get("identifiers", ()))
        values["risks"] = tuple(data.get("risks", ()))
        return cls(**values)

    def as_structured(self, *, category: str) -> dict[str, Any]:
        """PRODUCT.md's structured shape, as `vigie.engine.analysis.analyse` reads it."""
        location: dict[str, Any] = {
            "address": self.address,
            "commune": self.commune_code or self.commune_name,
            "place_kind": self.place_kind,
        }
        if self.latitude is not None and self.longitude is not None:
            location.update(lat=self.latitude, lon=self.longitude)
        return {
            "category": category,
            "description": self.description,
            "location": location,
            "observed_at": self.observed_at or None,
            "schedule": self.schedule,
            "people": [asdict(p) for p in self.people],
            "vehicles": [asdict(v) for v in self.vehicles],
            "identifiers": [asdict(i) for i in self.identifiers],
            "risks": list(self.risks),
            "contact": self.contact or None,
        }


def vehicles_from_rows(rows: Iterable[Mapping[str, Any]]) -> tuple[Vehicle, ...]:
    """The vehicle rows of a form (the citizen's, the agent's conversion) as content."""
    return tuple(
        Vehicle(
            kind=row.get("kind", ""),
            make=row.get("make", ""),
            colour=row.get("colour", ""),
            plate=row.get("plate", ""),
        )
        for row in rows
    )


def identifiers_from_rows(rows: Iterable[Mapping[str, Any]]) -> tuple[Identifier, ...]:
    """The identifier rows of a form as content; a row without its kind or value is dropped."""
    return tuple(
        Identifier(kind=row["kind"], value=row["value"])
        for row in rows
        if row.get("kind") and row.get("value")
    )


def seal_content(content: ReportContent, *, associated_data: bytes) -> bytes:
    return sealing.seal_for_cell(content.to_bytes(), associated_data=associated_data)


def open_content(sealed: bytes, *, associated_data: bytes) -> ReportContent:
    """Back office only: raises MissingKeyError on a public intake host."""
    return ReportContent.from_bytes(sealing.open_for_cell(sealed, associated_data=associated_data))
