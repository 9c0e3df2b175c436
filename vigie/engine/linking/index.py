"""Blind-index tokens for finding the reports a new report may link to (see
docs/security/linking.md for what they reveal).

Every token is ``keyed(kind, value)``: the caller passes an HMAC under the deployment's
blind-index key, so what is stored is never a plate, a phone, a handle or a cell id in clear.

Stored for a report (``index_tokens``) and looked up for a new one (``query_tokens``):

- ``plate``, ``phone``, ``handle``: the exact value; ``handle_value``: the handle without its
  network (the same pseudo on two networks is a weaker link).
- ``plate_mask`` (of a full plate) and ``plate_mask_partial`` (of a partial one): for an SIV
  plate, one token per choice of ``MASK_KNOWN`` (4) of its known characters, the others
  replaced by ``?`` (35 for a full plate, C(m, 4) for a partial with m known). A partial read
  "AB-12?-C?" then finds "AB-123-CD" through the mask "AB-12?-??" that both hold; a partial
  with fewer than 4 known characters finds nothing (it proves nothing either: see
  rules.partial_info). A full plate looks up partials only, a partial looks up both.
- ``plate_variant``: for a full plate, one token per look-alike character position, that
  character replaced by its class of look-alikes (B/8/3, 0/O/D/Q…): two plates differing by one
  misread character share one such token.
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
from vigie.engine.linking.rules import PIN_ERROR_M, radius_m
from vigie.engine.linking.types import Features

Keyed = Callable[[str, str], str]

MASK_KNOWN: Final = 4
H3_RESOLUTION: Final = 9
# Reports already stored may be of a wider kind than the new one: look at least this far.
_MIN_SPREAD_M: Final = n.RADIUS_M["rue"]
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
    for phone in sorted(f.phones):
        yield "phone", phone
    for net, value in sorted(f.handles):
        yield "handle", f"{net}:{value}"
    for value in sorted({v for _, v in f.handles}):
        yield "handle_value", value


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
