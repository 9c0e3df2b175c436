"""Category of a trafficking report, from weighted cues (folded text).

Physical categories outweigh ``en_ligne``: a point of sale that advertises on Snapchat is still
a point of sale. ``en_ligne`` wins when handles or numbers carry the trade and no place does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from vigie.engine.analysis.lexicon import ONLINE_ALTERNATIVES, either, words

_CUES: Final[tuple[tuple[str, float, re.Pattern[str]], ...]] = (
    (
        "point_de_deal",
        2.0,
        words(
            r"points? (?:de|d)\s?(?:deal|vente)",
            r"po?int de deal",
            r"four",
            r"charbon",
            r"(?:guett?eu?r|chouf+eu?r)s?",
            r"(?:fai\w*|font) le guet",
            r"(?:font|fait) la queue",
            r"file d'attente",
            r"tien\w* (?:la caisse|le point|le four)",
            r"ouverts? (?:de|des|tous|7)",
            r"horaires d'ouverture",
            # dealing told at a spot ("ca deal devant la superette", "le hall ou ca vend"), not
            # hearsay ("on dit que ca deal au parc" names no kind of trade)
            r"(?<!on dit que )(?<!il parait que )(?<!parait que )"
            r"(?:ca|ils|on) (?:deal\w*|vend\w*) (?:au|a la|a l'|devant|en bas|sous|pres)",
            r"(?:ou|la ou) (?:ca|ils|on) (?:deal\w*|vend\w*)",
            r"(?:dealers|vendeurs) (?:ont pris|tiennent|occupent) (?:possession de )?(?:la|le|les)",
        ),
    ),
    (
        "point_de_deal",
        1.0,
        words(
            # sellers who stay at one spot: "au coin", "sur le banc", buyers who come to them
            r"au coin(?! de chez)",
            r"(?:assis|s'assoi\w*|install\w*) sur (?:le|un|les|des) bancs?",
            r"viennent (?:les|le) voir",
            r"halls?",
            r"cage d'escalier",
            r"(?:au )?pied (?:du|de l'|des) (?:batiment|immeuble|tour)",
            r"vend(?:ent)? (?:au|devant|dans|en bas|sur)",
            r"deal(?:ent)? (?:au|devant|dans|en bas|a)",
            r"ouvert (?:de|tous|7)",
            r"(?:les )?clients",
            r"acheteurs",
            r"main a (?:la )?main",
            r"echanges?",
            r"par la fenetre",
            r"city[- ]?stade",
            r"en bas de",
            r"trafic(?! (?:blanc|gris|noir|bleu|rouge|vert|beige)\b)",
        ),
    ),
    (
        "livraison",
        2.0,
        words(
            r"livr(?:eur|eurs|aison|aisons|e|ent|er|ait)",
            r"(?:a|en) domicile",
            r"devant chaque (?:immeuble|maison|batiment)",
            r"d'autres (?:adresses|immeubles)",
            r"descend\w* chercher",
            r"(?:se penche|cherch\w* quelque chose) a la vitre",
            r"uber ?eats?",
            r"deliveroo",
            r"just ?eat",
            r"drive",
            r"(?:descend\w*|vien\w*) (?:recuperer|prendre|recup) (?:leur|la|sa|les) comm\w*",
        ),
    ),
    (
        "livraison",
        1.0,
        words(
            r"klaxonn\w*",
            r"(?:chauffeur|conducteur)(?! (?:de|du) (?:bus|car|tram\w*|taxi|la ligne|ligne))",
            r"commande\w*",
            r"s'arrete\w*",
        ),
    ),
    (
        "vendeur_mobile",
        2.0,
        words(
            r"trott(?!oir)\w*",
            r"(?:a|en) (?:velo|scooter)",
            r"sa ronde",
            r"tourne (?:autour|dans|rue|entre)",
            r"sillonn\w*",
            r"se deplace",
            r"(?:fai\w*|font) (?:sa |des |leur |leurs )?rondes?",
            r"circul\w*",
            r"abord\w* (?:les|des) (?:passants|gens|touristes|etudiants|jeunes|clients|eleves)",
            r"fait le tour (?:des|du)",
            r"(?:passe|va) de (?:bar|table|stand|terrasse) en (?:bar|table|stand|terrasse)",
            r"glaciere",
            r"dans (?:le|les) (?:tram|tramway|bus|metro|rer|train)s?",
            r"sortie (?:des|du) (?:bars?|boites?|lycee|college|concert)",
            r"(?:devant|entre) les (?:bars|boites|terrasses|stands)",
        ),
    ),
    # on foot: the sellers' way as often as the buyers'
    (
        "vendeur_mobile",
        1.0,
        words(r"scooter", r"velo", r"sacoche", r"banane", r"allers?-retours", r"(?:a|en) pied"),
    ),
    (
        "stockage",
        2.0,
        words(
            r"caves?",
            r"box",
            r"garages?(?! du)",
            r"entrepot",
            r"nourrices?",
            r"entrepos\w*",
            r"stock\w*",
            r"planqu\w*",
            r"local (?:poubelles?|velos?|technique)",
            r"garde (?:la drogue|des affaires|de la drogue|la marchandise)",
            r"font garder",
            r"gard\w* (?:des|les) (?:sacs|colis|paquets|cartons|valises)",
            r"gard\w* (?:\w+ ){0,3}pour (?:les|des) (?:jeunes|dealers|vendeurs|gars)",
            r"cach\w* (?:la|de la) (?:drogue|marchandise)",
        ),
    ),
    # Recruiting couriers or mules: as strong as the other organised-crime cues (recruiting
    # lookouts for a point of sale may still be told as that point of sale).
    (
        "autre_crime",
        3.0,
        words(
            r"(?:recrut|embauch)\w* (?:\w+ ){0,3}(?:mules?|passeurs?|jeunes|livreurs?|mineurs)",
            r"mules?",
        ),
    ),
    ("stockage", 1.0, words(r"cartons", r"valises?", r"sacs? de sport", r"decharg\w*", r"cadenas")),
    (
        "logement",
        2.5,
        words(
            r"airbnb",
            r"abritel",
            r"booking",
            r"location (?:courte|de courte duree|saisonniere)",
            r"lou(?:e|ee|es) (?:a la (?:semaine|nuit|nuitee|journee)|sur)",
            r"a la nuitee",
            r"(?:villas?|bungalows?|gites?|apparts?|appartements?|maisons?|logements?|kaz|case)"
            r" (?:de location|lou(?:e|ee|es|ees)|en location)",
            r"lwe\w*",
            # tenants who change, not "l'amicale des locataires" or "mon locataire"
            r"locataires? (?:qui )?chang\w*",
            r"(?:change|changent) (?:\w+ )?(?:de )?locataires?",
            r"boite a cles",
            r"hotel",
            r"chambre",
            r"studio",
            r"meuble",
            r"occupants",
        ),
    ),
    (
        "vehicule_relais",
        2.5,
        words(
            r"(?:garee?|stationnee?) "
            r"(?:depuis|en permanence|toujours|24 ?h|tout le temps|des jours)",
            r"(?:toujours|en permanence) (?:garee?|stationnee?)",
            r"ne bouge (?:jamais|pas|plus depuis)",
            r"(?:n'a|a) jamais bouge",
            r"reste (?:garee?|stationnee?)",
            r"ventouse",
            r"personne ne l'utilise",
            r"(?:ouvr\w*|vont dans|prend\w*|fouill\w*) (?:\w+ ){0,2}coffre",
            r"sous le siege",
            r"portes? arriere",
        ),
    ),
    ("en_ligne", 1.5, words(*ONLINE_ALTERNATIVES, r"menu", r"application", r"pseudo")),
    # Weapons offered for sale: what is sold decides, not the channel (an account that sells
    # guns is no online drug shop); weapons only shown or carried by dealers are not this.
    (
        "autre_crime",
        9.0,  # above an account's whole online weight
        words(
            r"(?:vend\w*|propos\w*|revend\w*|ecoul\w*) (?:des |ses |leurs |de )?"
            r"(?:armes?|flingues?|pistolets?|fusils?|kalach\w*|munitions|glocks?|gun)",
            r"(?:armes?|flingues?|pistolets?|fusils?|kalach\w*) (?:sont |a |en )?"
            r"(?:vendu\w*|a vendre|en vente)",
            r"armureri\w*",
        ),
    ),
    (
        "autre_crime",
        3.0,
        words(
            r"blanchi\w*",
            r"brasse",
            r"(?:presque |quasiment )?jamais de clients",
            r"ne vend presque rien",
            r"societe ecran",
            r"faux billets",
            r"contrebande",
            r"proxenet\w*",
            r"prostitu\w*",
            r"go fast",
            r"recel\w*",
            r"(?:cacher|cache|caches|planqu\w*) (?:\w+ ){0,3}"
            r"(?:fusils?|pistolets?|armes?|kalach\w*)",
            r"trafic d'armes",
            r"ovules",
            r"compte bancaire",
            r"argent (?:sale|liquide) (?:a|au|en) (?:blanchir|banque)",
            r"plaques (?:francaises|allemandes|etrangeres)",
            r"repeint\w*",
            r"salon de massage",
            r"vols? de (?:voitures|vehicules|scooters)",
            r"voitures? volees?",
        ),
    ),
)
_PRIORITY: Final[tuple[str, ...]] = (
    "autre_crime",
    "logement",
    "vehicule_relais",
    "stockage",
    "livraison",
    "vendeur_mobile",
    "point_de_deal",
    "en_ligne",
)


# The citizen's own delivery job ("je suis livreur Uber Eats", "je livre pour Deliveroo"): no
# cue of a drug delivery. Blanked out before the cues are searched.
_PLATFORM: Final = (
    r"(?:uber ?eats?|deliveroo|just ?eat|stuart|amazon|chronopost|colissimo|dpd|ups|dhl)"
)
_OWN_JOB: Final = words(
    r"(?:je suis|jsuis|j'suis|chui|je bosse|je travaille) (?:comme |en tant que )?(?:un |une )?"
    r"(?:livreu(?:r|se)|coursier|coursiere)(?: (?:a|en) (?:velo|scooter|moto))?"
    rf"(?:(?: chez| pour)? {_PLATFORM})?",
    rf"je (?:livre|bosse|travaille|roule) (?:pour|chez|avec) {_PLATFORM}",
)
_NOT_PHYSICAL: Final = frozenset({"en_ligne", "autre_crime"})
_SEEN_IN_THE_STREET: Final = ("vendeur_mobile", "point_de_deal", "vehicule_relais", "stockage")


@dataclass(frozen=True, slots=True)
class CategoryGuess:
    category: str | None
    weight: float
    spans: tuple[tuple[int, int], ...]


# All cues in one pass, their shared look-behind tried once per position.
_ALL: Final = either(
    *(pattern for _, _, pattern in _CUES), names=[f"c{i}" for i in range(len(_CUES))]
)


def guess_category(
    text: str, identifiers: int, precise_place: bool, plated: bool = False
) -> CategoryGuess:
    """The best-supported category of folded ``text`` (None when nothing points to one).

    ``plated``: the report gives a plate, whole or partial, of a vehicle the citizen saw.
    """
    if "je" in text or "ui" in text:
        text = _OWN_JOB.sub(lambda m: " " * len(m.group()), text)
    weights: dict[str, float] = {}
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in _ALL.finditer(text):
        category, weight, _ = _CUES[int((m.lastgroup or "c0")[1:])]
        weights[category] = weights.get(category, 0.0) + weight
        spans.setdefault(category, []).append(m.span())
    physical = any(weights.get(c, 0.0) > 0 for c in _PRIORITY if c not in _NOT_PHYSICAL)
    # a seller seen on a scooter who gives his Snapchat is still a mobile seller: the account
    # is how buyers reach a trade seen in the street (a delivery ordered online is labelled by
    # how it is ordered: not counted here)
    seen = any(weights.get(c, 0.0) >= 2 for c in _SEEN_IN_THE_STREET)
    # ...unless its courier was seen: a delivery whose car's plate the citizen read is a
    # delivery, whatever account or number takes the orders
    seen = seen or (plated and weights.get("livraison", 0.0) >= 2)
    if identifiers and "en_ligne" in weights and not precise_place:
        weights["en_ligne"] += 1.5 * identifiers + (0.0 if seen else 3.0)
    if ((precise_place and physical) or seen) and "en_ligne" in weights:
        # a place where the trade happens: the account is only how buyers reach it
        weights["en_ligne"] /= 2
    if not weights:
        return CategoryGuess(None, 0.0, ())
    best = max(_PRIORITY, key=lambda c: (weights.get(c, 0.0), -_PRIORITY.index(c)))
    return CategoryGuess(best, weights[best], tuple(spans[best][:4]))
