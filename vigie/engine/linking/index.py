"""Blind-index tokens for finding the reports a new report may link to (see
docs/security/linking.md for what they reveal).

Every token is ``keyed(kind, value)``, called positionally: the caller passes an HMAC under
the deployment's blind-index key, e.g. ``lambda kind, value: blind_index(key, kind=kind,
normalised_value=value)`` (``vigie.core.crypto.blind_index`` takes keywords), so what is
stored is never a plate, a phone, a handle, an address or a cell id in clear.

Stored for a report (``index_tokens``) and looked up for a new one (``query_tokens``):

- ``plate``, ``phone``, ``handle``: the exact value; ``handle_value``: the handle without its
  network (the same pseudo on two networks is a weaker link); ``handle_squeezed`` and
  ``handle_stem``: the handle without punctuation, and its letters alone (6 or more).
- ``plate_mask`` (of a full plate) and ``plate_mask_partial`` (of a partial one): for an SIV
  plate, one token per choice of ``MASK_KNOWN`` (4) of its known characters, the others
  replaced by ``?`` (35 for a full plate, C(m, 4) for a partial with m known). A partial read
  "AB-12?-C?" then finds "AB-123-CD" through the mask "AB-12?-??" that both hold; a partial
  with fewer than 4 known characters finds nothing (it proves nothing either: see
  rules.partial_info). A full plate looks up partials only, a partial looks up both.
- ``plate_mask_vehicle``: masks keeping 3 known characters, with the make and colour of a
  vehicle the report describes ("??-??2-TR" and a white Renault finds "FG-482-TR" on a white
  Renault Trafic); stored and looked up alike.
- ``moving_model``: the model of vehicle of a delivery, mobile seller or relay vehicle that
  describes people (rules._signature).
- ``plate_variant``: for a full plate, one token per look-alike character position, that
  character replaced by its class of look-alikes (B/8/3, 0/O/D/Q…): two plates differing by one
  misread character share one such token.
- ``address`` and ``street``: the normalised address (number and street), and the first one
  and two words of the way's name, with the commune: a report finds the others at the same
  address or in the same street even when its pin is off (rules.ADDRESS_REACH_M bounds it).
- ``cell``: the H3 cell (resolution ``H3_RESOLUTION``) of the point; looked up: the ring of
  cells covering twice the place's spread (rules.place_llr fades to nothing there).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from itertools import combinations
from typing import Final

import h3  # type: ignore[import-untyped]

from vigie.engine.linking import normalise as n
from vigie.engine.linking.rules import MOVING_CATEGORIES, PIN_ERROR_M, radius_m
from vigie.engine.linking.types import Features

Keyed = Callable[[str, str], str]

MASK_KNOWN: Final = 4
STREET_PREFIX_WORDS: Final = 2
H3_RESOLUTION: Final = 9
# The smallest spread looked up around a point (a hall's). A point-like report does not look
# as far as a neighbourhood-wide one: the place evidence it would miss there is faint, and the
# wider report, when it arrived, looked over its own spread.
_MIN_SPREAD_M: Final = n.RADIUS_M["hall"]
_EDGE_M: Final = float(h3.average_hexagon_edge_length(H3_RESOLUTION, unit="m"))


def masks(plate: str, known: int = MASK_KNOWN) -> list[str]:
    """Every form of an SIV plate keeping exactly ``known`` of its known characters."""
    chars = n.plate_chars(plate)
    if not chars:
        return []
    positions = [i for i, c in enumerate(chars) if c != "?"]
    out: list[str] = []
    for keep in combinations(positions, known):
        masked = "".join(c if i in keep else "?" for i, c in enumerate(chars))
        out.append(f"{masked[:2]}-{masked[2:5]}-{masked[5:]}")
    return out


def variants(plate: str) -> list[str]:
    """The plate with one look-alike character replaced by its class, once per position."""
    out: list[str] = []
    for i, c in enumerate(plate):
        cls = n.confusion_class(c)
        if cls is not None and c.isalnum():
            out.append(f"{plate[:i]}[{cls}]{plate[i + 1 :]}")
    return out


def cell(point: tuple[float, float]) -> str:
    return str(h3.latlng_to_cell(point[0], point[1], H3_RESOLUTION))


def ring(point: tuple[float, float], radius: float) -> list[str]:
    """The cells around ``point`` that cover every point within ``radius`` metres of it."""
    centre = cell(point)
    # A ring of k cells covers at least (k + 1/2)·√3·edge from the centre of the middle cell,
    # less an edge for a point off that centre; cells vary in size, hence the 0.8.
    k = max(1, math.ceil((radius + _EDGE_M) / (math.sqrt(3) * _EDGE_M * 0.8) - 0.5))
    return sorted(str(c) for c in h3.grid_disk(centre, k))


def query_radius_m(place_kind: str | None) -> float:
    return 2 * (max(radius_m(place_kind), _MIN_SPREAD_M) + PIN_ERROR_M)


def _identifiers(f: Features, query: bool) -> Iterable[tuple[str, str]]:
    for plate in sorted(f.plates):
        yield "plate", plate
        for variant in variants(plate):
            yield "plate_variant", variant
    # Masks of a full plate are stored as "plate_mask", of a partial as "plate_mask_partial": a
    # full plate looks only for partials (two full plates are compared whole), a partial for both.
    for plate in sorted(f.plates):
        for mask in masks(plate):
            yield ("plate_mask_partial" if query else "plate_mask"), mask
    for plate in sorted(f.partial_plates):
        for mask in masks(plate):
            yield "plate_mask_partial", mask
            if query:
                yield "plate_mask", mask
    # A partial plate with three characters known says little alone, and enough with the
    # vehicle's make and colour (rules.NARROW_MAKE): looked up together.
    makes = sorted({f"{v.make}|{v.colour}" for v in f.vehicles if v.make and v.colour})
    if makes:
        for plate in sorted(f.plates | f.partial_plates):
            for mask in masks(plate, MASK_KNOWN - 1):
                for make in makes:
                    yield "plate_mask_vehicle", f"{mask}|{make}"
    # A moving trade (rules._signature) is looked up by its vehicle's model.
    if f.category in MOVING_CATEGORIES and f.people:
        for model in sorted({v.model for v in f.vehicles if v.model}):
            yield "moving_model", f"{f.departement or ''}|{model}"
    for phone in sorted(f.phones):
        yield "phone", phone
    for net, value in sorted(f.handles):
        yield "handle", f"{net}:{value}"
    for value in sorted({v for _, v in f.handles}):
        yield "handle_value", value
    # The same account written with other punctuation, or only its letters (rules.HANDLE_STEM).
    for net, value in sorted(f.handles):
        yield "handle_squeezed", f"{net}:{n.handle_squeezed(value)}"
        stem = n.handle_stem(value)
        if stem:  # weaker than the handle: within one département only
            yield "handle_stem", f"{f.departement or ''}|{net}:{stem}"
    # Reports without a pin find the others by their address (number and street) and their
    # street; a pinned report finds its neighbours by cells and looks up the address only.
    if f.address:
        yield "address", f"{f.commune or ''}|{f.address}"
    for building in sorted(f.buildings):  # "bâtiment Ravel" typed or said, pinned or not
        yield "building", f"{f.commune or ''}|{building}"
    # The first words of the way's name: "rue cologne planoise" finds "7 rue cologne" (a pin is
    # often a street or two off what the citizen typed); also the ways the text names.
    for street in sorted({*([f.address] if f.address else []), *f.streets_said}):
        _kind, name = n.street_key(street)
        for k in range(1, min(len(name), STREET_PREFIX_WORDS) + 1):
            if len("".join(name[:k])) >= 4:
                yield "street", f"{f.commune or ''}|{' '.join(name[:k])}"


def _tokens(pairs: Iterable[tuple[str, str]], keyed: Keyed) -> list[tuple[str, str]]:
    return list(dict.fromkeys((kind, keyed(kind, value)) for kind, value in pairs))


def index_tokens(f: Features, keyed: Keyed) -> list[tuple[str, str]]:
    """(kind, token) to store for a report."""

    def pairs() -> Iterable[tuple[str, str]]:
        yield from _identifiers(f, query=False)
        if f.point:
            yield "cell", cell(f.point)

    return _tokens(pairs(), keyed)


def query_tokens(f: Features, keyed: Keyed) -> list[tuple[str, str]]:
    """(kind, token) to look up for a new report: what the reports it may link to stored."""

    def pairs() -> Iterable[tuple[str, str]]:
        yield from _identifiers(f, query=True)
        if f.point:
            for c in ring(f.point, query_radius_m(f.place_kind)):
                yield "cell", c

    return _tokens(pairs(), keyed)
