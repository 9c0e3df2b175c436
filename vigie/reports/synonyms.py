"""Words an integration partner or an importer writes for the API's enumerations.

``place_kind`` and ``risks`` accept, besides their canonical values, the common French (and a
few English) words for them, normalised to the canonical value before validation: "garage" is
a ``parking``, "entrée d'immeuble" a ``hall``, "mineurs" are ``enfants``. Case, accents,
spaces, hyphens and apostrophes do not matter. An unknown word is left as typed, so that the
enumeration refuses it with its precise error.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Final

from vigie.reports.enums import PlaceKind, Risk

PLACE_KIND_SYNONYMS: Final[Mapping[str, str]] = {
    **dict.fromkeys(
        (
            "entree", "entree_immeuble", "entree_d_immeuble", "entree_de_l_immeuble",
            "hall_d_immeuble", "hall_immeuble", "porche", "immeuble", "pied_d_immeuble",
            "pied_de_l_immeuble", "batiment",
        ),
        PlaceKind.BUILDING_ENTRANCE,
    ),
    **dict.fromkeys(
        ("garage", "garages", "box", "boxes", "parking_souterrain", "stationnement", "car_park"),
        PlaceKind.CAR_PARK,
    ),
    **dict.fromkeys(
        ("trottoir", "voie", "avenue", "boulevard", "chemin", "impasse", "ruelle", "street"),
        PlaceKind.STREET,
    ),
    **dict.fromkeys(
        ("square", "parc", "jardin", "jardin_public", "city_stade", "stade", "esplanade"),
        PlaceKind.SQUARE,
    ),
    **dict.fromkeys(
        (
            "bar", "restaurant", "magasin", "boutique", "epicerie", "tabac", "bar_tabac", "kebab",
            "snack", "laverie", "chicha", "shop", "cafe",
        ),
        PlaceKind.SHOP,
    ),
    **dict.fromkeys(
        (
            "appartement", "appart", "maison", "pavillon", "studio", "domicile", "airbnb",
            "location", "house", "flat",
        ),
        PlaceKind.HOUSE,
    ),
    **dict.fromkeys(
        (
            "cave", "caves", "escalier", "cage_d_escalier", "cage", "local", "local_poubelles",
            "local_velo", "sous_sol", "stairwell",
        ),
        PlaceKind.STAIRWELL,
    ),
    **dict.fromkeys(
        (
            "ecole", "college", "lycee", "etablissement", "ecole_primaire", "maternelle",
            "abords_ecole", "universite", "fac", "faculte", "campus", "school",
        ),
        PlaceKind.SCHOOL,
    ),
    **dict.fromkeys(
        (
            "gare", "arret", "arret_de_bus", "arret_bus", "abribus", "station", "metro",
            "station_de_metro", "tram", "bus", "gare_routiere",
        ),
        PlaceKind.TRANSPORT,
    ),
    **dict.fromkeys(
        ("internet", "online", "reseaux_sociaux", "reseau_social", "web"), PlaceKind.ONLINE
    ),
    # The API has no kind for a neighbourhood: "autre", and linking reads the text.
    **dict.fromkeys(
        ("other", "divers", "inconnu", "quartier", "cite", "residence", "secteur", "zone"),
        PlaceKind.OTHER,
    ),
}  # fmt: skip

RISK_SYNONYMS: Final[Mapping[str, str]] = {
    **dict.fromkeys(
        ("enfant", "mineurs", "mineur", "gamins", "ados", "adolescents", "children", "minors"),
        Risk.CHILDREN,
    ),
    **dict.fromkeys(
        (
            "arme", "arme_a_feu", "armes_a_feu", "couteau", "couteaux", "arme_blanche",
            "armes_blanches", "weapon", "weapons",
        ),
        Risk.WEAPONS,
    ),
    **dict.fromkeys(
        ("violence", "menaces", "menace", "bagarre", "bagarres", "agression", "violences_menaces"),
        Risk.VIOLENCE,
    ),
    **dict.fromkeys(
        (
            "menace_temoin", "menaces_temoins", "represailles", "menace_contre_moi",
            "menaces_contre_moi", "je_suis_menace", "threats",
        ),
        Risk.THREATS_TO_ME,
    ),
}  # fmt: skip

_SEPARATORS: Final = re.compile(r"[\s'’`\-./]+")


def _key(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value.strip().lower().replace("œ", "oe"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SEPARATORS.sub("_", plain).strip("_")


def _canonical(value: object, choices: frozenset[str], synonyms: Mapping[str, str]) -> object:
    if not isinstance(value, str):
        return value
    key = _key(value)
    if key in choices:
        return key
    return str(synonyms[key]) if key in synonyms else value


_PLACE_KINDS: Final = frozenset(PlaceKind.values)
_RISKS: Final = frozenset(Risk.values)


def canonical_place_kind(value: object) -> object:
    """The canonical ``place_kind`` for a value or one of its synonyms; anything else as is."""
    return _canonical(value, _PLACE_KINDS, PLACE_KIND_SYNONYMS)


def canonical_risk(value: object) -> object:
    """The canonical risk for a value or one of its synonyms; anything else as is."""
    return _canonical(value, _RISKS, RISK_SYNONYMS)


def described(synonyms: Mapping[str, str]) -> str:
    """ "hall : entree, entree_immeuble…" lines for the OpenAPI document."""
    by_value: dict[str, list[str]] = {}
    for word, value in synonyms.items():
        by_value.setdefault(str(value), []).append(word)
    return " ; ".join(f"`{value}` : {', '.join(words)}" for value, words in by_value.items())
