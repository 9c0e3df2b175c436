"""Triage decision, exploitability score and what is missing, from the facts of a report.

The order of the rules is the order of PRODUCT.md's labels: an emergency first; then what is
not drug intelligence (out of scope, then public-order nuisance); then, for trafficking,
``exploitable`` when a precise place comes with at least one checkable fact, else ``vague``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from vigie.engine.analysis.types import Missing, Reason, Triage

HINTS: Final[dict[str, str]] = {
    "lieu_precis": "Indiquez le lieu exact : numéro et rue, commune, ou un repère précis "
    "(hall, bâtiment, parking, commerce).",
    "horaires": "Précisez quand : les jours et heures où vous avez vu l'activité, "
    "et si elle se répète.",
    "vehicule": "Si un véhicule est utilisé : marque, modèle, couleur et plaque, "
    "même partielle (ex. AB-12?-C?).",
    "identifiant": "Notez le numéro de téléphone ou le compte (Snapchat, Telegram…) "
    "utilisé pour vendre, s'il y en a un.",
    "comportement": "Décrivez ce que vous avez vu concrètement : échanges de la main à la main, "
    "guetteurs, file d'acheteurs, allers-retours.",
    "personnes": "Décrivez les personnes sans stéréotypes : tenue, taille, signes distinctifs, "
    "rôle (guetteur, vendeur).",
    "preuves": "Si vous avez pu prendre une photo ou une vidéo sans vous exposer, joignez-la.",
}
_WEIGHTS: Final[dict[str, int]] = {
    "lieu_precis": 30,
    "horaires": 15,
    "comportement": 15,
    "identifiant": 15,
    "vehicule": 12,
    "personnes": 8,
    "preuves": 5,
}


@dataclass(frozen=True, slots=True)
class Facts:
    """What the rules found; ``words`` holds, per signal, the words the citizen typed."""

    precise_place: bool = False
    commune: bool = False
    online: bool = False
    strong_time: bool = False
    weak_time: bool = False
    vehicle_identified: bool = False
    vehicle_mentioned: bool = False
    identifiers: int = 0
    behaviour: int = 0
    weak_behaviour: int = 0
    people: bool = False
    evidence: bool = False
    traffic: int = 0
    drug: int = 0
    selling: int = 0
    suspicion: int = 0
    consumption: int = 0
    nuisance: int = 0
    loitering: int = 0
    off_topic: int = 0
    denied: bool = False
    declared_category: bool = False
    category_cue: bool = False
    words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def present(self) -> dict[str, bool]:
        """Which of the elements of a good report are there (the keys of HINTS)."""
        return {
            "lieu_precis": self.precise_place,
            "horaires": self.strong_time,
            "comportement": self.behaviour > 0 or self.weak_behaviour > 1,
            "identifiant": self.identifiers > 0,
            "vehicule": self.vehicle_identified,
            "personnes": self.people,
            "preuves": self.evidence,
        }


def _ev(facts: Facts, *signals: str) -> tuple[str, ...]:
    found: list[str] = []
    for signal in signals:
        found.extend(facts.words.get(signal, ()))
    return tuple(dict.fromkeys(found))[:6]


def is_trafficking(facts: Facts) -> bool:
    """A concrete sign of the drug trade, beyond a mention of drugs or of consumption."""
    return bool(
        facts.traffic
        or (facts.drug and (facts.selling or facts.behaviour))
        or (facts.selling and facts.behaviour)
        or facts.behaviour >= 2
        or (facts.identifiers and (facts.drug or facts.selling))
    )


def decide(facts: Facts) -> tuple[Triage, Reason]:
    """The triage label of a report that is not an emergency, and why."""
    trafficking = is_trafficking(facts)
    if facts.off_topic and not trafficking:
        return "hors_champ", Reason("triage", "hors du champ des stupéfiants", _ev(facts, "off"))
    nuisance = facts.nuisance or facts.consumption
    if facts.denied and not trafficking and not facts.identifiers:
        # "c'est pas des dealers, juste des gens bourrés": what is left is no sign of trade.
        if nuisance or facts.loitering:
            evidence = _ev(facts, "nuisance", "consumption", "loitering")
            return "tranquillite", Reason(
                "triage", "nuisance, trafic écarté par le citoyen", evidence
            )
        return "hors_champ", Reason("triage", "trafic écarté par le citoyen")
    if not trafficking and (nuisance or (facts.loitering and not facts.suspicion)):
        evidence = _ev(facts, "nuisance", "consumption", "loitering")
        return "tranquillite", Reason("triage", "nuisance sans signe de trafic", evidence)
    suspected = (
        trafficking
        or facts.drug
        or facts.selling
        or facts.suspicion
        or facts.behaviour
        or facts.weak_behaviour
        or facts.declared_category
        or facts.category_cue
    )
    if not suspected:
        return "hors_champ", Reason("triage", "aucun signe de trafic ni de nuisance")
    present = facts.present()
    checkable = [
        code for code in ("horaires", "comportement", "identifiant", "vehicule") if present[code]
    ]
    sold = (facts.drug or facts.traffic) and (facts.selling or facts.online)
    if facts.identifiers and (sold or (facts.online and facts.selling)):
        evidence = _ev(facts, "identifiant", "drug", "selling")
        return "exploitable", Reason("triage", "vente en ligne : identifiant et produit", evidence)
    if facts.precise_place and checkable:
        evidence = _ev(facts, "place", *checkable)
        rule = "lieu précis et " + ", ".join(checkable)
        return "exploitable", Reason("triage", rule, evidence)
    why = "pas de lieu précis" if not facts.precise_place else "rien d'observable ni de vérifiable"
    return "vague", Reason("triage", f"soupçon de trafic, {why}", _ev(facts, "traffic", "drug"))


def score(facts: Facts, triage: Triage) -> int:
    """How exploitable the report is, 0–100; consistent with the triage label."""
    if triage in ("hors_champ", "tranquillite"):
        return 0
    present = facts.present()
    total = sum(weight for code, weight in _WEIGHTS.items() if present[code])
    if not facts.precise_place and facts.commune:
        total += 10
    if not present["horaires"] and facts.weak_time:
        total += 7
    if not present["vehicule"] and facts.vehicle_mentioned:
        total += 5
    if triage == "exploitable":
        return max(50, min(100, total))
    return min(49, total) if triage == "vague" else min(100, total)


def missing(facts: Facts, triage: Triage) -> tuple[Missing, ...]:
    """What the citizen could still add, most useful first (nothing for 17/out-of-scope)."""
    if triage not in ("vague", "exploitable"):
        return ()
    present = facts.present()
    return tuple(Missing(code, HINTS[code]) for code in HINTS if not present[code])
