"""Lexicons of the triage rules, as regular expressions over folded text (see normalize.py).

Each signal is one compiled alternation, built once at import. Patterns are written for French
as typed on a phone: no accents, SMS spellings (``ya``, ``tlm``, ``qd``, ``mtn``), typos.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from typing import Final

from vigie.engine.analysis import gate


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Where `pattern` matches in `text` (non-overlapping, left to right)."""
    return gate.spans(pattern, text)


def wordset(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string."""
    return frozenset(text.split())


# Where a word of the lexicons may start: no letter, digit or @ before it.
WORD_START: Final = r"(?<![\w@])"


def words(*alternatives: str) -> re.Pattern[str]:
    """One pattern matching any alternative as whole words of the folded text."""
    return re.compile(WORD_START + "(?:" + _by_first_letter(list(alternatives)) + r")(?![\w])")


def either(*patterns: re.Pattern[str], names: Sequence[str] = ()) -> re.Pattern[str]:
    """`words` patterns joined (the first that matches at a position wins, as with ``|``),
    their shared look-behind tried once per position; ``names``: one group name per pattern
    (``m.lastgroup`` tells which matched)."""
    if not all(p.pattern.startswith(WORD_START) for p in patterns):
        raise ValueError("either() joins patterns made by words()")
    bodies = [p.pattern.removeprefix(WORD_START) for p in patterns]
    if names:
        bodies = [f"(?P<{name}>{body})" for name, body in zip(names, bodies, strict=True)]
    return re.compile(WORD_START + "(?:" + "|".join(bodies) + ")")


_PLAIN_FIRST: Final = re.compile(r"(?:\\b)?[a-z0-9'](?![?*+{])")


def _syntax(source: str) -> Iterator[tuple[int, str, int]]:
    """(index, character, depth after it) of the characters of a regular expression that are
    syntax: outside character classes and not escaped."""
    depth, in_class, escaped = 0, False, False
    for index, char in enumerate(source):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        else:
            depth += (char == "(") - (char == ")")
            yield index, char, depth


def _top_level(source: str) -> list[str]:
    """The alternatives of `source` split at its top-level bars."""
    bars = [i for i, char, depth in _syntax(source) if char == "|" and depth == 0]
    edges = [-1, *bars, len(source)]
    return [source[a + 1 : b] for a, b in itertools.pairwise(edges)]


def grouped(source: str) -> str:
    """`source`, an alternation (``a|b`` or ``(?:a|b)``), as a non-capturing group whose
    alternatives are grouped by first letter (see `_by_first_letter`)."""
    if source.startswith("(?:") and _closing(source) == len(source) - 1:
        source = source[3:-1]
    return "(?:" + _by_first_letter(_top_level(source)) + ")"


def _closing(source: str) -> int:
    """The index of the parenthesis closing the one `source` opens with."""
    return next((i for i, char, depth in _syntax(source) if char == ")" and depth == 0), -1)


def _by_first_letter(alternatives: list[str], depth: int = 2) -> str:
    """The same alternation with alternatives that open on the same letter grouped behind it,
    two levels deep: ``deal|drogue|dealer`` becomes ``d(?:e(?:al|aler)|rogue)``. Python's
    engine then tries a handful of letters at each word instead of every alternative (the
    lexicons' cost, measured by `make bench-analysis`).

    The matches are the same: an alternative can only match where the text holds its first
    letter, so alternatives of different letters never compete; order is kept within a
    letter, and an alternative that does not open on a plain letter (a group, a class) stays
    in place and closes the groups it could compete with."""
    blocks: list[tuple[str, list[str]] | str] = []
    open_groups: dict[str, tuple[str, list[str]]] = {}
    for alternative in alternatives:
        head = _PLAIN_FIRST.match(alternative)
        if head is not None and len(_top_level(alternative)) == 1:
            # a letter, or \\b and a letter (zero width: the same matches)
            prefix = head.group()
            letter = prefix[-1]
            group = open_groups.get(letter)
            if group is None or group[0] != prefix:  # a new head closes the letter's group
                group = (prefix, [])
                blocks.append(group)
                open_groups[letter] = group
            group[1].append(alternative[len(prefix) :])
        else:
            blocks.append(alternative)
            open_groups.clear()  # it may open on any letter: nothing moves across it
    parts = []
    for block in blocks:
        if isinstance(block, str):
            parts.append(block)
        elif len(block[1]) == 1:
            parts.append(block[0] + block[1][0])
        else:
            rests = _by_first_letter(block[1], depth - 1) if depth > 1 else "|".join(block[1])
            parts.append(block[0] + "(?:" + rests + ")")
    return "|".join(parts)


# --- What the report is about --------------------------------------------------------------

# Substances and the vocabulary of the drug trade: enough alone for a suspicion of trafficking.
DRUG: Final = words(
    r"drogues?",
    r"stup(?:s|efiants?)?",
    r"shit",
    r"beuh?s?",
    r"beuze",
    r"weed",
    r"herbe",
    r"cannabis",
    r"marijuana",
    r"ganja",
    r"resine",
    r"hasch?i?s?c?h?",
    r"coke",
    r"cocaine",
    r"crack",
    r"heroine",
    r"came",
    r"ecsta(?:sy|s)?",
    r"extasy",
    r"mdma",
    r"ketamine",
    r"keta",
    r"3-?mmc",
    r"4-?mmc",
    r"2-?cb",
    r"ghb",
    r"speed",
    r"opium",
    r"cbd",
    r"poppers",
    r"lsd",
    r"cristal",
    r"pochons?",
    r"barrettes?",
    r"gummies",
    r"thc",
    r"wax",
    r"amnesia",
    r"pilules?",
    r"skunk",
    r"zetla",
    r"bedo",
    # overseas and street names: zamal (Réunion cannabis), chimique (Mayotte synthetic
    # cannabinoid), cachets, caillou (crack), produit
    r"zamal",
    r"chimiques?",
    r"cachets?",
    r"cailloux?",
    # Antilles Creole: krak (crack), pwodui (the product)
    r"krak",
    r"pwodui",
    r"(?:du|le) produit",
)
# The vocabulary of the drug trade itself: enough alone for a suspicion of trafficking.
TRAFFIC: Final = words(
    r"deal(?:s|er|ers|eur|eurs|ent|e|ait|ing)?",
    r"dil(?:eur|er)s?",
    r"trafi(?:c|k|que)s?(?! routier| de voitures)",
    r"trafiqu\w*",
    r"point (?:de|d)\s?(?:deal|vente)",
    r"points (?:de|d)\s?(?:deal|vente)",
    r"(?:guett?eu?r|guetteuse|chouff?eu?r)s?",
    r"(?:fai\w*|font) le guet",
    r"chouf+",
    r"nourrices?",
    r"charbon(?:neurs?|neuses?|ner|nent)?",
    # Antilles Creole: "fè gèt" (keeps watch for them)
    r"fe get",
    r"blanchi(?:r|ment|t|ssent)",
    r"go fast",
    r"vend\w* (?:\w+ ){0,2}(?:joints?|petards?|bedos?|ballons?)",
)
# Selling, delivering, hiding: trafficking when a drug word or a concrete behaviour goes with it.
SELLING: Final = words(
    # "je lui ai vendu ma voiture": the citizen selling something is no trade
    r"(?<!ai )vend(?:s|ent|ait|aient|re|eur|eurs|euse|u|ue)?",
    r"revend\w*",
    # Antilles Creole: "ka vann" (is selling)
    r"ka vann",
    r"vente",
    r"livr(?:e|ent|aison|aisons|eur|eurs|er|ait)",
    r"ravitaill\w*",
    r"planqu\w*",
    r"(?<!vice )cach(?:e|ent|er|ee|ees|ette|ettes)",
    r"sachets?",
    r"marchandise",
    r"encaiss\w*",
    r"menu",
    r"[0-9]+ ?(?:€|e|euros?)? (?:le|la) (?:gramme|g|barrette|pochon)",
    r"grammes?",
    # "j'ai commandé des baskets": the citizen's own order is no sale (a drug word still is)
    r"(?<!ai )commande(?:r|nt|s)?",
)
# Suspicion without facts: makes a report "vague" rather than out of scope.
SUSPICION: Final = words(
    r"louches?",
    r"suspect\w*",
    r"bizarres?",
    r"je (?:pense|crois|soupconne|suppose)",
    r"je sais pas",
    r"jsp",
    r"(?:il|ca) (?:para[i]?t|parait)",
    r"parait[- ]il",
    r"on (?:dit|raconte)",
    r"tout le monde (?:le )?(?:sait|dit)",
    r"tlm (?:le )?(?:sait|dit)",
    r"a mon avis",
    r"surement",
    r"(?:pas|sans doute) sur",
    r"j'ai l'impression",
    # a place held by a network, fear of its reprisals, doses seen: signs, not yet facts
    r"(?:cite|quartier|immeuble|tour|residence|batiment|rue|hall)s? (?:est |sont )?(?:tenue?s?"
    r"|controlee?s?|geree?s?) par",
    r"peur des represailles",
    r"(?:plein de |des )?petits sachets",
    # money nobody can explain
    r"(?:plein|beaucoup|des liasses|un tas) de (?:fric|thunes?|billets)",
    r"comment (?:ils|il|elle) (?:se )?(?:les |la |le )?(?:payent|paient|paie|paye|achete\w*)",
    r"d'ou (?:il|elle|ils) (?:vient|viennent|sort|tient)",
)
# The citizen saying there is no trade ("c'est pas des dealers", "je n'ai vu aucun trafic",
# "ils vendent pas, c juste pour eux"): the words of the trade inside are not signs of it.
_TRADE: Final = (
    r"(?:dealers?|deal|dil(?:eur|er)s?|trafi\w*|ventes?|revente|vendeurs?|points? de (?:deal|vente)"
    r"|drogues?|stup\w*|came|produits?)"
)
_SELL: Final = r"(?:vend\w*|revend\w*|deal\w*|dil\w*|trafiqu\w*|livr\w*|bicrav\w*)"
DENIAL: Final = words(
    rf"(?:ce |c'|c )?(?:est|sont|etait|c'est)? ?(?:pas|jamais) "
    rf"(?:des |de |du |d'|un |une )?{_TRADE}(?! que (?!je sache|j'en sache))",
    rf"(?:aucun|aucune|sans|zero|ni) (?:\w+ ){{0,1}}{_TRADE}",
    rf"(?:n'ai|ai|n'avons|avons) (?:jamais |pas |rien )?(?:vu|remarque|constate|observe) "
    rf"(?:de |d'|aucun |aucune |la moindre |le moindre )?(?:\w+ )?{_TRADE}",
    rf"(?:pense|crois|semble|suis sur|dirais) pas (?:que |qu'?)?(?:\w+ ){{0,3}}?{_SELL}",
    rf"{_SELL} (?:rien|pas|jamais|quoi que ce soit)(?! que| seulement| uniquement)",
    rf"ne {_SELL} (?:rien|pas|jamais)(?! que| seulement| uniquement)",
    rf"rien a voir avec (?:la |le |les |du |de la )?{_TRADE}",
    r"(?:pas|rien) (?:de |d')?(?:illegal|louche|suspect)",
)
# Words of online trade, shared by the "online" fact and the en_ligne category. Network names
# are whole words: "signaler", "installé", "j'ai compté" are not networks nor accounts.
ONLINE_ALTERNATIVES: Final = (
    r"en ligne",
    r"internet",
    r"reseaux? sociaux",
    r"stor(?:y|ies)",
    r"snap(?:chat)?s?",
    r"snp",
    r"insta(?:gram)?",
    r"tele?gram",
    r"tg",
    r"tik ?tok",
    r"wh?ats?app?",
    r"wtsp",
    r"sur signal",
    r"canal",
    r"site",
    r"appli\w*",
    # "le compte", "un compte" (not "j'ai compte"); the lookbehinds keep the scan on "compte"
    r"compte(?:(?<=un compte)|(?<=le compte)|(?<=son compte)|(?<=leur compte)|(?<=ce compte)"
    r"|(?<=du compte)|(?<=des compte)|(?<=les compte)|(?<=mon compte)|(?<=via compte)"
    r"|(?<=nouveau compte)|(?<=sur compte)|(?<=par compte)|(?<=sur le compte))s?"
    r"(?! (?:bancaire|en banque|courant|epargne|joint))",
    r"comptes? (?:snap|insta|tiktok|telegram|facebook|fb)\w*",
)
# Consumption: smoke, smell, joints. A nuisance when there is no sign of selling.
CONSUMPTION: Final = words(
    r"fum(?:e|ent|er|ait|aient|eurs?)",
    r"joints?",
    r"petards? (?:de|d) (?:shit|beuh|weed|herbe)",
    r"odeurs? (?:de|d) (?:cannabis|shit|beuh|weed|herbe|joint)",
    r"ca (?:pue|sent) (?:la|le) (?:beuh|weed|shit|herbe|cannabis)",
    r"consomm\w*",
    r"protoxyde",
    r"proto",
    r"ballons",
    r"seringues?",
    r"se (?:piqu\w*|drogu\w*|shoot\w*)",
    r"(?:papier )?alu brule",
)
# Public-order nuisances.
NUISANCE: Final = words(
    r"bruit\w*",
    # Antilles Creole: "fè bri" (make noise), "mizik" (music)
    r"fe bri",
    r"mizik",
    r"tapage\w*",
    r"musique",
    r"son (?:a fond|fort)",
    r"a fond",
    r"trop fort",
    r"(?:des |les )?cris",
    r"cri(?:ent|aient)",
    r"gueul\w*",
    r"alcoolis\w*",
    r"ivres?",
    r"bourres",
    r"laissent (?:des|leurs|les) (?:bouteilles|dechets|canettes|ordures)",
    r"peur de sortir",
    r"(?:s'installent|occupent|squattent) (?:sur )?les bancs",
    r"hurl(?:ent|ements?)",
    r"petards?",
    r"feux? d'artifice",
    r"rodeos?",
    r"motos? cross",
    r"quads?",
    r"roue arriere",
    r"sur une roue",
    r"crissements?",
    r"pots? d'echappement",
    r"sans pot",
    r"rassemblements?",
    r"squatt?\w*",
    r"incivilites?",
    r"degradations?",
    r"tags?",
    r"dechets",
    r"canettes",
    r"megots",
    r"bouteilles cassees",
    r"insupportable",
    r"infernal\w*",
    r"on (?:n'en |en )?peut plus",
    r"nuisances?",
    r"font peur",
    r"jouent au (?:foot|ballon)",
    r"soirees? bruyantes?",
    r"insult\w*",
    r"crach\w*",
    r"vomi\w*",
    r"urin\w*",
    r"pisse\w*",
    r"enceintes?",
    r"bouteilles? (?:partout|par terre)",
    r"verres? casses",
)
# Out of scope: what belongs to another service or is not an offence report at all.
OFF_TOPIC: Final = words(
    r"vol(?:e|es|ee|ees)? (?:mon|ma|mes|le|la|les|notre|nos)",
    r"on m'a vol\w*",
    r"(?:m'a|m'ont|a ete|ont ete) vol\w*",
    r"cambriol\w*",
    r"perdu",
    r"egare\w*",
    r"arnaqu\w*",
    r"escroqu\w*",
    r"phishing",
    r"hameconnage",
    r"(?:un |ce |le )?mail",
    r"sms frauduleux",
    r"virement",
    r"leboncoin",
    r"faux papiers",
    r"porter plainte",
    r"deposer (?:une )?plainte",
    r"main courante",
    r"horaires? d'ouverture",
    r"commissariat le plus proche",
    r"permis(?: de conduire)?",
    r"amende",
    r"pv",
    r"harcel\w*",
    r"pension alimentaire",
    r"mon ex",
    r"mon (?:mari|conjoint|copain)",
    r"ma (?:femme|conjointe|copine)",
    r"disput\w*",
    r"divorce",
    r"garde (?:de|des) (?:mon|ma|mes) enfants?",
    r"chiens? (?:qui aboi\w*|errants?|dangereux|m'a mordu)",
    r"aboi\w*",
    r"animal (?:blesse|perdu|errant)",
    r"chats? (?:blesse|perdu|errant)",
    r"(?:ma|sa|la) place de parking",
    r"se gare sur ma",
    r"m'insulte\w*",
    r"insultes?",
    r"injures?",
    r"dettes?",
    r"rembourse\w*",
    r"impots?",
    r"carte (?:bancaire|vitale|grise|d'identite)",
    r"passeport",
    r"objet trouve",
    r"tondeuse",
    r"perceuse",
    r"travaux",
    r"bricol\w*",
    r"(?:c'est|est-ce) (?:autorise|legal|permis|normal qu'il|interdit)",
    r"(?:a-t-il|ai-je|a t il|ai je) le droit",
    r"est-ce a vous",
    r"fraude",
    r"allocations",
    r"fourriere",
    r"fugu\w*",
    r"disparu\w*",
    r"accident",
    r"convoqu\w*",
    r"rackett?\w*",
    r"chauffard",
    r"vandalis\w*",
    r"raye",
    r"faux conseiller",
    r"procuration",
    r"employeur",
    r"caution",
    r"cbd",
    r"mitoyen\w*",
)
# Gatherings and loitering: a nuisance, unless the citizen suspects dealing ("louches").
LOITERING: Final = words(
    r"(?:se )?regroup\w*",
    r"train(?:e|ent|ant)",
    r"attroupements?",
    # "ils zonent", "qui zone": not "la zone industrielle"
    r"zon(?:ent|er|aient)",
    r"(?:qui|ils?|ca|on) zone",
    r"tiennent les murs",
    r"groupes? de (?:jeunes|personnes|gens|ados)",
    r"bandes? de (?:jeunes|ados)",
    r"(?:se )?reuni(?:ssent|ssant|s)",
    r"(?:se )?rassembl(?:ent|aient)",
)
