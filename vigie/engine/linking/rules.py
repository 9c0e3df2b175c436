"""Links between two reports: each rule weighted and explained in French.

Every rule adds evidence in log-odds (natural log of a likelihood ratio): positive when the two
reports are more likely about the same dossier, negative when they contradict each other. The
weight of a link is ``sigmoid(sum - PRIOR)``; ``LINK_THRESHOLD`` (0.5) means "same dossier".

Two kinds of evidence:

- **anchors** say *where or who*: an identifier (plate, partial plate, misread plate, phone,
  handle) or the place. Without an anchor nothing links two reports.
- **support** (hours, days, vehicle, people, category) only counts once an anchor exists: a
  grey Clio in the evening is no link across a département. Make and colour alone never link.

A mobile seller or a delivery network is linked by its identifiers, which are strong enough
alone; a point of sale by its place, which alone only just links two reports, and which the
contradictions (other hours, other vehicles, other people) undo between close neighbours.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from vigie.engine.linking import normalise as n
from vigie.engine.linking.types import Features, Vehicle

LINK_THRESHOLD: Final = 0.5
# A link at or above this weight is an identifier-grade link (cluster.py merges big dossiers on
# such links only).
STRONG_LINK: Final = 0.9
PRIOR: Final = 4.0  # log-odds that two reports of a département are one dossier: e^-4 ≈ 2 %

IDENTIFIER: Final = 8.0
MISREAD: Final = 2.5
HANDLE_OTHER_NETWORK: Final = 2.5
HANDLE_SQUEEZED: Final = 7.0  # same handle but for its punctuation
HANDLE_STEM: Final = 3.5  # same letters, other digits or none: needs some corroboration
STEM_REACH_M: Final = 60_000.0
PARTIAL_CAP: Final = 7.0
# A partial plate narrows the plates it may be by ``info`` nats; ~e^9 plates are named in the
# reports of a region, so the first 9 nats prove nothing.
PARTIAL_OFFSET: Final = 9.0
# A partial plate among fewer vehicles: those of one model and colour (~e^4 fewer), of one
# make and colour, or those seen at one place (a point of sale sees a few dozen cars).
NARROW_MODEL: Final = 4.0
NARROW_MAKE: Final = 2.5
NARROW_PLACE: Final = 5.0
NARROW_PLACE_MIN: Final = 1.5  # place evidence from which a partial plate counts as "there"
PLACE_MAX: Final = 4.6
PLACE_AREA: Final = 0.9  # less evidence per e-fold of a place's radius beyond 50 m
PIN_ERROR_M: Final = 40.0  # a citizen's pin or a geocoded address is this far off, typically
SAME_ADDRESS: Final = 3.6
SAME_STREET: Final = 1.5
SAME_COMMUNE: Final = 0.3
ADDRESS_REACH_M: Final = 400.0  # two pins farther apart are two places, whatever was typed
STREET_REACH_M: Final = 250.0  # the same street typed, no number in common: pins this close
STREET_MATCH: Final = 0.6  # pins close by and the same street named
STREET_CLASH: Final = -0.6  # pins close by but two different streets named
HOURS_MATCH: Final = 1.3
HOURS_CLASH: Final = -2.2
# An hour of observation against a schedule or another sighting: a fraction of the above.
OBSERVED_INSIDE: Final = 0.5
OBSERVED_NEAR: Final = 0.3
OBSERVED_CLASH: Final = 0.5
OBSERVED_FAR_STATED: Final = 4  # hours away from a stated schedule
OBSERVED_FAR: Final = 6  # hours between two sightings
DAYS_MATCH: Final = 0.4
DAYS_CLASH: Final = -1.0
VEHICLE_FULL: Final = 1.4
VEHICLE_PARTIAL: Final = 0.8
VEHICLE_KIND: Final = 0.3
VEHICLE_CLASH: Final = -1.0
PEOPLE_MATCH: Final = 2.6
PEOPLE_CLASH: Final = -1.2
PEOPLE_DEPTH: Final = 2.5  # weight of shared descriptors for a full "similar people"
CATEGORY_MATCH: Final = 0.4
# One building (place evidence this strong), and the floor named on both sides.
SAME_BUILDING: Final = 3.0
BUILDING_CLASH: Final = -1.5  # one residence, two buildings named by their letters
FLOOR_MATCH: Final = 1.0
FLOOR_CLASH: Final = -1.0
# A place is the only anchor: it links only with this much corroboration from hours, days,
# people or vehicles ("what carries the rest"), else the link falls below the threshold.
PLACE_CORROBORATION: Final = 0.6
PLACE_ONLY: Final = -2.0
OTHER_NATURE: Final = -2.5  # a place, and one report is about a noise or a theft, not a trade
CATEGORY_CLASH: Final = -1.0  # a place, a trade on one side, "autre_crime" on the other
# A place only, and one side is about a trade that moves (a delivery, a mobile seller, a relay
# vehicle, a sale online) while the other is not: where it stopped once says little.
MOBILE_BY_PLACE: Final = -1.0
SIGNATURE: Final = 1.0  # same model and same described driver, both moving trades
SIGNATURE_PEOPLE: Final = 1.2  # how alike the descriptions must be (similar_people's log-odds)
SIGNATURE_REACH_M: Final = 25_000.0
MOVING_HOURS: Final = 0.4  # other hours between two sightings of one identified moving trade
MOVING_CATEGORIES: Final = frozenset({"livraison", "vendeur_mobile", "vehicule_relais", "en_ligne"})
_MOBILE: Final = MOVING_CATEGORIES
LOOKALIKE: Final = -3.0  # same make (or model) and colour, two different full plates
# Rules that forbid a weak link from joining their two reports' dossiers (cluster.py).
VETO_RULES: Final = frozenset({"lookalike_vehicle"})
_IDENTIFYING: Final = frozenset(
    {"same_plate", "misread_plate", "partial_plate", "same_phone", "same_handle"}
    | {"similar_handle", "same_handle_other_network"}
)
_CORROBORATING: Final = frozenset(
    {"same_hours", "same_days", "similar_vehicle", "similar_people", "same_floor"}
)

_REACH_M: Final = 2 * (max(n.RADIUS_M.values()) + PIN_ERROR_M)  # no place evidence beyond
_M_PER_DEGREE: Final = 6_371_000.0 * math.pi / 180
_LETTER_NATS: Final = math.log(23)
_DIGIT_NATS: Final = math.log(10)


@dataclass(frozen=True, slots=True)
class Link:
    a: str
    b: str
    rules: tuple[str, ...]
    evidence: tuple[str, ...]
    weight: float
    details: tuple[float, ...] = ()  # log-odds of each rule, in the order of ``rules``


def distance_m(p: tuple[float, float], q: tuple[float, float]) -> float:
    """Distance in metres: equirectangular below 50 km (error < 0.1 %), haversine beyond."""
    dy = (q[0] - p[0]) * _M_PER_DEGREE
    dx = (q[1] - p[1]) * _M_PER_DEGREE * math.cos(math.radians((p[0] + q[0]) / 2))
    if abs(dy) < 50_000 and abs(dx) < 50_000:
        return math.hypot(dx, dy)
    lat1, lon1, lat2, lon2 = map(math.radians, (p[0], p[1], q[0], q[1]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6_371_000.0 * math.asin(min(1.0, math.sqrt(h)))


def radius_m(kind: str | None) -> float:
    return n.RADIUS_M.get(kind or "", n.DEFAULT_RADIUS_M)


def spread_m(kind_a: str | None, kind_b: str | None) -> float:
    """How far apart two reports of one place may be: the wider kind's radius (the default
    when neither says), plus the error of a pin."""
    known = [radius_m(k) for k in (kind_a, kind_b) if k and k not in ("autre", "en_ligne")]
    return (max(known) if known else n.DEFAULT_RADIUS_M) + PIN_ERROR_M


def place_llr(d: float, kind_a: str | None, kind_b: str | None) -> float:
    """Evidence of "same place" at ``d`` metres: strongest within the place's own spread,
    fading to nothing at twice the spread. A wide place (a neighbourhood) says less than a
    point (a hall): another report falls in it by chance more often, by its area."""
    r = spread_m(kind_a, kind_b)
    top = PLACE_MAX - PLACE_AREA * math.log(max(r - PIN_ERROR_M, 50.0) / 50.0)
    if d <= r:
        return top * (1 - 0.55 * (d / r) ** 2)
    if d >= 2 * r:
        return 0.0
    return top * 0.45 * (2 - d / r)


def partial_info(p: str, q: str) -> tuple[float, int, bool] | None:
    """(nats known on both sides, look-alike mismatches, compatible) of two SIV plates, one at
    least partial; ``None`` when they are not both SIV or a known character differs for real."""
    pc, qc = n.plate_chars(p), n.plate_chars(q)
    if not pc or not qc:
        return None
    info = 0.0
    misread = 0
    for i, (x, y) in enumerate(zip(pc, qc, strict=True)):
        if x == "?" or y == "?":
            continue
        if x != y:
            cx = n.confusion_class(x)
            if cx is None or cx != n.confusion_class(y):
                return None
            misread += 1
            continue
        info += _DIGIT_NATS if 2 <= i <= 4 else _LETTER_NATS
    if misread > 1:
        return None
    return info, misread, misread == 0


@lru_cache(maxsize=4096)
def _hours_text(hours: frozenset[int]) -> str:
    if not hours:
        return ""
    hs = sorted(hours)
    # The longest run, wrapping around midnight.
    start = next((h for h in hs if (h - 1) % 24 not in hours), hs[0])
    run = [start]
    while (run[-1] + 1) % 24 in hours and len(run) < 24:
        run.append((run[-1] + 1) % 24)
    if len(run) == len(hs):
        return f"{run[0]}h–{(run[-1] + 1) % 24}h" if len(run) > 1 else f"{run[0]}h"
    return ", ".join(f"{h}h" for h in hs)


@lru_cache(maxsize=4096)
def _near(hours: frozenset[int]) -> frozenset[int]:
    return frozenset((h + d) % 24 for h in hours for d in (-1, 0, 1))


def _vehicle_text(v: Vehicle) -> str:
    name = " ".join(x.capitalize() for x in (v.make, v.model) if x) or (v.kind or "véhicule")
    return f"{name} {v.colour}" if v.colour else name


def _vehicle_score(v: Vehicle, w: Vehicle) -> float:
    if v.colour and w.colour and v.colour != w.colour:
        return 0.0
    same_colour = bool(v.colour and v.colour == w.colour)
    if v.model and w.model:
        if v.model != w.model:
            return 0.0
        return VEHICLE_FULL if same_colour else VEHICLE_PARTIAL * 0.6
    if v.make and w.make:
        if v.make != w.make:
            return 0.0
        return VEHICLE_PARTIAL if same_colour else VEHICLE_KIND
    if v.kind and v.kind == w.kind and same_colour:
        return VEHICLE_KIND
    return 0.0


# Weights of descriptor tokens: a tattoo on the neck says more than "a man".
_TOKEN_WEIGHTS: Final = (
    ("marque:", 3.0),
    ("cheveux:", 1.2),
    ("pilosite:", 1.0),
    ("accessoire:", 0.8),
    ("marque_vet:", 0.9),
    ("vet:", 0.0),  # set below by depth
    ("taille:", 0.6),
    ("corpulence:", 0.5),
    ("mobilite:", 0.6),
    ("surnom:", 3.0),  # what everybody calls him
    ("chien:", 1.2),  # "le type au pitbull"
    ("age:", 0.4),
    ("sexe:", 0.25),
)


_GENERIC_TOKENS: Final = {"chien:chien": 0.5}  # a dog, no breed


@lru_cache(maxsize=8192)
def token_weight(token: str) -> float:
    if token in _GENERIC_TOKENS:
        return _GENERIC_TOKENS[token]
    if token.startswith("vet:"):
        # A garment, its colour, its two colours ("casque blanc à bande rouge").
        return (0.35, 0.35, 1.0, 1.5)[min(token.count(":"), 3)]
    for prefix, weight in _TOKEN_WEIGHTS:
        if token.startswith(prefix):
            return weight
    return 0.3


def person_similarity(p: frozenset[str], q: frozenset[str]) -> float:
    """Weighted Jaccard of two descriptions, 0 when they contradict on sex."""
    sex_p = {t for t in p if t.startswith("sexe:")}
    sex_q = {t for t in q if t.startswith("sexe:")}
    if sex_p and sex_q and not sex_p & sex_q:
        return 0.0
    inter = sum(token_weight(t) for t in p & q)
    union = sum(token_weight(t) for t in p | q)
    return inter / union if union else 0.0


@lru_cache(maxsize=4096)
def _informative(p: frozenset[str]) -> float:
    return sum(token_weight(t) for t in p if not t.startswith(("sexe:", "age:")))


class _Evidence:
    __slots__ = ("anchor", "identified", "items")

    def __init__(self) -> None:
        self.items: list[tuple[str, str, float]] = []
        self.anchor = 0.0
        self.identified = 0.0  # the part of the anchor that is an identifier, not a place

    def add(self, code: str, text: str, llr: float, anchor: bool = False) -> None:
        self.items.append((code, text, llr))
        if anchor:
            self.anchor += llr
            if code != "same_place":
                self.identified += llr


def _identifiers(a: Features, b: Features, ev: _Evidence) -> None:
    if a.plates and b.plates:
        same = a.plates & b.plates
        for plate in sorted(same):
            ev.add("same_plate", f"même plaque {plate}", IDENTIFIER, anchor=True)
        if not same:
            _misread(a, b, ev)
    if a.phones and b.phones:
        for phone in sorted(a.phones & b.phones):
            ev.add("same_phone", f"même téléphone {phone}", IDENTIFIER, anchor=True)
    if a.handles and b.handles:
        _handles(a, b, ev)


def _misread(a: Features, b: Features, ev: _Evidence) -> None:
    for p in sorted(a.plates):
        for q in sorted(b.plates):
            hit = n.one_misread(p, q)
            if hit:
                text = f"plaques {p} et {q} à un caractère près ({hit[1]}/{hit[2]})"
                ev.add("misread_plate", text, MISREAD, anchor=True)
                return


def _handles(a: Features, b: Features, ev: _Evidence) -> None:
    shared = a.handles & b.handles
    for net, value in sorted(shared):
        ev.add("same_handle", f"même compte {net} {value}", IDENTIFIER, anchor=True)
    if not shared:
        _handle_spellings(a, b, ev)
    others = {v for _, v in a.handles} & {v for _, v in b.handles}
    for value in sorted(others - {v for _, v in shared}):
        nets_a = sorted(net for net, v in a.handles if v == value)
        nets_b = sorted(net for net, v in b.handles if v == value)
        ev.add(
            "same_handle_other_network",
            f"même pseudo {value} ({'/'.join(nets_a)} et {'/'.join(nets_b)})",
            HANDLE_OTHER_NETWORK,
            anchor=True,
        )


def _place_of(ev: _Evidence) -> float:
    return max((llr for code, _, llr in ev.items if code == "same_place"), default=0.0)


def _floor_text(floor: int) -> str:
    return "rez-de-chaussée" if floor == 0 else "1er" if floor == 1 else f"{floor}e"


def _narrowing(a: Features, b: Features, ev: _Evidence) -> tuple[float, str]:
    """How many nats fewer plates a partial plate must tell apart: only the vehicles of that
    model and colour (or make and colour), or only those seen at that place."""
    best, why = 0.0, ""
    if a.vehicles and b.vehicles:
        score = max(_vehicle_score(v, w) for v in a.vehicles for w in b.vehicles)
        if score >= VEHICLE_FULL:
            best, why = NARROW_MODEL, "même modèle et couleur"
        elif score >= VEHICLE_PARTIAL:
            best, why = NARROW_MAKE, "même marque et couleur"
    if _place_of(ev) >= NARROW_PLACE_MIN and best < NARROW_PLACE:
        best, why = NARROW_PLACE, "au même endroit"
    return best, why


def _nearby(a: Features, b: Features) -> bool:
    """One département, or pins within ``STEM_REACH_M``: where a name said aloud is one."""
    if a.departement and b.departement and a.departement != b.departement:
        return False
    return not (a.point and b.point and distance_m(a.point, b.point) > STEM_REACH_M)


def _handle_spellings(a: Features, b: Features, ev: _Evidence) -> None:
    """One account on one network written two ways: the same characters but for the
    punctuation ("lafrappe.25" / "LaFrappe25"), or only the same letters (« la frappe »,
    said aloud, against "lafrappe.25")."""
    best: tuple[float, str, str] | None = None
    for net, p in sorted(a.handles):
        for net_b, q in sorted(b.handles):
            if net != net_b:
                continue
            if n.handle_squeezed(p) == n.handle_squeezed(q):
                got = (HANDLE_SQUEEZED, "same_handle", f"même compte {net} {p} / {q} (ponctuation)")
            elif (stem := n.handle_stem(p)) and stem == n.handle_stem(q) and _nearby(a, b):
                got = (HANDLE_STEM, "similar_handle", f"même nom de compte {net} {p} / {q}")
            else:
                continue
            if best is None or got[0] > best[0]:
                best = got
    if best:
        ev.add(best[1], best[2], best[0], anchor=True)


def _partials(a: Features, b: Features, ev: _Evidence) -> None:
    if not (
        (a.partial_plates and (b.plates or b.partial_plates)) or (b.partial_plates and a.plates)
    ):
        return
    narrowing, why = _narrowing(a, b, ev)
    best_partial: tuple[float, str, str] | None = None
    pairs = [(p, q) for p in sorted(a.partial_plates) for q in sorted(b.plates | b.partial_plates)]
    pairs += [(q, p) for p in sorted(b.partial_plates) for q in sorted(a.plates)]
    for p, q in pairs:
        got = partial_info(p, q)
        if got is None:
            continue
        info, misread, _ = got
        llr = min(PARTIAL_CAP, info - PARTIAL_OFFSET + narrowing)
        code = "partial_plate"
        text = f"même plaque partielle {p} compatible avec {q}"
        if narrowing and info < PARTIAL_OFFSET:
            text += f" ({why})"
        if misread:
            llr = min(MISREAD, llr - 1.5)
            code = "misread_plate"
            text = f"plaque partielle {p} proche de {q} à un caractère près"
        if llr > 0 and (best_partial is None or llr > best_partial[0]):
            best_partial = (llr, code, text)
    if best_partial:
        ev.add(best_partial[1], best_partial[2], best_partial[0], anchor=True)


def _address_llr(a: Features, b: Features, d: float | None) -> tuple[float, str]:
    """Evidence of the addresses the citizens typed: the same number in the same way, or the
    same way, in one commune and (when both are pinned) within ``ADDRESS_REACH_M``. A pin is
    often off by a street or two; the address typed says where the citizen meant."""
    if not (a.address and b.address) or (d is not None and d > ADDRESS_REACH_M):
        return 0.0, ""
    if a.commune and b.commune and a.commune != b.commune:
        return 0.0, ""
    if not n.same_street(a.address, b.address):
        said = _said_street(a, b)
        if said and (d is None or d <= STREET_REACH_M * 2):
            return SAME_STREET, f"le signalement nomme {said}"
        return 0.0, ""
    num_a, num_b = n.street_number(a.address), n.street_number(b.address)
    kind, name = n.street_key(a.address if len(a.address) <= len(b.address) else b.address)
    street = " ".join(x for x in (kind, *name) if x)
    if num_a and num_a == num_b:
        return SAME_ADDRESS, f"même adresse {num_a} {street}"
    if d is not None and d > STREET_REACH_M:
        return 0.0, ""  # a long street: the pins say which end
    return SAME_STREET, f"même voie {street}"


def _said_street(a: Features, b: Features) -> str | None:
    """A way one report's text names that is the other's address ("je tiens un commerce
    avenue X… ils vont rue de Cologne" against "7 rue de Cologne")."""
    for x, y in ((a, b), (b, a)):
        for street in sorted(x.streets_said):
            if y.address and n.same_street(street, y.address):
                kind, name = n.street_key(y.address)
                return " ".join(w for w in (kind, *name) if w)
    return None


def _same_building(a: Features, b: Features, d: float | None) -> tuple[float, str, str]:
    """A building both name by its name ("bâtiment Ravel", "hall du Ravel"), in one commune
    and, when both are pinned, within ``ADDRESS_REACH_M``: one building, whatever the pins.
    A residence of several buildings is one building when both name the same letter, a street
    when neither does; two letters are two buildings. (evidence, its text, a clash's text)."""
    shared = a.buildings & b.buildings
    if not shared or (d is not None and d > ADDRESS_REACH_M):
        return 0.0, "", ""
    if a.commune and b.commune and a.commune != b.commune:
        return 0.0, "", ""
    named = sorted(x for x in shared if ":" not in x)
    if named:
        return SAME_BUILDING, f"même bâtiment {named[0]}", ""
    residences = sorted(x.split(":", 1)[1] for x in shared if x.startswith("residence:"))
    if not residences:
        return 0.0, "", ""  # "bâtiment B" of two residences
    where = f"résidence {residences[0]}"
    blocs_a = {x.split(":", 1)[1] for x in a.buildings if x.startswith("bloc:")}
    blocs_b = {x.split(":", 1)[1] for x in b.buildings if x.startswith("bloc:")}
    if blocs_a & blocs_b:
        bloc = min(blocs_a & blocs_b).upper()
        return SAME_BUILDING, f"même bâtiment {bloc} ({where})", ""
    if blocs_a and blocs_b:
        other = f"bâtiments différents ({'/'.join(sorted(blocs_a | blocs_b)).upper()}, {where})"
        return SAME_STREET, f"même {where}", other
    return SAME_STREET, f"même {where}", ""


def _place(a: Features, b: Features, ev: _Evidence) -> None:
    if "en_ligne" in (a.place_kind, b.place_kind):
        return  # a pin put on an online sale (the commune's centre) is no place
    d = distance_m(a.point, b.point) if a.point and b.point else None
    pin = place_llr(d, a.place_kind, b.place_kind) if d is not None and d < _REACH_M else 0.0
    by_address, text = _address_llr(a, b, d)
    named, named_text, clash = _same_building(a, b, d)
    if clash:
        ev.add("other_building", clash, BUILDING_CLASH)
    if named > max(pin, by_address):
        by_address, text, pin = named, named_text, 0.0
    if d is not None and pin > 0 and pin >= by_address:
        ev.add("same_place", f"{d:.0f} m", pin, anchor=True)
        # Pins close by, and the citizens name the same street, or two different ones.
        street = n.same_street(a.address, b.address)
        if street:
            kind, name = n.street_key(a.address)
            ev.add(
                "same_street", f"même voie {' '.join(x for x in (kind, *name) if x)}", STREET_MATCH
            )
        elif street is False and d > 30 and not _said_street(a, b):
            ev.add("other_street", f"voies différentes ({a.address} / {b.address})", STREET_CLASH)
        return
    if by_address > 0:
        shown = f"{text} ({d:.0f} m)" if d is not None else text
        ev.add("same_place", shown, by_address, anchor=True)
        return
    if a.commune and a.commune == b.commune and ev.anchor > 0:
        ev.add("same_commune", f"même commune {a.commune}", SAME_COMMUNE)


def _circular_gap(a: frozenset[int], b: frozenset[int]) -> int:
    return min(min((x - y) % 24, (y - x) % 24) for x in a for y in b)


def _observed_hours(a: Features, b: Features, ev: _Evidence, scale: float = 1.0) -> None:
    """One side at least gives only the hour it was seen: a sample of a schedule. It agrees
    within the other's hours (or an hour of the other's sighting), and contradicts only far
    from them (a morning sighting against an evening schedule)."""
    gap = _circular_gap(a.hours, b.hours)
    stated = a.hours_stated or b.hours_stated
    if gap == 0 and stated:
        llr = HOURS_MATCH * OBSERVED_INSIDE
    elif gap <= 1:
        llr = HOURS_MATCH * OBSERVED_NEAR
    elif gap >= (OBSERVED_FAR_STATED if stated else OBSERVED_FAR):
        text = f"vu à d'autres heures ({_hours_text(a.hours)} / {_hours_text(b.hours)})"
        ev.add("different_hours", text, HOURS_CLASH * OBSERVED_CLASH * scale)
        return
    else:
        return
    shown = a.hours & b.hours or a.hours & _near(b.hours) or b.hours
    ev.add("same_hours", f"vu aux mêmes heures ({_hours_text(shown)})", llr)


def _hours_clash_scale(a: Features, b: Features, ev: _Evidence) -> float:
    """A vehicle or a seller that moves, known by a plate, a phone or a handle, keeps other
    hours at each stop of its round: other hours say less against it."""
    return MOVING_HOURS if ev.identified > 0 and _moving(a) and _moving(b) else 1.0


def _support(a: Features, b: Features, ev: _Evidence) -> None:
    scale = _hours_clash_scale(a, b, ev)
    if a.hours and b.hours and not (a.hours_stated and b.hours_stated):
        _observed_hours(a, b, ev, scale)
    elif a.hours and b.hours:
        exact = len(a.hours & b.hours)
        near = len(a.hours & _near(b.hours)) + len(b.hours & _near(a.hours))
        if exact or near:
            # Same hours count fully, neighbouring hours (19h against 18h–19h) half.
            frac = min(1.0, (exact + 0.25 * (near - 2 * exact)) / min(len(a.hours), len(b.hours)))
            if frac >= 0.3:
                shown = a.hours & b.hours or a.hours & _near(b.hours)
                ev.add("same_hours", f"mêmes horaires {_hours_text(shown)}", HOURS_MATCH * frac)
        else:
            ev.add(
                "different_hours",
                f"horaires différents ({_hours_text(a.hours)} / {_hours_text(b.hours)})"
                + (" (en tournée)" if scale < 1 else ""),
                HOURS_CLASH * scale,
            )
    if a.days and b.days:
        if a.days & b.days:
            ev.add("same_days", "mêmes jours", DAYS_MATCH)
        else:
            ev.add("different_days", "jours différents", DAYS_CLASH)
    if a.vehicles and b.vehicles:
        lookalike = _lookalike(a, b)
        if lookalike:
            ev.add("lookalike_vehicle", lookalike, LOOKALIKE)
        best = max(
            ((_vehicle_score(v, w), v) for v in a.vehicles for w in b.vehicles),
            key=lambda x: x[0],
        )
        if best[0] > 0:
            ev.add("similar_vehicle", f"même véhicule : {_vehicle_text(best[1])}", best[0])
        elif _distinct_vehicles(a, b):
            ev.add("different_vehicles", "véhicules différents", VEHICLE_CLASH)
    _people(a, b, ev)
    if a.floors and b.floors and _place_of(ev) >= SAME_BUILDING:
        same_floors = a.floors & b.floors
        if same_floors:
            ev.add("same_floor", f"même étage ({_floor_text(min(same_floors))})", FLOOR_MATCH)
        else:
            ev.add("different_floor", "étages différents", FLOOR_CLASH)
    if a.category and a.category == b.category:
        ev.add("same_category", f"même catégorie {a.category}", CATEGORY_MATCH)


def _people(a: Features, b: Features, ev: _Evidence) -> None:
    if not (a.people and b.people):
        return
    sim, shared = max(
        ((person_similarity(p, q), p & q) for p in a.people for q in b.people),
        key=lambda x: x[0],
    )
    rich = min(max(map(_informative, a.people)), max(map(_informative, b.people)))
    # Two sparse descriptions ("un homme" and "un homme") are alike and prove nothing:
    # the evidence grows with the weight of what they share.
    depth = min(1.0, sum(token_weight(t) for t in shared) / PEOPLE_DEPTH)
    if sim >= 0.3 and depth >= 0.2:
        words = ", ".join(sorted(t.split(":", 1)[1] for t in shared if token_weight(t) >= 0.5))
        llr = PEOPLE_MATCH * min(1.0, (sim - 0.15) / 0.6) * depth
        ev.add("similar_people", f"description proche ({words or 'mêmes traits'})", llr)
    elif sim < 0.15 and rich >= 1.5:
        ev.add("different_people", "descriptions différentes", PEOPLE_CLASH)


def _lookalike(a: Features, b: Features) -> str | None:
    """Two vehicles of the same make (or model) and colour whose full plates differ, and not by
    one misread character: a look-alike, not the same car."""
    for v in a.vehicles:
        for w in b.vehicles:
            if not v.plate or not w.plate or "?" in v.plate + w.plate or v.plate == w.plate:
                continue
            if not (v.colour and v.colour == w.colour) or _vehicle_score(v, w) < VEHICLE_PARTIAL:
                continue
            if v.plate in b.plates or w.plate in a.plates or n.one_misread(v.plate, w.plate):
                continue
            return f"{_vehicle_text(v)} semblable mais autre plaque ({v.plate} / {w.plate})"
    return _lookalike_partial(a, b) or _lookalike_partial(b, a)


def _lookalike_partial(a: Features, b: Features) -> str | None:
    """A plate read in part on one side ("finissant par 82-KX"), a full plate on the other
    ("GB-316-LN") that it cannot be, on a vehicle of the same model and colour: a look-alike.
    Only when the partial side names no full plate and every partial plate it reads clashes."""
    if a.plates or not a.partial_plates or not b.plates:
        return None
    for w in b.vehicles:
        if not w.plate or "?" in w.plate or not n.is_siv(w.plate) or not w.colour:
            continue
        if any(partial_info(p, w.plate) is not None for p in a.partial_plates):
            continue
        if any(_vehicle_score(v, w) >= VEHICLE_FULL for v in a.vehicles):
            part = min(a.partial_plates)
            return f"{_vehicle_text(w)} semblable mais autre plaque ({part} / {w.plate})"
    return None


def _distinct_vehicles(a: Features, b: Features) -> bool:
    """Both name a precise vehicle (a plate, or a model and colour) and none can be the same."""

    def precise(v: Vehicle) -> bool:
        return bool((v.plate and "?" not in v.plate) or (v.model and v.colour))

    return any(precise(v) for v in a.vehicles) and any(precise(w) for w in b.vehicles)


def _signature(a: Features, b: Features, ev: _Evidence) -> None:
    """A mobile seller or a delivery known by nothing typed: the same model of vehicle and
    the same distinctive description of its driver, not too far apart ("TMax, doudoune orange
    North Face" in two neighbouring communes). Make and colour alone never do."""
    if a.category not in _MOBILE or b.category not in _MOBILE:
        return
    if a.point and b.point and distance_m(a.point, b.point) > SIGNATURE_REACH_M:
        return
    model = next(
        (
            v
            for v in a.vehicles
            for w in b.vehicles
            if v.model
            and v.model == w.model
            and not (v.colour and w.colour and v.colour != w.colour)
        ),
        None,
    )
    if model is None or not (a.people and b.people):
        return
    people = _Evidence()
    _people(a, b, people)
    llr = max((x for code, _, x in people.items if code == "similar_people"), default=0.0)
    if llr >= SIGNATURE_PEOPLE:
        text = f"même {_vehicle_text(model)} et même description du vendeur"
        ev.add("same_signature", text, SIGNATURE, anchor=True)


def _moving(f: Features) -> bool:
    """A trade that moves, known by a phone, a handle or a plate."""
    return f.category in _MOBILE and bool(f.phones or f.handles or f.plates or f.partial_plates)


def _place_alone(a: Features, b: Features, ev: _Evidence) -> None:
    """A place is the only anchor: not enough for a report about something else (a noise, a
    theft), nor without hours, days, people or a vehicle in common."""
    if a.off_topic or b.off_topic:
        # Counted for each side: two noises or thefts are no trade either.
        sides = int(a.off_topic) + int(b.off_topic)
        ev.add("other_nature", "faits d'une autre nature (nuisance, vol…)", OTHER_NATURE * sides)
    elif a.category != b.category and "autre_crime" in (a.category, b.category):
        ev.add(
            "other_category",
            f"catégories différentes ({a.category or '?'} / {b.category or '?'})",
            CATEGORY_CLASH,
        )
    if a.category != b.category and any(_moving(f) for f in (a, b)):
        ev.add(
            "mobile_by_place",
            "une livraison, un vendeur mobile ou un véhicule relais se reconnaît à son "
            "identifiant, pas au lieu",
            MOBILE_BY_PLACE,
        )
    corroboration = sum(llr for code, _, llr in ev.items if code in _CORROBORATING and llr > 0)
    if corroboration < PLACE_CORROBORATION:
        ev.add(
            "place_only",
            "le lieu seul ne suffit pas : trop peu d'horaires, de personnes ou de véhicule "
            "en commun",
            PLACE_ONLY,
        )


def compare(a: Features, b: Features) -> Link | None:
    """The link between two reports, or ``None`` when nothing anchors one."""
    if a.key == b.key:
        return None
    if b.key < a.key:
        a, b = b, a
    ev = _Evidence()
    _identifiers(a, b, ev)
    _place(a, b, ev)
    _partials(a, b, ev)
    if ev.anchor <= 0:
        _signature(a, b, ev)
    if ev.anchor <= 0:
        return None
    # Identifiers read first in the evidence: "même plaque partielle … · 80 m · …".
    ev.items.sort(key=lambda item: item[0] not in _IDENTIFYING)
    _support(a, b, ev)
    if ev.identified <= 0:
        _place_alone(a, b, ev)
    total = sum(llr for _, _, llr in ev.items)
    weight = 1.0 / (1.0 + math.exp(-(total - PRIOR)))
    return Link(
        a=a.key,
        b=b.key,
        rules=tuple(code for code, _, _ in ev.items),
        evidence=tuple(text for _, text, _ in ev.items),
        weight=round(weight, 4),
        details=tuple(round(llr, 3) for _, _, llr in ev.items),
    )


def explain(link: Link) -> str:
    """ "même plaque partielle AB-12?-C? compatible avec AB-123-CD · 80 m · mêmes horaires…"."""
    return " · ".join(link.evidence)
