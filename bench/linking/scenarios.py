"""Scenarios of citizen reports with ground truth, for the linking engine.

``generate(seed)`` builds one département's worth of reports (API v1's structured shape, one
dict each, with ``submission_id`` and ``received_at``) and the true dossier of each:

- fixed points of sale: a hall, a car park, a street corner…, reported by different citizens
  with jittered pins, hours phrased many ways, sellers described differently, the point's car
  seen with full, partial or misread plates, sometimes its phone;
- neighbouring distinct points 150–300 m from a point, other hours, people and vehicles;
- points that move two streets away after an operation, keeping their phone or their car;
- mobile sellers and delivery networks known only by a phone, a handle or a plate, reported
  all over town; one delivery network changes phone (some reports give both);
- relay vehicles seen in several car parks, often with partial plates;
- lone reports, some within 100–400 m of a point, others anywhere.

Identifiers are typed in many forms, and about half the time only in the free text, which the
caller runs through ``vigie.engine.analysis`` (``features()`` does). Run this file to write a
JSON Lines file for ``vigie reports import`` and its truth file:
``python bench/linking/scenarios.py --seed 101 --out scen.jsonl`` (writes scen.truth.json).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from vigie.engine.analysis import analyse
from vigie.engine.linking import features_from
from vigie.engine.linking.types import Features

PARIS = ZoneInfo("Europe/Paris")
# Towns of the Doubs: (INSEE code, name, centre).
TOWNS = (
    ("25056", "Besançon", (47.2380, 6.0243)),
    ("25388", "Montbéliard", (47.5100, 6.7983)),
    ("25031", "Audincourt", (47.4833, 6.8403)),
    ("25462", "Pontarlier", (46.9043, 6.3547)),
    ("25580", "Valentigney", (47.4622, 6.8319)),
)
STREETS = (
    "rue des Tilleuls",
    "rue de Dole",
    "avenue de Montrapon",
    "rue Pasteur",
    "rue de Belfort",
    "boulevard Léon Blum",
    "rue des Roses",
    "rue de Vesoul",
    "avenue Clemenceau",
    "rue Jean Jaurès",
    "rue du Polygone",
    "rue de l'Epitaphe",
    "chemin des Vignes",
    "rue Victor Hugo",
    "place de la Liberté",
    "rue Champrond",
    "rue de Chalezeule",
    "rue des Jardins",
    "rue Paul Bert",
    "rue Bersot",
    "rue Battant",
    "avenue de Planoise",
)
KINDS = (
    ("hall", "devant le hall du {n} {street}", "au pied de l'immeuble {n} {street}"),
    ("cage_escalier", "dans la cage d'escalier du {n} {street}", "dans les caves du {n} {street}"),
    ("parking", "sur le parking du {n} {street}", "au fond du parking {street}"),
    ("rue", "au coin de la {street}", "sur le trottoir {street} vers le {n}"),
    ("place", "au square {street}", "sur la place près du {n} {street}"),
    ("commerce", "devant le kebab au {n} {street}", "à côté du tabac {street}"),
    ("quartier", "dans tout le quartier autour de la {street}", "dans la cité {street}"),
)
MODELS = (
    ("Renault", "Clio"),
    ("Peugeot", "208"),
    ("Volkswagen", "Golf"),
    ("Audi", "A3"),
    ("Citroën", "C3"),
    ("Dacia", "Sandero"),
    ("Renault", "Megane"),
    ("Peugeot", "308"),
    ("Mercedes", "Classe A"),
    ("BMW", "X5"),
    ("Fiat", "500"),
    ("Seat", "Ibiza"),
    ("Yamaha", "T-Max"),
    ("Ford", "Fiesta"),
    ("Opel", "Corsa"),
    ("Toyota", "Yaris"),
)
COLOURS = (
    ("gris", "grise", "gray"),
    ("noir", "noire", "black"),
    ("blanc", "blanche", "white"),
    ("rouge", "rouge", "red"),
    ("bleu", "bleue", "bleu foncé"),
)
GARMENTS = (
    ("survêtement", "m"),
    ("doudoune", "f"),
    ("veste", "f"),
    ("sweat à capuche", "m"),
    ("casquette", "f"),
    ("bonnet", "m"),
    ("jogging", "m"),
    ("blouson", "m"),
    ("parka", "f"),
)
GARMENT_COLOURS = (
    ("gris", "grise"),
    ("noir", "noire"),
    ("blanc", "blanche"),
    ("rouge", "rouge"),
    ("bleu", "bleue"),
    ("vert", "verte"),
    ("beige", "beige"),
    ("jaune", "jaune"),
)
MARKS = (
    "un tatouage dans le cou",
    "une cicatrice sur la joue",
    "un tatouage sur la main",
    "il boite",
    "un piercing",
    "une dent en or",
    "des lunettes",
)
HAIR = (
    "cheveux rasés",
    "dreadlocks",
    "cheveux longs",
    "cheveux courts",
    "cheveux bouclés",
    "cheveux blonds",
    "cheveux roux",
    "une barbe",
    "une moustache",
)
SIV_LETTERS = "ABCDEFGHJKLMNPQRSTVWXYZ"
# Same-slot look-alikes a witness may misread between two valid plates.
MISREADS = {
    "3": "8",
    "8": "3",
    "1": "7",
    "7": "1",
    "E": "F",
    "F": "E",
    "P": "R",
    "R": "P",
    "M": "N",
    "N": "M",
    "K": "X",
    "X": "K",
    "V": "Y",
    "Y": "V",
    "C": "G",
    "G": "C",
}
# A look-alike typed in the other kind of slot ("A8-…" for "AB-…"): normalised back.
WRONG_SLOT = {"B": "8", "S": "5", "Z": "2", "G": "6", "D": "0", "0": "O"}


@dataclass
class Person:
    sex: str
    age: str
    height: str
    garments: list[tuple[str, str]]
    hair: str
    mark: str | None


@dataclass
class Actor:
    """A true dossier: what the citizens who report it may see."""

    ident: str
    kind: str  # fixed, neighbour, mobile, delivery, online, relay, lone
    category: str
    town: int
    point: tuple[float, float] | None = None
    place_kind: str | None = None
    address: tuple[int, str] = (0, "")
    hours: tuple[int, int] = (18, 21)
    days: str = ""
    people: list[Person] = field(default_factory=list)
    vehicle: tuple[str, str, str, str] | None = None  # make, model, colour, plate
    phones: list[str] = field(default_factory=list)
    handle: tuple[str, str] | None = None
    moved_to: tuple[float, float] | None = None
    moved_address: tuple[int, str] | None = None
    move_at: float = 2.0  # share of the period after which the point moved (>1: never)


@dataclass
class Scenario:
    seed: int
    reports: list[dict[str, Any]]
    truth: dict[str, str]  # submission_id → true dossier
    moved: frozenset[str] = frozenset()  # true dossiers of points that moved after an operation


def offset(point: tuple[float, float], north_m: float, east_m: float) -> tuple[float, float]:
    lat = point[0] + north_m / 111_320.0
    lon = point[1] + east_m / (111_320.0 * math.cos(math.radians(point[0])))
    return lat, lon


class _Gen:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.start = datetime(2026, 1, 5, tzinfo=UTC)
        self.used_plates: set[str] = set()
        self.used_phones: set[str] = set()

    # -- identities ---------------------------------------------------------------------------
    def plate(self) -> str:
        r = self.rng
        while True:
            p = (
                "".join(r.choice(SIV_LETTERS) for _ in range(2))
                + f"-{r.randint(1, 999):03d}-"
                + "".join(r.choice(SIV_LETTERS) for _ in range(2))
            )
            if p not in self.used_plates:
                self.used_plates.add(p)
                return p

    def phone(self) -> str:
        while True:
            p = f"0{self.rng.choice('67')}{self.rng.randint(0, 99_999_999):08d}"
            if p not in self.used_phones:
                self.used_phones.add(p)
                return p

    def person(self) -> Person:
        r = self.rng
        garments = [(r.choice(GARMENTS)[0], r.choice(GARMENT_COLOURS)[0]) for _ in range(2)]
        sex = r.choices(("h", "f"), (0.85, 0.15))[0]
        return Person(
            sex=sex,
            age=r.choice(("ado", "18-25", "18-25", "26-35", "36-50")),
            height=r.choice(("petit", "moyen", "grand", "")),
            garments=garments,
            hair=r.choice(HAIR if sex == "h" else HAIR[:7]),
            mark=r.choice(MARKS) if r.random() < 0.45 else None,
        )

    def vehicle(self) -> tuple[str, str, str, str]:
        make, model = self.rng.choice(MODELS)
        return make, model, self.rng.choice(COLOURS)[0], self.plate()

    def hours(self) -> tuple[int, int]:
        start = self.rng.choice((10, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22))
        return start, (start + self.rng.choice((2, 3, 4))) % 24

    def address(self) -> tuple[int, str]:
        return self.rng.randint(1, 80), self.rng.choice(STREETS)

    # -- texts --------------------------------------------------------------------------------
    def hours_text(self, actor: Actor) -> tuple[str, str]:
        """(schedule field, words for the free text)."""
        s, e = actor.hours
        r = self.rng
        form = r.randrange(7)
        if form == 0:
            text = f"tous les {'soirs' if s >= 17 else 'jours'} entre {s}h et {e}h"
        elif form == 1:
            text = f"de {s}h à {e}h"
        elif form == 2:
            text = f"{s}h-{e}h"
        elif form == 3:
            text = f"vers {(s + 1) % 24}h"
        elif form == 4:
            text = f"à partir de {s}h"
        elif form == 5:
            text = f"entre {s}h{r.choice(('', '30'))} et {e}h"
        else:
            text = ""
        if actor.days and r.random() < 0.6:
            text = f"{text} {actor.days}".strip()
        if r.random() < 0.5:
            return text, ""
        return "", text

    def plate_text(self, plate: str, quality: str) -> str:
        r = self.rng
        chars = plate.replace("-", "")
        if quality == "misread":
            slots = [i for i, c in enumerate(chars) if c in MISREADS]
            if slots:
                i = r.choice(slots)
                chars = chars[:i] + MISREADS[chars[i]] + chars[i + 1 :]
        elif quality == "wrong_slot":
            slots = [i for i, c in enumerate(chars) if c in WRONG_SLOT and i in (0, 1, 5, 6)]
            if slots:
                i = r.choice(slots)
                chars = chars[:i] + WRONG_SLOT[chars[i]] + chars[i + 1 :]
        if quality == "partial":
            form = r.randrange(3)
            if form == 0:
                return f"plaque commence par {chars[:2]}-{chars[2:4]}"
            if form == 1:
                return f"plaque {chars[:2]}-{chars[2:4]}?-{chars[5]}?"
            return f"plaque ?{chars[1]}-{chars[2:5]}-{chars[5:]}"
        a, b, c = chars[:2], chars[2:5], chars[5:]
        form = r.randrange(4)
        if form == 0:
            return f"plaque {a}-{b}-{c}"
        if form == 1:
            return f"immatriculée {a} {b} {c}".lower()
        if form == 2:
            return f"plaque {a}{b}{c}"
        return f"immat {a}-{b}-{c}".lower()

    def phone_text(self, phone: str) -> str:
        r = self.rng
        form = r.randrange(4)
        if form == 0:
            return f"ils donnent le numéro {' '.join(phone[i : i + 2] for i in range(0, 10, 2))}"
        if form == 1:
            return f"commande au {phone}"
        if form == 2:
            return f"tel : +33 {phone[1]} {phone[2:4]} {phone[4:6]} {phone[6:8]} {phone[8:]}"
        return f"on appelle le {'.'.join(phone[i : i + 2] for i in range(0, 10, 2))}"

    def handle_text(self, network: str, value: str) -> str:
        r = self.rng
        shown = value if r.random() < 0.7 else value.capitalize()
        net = {
            "snapchat": ("snap", "Snapchat"),
            "telegram": ("telegram", "Telegram"),
            "instagram": ("insta", "Instagram"),
        }[network]
        form = r.randrange(3)
        if form == 0:
            return f"le compte {net[1]} @{shown}"
        if form == 1:
            return f"sur {net[0]} : {shown}"
        return f"ils postent leur menu sur {net[1]} ({shown})"

    def person_text(self, p: Person, rich: bool) -> str:
        r = self.rng
        parts = []
        noun = {"h": ("un homme", "un jeune", "un mec"), "f": ("une femme", "une jeune fille")}
        parts.append(r.choice(noun[p.sex]))
        age = {
            "ado": "environ 16 ans",
            "18-25": "la vingtaine",
            "26-35": "la trentaine",
            "36-50": "la quarantaine",
        }[p.age]
        if r.random() < 0.5:
            parts.append(age)
        if p.height and r.random() < 0.5:
            parts.append(
                {"petit": "1m65", "moyen": "1m75", "grand": "1m88"}[p.height]
                if r.random() < 0.5
                else p.height
            )
        garments = p.garments if rich else p.garments[: r.randint(0, 2)]
        for garment, colour in garments:
            if r.random() < 0.15:  # people change clothes
                colour = r.choice(GARMENT_COLOURS)[0]
            parts.append(f"{garment} {colour}")
        if r.random() < 0.5:
            parts.append(p.hair)
        if p.mark and r.random() < 0.75:
            parts.append(p.mark)
        return ", ".join(parts)

    # -- actors -------------------------------------------------------------------------------
    def fixed(self, ident: str, town: int, point: tuple[float, float]) -> Actor:
        r = self.rng
        kind = r.choice(KINDS)[0]
        actor = Actor(
            ident=ident,
            kind="fixed",
            category="point_de_deal",
            town=town,
            point=point,
            place_kind=kind,
            address=self.address(),
            hours=self.hours(),
            days=r.choice(("", "", "", "le week-end", "du lundi au vendredi")),
            people=[self.person() for _ in range(r.randint(1, 3))],
        )
        if r.random() < 0.55:
            actor.vehicle = self.vehicle()
        if r.random() < 0.3:
            actor.phones = [self.phone()]
        return actor

    def build(self, scale: float = 1.0) -> list[Actor]:
        r = self.rng
        actors: list[Actor] = []
        n = 0

        def next_id(prefix: str) -> str:
            nonlocal n
            n += 1
            return f"{prefix}{n}"

        for _ in range(max(1, round(8 * scale))):
            town = r.choices(range(len(TOWNS)), (5, 3, 2, 1, 1))[0]
            centre = TOWNS[town][2]
            point = offset(centre, r.uniform(-2500, 2500), r.uniform(-2500, 2500))
            actor = self.fixed(next_id("P"), town, point)
            actors.append(actor)
            if r.random() < 0.5:  # a distinct neighbour 150–300 m away
                d, bearing = r.uniform(150, 300), r.uniform(0, 2 * math.pi)
                near = self.fixed(
                    next_id("N"), town, offset(point, d * math.cos(bearing), d * math.sin(bearing))
                )
                near.kind = "neighbour"
                s, _ = actor.hours
                near.hours = ((s + r.choice((5, 6, 7, 8, 16, 17))) % 24, 0)
                near.hours = (near.hours[0], (near.hours[0] + 3) % 24)
                actors.append(near)
            if r.random() < 0.3:  # moves two streets away after an operation, keeps phone/car
                d, bearing = r.uniform(180, 350), r.uniform(0, 2 * math.pi)
                actor.moved_to = offset(point, d * math.cos(bearing), d * math.sin(bearing))
                actor.moved_address = self.address()
                actor.move_at = r.uniform(0.4, 0.7)
                if not actor.phones and not actor.vehicle:
                    if r.random() < 0.5:
                        actor.phones = [self.phone()]
                    else:
                        actor.vehicle = self.vehicle()
        for _ in range(max(1, round(2 * scale))):
            actors.append(
                Actor(
                    ident=next_id("D"),
                    kind="delivery",
                    category="livraison",
                    town=r.randrange(len(TOWNS)),
                    phones=[self.phone()],
                    hours=self.hours(),
                )
            )
        actors[-1].phones.append(self.phone())  # a network that changes phone
        for _ in range(max(1, round(2 * scale))):
            net = r.choice(("snapchat", "telegram", "instagram"))
            value = (
                r.choice(("frappe", "weed", "menu", "green", "delivery", "shop"))
                + r.choice(("_", ".", ""))
                + str(r.randint(10, 99))
                + r.choice(("", "off", "25"))
            )
            actors.append(
                Actor(
                    ident=next_id("O"),
                    kind="online",
                    category="en_ligne",
                    town=r.randrange(len(TOWNS)),
                    handle=(net, value),
                )
            )
        for _ in range(max(1, round(2 * scale))):
            actors.append(
                Actor(
                    ident=next_id("M"),
                    kind="mobile",
                    category="vendeur_mobile",
                    town=r.randrange(len(TOWNS)),
                    vehicle=self.vehicle(),
                    hours=self.hours(),
                    people=[self.person()],
                )
            )
        for _ in range(max(1, round(1 * scale))):
            actors.append(
                Actor(
                    ident=next_id("R"),
                    kind="relay",
                    category="vehicule_relais",
                    town=r.randrange(len(TOWNS)),
                    vehicle=self.vehicle(),
                )
            )
        return actors

    # -- reports ------------------------------------------------------------------------------
    def report(self, actor: Actor, t: float, key: str) -> dict[str, Any]:
        r = self.rng
        town_code, town_name, centre = TOWNS[actor.town]
        received = self.start + timedelta(days=300 * t, minutes=r.randint(0, 1440))
        bits: list[str] = []
        report: dict[str, Any] = {
            "submission_id": key,
            "category": actor.category if r.random() < 0.7 else None,
            "received_at": received.isoformat(),
        }
        location: dict[str, Any] = {"commune": town_code}
        point = actor.point
        address = actor.address
        if actor.moved_to and t > actor.move_at and actor.moved_address:
            point, address = actor.moved_to, actor.moved_address
        if point is not None:
            jitter = r.choice((8, 15, 25, 40))
            p = offset(point, r.gauss(0, jitter), r.gauss(0, jitter))
            if r.random() < 0.9:
                location.update(lat=round(p[0], 6), lon=round(p[1], 6))
            kind_texts = next(k for k in KINDS if k[0] == actor.place_kind)
            where = r.choice(kind_texts[1:]).format(n=address[0], street=address[1])
            bits.append(f"{where} à {town_name}")
            if r.random() < 0.6:
                location["address"] = f"{address[0]} {address[1]}, {town_name}"
            if r.random() < 0.7:
                location["place_kind"] = actor.place_kind
        else:
            p = offset(centre, r.uniform(-3000, 3000), r.uniform(-3000, 3000))
            if actor.kind in ("mobile", "relay", "delivery") and r.random() < 0.7:
                location.update(lat=round(p[0], 6), lon=round(p[1], 6))
                location["place_kind"] = r.choice(("rue", "parking", "autre"))
            bits.append(f"à {town_name}")
        report["location"] = location
        schedule, words = self.hours_text(actor) if actor.kind != "online" else ("", "")
        if schedule:
            report["schedule"] = schedule
        if words:
            bits.append(words)
        if actor.kind != "online" and r.random() < 0.6:
            s, e = actor.hours
            span = (e - s) % 24 or 1
            hour = (s + r.randrange(span)) % 24
            local = received.astimezone(PARIS)
            seen = local.replace(hour=hour, minute=r.randint(0, 59)) - timedelta(days=1)
            report["observed_at"] = seen.isoformat()
        verb = {
            "fixed": "ça deale",
            "neighbour": "ça vend",
            "delivery": "un livreur passe",
            "online": "de la vente de drogue en ligne",
            "mobile": "un vendeur passe",
            "relay": "une voiture sert de relais",
            "lone": "il y a du trafic",
        }[actor.kind]
        bits.insert(0, r.choice(("Bonjour, ", "", "Signalement : ", "Je signale que ")) + verb)
        # People
        people = []
        for person in actor.people:
            if r.random() < 0.6:
                text = self.person_text(person, rich=r.random() < 0.3)
                if r.random() < 0.5:
                    people.append({"description": text})
                else:
                    bits.append(text)
        if people:
            report["people"] = people
        # Vehicle
        if actor.vehicle and (actor.kind in ("mobile", "relay") or r.random() < 0.55):
            make, model, colour, plate = actor.vehicle
            quality = r.choices(
                ("full", "partial", "misread", "wrong_slot", "none"),
                (0.45, 0.25, 0.1, 0.05, 0.15),
            )[0]
            colour_word = r.choice(next(c for c in COLOURS if c[0] == colour))
            if r.random() < 0.5:
                vehicle: dict[str, Any] = {
                    "kind": "scooter" if model == "T-Max" else "voiture",
                    "make": f"{make} {model}" if r.random() < 0.7 else model,
                    "colour": colour_word,
                }
                if quality != "none":
                    text = self.plate_text(plate, quality)
                    if quality == "partial" or r.random() < 0.5:
                        bits.append(f"{make} {model} {colour_word}, {text}")
                    else:
                        vehicle["plate"] = text.split(" ", 1)[1] if " " in text else text
                report["vehicles"] = [vehicle]
            else:
                text = self.plate_text(plate, quality) if quality != "none" else ""
                bits.append(f"une {model} {colour_word} {text}".strip())
        # Identifiers
        identifiers = []
        for i, phone in enumerate(actor.phones):
            if actor.kind == "delivery" and len(actor.phones) > 1:
                if (i == 0 and t > 0.6) or (i == 1 and t < 0.4):
                    continue
            elif actor.kind != "delivery" and r.random() < 0.4:
                continue
            if r.random() < 0.5:
                typed = r.choice(
                    (
                        phone,
                        " ".join(phone[i : i + 2] for i in range(0, 10, 2)),
                        f"+33 {phone[1:]}",
                        ".".join(phone[i : i + 2] for i in range(0, 10, 2)),
                    )
                )
                identifiers.append({"kind": "phone", "value": typed})
            else:
                bits.append(self.phone_text(phone))
        if actor.handle:
            net, value = actor.handle
            if r.random() < 0.5:
                identifiers.append({"kind": net, "value": "@" + value})
            else:
                bits.append(self.handle_text(net, value))
        if identifiers:
            report["identifiers"] = identifiers
        report["description"] = ". ".join(b[0].upper() + b[1:] for b in bits if b) + "."
        return report

    def lone(self, key: str, near: Actor | None) -> tuple[dict[str, Any], Actor]:
        r = self.rng
        if near is not None and near.point is not None:
            d, bearing = r.uniform(100, 400), r.uniform(0, 2 * math.pi)
            point = offset(near.point, d * math.cos(bearing), d * math.sin(bearing))
            town = near.town
        else:
            town = r.randrange(len(TOWNS))
            point = offset(TOWNS[town][2], r.uniform(-3000, 3000), r.uniform(-3000, 3000))
        actor = Actor(
            ident=key,
            kind="lone",
            category="point_de_deal",
            town=town,
            point=point,
            place_kind=r.choice(KINDS)[0],
            address=self.address(),
            hours=self.hours(),
            people=[self.person()] if r.random() < 0.6 else [],
        )
        if near is not None:
            s, _ = near.hours
            start = (s + r.choice((6, 8, 12))) % 24
            actor.hours = (start, (start + 3) % 24)
        if r.random() < 0.25:
            actor.vehicle = self.vehicle()
        return self.report(actor, r.random(), key), actor


def generate(seed: int, scale: float = 1.0) -> Scenario:
    """One département's scenario: about 120 reports at scale 1."""
    gen = _Gen(seed)
    r = gen.rng
    actors = gen.build(scale)
    reports: list[dict[str, Any]] = []
    truth: dict[str, str] = {}

    def key() -> str:
        return str(uuid.UUID(int=r.getrandbits(128)))

    for actor in actors:
        count = {
            "fixed": (3, 12),
            "neighbour": (2, 6),
            "delivery": (3, 8),
            "online": (2, 6),
            "mobile": (3, 7),
            "relay": (2, 5),
        }[actor.kind]
        times = sorted(r.random() for _ in range(r.randint(*count)))
        if actor.kind == "delivery" and len(actor.phones) > 1:  # one report gives both phones
            times = sorted([*times, r.uniform(0.41, 0.59)])
        if actor.moved_to:  # at least two reports after the move
            times = sorted(
                [*times, r.uniform(actor.move_at + 0.01, 1.0), r.uniform(actor.move_at + 0.01, 1.0)]
            )
        for t in times:
            k = key()
            reports.append(gen.report(actor, t, k))
            truth[k] = actor.ident
    placed = [a for a in actors if a.point is not None]
    for i in range(max(2, round(14 * scale))):
        k = key()
        near = r.choice(placed) if placed and i % 2 == 0 else None
        report, _ = gen.lone(k, near)
        reports.append(report)
        truth[k] = f"L{k}"
    reports.sort(key=lambda rep: rep["received_at"])
    moved = frozenset(a.ident for a in actors if a.moved_to)
    return Scenario(seed=seed, reports=reports, truth=truth, moved=moved)


def features(scenario: Scenario) -> list[Features]:
    """Each report through the text analysis then ``features_from``, as the back office does."""
    return report_features(scenario.reports)


def report_features(reports: list[dict[str, Any]]) -> list[Features]:
    """Reports in API v1's structured shape → features, as the back office computes them."""
    out = []
    for rep in reports:
        analysis = analyse(rep.get("description", ""), rep).to_dict()
        out.append(
            features_from(
                key=rep["submission_id"],
                received_at=datetime.fromisoformat(rep["received_at"]),
                analysis=analysis,
                report=rep,
                departement="25",
                commune=(rep.get("location") or {}).get("commune"),
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=101)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    scenario = generate(args.seed, args.scale)
    with args.out.open("w", encoding="utf-8") as fh:
        for rep in scenario.reports:
            fh.write(
                json.dumps({k: v for k, v in rep.items() if v is not None}, ensure_ascii=False)
                + "\n"
            )
    args.out.with_suffix(".truth.json").write_text(json.dumps(scenario.truth, indent=0))
    print(f"{len(scenario.reports)} reports, {len(set(scenario.truth.values()))} true dossiers")


if __name__ == "__main__":
    main()
