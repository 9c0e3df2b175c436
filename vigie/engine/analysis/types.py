"""Typed, immutable result of the analysis of one report.

``Analysis.to_dict()`` is the JSON shape written by ``vigie analyse`` (without the ``id``):
the keys of PRODUCT.md's "Interfaces" section, extended with ``hints``, ``flags``, ``reasons``
and the time/place mentions inside ``entities``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, Literal

Triage = Literal["urgence", "tranquillite", "hors_champ", "vague", "exploitable"]
TRIAGES: Final[tuple[Triage, ...]] = (
    "urgence",
    "tranquillite",
    "hors_champ",
    "vague",
    "exploitable",
)
CATEGORIES: Final[tuple[str, ...]] = (
    "point_de_deal",
    "livraison",
    "vendeur_mobile",
    "stockage",
    "logement",
    "vehicule_relais",
    "en_ligne",
    "autre_crime",
)
NETWORKS: Final[tuple[str, ...]] = (
    "snapchat",
    "telegram",
    "instagram",
    "signal",
    "tiktok",
    "whatsapp",
    "other",
)
MISSING_CODES: Final[tuple[str, ...]] = (
    "lieu_precis",
    "horaires",
    "vehicule",
    "identifiant",
    "comportement",
    "personnes",
    "preuves",
)

JSONValue = str | int | float | bool | None | list["JSONValue"] | dict[str, "JSONValue"]


@dataclass(frozen=True, slots=True)
class Handle:
    network: str
    value: str

    def to_dict(self) -> dict[str, JSONValue]:
        return {"network": self.network, "value": self.value}


@dataclass(frozen=True, slots=True)
class Mention:
    """A time or place expression found in the text: its kind and the words as typed."""

    kind: str
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, JSONValue]:
        return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Entities:
    plates: tuple[str, ...] = ()
    partial_plates: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    handles: tuple[Handle, ...] = ()
    times: tuple[Mention, ...] = ()
    places: tuple[Mention, ...] = ()

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "plates": list(self.plates),
            "partial_plates": list(self.partial_plates),
            "phones": list(self.phones),
            "handles": [h.to_dict() for h in self.handles],
            "times": [m.to_dict() for m in self.times],
            "places": [m.to_dict() for m in self.places],
        }


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a decision was taken: the decision, the rule that fired and the words behind it."""

    decision: str
    rule: str
    evidence: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, JSONValue]:
        return {"decision": self.decision, "rule": self.rule, "evidence": list(self.evidence)}


@dataclass(frozen=True, slots=True)
class Missing:
    code: str
    hint: str


@dataclass(frozen=True, slots=True)
class Analysis:
    triage: Triage
    category: str | None
    score: int
    missing: tuple[Missing, ...] = ()
    entities: Entities = field(default_factory=Entities)
    flags: tuple[str, ...] = ()
    reasons: tuple[Reason, ...] = ()

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "triage": self.triage,
            "category": self.category,
            "score": self.score,
            "missing": [m.code for m in self.missing],
            "hints": {m.code: m.hint for m in self.missing},
            "entities": self.entities.to_dict(),
            "flags": list(self.flags),
            "reasons": [r.to_dict() for r in self.reasons],
        }
