"""Place mentions: addresses, named streets, named landmarks, communes, and vague places.

``adresse`` (number + street), ``voie`` (named street), ``lieu`` (a kind of place with a name or
number: "hall B", "cave n°12", "gare d'Abbeville", "city stade de …") are precise; ``commune``
("à Dijon") and ``imprecis`` ("dans mon quartier", "vers chez moi") are not.
"""

from __future__ import annotations

import re
from typing import Final

from vigie.engine.analysis import gate
from vigie.engine.analysis.lexicon import grouped, wordset

_STREET: Final = grouped(
    r"(?:rue|ri|r\.|avenue|av\.?|ave|bd|boulevard|bld|place|pl\.|allee|impasse|imp\.|chemin|ch\.|route"
    r"|rte|quai|cours|square|esplanade|passage|voie|rond[- ]point|parvis|promenade|faubourg"
    r"|sentier|ruelle|mail|montee|traverse|lotissement|hameau|zac|za|zi"
    r"|zone (?:industrielle|artisanale|commerciale|d'activites?)|zone)"
)
# "de l'" before "de": in "plage de l'Hermitage" the name is "Hermitage", not "l'Hermitage".
_LINK: Final = r"(?:(?:de l'|d'|l')\s?|(?:de la|du|des|de|la|le|les|st|ste|saint|sainte)\s+)?"
_NAME: Final = r"([a-z0-9][\w'-]*)"
_KIND: Final = grouped(
    r"(?:parking souterrain|parking couvert|aire de (?:repos|service|jeux)|aire"
    r"|fac(?:ulte)?|universite|bu|barber|gite|concession\w*|degrad|carbet"
    r"|hall|halls|batiment|bat\.?|bloc|entree|escalier|cage d'escalier|cave|box|garage|tour"
    r"|immeuble|residence|resid|cite|quartier|parking|gare routiere|gare|station|arret|lycee"
    r"|college|ecole"
    r"|stade|city[- ]?stade|city|square|parc|jardin|skate[- ]?park|centre commercial|galerie"
    r"|supermarche|tabac|bar|bar[- ]tabac|pharmacie|boulangerie|kebab|snack|epicerie|laverie"
    r"|hotel|camping|salle des fetes|mairie|eglise|temple|marche|pont|aire de jeux|terrain|plage"
    r"|port|entrepot|hangar|local|magasin|boutique|salon|restaurant|chicha|gymnase|piscine"
    r"|mediatheque|centre social|maison de quartier|poste|banque|station[- ]service|foyer"
    r"|chambre|appartement|appart|studio|maison|pavillon|porte|niveau|sous[- ]sol|metro|tram"
    r"|station de (?:tram|metro|bus)|mosquee|citerne|passerelle|canal|digue|jetee|fontaine"
    r"|cimetiere|bibliotheque|kiosque|abribus|dalle|case|kaz"
    # Creole spellings (Réunion, Antilles): lékol (school), chapel, lakou (yard)
    r"|lekol|chapel|chapelle|lakou)"
)
# Landmarks a commune or a quarter usually has one of.
_UNIQUE: Final = grouped(
    r"(?:passerelle|marche|stade|gare|gare routiere|mairie|eglise|college|lycee|fac|bu"
    r"|universite|pont|port|plage|degrad|jetee|city[- ]?stade|centre commercial|cimetiere"
    r"|piscine|gymnase|poste|mediatheque|salle des fetes|skate[- ]?park|hopital|embarcadere)"
)
_STORE: Final = grouped(
    r"(?:carrefour(?: market| city| contact)?|leclerc|intermarche|lidl|aldi|auchan|casino"
    r"|super u|hyper u|monoprix|franprix|netto|spar|geant|cora|match|picard|action|mcdo"
    r"|mcdonald'?s|burger king|kfc|quick|decathlon|fnac|darty|total|esso|bp|shell)"
)
_STOP: Final = wordset(
    """qui que quoi il ils elle elles on y a au aux avec pour sur dans par en et est son sa ses
    leur leurs mon ma mes ce cet cette ces plein tous tout toute aussi pas ne se je tu nous vous
    mais ou donc car ou la-bas ici pres vers devant derriere chez cote coin bout fond face gauche
    droite haut bas jour nuit soir matin gens mec mecs jeunes voiture parking jeux municipal
    municipale principal principale quartier ville centre village coin secteur lycee college
    ecole gare cite immeuble residence voisin voisins dealer dealers drogue trafic souvent
    toujours tous les une un des les du de le
    plusieurs chaque certains certaines quelques depuis hier tard tot jpense jcrois jsais"""
)
PATTERNS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    (
        "adresse",
        re.compile(
            rf"\b\d{{1,4}}\s?(?:bis|ter|[a-d]\b)?\s?,?\s?{_STREET}\s+{_LINK}{_NAME}",
        ),
    ),
    ("voie", re.compile(rf"\b{_STREET}\s+{_LINK}{_NAME}")),
    (
        "lieu",
        re.compile(
            rf"\b{_KIND}\s+(?:(?:n\s?°\s?|no\s?|numero\s?|n\.\s?)?(\d{{1,4}}|[a-h](?![\w'])|-\d\b)"
            rf"|{_LINK}{_KIND}\b()|{_LINK}(?:\"\s?)?{_NAME})"
            rf"|\b(?:\d{{1,2}}\s?(?:e|er|eme|ieme) etage|rez[- ]de[- ]chaussee|{_STORE})\b"
            rf"|\b{_KIND} (?:municipale?|communale?|principale?|centrale?|couvert|de l'a\d+)\b"
        ),
    ),
    (
        "repere",
        re.compile(
            rf"\b(?:au|du|devant le|devant la|de la|derriere le|derriere la"
            rf"|a la|pres du|pres de la|sur le|sur la|dans le|dans la|en face du|en face de la"
            rf"|devant l'|derriere l'|a l'|de l') ?{_UNIQUE}\b"
        ),
    ),
    ("commune", re.compile(r"\b(?:(?:a|au|sur|de|vers)\s+|d')([a-z][\w'-]{2,})")),
    # "de st laurent", "a saint-pierre": a saint's name is a commune however it is typed
    ("commune", re.compile(r"\b(?:(?:a|au|sur|de|vers)\s+)?(?:st|ste|saint|sainte)[- ][a-z]{3,}")),
    (
        "imprecis",
        re.compile(
            r"\b(?:mon|ma|notre|mes) (?:quartier|rue|immeuble|village|ville|cite|residence|coin"
            r"|secteur|batiment)|\b(?:vers |pres de |a cote de )?chez (?:moi|nous|lui|elle)"
            r"|\bpartout|\ben ville|\bdans (?:la|ma|cette) ville|\bau bout de la rue"
            r"|\bdans le coin|\ben plein centre|\bdans (?:tout )?le quartier\b(?! de| du| des)"
        ),
    ),
)
PRECISE: Final = frozenset({"adresse", "voie", "lieu"})
# A landmark named only by its kind is precise when the report names the area it is in.
LANDMARK: Final = "repere"
AREA: Final = frozenset({"commune", "voie", "adresse", "lieu"})
_NAMED: Final = frozenset({"voie", "lieu", "commune"})
# Businesses are often named in lower case: "le bar des sports", "snack le palmier".
_BUSINESS: Final = re.compile(
    r"(?:bar|bar[- ]tabac|tabac|snack|kebab|restaurant|resto|boulangerie|epicerie|pharmacie"
    r"|salon|garage|hotel|chicha|laverie|magasin|boutique|cafe|brasserie|pizzeria)"
    r"\s+(?:des|du|de la|le|la|les|l')\s?"
)
# "l'école maternelle Pasteur": one qualifier between the kind and its name.
_QUALIFIED: Final = re.compile(r"[a-z]+\s+([a-z][\w'-]*)")
_NOT_COMMUNES: Final = wordset(
    "telegram snapchat snap instagram insta signal tiktok whatsapp airbnb internet"
)


_TITLE: Final = re.compile(r"[^\s.!?]\s+[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]")


# Kinds of place that name an area, not a spot: "quartier à Lorient" says where, vaguely.
_AREAS: Final = ("quartier", "cite ", "cites ")


def _typed(original: str | None, index: int) -> str:
    """The character the citizen typed at `index` ("" when unknown)."""
    return original[index] if original is not None and index < len(original) else ""


def _is_name(token: str, index: int, original: str | None, mixed_case: bool) -> bool:
    """A proper name: typed with a capital when the citizen uses capitals, else not a stopword."""
    if not token:
        return False
    if (
        token[0].isdigit()
        or token[:2].lstrip("-").isdigit()
        or (len(token) == 1 and token.isalpha())
    ):
        return True
    if original is not None and mixed_case and len(original) > index:
        return original[index].isupper()
    return len(token) >= 3 and token not in _STOP


def _named_further(
    text: str,
    kind: str,
    m: re.Match[str],
    index: int,
    original: str | None,
    mixed_case: bool,
) -> int | None:
    """The end of a place whose name the pattern missed: a business named in lower case, a
    name after one qualifier ("école maternelle Pasteur"); None when there is no name."""
    if kind != "lieu":
        return None
    token = m.group(index)
    if _BUSINESS.match(text, m.start()) and len(token) >= 4 and token not in _STOP:
        return m.end()
    qualified = _QUALIFIED.match(text, m.start(index))
    if qualified and _is_name(qualified.group(1), qualified.start(1), original, mixed_case):
        return qualified.end() if mixed_case else None
    return None


def extract_places(text: str, original: str | None = None) -> list[tuple[str, int, int]]:
    """``(kind, start, end)`` of every place expression in folded ``text``, in order.

    ``original`` shares the offsets of ``text``; when the citizen mixes cases, names of streets,
    landmarks and communes must start with a capital ("la Grand Mare", not "porte de garage").
    """
    # Mixed case means the citizen capitalises words ("Trenelle"); capitals only in plates or
    # acronyms ("ya une 206 plaque 4521 ZT 974 au parking du jumbo") are not proper names.
    mixed_case = original is not None and _TITLE.search(original) is not None
    found: list[tuple[str, int, int]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        if kind == "commune" and pattern.groups and not mixed_case:
            continue  # each of its matches names a commune in lower case: none would be kept
        where = gate.candidates(pattern, text)
        if where == [] or (where is None and not gate.may_match(pattern, text)):
            continue
        position = 0
        while (m := gate.search(pattern, text, position, where)) is not None:
            position = m.start() + 1
            start, end = m.span()
            index = next((i for i in range(1, (m.lastindex or 0) + 1) if m.group(i)), 0)
            if index:
                token, token_start = m.group(index), m.start(index)
                if kind in _NAMED and not _is_name(token, token_start, original, mixed_case):
                    named = _named_further(text, kind, m, index, original, mixed_case)
                    if named is None:
                        continue
                    end = named
                if kind == "commune" and (token in _NOT_COMMUNES or not mixed_case):
                    continue
                if kind == "adresse" and token in _STOP:
                    continue
                if (
                    kind == "lieu"
                    and token == "a"  # noqa: S105  # the letter, not a secret
                    and _typed(original, token_start) in ("à", "À")
                    and text.startswith(_AREAS, start)
                ):
                    continue  # "mon quartier à Lorient": the preposition, not "hall A"
            if any(start < e and s < end for s, e in taken):
                continue
            found.append((kind, start, end))
            taken.append((start, end))
            position = end
    found.sort(key=lambda f: f[1])
    return found
