"""The structured fields of a report (PRODUCT.md's minimum shape), read defensively.

Whatever the citizen chose or typed in a field takes precedence over what the engine guesses
from the free text. Unknown or malformed fields are ignored, never fatal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from vigie.engine.analysis.handles import normalise_handle
from vigie.engine.analysis.phones import normalise_phone
from vigie.engine.analysis.plates import normalise_plate
from vigie.engine.analysis.types import CATEGORIES, Handle

_PHONE_KINDS: Final = frozenset({"phone", "telephone", "téléphone", "tel", "mobile", "numero"})
_WEAPON_RISKS: Final = frozenset({"armes", "arme", "weapons", "weapon"})
_CHILD_RISKS: Final = frozenset({"enfants", "enfant", "mineurs", "children", "minors"})


@dataclass(frozen=True, slots=True)
class Structured:
    description: str = ""
    category: str | None = None
    address: str = ""
    precise_place: bool = False
    commune: bool = False
    schedule: str = ""
    observed: bool = False
    people: bool = False
    vehicle_identified: bool = False
    vehicle_mentioned: bool = False
    plates: tuple[str, ...] = ()
    partial_plates: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    handles: tuple[Handle, ...] = ()
    flags: tuple[str, ...] = ()


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _mappings(value: object) -> list[Mapping[str, object]]:
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, Mapping)]


def read_report(report: Mapping[str, object] | None) -> Structured:
    """The usable content of a structured report (empty when None or not a mapping)."""
    if not isinstance(report, Mapping):
        return Structured()
    location = report.get("location")
    location = location if isinstance(location, Mapping) else {}
    address = _text(location.get("address"))
    has_point = all(isinstance(location.get(k), int | float) for k in ("lat", "lon"))
    category = _text(report.get("category"))

    plates: list[str] = []
    partials: list[str] = []
    identified = mentioned = False
    for vehicle in _mappings(report.get("vehicles")):
        mentioned = True
        full, partial = normalise_plate(_text(vehicle.get("plate")))
        plates += [full] if full else []
        partials += [partial] if partial else []
        identified |= bool(full or partial) or bool(
            _text(vehicle.get("make")) and _text(vehicle.get("colour"))
        )
    phones: list[str] = []
    handles: list[Handle] = []
    for identifier in _mappings(report.get("identifiers")):
        kind, value = _text(identifier.get("kind")).lower(), _text(identifier.get("value"))
        if not value:
            continue
        if kind in _PHONE_KINDS or (kind == "whatsapp" and normalise_phone(value)):
            phone = normalise_phone(value)
            phones += [phone] if phone else []
        elif (handle := normalise_handle(kind or "other", value)) is not None:
            handles.append(handle)
    risks = report.get("risks")
    risk_words = (
        {r.strip().lower() for r in risks if isinstance(r, str)}
        if isinstance(risks, list)
        else set()
    )
    flags = (("arme",) if risk_words & _WEAPON_RISKS else ()) + (
        ("enfants",) if risk_words & _CHILD_RISKS else ()
    )
    return Structured(
        description=_text(report.get("description")),
        category=category if category in CATEGORIES else None,
        address=address,
        precise_place=bool(address) or has_point,
        commune=bool(_text(location.get("commune"))),
        schedule=_text(report.get("schedule")),
        observed=bool(_text(report.get("observed_at"))),
        people=any(_text(p.get("description")) for p in _mappings(report.get("people"))),
        vehicle_identified=identified,
        vehicle_mentioned=mentioned,
        plates=tuple(plates),
        partial_plates=tuple(partials),
        phones=tuple(phones),
        handles=tuple(handles),
        flags=flags,
    )
