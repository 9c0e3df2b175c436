"""``features_from()``: what linking needs of one report, from the analysis and the form.

Structured fields win over guesses from the free text; both are read (a plate typed only in the
description counts as much as one typed in the plate field). Input is never trusted: anything
malformed is ignored, never fatal.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import datetime
from typing import Final
from zoneinfo import ZoneInfo

from vigie.engine.linking import normalise as n
from vigie.engine.linking.types import Features, Vehicle

_PARIS: Final = ZoneInfo("Europe/Paris")
# Triage of the text analysis for a report about something else than drug trafficking.
_OFF_TOPIC: Final = frozenset({"tranquillite", "hors_champ"})
_PHONE_KINDS: Final = frozenset({"phone", "telephone", "tel", "mobile", "numero", "portable"})


def _s(value: object) -> str:
    return value if isinstance(value, str) else ""


def _maps(value: object) -> list[Mapping[str, object]]:
    if not isinstance(value, list | tuple):
        return []
    return [v for v in value if isinstance(v, Mapping)]


def _strs(value: object) -> list[str]:
    if not isinstance(value, list | tuple):
        return []
    return [v for v in value if isinstance(v, str)]


def _point(location: Mapping[str, object]) -> tuple[float, float] | None:
    lat, lon = location.get("lat"), location.get("lon")
    if isinstance(lat, bool) or isinstance(lon, bool):
        return None
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon)) or abs(lat) > 90 or abs(lon) > 180:
        return None
    return float(lat), float(lon)


def _when(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else None
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=_PARIS)


def _add_plate(value: str, plates: set[str], partials: set[str]) -> str | None:
    full, partial = n.canonical_plate(value)
    if full:
        plates.add(full)
    if partial:
        partials.add(partial)
    return full or partial


def _texts(analysis: Mapping[str, object], report: Mapping[str, object]) -> str:
    parts = [_s(report.get("description")), _s(report.get("text")), _s(analysis.get("text"))]
    entities = analysis.get("entities")
    if not any(parts) and isinstance(entities, Mapping):
        # Without the text, the analysis still gives the time and place words as typed.
        for mention in _maps(entities.get("times")) + _maps(entities.get("places")):
            parts.append(_s(mention.get("text")))
    return "\n".join(p for p in dict.fromkeys(parts) if p)


def features_from(
    *,
    key: str,
    received_at: datetime,
    analysis: Mapping[str, object],
    report: Mapping[str, object] | None,
    departement: str | None,
    commune: str | None,
    text: str | None = None,
) -> Features:
    """The normalised features of one report.

    ``analysis``: the dict ``vigie analyse`` writes (its ``entities`` are read); ``report``: the
    structured shape of PRODUCT.md (may be ``None``); ``text``: the free text when the caller
    holds it apart from ``report["description"]``.
    """
    report = report if isinstance(report, Mapping) else {}
    analysis = analysis if isinstance(analysis, Mapping) else {}
    entities = analysis.get("entities")
    entities = entities if isinstance(entities, Mapping) else {}
    raw_text = "\n".join(t for t in (text or "", _texts(analysis, report)) if t)
    folded = n.fold(raw_text)

    plates: set[str] = set()
    partials: set[str] = set()
    for value in _strs(entities.get("plates")) + _strs(entities.get("partial_plates")):
        _add_plate(value, plates, partials)
    extra_full, extra_partial = n.plates_in_text(folded)
    plates |= extra_full
    partials |= extra_partial | n.partial_plates_in_text(folded)

    phones = {p for p in (n.canonical_phone(v) for v in _strs(entities.get("phones"))) if p}
    handles: set[tuple[str, str]] = set()
    for h in _maps(entities.get("handles")):
        got = n.canonical_handle(_s(h.get("network")), _s(h.get("value")))
        if got:
            handles.add(got)
    if not handles:
        handles |= n.handles_in_text(folded)
    for ident in _maps(report.get("identifiers")):
        kind, value = n.fold(_s(ident.get("kind"))), _s(ident.get("value"))
        if not value:
            continue
        if kind in _PHONE_KINDS:
            phone = n.canonical_phone(value)
            if phone:
                phones.add(phone)
        else:
            handle = n.canonical_handle(kind, value)
            if handle:
                handles.add(handle)

    vehicles: list[Vehicle] = []
    for v in _maps(report.get("vehicles")):
        plate_text = _s(v.get("plate"))
        plate = _add_plate(plate_text, plates, partials) if plate_text else None
        v_kind, v_make, v_model, v_colour = n.vehicle_from(
            _s(v.get("kind")), _s(v.get("make")) + " " + _s(v.get("model")), _s(v.get("colour"))
        )
        if v_kind or v_make or v_colour or plate:
            vehicles.append(Vehicle(v_kind, v_make, v_colour, plate, v_model))
    described = {(v.make, v.model, v.colour) for v in vehicles}
    text_plates = sorted(plates | partials)
    for t_kind, t_make, t_model, t_colour in n.vehicles_in_text(folded):
        if (t_make, t_model, t_colour) in described:
            continue
        described.add((t_make, t_model, t_colour))
        plate = text_plates[0] if len(text_plates) == 1 and not vehicles else None
        vehicles.append(Vehicle(t_kind, t_make, t_colour, plate, t_model))
    # A plate read in a partial form and in full on the same report is the full one.
    partials = {
        p
        for p in partials
        if not any(_compatible(p, full) for full in plates if n.is_siv(full) and n.is_siv(p))
    }

    location = report.get("location")
    location = location if isinstance(location, Mapping) else {}
    point = _point(location)
    place_kind = n.canonical_place_kind(_s(location.get("place_kind"))) if location else None
    if place_kind in (None, "autre"):
        place_kind = n.place_kind_in_text(folded) or place_kind
    address = n.canonical_address(_s(location.get("address"))) if location else None
    if not address:
        for mention in _maps(entities.get("places")):
            if mention.get("kind") in ("adresse", "voie"):
                address = n.canonical_address(_s(mention.get("text")))
                break
    # The typed address names no way ("Les Champs-Montants"): the way the text names, if any.
    said = n.streets_in_text(folded)
    if said and (not address or not n.street_key(address)[0]):
        address = said[0]
    streets_said = frozenset(s for s in said if not n.same_street(s, address))
    # "le hall du 11" with "rue du Petit-Chênois" typed: the number completes the address.
    if address and not n.street_number(address):
        number = n.number_in_text(folded, address)
        address = f"{number} {address}" if number else address
    commune = commune or _s(location.get("commune")) or None

    schedule = n.fold(_s(report.get("schedule")))
    hours = n.hours_in(schedule) if schedule else set()
    if not hours:
        hours = n.hours_in(folded)
    hours_stated = bool(hours)
    observed = _when(report.get("observed_at"))
    if observed is not None and not hours_stated:
        # One observation samples a schedule; it is the only hour when none is stated.
        local = observed.astimezone(_PARIS)
        if not (local.hour == 0 and local.minute == 0):
            hours.add(local.hour)
    days = n.days_in(schedule) | n.days_in(folded)

    people: list[frozenset[str]] = []
    for person in _maps(report.get("people")):
        tokens = n.person_tokens(n.fold(_s(person.get("description"))))
        if tokens:
            people.append(tokens)
    from_text = n.people_in_text(folded)
    if from_text and from_text not in people:
        people.append(from_text)

    category = _s(report.get("category")) or _s(analysis.get("category")) or None
    off_topic = analysis.get("triage") in _OFF_TOPIC and not analysis.get("category")
    # "Ce n'est pas de la drogue mais c'est invivable": the citizen says so himself.
    off_topic = off_topic or (category in (None, "autre_crime") and n.denies_trade(folded))
    return Features(
        key=key,
        received_at=received_at,
        departement=departement,
        commune=commune,
        point=point,
        place_kind=place_kind,
        address=address,
        category=category,
        plates=frozenset(plates),
        partial_plates=frozenset(partials),
        phones=frozenset(phones),
        handles=frozenset(handles),
        vehicles=tuple(vehicles),
        hours=frozenset(hours),
        days=frozenset(days),
        people=tuple(people),
        observed_at=observed,
        hours_stated=hours_stated,
        floors=frozenset(n.floors_in(folded)),
        streets_said=streets_said,
        buildings=frozenset(
            n.buildings_in(folded) | n.buildings_in(n.fold(_s(location.get("address"))))
        ),
        off_topic=off_topic,
    )


def _compatible(partial: str, full: str) -> bool:
    return all(p in ("?", f) for p, f in zip(partial, full, strict=True))
