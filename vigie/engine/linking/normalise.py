"""Normalisation of what a citizen typed, whatever way they typed it.

Plates (SIV ``AB-123-CD``, FNI ``1234 AB 25``, partial ``AB-12?-C?``), phones (E.164), handles
(network, value), vehicles (kind, make, model, colour), places (kind, address), hours and days
(from "tous les soirs entre 18h et 20h", "vers 22h", "le week-end") and descriptions of people
as tokens (sex, age band, height, build, clothing and its colours, hair, distinctive marks).

Descriptions of people never yield a token for skin colour, origin or ethnicity: colours are only
read right after a garment or after "cheveux", and a list of words (``NEVER``) is skipped.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final


def wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``."""
    return frozenset(text.split())


_APOSTROPHES: Final = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "\u00a0": " "})


def fold(text: str) -> str:
    """Lower-case, without accents, apostrophes unified, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", plain.lower()).strip()


# --- plates ---------------------------------------------------------------------------------

_SIV_LETTERS: Final = frozenset("ABCDEFGHJKLMNPQRSTVWXYZ")  # I, O, U are never issued
# A character typed in the wrong class of an SIV slot, read back in its own class.
_AS_LETTER: Final = {"8": "B", "5": "S", "2": "Z", "6": "G", "0": "D"}
_AS_DIGIT: Final = {"B": "8", "S": "5", "Z": "2", "G": "6", "D": "0", "O": "0", "I": "1", "L": "1"}
_UNKNOWN: Final = frozenset("?*_X")
_SIV_SHAPE: Final = re.compile(r"^([A-Z0-9?*_]{2})[ .-]?([A-Z0-9?*_]{3})[ .-]?([A-Z0-9?*_]{2})$")
_FNI_SHAPE: Final = re.compile(r"^(\d{1,4})[ .-]?([A-Z]{1,3})[ .-]?(2A|2B|97[1-6]|\d{2})$")
# Positions of the 7 characters of an SIV plate inside its canonical "AB-123-CD" form.
SIV_POSITIONS: Final = (0, 1, 3, 4, 5, 7, 8)
DIGIT_SLOTS: Final = frozenset({3, 4, 5})


def _slot(char: str, digit: bool) -> str | None:
    if char in _UNKNOWN and not (char == "X" and not digit):
        return "?"
    if digit:
        if char.isdigit():
            return char
        return _AS_DIGIT.get(char)
    if char.isalpha():
        return char
    return _AS_LETTER.get(char)


def canonical_plate(value: str) -> tuple[str | None, str | None]:
    """A typed plate → ``(full, None)``, ``(None, partial)`` or ``(None, None)``.

    Lenient on separators and case, and on a look-alike typed in the wrong kind of slot
    ("A8-123-CD" → "AB-123-CD", "AB-12O-CD" → "AB-120-CD"): the slot says which was meant.
    """
    raw = re.sub(r"[\s.]+", " ", value.strip().upper()).strip()
    fni = _FNI_SHAPE.match(raw)
    if fni:
        return f"{fni[1]} {fni[2]} {fni[3]}", None
    siv = _SIV_SHAPE.match(raw)
    if not siv:
        return None, None
    chars = siv[1] + siv[2] + siv[3]
    out: list[str] = []
    for i, char in enumerate(chars):
        fixed = _slot(char, 2 <= i <= 4)
        if fixed is None:
            return None, None
        out.append(fixed)
    text = "".join(out)
    plate = f"{text[:2]}-{text[2:5]}-{text[5:]}"
    known = sum(c != "?" for c in text)
    if known == 7:
        return (plate, None) if text[2:5] != "000" else (None, None)
    return (None, plate) if known >= 2 else (None, None)


def plate_chars(plate: str) -> str:
    """The 7 characters of an SIV plate (full or partial), ``?`` for unknown ones."""
    return "".join(plate[i] for i in SIV_POSITIONS) if is_siv(plate) else ""


def is_siv(plate: str) -> bool:
    return len(plate) == 9 and plate[2] == "-" and plate[6] == "-"


_PLATE_CUE: Final = re.compile(
    r"plaques?|immat\w*|voiture|vehicule|scooter|moto|utilitaire|camion\w*|fourgon\w*"
)
_TEXT_PLATE: Final = re.compile(
    r"(?<![\w?*-])([a-z0-9?*_]{2})[ .-]?([0-9a-z?*_]{3})[ .-]?([a-z0-9?*_]{2})(?![\w?*])"
)


def plates_in_text(folded: str) -> tuple[set[str], set[str]]:
    """Plates the strict text analysis leaves out: a look-alike typed in the wrong slot after
    "plaque"/"immat" ("plaque A8-123-CD"). Only near a plate cue, never anywhere in prose."""
    full: set[str] = set()
    partial: set[str] = set()
    for cue in _PLATE_CUE.finditer(folded):
        window = folded[cue.end() : cue.end() + 40]
        for m in _TEXT_PLATE.finditer(window):
            candidate = "".join(m.groups())
            if sum(c.isdigit() for c in candidate) < 2:
                continue
            plate, part = canonical_plate(candidate)
            if plate:
                full.add(plate)
            elif part and sum(c != "?" for c in plate_chars(part)) >= 4:
                partial.add(part)
    return full, partial


# A plate read in part, in the citizen's words: "commence par FG4", "fini par 2TR", "fin de
# plaque CM", "482 au milieu", "GB-7.." or "GH-519 quelque chose".
_PLATE_WORD: Final = re.compile(
    r"plaques?|immat\w*|voiture|vehicule|scooter|moto|utilitaire|camion\w*|fourgon\w*"
)
_PART: Final = r"([a-z0-9]{1,3}(?:[ .-][a-z0-9]{1,3}){0,2})"
_STARTS: Final = re.compile(
    r"(?:commencen?t? par|commencant par|debut(?:e|ant)? par|debut (?:de (?:la )?plaque|d'immat\w*)"
    rf"|premieres? (?:lettres?|caracteres?))\s*:?\s*(?:en |par )?{_PART}(?![a-z0-9])"
)
_ENDS: Final = re.compile(
    r"(?:finit par|fini par|finie par|finissant par|finissent par|termine par|terminant par"
    r"|fin de (?:la )?plaque|derni(?:ere|er)s? (?:lettres?|caracteres?|chiffres?))"
    rf"\s*:?\s*(?:en |par )?{_PART}(?![a-z0-9])"
)
_MIDDLE: Final = re.compile(r"(?<![\w-])(\d{3}) (?:au milieu|en plein milieu|au centre)")
_TRUNCATED: Final = re.compile(
    r"(?<![\w-])([a-z]{2}[ -]?\d{1,3}(?:[ -]?[a-z])?)"
    r"(?:[ -]?\.{2,}|[ -]?…| quelque chose| et (?:le reste|la suite)| ?\?+)"
)


_SHORT_WORDS: Final = wordset("le la de du un en au et ou il on ma sa ta se ce ne ni vu va as es")


def _aligned(chars: str, at_end: bool) -> str | None:
    """A partial SIV plate of the characters read at its start or its end; the longest reading
    that fits the slots ("CM je" → "CM")."""
    groups = re.split(r"[ .-]", chars.upper())
    for k in range(len(groups), 0, -1):
        text = "".join(groups[:k])
        if not 2 <= len(text) <= 6:
            continue
        start = 7 - len(text) if at_end else 0
        out = ["?"] * 7
        for i, c in enumerate(text):
            fixed = _slot(c, 2 <= start + i <= 4)
            if fixed is None or fixed == "?":
                break
            out[start + i] = fixed
        else:
            plate = "".join(out)
            return f"{plate[:2]}-{plate[2:5]}-{plate[5:]}"
    return None


def partial_plates_in_text(folded: str) -> set[str]:
    """Partial plates the citizen describes in words, near a plate or vehicle word only."""
    found: set[str] = set()
    cues = [m.start() for m in _PLATE_WORD.finditer(folded)]
    cues += [m.start() for m in _WORD.finditer(folded) if m[0] in MAKES or m[0] in MODELS]
    if not cues:
        return found

    def near(pos: int) -> bool:
        return any(abs(pos - c) <= 60 for c in cues)

    for pattern, at_end in ((_STARTS, False), (_ENDS, True), (_TRUNCATED, False)):
        for m in pattern.finditer(folded):
            if pattern is _TRUNCATED and m[1][:2] in _SHORT_WORDS:
                continue  # "devant le 18...": a word and a number, no plate
            if near(m.start()):
                got = _aligned(m[1], at_end)
                if got:
                    found.add(got)
    for m in _MIDDLE.finditer(folded):
        if near(m.start()):
            found.add(f"??-{m[1]}-??")
    return found


# --- what the report is about ----------------------------------------------------------------

_TRADE: Final = r"(?:la |le |du |de la |une |un )?(?:drogue|trafic|deal|stup\w*)"
_DENIES: Final = re.compile(
    rf"\b(?:ce n'est|c'est|ca n'est|ce n'etait|c'etait|n'est) (?:pas|plus) {_TRADE}\b"
    rf"|\b(?:pas|aucun|sans) (?:de )?(?:rapport|lien) avec {_TRADE}\b"
    rf"|\brien a voir avec {_TRADE}\b"
)


def denies_trade(folded: str) -> bool:
    """The citizen says the facts are no drug trade ("ce n'est pas de la drogue", "pas de
    rapport avec la drogue je pense", "rien à voir avec le trafic")."""
    return _DENIES.search(folded) is not None


# --- phones and handles ---------------------------------------------------------------------


def canonical_phone(value: str) -> str | None:
    """A typed phone → E.164 (French numbers without the prefix are read as French)."""
    digits = re.sub(r"[^\d+]", "", value)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if digits.startswith("+"):
        body = digits[1:]
        if body.startswith("330"):
            body = "33" + body[3:]
        return "+" + body if 8 <= len(body) <= 15 and body.isdigit() else None
    if len(digits) == 10 and digits.startswith("0") and digits[1] != "0":
        return "+33" + digits[1:]
    if len(digits) == 9 and digits[0] in "67":
        return "+33" + digits
    return None


NETWORK_ALIASES: Final = {
    "snapchat": "snapchat",
    "snap": "snapchat",
    "sc": "snapchat",
    "telegram": "telegram",
    "tg": "telegram",
    "tele": "telegram",
    "instagram": "instagram",
    "insta": "instagram",
    "ig": "instagram",
    "signal": "signal",
    "tiktok": "tiktok",
    "tik tok": "tiktok",
    "whatsapp": "whatsapp",
    "whats app": "whatsapp",
    "wa": "whatsapp",
    "other": "other",
    "autre": "other",
}


def canonical_handle(network: str, value: str) -> tuple[str, str] | None:
    """(network, value): network by alias, value lower-case without "@", spaces or URL."""
    net = NETWORK_ALIASES.get(fold(network), "other")
    text = fold(value)
    text = re.sub(r"^(?:https?://)?(?:www\.)?[a-z.]+\.(?:com|me|org)/(?:add/)?", "", text)
    text = text.strip().lstrip("@").strip().rstrip("/")
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"[^a-z0-9._-]", "", text)
    return (net, text) if len(text) >= 3 else None


_NETWORK_CUE: Final = re.compile(
    r"\b(snapchat|snap|insta|instagram|telegram|tiktok|whatsapp|signal)\b"
)
_HANDLE_TOKEN: Final = re.compile(r"@?([a-z0-9][a-z0-9._-]{2,29})")


def handle_squeezed(value: str) -> str:
    """A handle without its punctuation: "lafrappe.25" and "LaFrappe25" are one name."""
    return re.sub(r"[._-]", "", value)


def handle_stem(value: str) -> str | None:
    """The letters of a handle, when there are enough to name it ("lafrappe.25" →
    "lafrappe"): what a citizen keeps when they say « la frappe » aloud."""
    letters = re.sub(r"[^a-z]", "", value)
    return letters if len(letters) >= HANDLE_STEM_LETTERS else None


HANDLE_STEM_LETTERS: Final = 6
# « la frappe », un snap de livraison / le snap "la frappe": a quoted name next to a network.
_QUOTED: Final = re.compile(r"[«\"]\s*([a-z0-9][a-z0-9 ._-]{1,28}[a-z0-9])\s*[»\"]")


def _quoted_handles(folded: str) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for q in _QUOTED.finditer(folded):
        if len(q[1].split()) > 2:
            continue
        before = folded[max(0, q.start() - 25) : q.start()]
        after = folded[q.end() : q.end() + 15]
        cue = _NETWORK_CUE.search(after) or list(_NETWORK_CUE.finditer(before))[-1:]
        match = cue if not isinstance(cue, list) else (cue[0] if cue else None)
        if match:
            got = canonical_handle(match[1], q[1])
            if got:
                found.add(got)
    return found


def handles_in_text(folded: str) -> set[tuple[str, str]]:
    """Handles the strict text analysis leaves out ("un menu sur snap de 'le_jardin25'"): a
    token with a digit, "_" or "." within a few words after a network's name."""
    found: set[tuple[str, str]] = set()
    for cue in _NETWORK_CUE.finditer(folded):
        window = folded[cue.end() : cue.end() + 30]
        for m in _HANDLE_TOKEN.finditer(window):
            token = m[1].rstrip("._-")
            letters = sum(c.isalpha() for c in token)
            if any(c.isdigit() or c in "._" for c in token) and letters >= 3:
                got = canonical_handle(cue[1], token)
                if got:
                    found.add(got)
                break
    return found | _quoted_handles(folded)


# --- vehicles -------------------------------------------------------------------------------

COLOURS: Final = {
    "gris": "gris",
    "grise": "gris",
    "grises": "gris",
    "grey": "gris",
    "gray": "gris",
    "argent": "gris",
    "argente": "gris",
    "argentee": "gris",
    "silver": "gris",
    "anthracite": "gris",
    "noir": "noir",
    "noire": "noir",
    "noirs": "noir",
    "noires": "noir",
    "black": "noir",
    "blanc": "blanc",
    "blanche": "blanc",
    "blancs": "blanc",
    "blanches": "blanc",
    "white": "blanc",
    "rouge": "rouge",
    "rouges": "rouge",
    "red": "rouge",
    "bordeaux": "rouge",
    "bleu": "bleu",
    "bleue": "bleu",
    "bleus": "bleu",
    "blue": "bleu",
    "marine": "bleu",
    "vert": "vert",
    "verte": "vert",
    "verts": "vert",
    "green": "vert",
    "kaki": "vert",
    "jaune": "jaune",
    "jaunes": "jaune",
    "yellow": "jaune",
    "orange": "orange",
    "marron": "marron",
    "brun": "marron",
    "brune": "marron",
    "beige": "beige",
    "rose": "rose",
    "violet": "violet",
    "violette": "violet",
    "dore": "dore",
    "doree": "dore",
}

VEHICLE_KINDS: Final = {
    "voiture": "voiture",
    "vehicule": "voiture",
    "auto": "voiture",
    "berline": "voiture",
    "citadine": "voiture",
    "break": "voiture",
    "4x4": "voiture",
    "suv": "voiture",
    "car": "voiture",
    "caisse": "voiture",
    "scooter": "scooter",
    "scoot": "scooter",
    "moto": "moto",
    "motocross": "moto",
    "quad": "moto",
    "utilitaire": "utilitaire",
    "fourgon": "utilitaire",
    "fourgonnette": "utilitaire",
    "camionnette": "utilitaire",
    "van": "utilitaire",
    "camion": "camion",
    "velo": "velo",
    "trottinette": "trottinette",
    "trott": "trottinette",
}

MAKES: Final = {
    "renault": "renault",
    "peugeot": "peugeot",
    "citroen": "citroen",
    "volkswagen": "volkswagen",
    "vw": "volkswagen",
    "audi": "audi",
    "bmw": "bmw",
    "mercedes": "mercedes",
    "merco": "mercedes",
    "fiat": "fiat",
    "toyota": "toyota",
    "dacia": "dacia",
    "ford": "ford",
    "opel": "opel",
    "seat": "seat",
    "skoda": "skoda",
    "nissan": "nissan",
    "kia": "kia",
    "hyundai": "hyundai",
    "tesla": "tesla",
    "mini": "mini",
    "smart": "smart",
    "yamaha": "yamaha",
    "honda": "honda",
    "piaggio": "piaggio",
    "vespa": "piaggio",
    "mbk": "mbk",
    "range": "land rover",
    "porsche": "porsche",
    "volvo": "volvo",
    "jeep": "jeep",
    "suzuki": "suzuki",
    "kawasaki": "kawasaki",
}

# model → (make, kind)
MODELS: Final = {
    "clio": ("renault", "voiture"),
    "megane": ("renault", "voiture"),
    "twingo": ("renault", "voiture"),
    "kangoo": ("renault", "utilitaire"),
    "scenic": ("renault", "voiture"),
    "captur": ("renault", "voiture"),
    "master": ("renault", "utilitaire"),
    "trafic": ("renault", "utilitaire"),
    "laguna": ("renault", "voiture"),
    "espace": ("renault", "voiture"),
    "206": ("peugeot", "voiture"),
    "207": ("peugeot", "voiture"),
    "208": ("peugeot", "voiture"),
    "307": ("peugeot", "voiture"),
    "308": ("peugeot", "voiture"),
    "3008": ("peugeot", "voiture"),
    "5008": ("peugeot", "voiture"),
    "508": ("peugeot", "voiture"),
    "partner": ("peugeot", "utilitaire"),
    "expert": ("peugeot", "utilitaire"),
    "boxer": ("peugeot", "utilitaire"),
    "c3": ("citroen", "voiture"),
    "c4": ("citroen", "voiture"),
    "c5": ("citroen", "voiture"),
    "saxo": ("citroen", "voiture"),
    "xsara": ("citroen", "voiture"),
    "berlingo": ("citroen", "utilitaire"),
    "jumpy": ("citroen", "utilitaire"),
    "ds3": ("citroen", "voiture"),
    "golf": ("volkswagen", "voiture"),
    "polo": ("volkswagen", "voiture"),
    "passat": ("volkswagen", "voiture"),
    "tiguan": ("volkswagen", "voiture"),
    "touran": ("volkswagen", "voiture"),
    "transporter": ("volkswagen", "utilitaire"),
    "caddy": ("volkswagen", "utilitaire"),
    "a1": ("audi", "voiture"),
    "a3": ("audi", "voiture"),
    "a4": ("audi", "voiture"),
    "a6": ("audi", "voiture"),
    "q3": ("audi", "voiture"),
    "q5": ("audi", "voiture"),
    "rs3": ("audi", "voiture"),
    "x5": ("bmw", "voiture"),
    "x3": ("bmw", "voiture"),
    "m3": ("bmw", "voiture"),
    "sprinter": ("mercedes", "utilitaire"),
    "vito": ("mercedes", "utilitaire"),
    "cla": ("mercedes", "voiture"),
    "500": ("fiat", "voiture"),
    "panda": ("fiat", "voiture"),
    "punto": ("fiat", "voiture"),
    "doblo": ("fiat", "utilitaire"),
    "yaris": ("toyota", "voiture"),
    "corolla": ("toyota", "voiture"),
    "aygo": ("toyota", "voiture"),
    "sandero": ("dacia", "voiture"),
    "duster": ("dacia", "voiture"),
    "logan": ("dacia", "voiture"),
    "dokker": ("dacia", "utilitaire"),
    "fiesta": ("ford", "voiture"),
    "focus": ("ford", "voiture"),
    "transit": ("ford", "utilitaire"),
    "kuga": ("ford", "voiture"),
    "corsa": ("opel", "voiture"),
    "astra": ("opel", "voiture"),
    "ibiza": ("seat", "voiture"),
    "leon": ("seat", "voiture"),
    "octavia": ("skoda", "voiture"),
    "fabia": ("skoda", "voiture"),
    "qashqai": ("nissan", "voiture"),
    "micra": ("nissan", "voiture"),
    "juke": ("nissan", "voiture"),
    "tmax": ("yamaha", "scooter"),
    "t-max": ("yamaha", "scooter"),
    "booster": ("mbk", "scooter"),
    "nitro": ("mbk", "scooter"),
    "evoque": ("land rover", "voiture"),
}

_WORD: Final = re.compile(r"[a-z0-9][a-z0-9'-]*")


def words(folded: str) -> list[str]:
    return _WORD.findall(folded)


def vehicle_from(
    kind: str, make: str, colour: str
) -> tuple[str | None, str | None, str | None, str | None]:
    """(kind, make, model, colour) of a structured vehicle (its plate is read apart)."""
    k = m = model = c = None
    for w in words(fold(kind)):
        k = k or VEHICLE_KINDS.get(w)
    for w in words(fold(make)):
        if w in MAKES and m is None:
            m = MAKES[w]
        elif w in MODELS and model is None:
            model = w.replace("-", "")
            m = m or MODELS[w][0]
            k = k or MODELS[w][1]
        elif w in VEHICLE_KINDS:
            k = k or VEHICLE_KINDS[w]
    for w in words(fold(colour)):
        c = c or COLOURS.get(w)
    if m in ("yamaha", "piaggio", "mbk") and k is None:
        k = "scooter"
    return k, m, model, c


# Model names that are also common words or numbers: read only after a make or a kind of
# vehicle ("il y a du trafic", "un polo rouge", "le 208").
AMBIGUOUS_MODELS: Final = wordset(
    "trafic master expert partner espace focus transit leon polo boxer panda nitro booster "
    "caddy juke golf 206 207 208 307 308 3008 5008 508 500"
)
_FEMININE_COLOURS: Final = wordset("noire grise blanche verte bleue violette")
_STOP_COLOUR_SEARCH: Final = wordset(
    "et avec plaque immatriculee immat qui puis casque casques bonnet capuche sacoche"
)


def _model_at(toks: list[str], i: int) -> bool:
    """A model name at ``i``: unambiguous, or after a make or kind, or before a colour."""
    t = toks[i]
    if t not in MODELS:
        return False
    if t not in AMBIGUOUS_MODELS:
        return True
    before = toks[max(0, i - 2) : i]
    if any(w in MAKES or w in VEHICLE_KINDS for w in before):
        return True
    # "golf 7 noire": a generation number may come between the model and its colour.
    k = i + 2 if i + 2 < len(toks) and re.fullmatch(r"[1-9]", toks[i + 1]) else i + 1
    if k >= len(toks) or toks[k] not in COLOURS:
        return False
    # "un polo noir" is a shirt, "une Polo noire" a car: the colour's feminine form says so.
    return t != "polo" or toks[k] in _FEMININE_COLOURS or (i > 0 and toks[i - 1] in ("une", "sa"))


def vehicles_in_text(folded: str) -> list[tuple[str | None, str | None, str | None, str | None]]:
    """(kind, make, model, colour) of each vehicle named in free text: a make, a model or a
    kind of vehicle, with the colour found within three words of it."""
    toks = words(folded)
    found: list[tuple[str | None, str | None, str | None, str | None]] = []
    i = 0
    while i < len(toks):
        w = toks[i]
        if w in MAKES or _model_at(toks, i) or w in VEHICLE_KINDS:
            start = i
            k = m = model = c = None
            j = i
            while j < len(toks) and j < start + 4:
                t = toks[j]
                if t in MAKES and m is None:
                    m = MAKES[t]
                elif model is None and (_model_at(toks, j) or (t in MODELS and (m or k))):
                    model = t.replace("-", "")
                    m = m or MODELS[t][0]
                    k = k or MODELS[t][1]
                elif t in VEHICLE_KINDS and k is None:
                    k = VEHICLE_KINDS[t]
                elif t not in COLOURS and j > start + 1 and not (m or model):
                    break
                j += 1
            # French puts the colour after the noun ("Clio grise"), sometimes before.
            for t in toks[start : j + 3] + toks[max(0, start - 2) : start][::-1]:
                if t in COLOURS:
                    c = COLOURS[t]
                    break
                if t in _STOP_COLOUR_SEARCH or t in _GARMENTS:
                    break  # "TMax, casque blanc": the helmet's colour, not the scooter's
            if m in ("yamaha", "piaggio", "mbk") and k is None:
                k = "scooter"
            if m or model or (k and c):
                found.append((k, m, model, c))
            i = max(j, i + 1)
        else:
            i += 1
    return found


# --- places ---------------------------------------------------------------------------------

# Canonical kinds: the form's (PlaceKind) plus "quartier" for a seller covering a neighbourhood.
PLACE_KINDS: Final = {
    "hall": "hall",
    "entree": "hall",
    "porte": "hall",
    "immeuble": "hall",
    "batiment": "hall",
    "bat": "hall",
    "tour": "hall",
    "parking": "parking",
    "rue": "rue",
    "trottoir": "rue",
    "avenue": "rue",
    "boulevard": "rue",
    "place": "place",
    "square": "place",
    "parc": "place",
    "jardin": "place",
    "city": "place",
    "stade": "place",
    "commerce": "commerce",
    "bar": "commerce",
    "tabac": "commerce",
    "kebab": "commerce",
    "snack": "commerce",
    "epicerie": "commerce",
    "laverie": "commerce",
    "chicha": "commerce",
    "restaurant": "commerce",
    "logement": "logement",
    "appartement": "logement",
    "appart": "logement",
    "maison": "logement",
    "pavillon": "logement",
    "studio": "logement",
    "cage_escalier": "cage_escalier",
    "cage": "cage_escalier",
    "cave": "cage_escalier",
    "caves": "cage_escalier",
    "local": "cage_escalier",
    "box": "cage_escalier",
    "garage": "cage_escalier",
    "etablissement_scolaire": "etablissement_scolaire",
    "lycee": "etablissement_scolaire",
    "college": "etablissement_scolaire",
    "ecole": "etablissement_scolaire",
    "transport": "transport",
    "gare": "transport",
    "arret": "transport",
    "station": "transport",
    "tram": "transport",
    "quartier": "quartier",
    "cite": "quartier",
    "residence": "quartier",
    "secteur": "quartier",
    "en_ligne": "en_ligne",
    "autre": "autre",
}

# How far one place of that kind spreads, in metres: a hall is a point, a street seller or a
# neighbourhood covers more. Used for "same place" and for the size of the H3 query ring.
RADIUS_M: Final = {
    "hall": 45.0,
    "cage_escalier": 45.0,
    "logement": 35.0,
    "commerce": 60.0,
    "parking": 90.0,
    "transport": 110.0,
    "etablissement_scolaire": 130.0,
    "place": 120.0,
    "rue": 150.0,
    "quartier": 350.0,
    "autre": 120.0,
}
DEFAULT_RADIUS_M: Final = 120.0


def canonical_place_kind(value: str) -> str | None:
    text = fold(value).replace(" ", "_")
    if text in PLACE_KINDS:
        return PLACE_KINDS[text]
    for w in words(fold(value)):
        if w in PLACE_KINDS:
            return PLACE_KINDS[w]
    return None


def place_kind_in_text(folded: str) -> str | None:
    """The kind of place a free text talks about, by its first place word."""
    for w in words(folded):
        kind = PLACE_KINDS.get(w)
        if kind and kind not in ("autre", "en_ligne"):
            return kind
    return None


_ABBREV: Final = {
    "av": "avenue",
    "ave": "avenue",
    "bd": "boulevard",
    "bld": "boulevard",
    "boul": "boulevard",
    "r": "rue",
    "pl": "place",
    "st": "saint",
    "ste": "sainte",
    "ch": "chemin",
    "chem": "chemin",
    "imp": "impasse",
    "all": "allee",
    "rte": "route",
    "fg": "faubourg",
    "bat": "batiment",
}
_ADDRESS_STOP: Final = wordset("de du des la le les l d")


def canonical_address(value: str) -> str | None:
    """ "12, Av. de la République, 25000 Besançon" → "12 avenue republique"."""
    text = re.sub(r"^(\d+\s?(?:bis|ter)?)\s*,", r"\1", fold(value))
    head = text.split(",")[0]
    head = re.sub(r"\b\d{5}\b.*$", "", head)
    toks = [_ABBREV.get(w, w) for w in re.findall(r"[a-z0-9]+", head)]
    toks = [w for w in toks if w not in _ADDRESS_STOP]
    if toks and re.fullmatch(r"\d+", toks[0]) and len(toks) > 1 and toks[1] in ("bis", "ter"):
        del toks[1]
    text = " ".join(toks)
    return text or None


VOIE_TYPES: Final = wordset(
    """rue avenue boulevard place chemin allee impasse route quai cours square faubourg passage
    sentier promenade esplanade voie mail parvis rond-point"""
)
# Words citizens put around a street's name that are not part of it ("hall 7 rue de Cologne",
# "parking derrière la rue X", "garages rue Y").
_AROUND_STREET: Final = wordset(
    """hall halls tour tours pied entree entrees parking parkings garage garages devant derriere
    pres pas loin face cote coin angle arcades arcade bas haut sous sur numero n no niveau
    batiment immeuble residence au aux en a vers dans"""
)


def street_key(address: str | None) -> tuple[str | None, tuple[str, ...]]:
    """(kind of way, words of its name) of a canonical address, the number and the words around
    it left out: "hall 7 rue cologne" → ("rue", ("cologne",)); "petit chenois petite hollande"
    → (None, ("petit", "chenois", "petite", "hollande"))."""
    if not address:
        return None, ()
    toks = [t for t in address.split() if not t.isdigit() and t not in ("bis", "ter")]
    for i, t in enumerate(toks):
        if t in VOIE_TYPES:
            name = tuple(w for w in toks[i + 1 :] if w not in _AROUND_STREET)
            return t, name
    return None, tuple(w for w in toks if w not in _AROUND_STREET and w not in VOIE_TYPES)


def same_street(a: str | None, b: str | None) -> bool | None:
    """``True`` when two canonical addresses name the same way (one name the start of the
    other: "rue cologne" and "rue cologne planoise"), ``False`` when both name a way (a "rue",
    an "avenue"…) and the ways differ, ``None`` when it cannot be told."""
    kind_a, name_a = street_key(a)
    kind_b, name_b = street_key(b)
    if not name_a or not name_b:
        return None
    if not (kind_a or kind_b):
        return None  # two bare names ("Besançon", "Les Buis"): a commune or a neighbourhood
    short, long = sorted((name_a, name_b), key=len)
    if long[: len(short)] == short and len("".join(short)) >= 4:
        return not (kind_a and kind_b and kind_a != kind_b)
    return False if kind_a and kind_b else None


def street_number(address: str | None) -> str | None:
    """The number in a canonical address ("hall 7 rue cologne" → "7")."""
    for t in (address or "").split():
        if t.isdigit():
            return t
    return None


_FLOOR: Final = re.compile(
    r"\b(\d{1,2})\s?(?:e|eme|ieme|er|ere)\s+etage\b"
    r"|\b(?:au|du)\s+(\d{1,2})\s?(?:e|eme|ieme|er|ere)\b"
    r"(?!\s+(?:fois|jour|semaine|mois|arrondissement|classe|rang|annee|tour))"
    r"|\b(rez)[ -]de[ -]chaussee\b"
)


def floors_in(folded: str) -> set[int]:
    """Floors a text names ("2e étage", "ça vient du 2ème", "rez-de-chaussée" → 0)."""
    return {0 if m[3] else int(m[1] or m[2]) for m in _FLOOR.finditer(folded)}


_NUMBER_SAID: Final = re.compile(
    r"\b(?:hall|tour|immeuble|batiment|bat|cage d'escalier|entree|porte|numero|n°|no)"
    r"\s+(?:du |au |de |d'|n° ?|no )?(\d{1,3})\b(?![.,]\d|\s?(?:h\b|heures?|ans?\b|min|e\b|eme"
    r"|er\b|ere|ieme|%|euros?|m\b|km))"
    r"|\b(\d{1,3})(?: bis| ter)?,? (?:rue|avenue|av|bd|boulevard|place|chemin|allee|impasse)\b"
)


def number_in_text(folded: str, address: str | None = None) -> str | None:
    """The building number a text names ("le hall du 11", "la cage d'escalier du 18"), or
    written before the name of the way typed in ``address`` without its kind ("au 12 laroque"
    with "avenue de Laroque" typed)."""
    m = _NUMBER_SAID.search(folded)
    if m:
        return m[1] or m[2]
    name = street_key(address)[1]
    if not name or len(name[0]) < 4:
        return None
    before = re.search(
        rf"\b(\d{{1,3}})(?: bis| ter)?,? (?:de la |de l'|du |des |de |d')?{re.escape(name[0])}\b",
        folded,
    )
    return before[1] if before else None


# "bâtiment Ravel", "bat ravel", "résidence Les Pins", "tour Europe", "le hall du Ravel".
_BUILDING_SAID: Final = re.compile(
    r"\b(batiment|bat|immeuble|tour|residence|barre|hall (?:du|de la|de l'|des))\.?\s+"
    r"(?:le |la |les |l')?([a-z][a-z-]{2,})\b"
)
# "bâtiment B", "bât. A des Pins", "bloc 4": one building of a residence.
_BLOC_SAID: Final = re.compile(
    r"(?<!se )(?<!me )(?<!te )\b(?:batiment|bat|bloc|escalier)\.?\s+([a-h]|\d{1,2})\b"
    r"(?!\s?(?:h\b|heures?|ans?\b|e\b|eme))"
    r"(?:\s*,?\s*(?:des|du|de la|de l')\s+([a-z][a-z-]{2,}))?"
)
_NOT_BUILDING_NAMES: Final = wordset(
    """de du des en au aux et ou qui que est sont etait a d'en face voisin voisine voisins d'a
    cote suivant principal principale secondaire etudiante universitaire fermee sociale hlm
    batiment immeuble residence fond haut bas rez numero entree porte gauche droite quartier
    cite ville centre meme autre ancien ancienne nouveau nouvelle grand grande petit petite
    pendant apres avant depuis pour par sur sous dans avec chez tous tout toute toutes"""
)


def buildings_in(folded: str) -> set[str]:
    """Buildings a text or an address names: a building by its name ("bâtiment Ravel" →
    "ravel"), a residence of several buildings ("résidence Les Pins", "bâtiment B des Pins" →
    "residence:pins") and one of its buildings by letter or number ("bât. B" → "bloc:b")."""
    found = set()
    for m in _BUILDING_SAID.finditer(folded):
        if m[2] not in _NOT_BUILDING_NAMES:
            found.add(f"residence:{m[2]}" if m[1] == "residence" else m[2])
    for m in _BLOC_SAID.finditer(folded):
        found.add(f"bloc:{m[1]}")
        if m[2] and m[2] not in _NOT_BUILDING_NAMES:
            found.add(f"residence:{m[2]}")
    return found


_STREET_SAID: Final = re.compile(
    r"\b(rue|avenue|av|bd|boulevard|place|chemin|allee|impasse|route|quai|cours|faubourg)"
    r"\s+((?:(?:de la|de l'|du|des|de|d')\s*)?[a-z][a-z'-]+(?:\s+[a-z][a-z'-]+){0,2})"
)


def streets_in_text(folded: str) -> list[str]:
    """Canonical streets a text names ("sous les arcades de la rue de Provence fait fuir" →
    "rue provence fait fuir"; same_street compares names by their first words)."""
    found = []
    for m in _STREET_SAID.finditer(folded):
        got = canonical_address(f"{m[1]} {m[2]}")
        if got and street_key(got)[1]:
            found.append(got)
    return found


# --- hours and days -------------------------------------------------------------------------

_H: Final = r"(\d{1,2})\s?(?:h|heures?|:)\s?(\d{2})?"
_RANGE: Final = re.compile(
    rf"(?:entre|de|des|from)?\s*{_H}\s*(?:et|a|-|–|/|jusqu'?a|au)\s*(\d{{1,2}})\s?(?:h|heures?|:)?\s?(\d{{2}})?"
)
# "de 14 à 22h", "entre 10 et 14h": the first hour without its "h".
_BARE_RANGE: Final = re.compile(r"\b(?:de|entre) (\d{1,2}) ?(?:a|et|-) ?(\d{1,2}) ?h")
_FROM: Final = re.compile(rf"(?:a partir de|des|depuis|apres)\s*{_H}")
_UNTIL: Final = re.compile(rf"jusqu'?(?:a|au)\s*{_H}")
_SINGLE: Final = re.compile(rf"(?<![\d:])\b{_H}(?![\d])")
_PARTS: Final = (
    (re.compile(r"\bfin (?:d'|de )?(?:apres[- ]?midi|aprem)"), range(16, 20)),
    (re.compile(r"\b(?:soir|soirs|soiree|soirees|au crepuscule)\b"), range(18, 23)),
    (re.compile(r"\b(?:nuit|nuits|nocturne)\b"), (22, 23, 0, 1, 2, 3)),
    (re.compile(r"\b(?:apres[- ]?midis?|aprem|aprems)\b"), range(13, 18)),
    (re.compile(r"\b(?:matin|matins|matinee|matinees)\b"), range(7, 12)),
    (re.compile(r"\b(?:midi|midis|pause dejeuner|heure du dejeuner)\b"), (12, 13)),
    (re.compile(r"\bminuit\b"), (23, 0, 1)),
    (re.compile(r"\b(?:en journee|la journee|toute la journee)\b"), range(9, 18)),
    (re.compile(r"\b(?:en )?plein jour\b"), range(9, 18)),
    # A school's way out: "à la sortie des cours", "après les cours", "sortie du collège".
    (
        re.compile(
            r"\b(?:sortie|fin|apres|a la fin) (?:des|les|de l'|du|de la) ?"
            r"(?:cours|classes?|ecole|college|lycee)\b"
        ),
        range(15, 18),
    ),
)
_NOT_HOURS_AFTER: Final = re.compile(r"^\s?(?:ans|an|m\b|min|km|kg|euros?|e\b|%)")


def _span(start: int, end: int, end_minutes: bool) -> set[int]:
    start, end = start % 24, end % 24
    last = end if end_minutes else (end - 1) % 24
    hours = {start}
    h = start
    for _ in range(13):
        if h == last:
            break
        h = (h + 1) % 24
        hours.add(h)
    return hours


# "jusqu'à minuit", "de midi à 19h": noon and midnight as clock times (not "après-midi").
_CLOCK_WORDS: Final = (
    (re.compile(r"\b(a|au|et|vers|de|des|jusqu'a|jusqu'au) minuit\b"), r"\1 0h"),
    (re.compile(r"\b(a|et|vers|de|des|jusqu'a) midi\b"), r"\1 12h"),
    # "de 11 heures jusqu'à la tombée de la nuit", "de midi jusqu'au soir": an evening end.
    (
        re.compile(r"\bjusqu'(?:au soir|a la tombee de la nuit|a la nuit tombee|a la nuit)\b"),
        "jusqu'a 21h",
    ),
)


def hours_in(folded: str) -> set[int]:
    """Hours of the day (0–23) a text states: ranges, "vers 22h", "à partir de 15h", parts of
    the day when no clock time is given ("le soir" → 18–22h)."""
    for pattern, clock in _CLOCK_WORDS:
        folded = pattern.sub(clock, folded)
    hours: set[int] = set()
    taken: list[tuple[int, int]] = []
    for m in _BARE_RANGE.finditer(folded):
        a, b = int(m[1]), int(m[2])
        if a <= 24 and b <= 24 and a != b:
            hours |= _span(a, b, False)
            taken.append(m.span())
    for m in _RANGE.finditer(folded):
        if any(s <= m.start() < e for s, e in taken):
            continue
        a, b = int(m[1]), int(m[3])
        if a > 24 or b > 24 or (m[2] is None and "h" not in m.group(0) and ":" not in m.group(0)):
            continue
        if a == b:
            continue
        hours |= _span(a, b, bool(m[4] and m[4] != "00"))
        taken.append(m.span())
    for m in _FROM.finditer(folded):
        if any(s <= m.start() < e for s, e in taken):
            continue
        a = int(m[1])
        if a <= 24:
            hours |= _span(a, a + 4, False)
            taken.append(m.span())
    for m in _UNTIL.finditer(folded):
        if any(s <= m.start() < e for s, e in taken):
            continue
        b = int(m[1])
        if b <= 24:
            hours |= _span(b - 3, b, False)
            taken.append(m.span())
    for m in _SINGLE.finditer(folded):
        if any(s <= m.start() < e for s, e in taken) or int(m[1]) > 24:
            continue
        if _NOT_HOURS_AFTER.match(folded[m.end() :]):
            continue
        h = int(m[1]) % 24
        if "du soir" in folded[m.end() : m.end() + 8] and h < 12:
            h += 12
        hours.add(h)
    if not hours:
        for pattern, part in _PARTS:
            # A part read once ("fin d'après-midi" is not also "après-midi" and "midi").
            folded, found = pattern.subn(" ", folded)
            if found:
                hours |= set(part)
    return hours


_DAYS: Final = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_DAY_RANGE: Final = re.compile(
    r"\bdu (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) au "
    r"(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b"
)
_EVERY_DAY: Final = re.compile(
    r"\b(?:tous les jours|tlj|7 ?j ?(?:/|sur) ?7|chaque jour|quotidien\w*|h24|24 ?h ?(?:/|sur) ?24)"
)


def days_in(folded: str) -> set[int]:
    """Weekdays (0 = Monday) a text states; empty when unknown or every day."""
    if _EVERY_DAY.search(folded):
        return set()
    days: set[int] = set()
    for m in _DAY_RANGE.finditer(folded):
        a, b = _DAYS.index(m[1]), _DAYS.index(m[2])
        d = a
        for _ in range(7):
            days.add(d)
            if d == b:
                break
            d = (d + 1) % 7
    for i, name in enumerate(_DAYS):
        if re.search(rf"\b{name}s?\b", folded):
            days.add(i)
    if re.search(r"\bweek[- ]?ends?\b|\bwe\b", folded):
        days |= {5, 6}
    if re.search(r"\ben semaine\b", folded):
        days |= {0, 1, 2, 3, 4}
    return days


# --- people ---------------------------------------------------------------------------------

# Never read as a descriptor: skin colour, origin, ethnicity (guidance against stereotypes).
NEVER: Final = wordset(
    """arabe arabes maghrebin maghrebins maghrebine africain africains africaine black blacks
    beur beurs rebeu rebeus renoi renois noiche asiatique asiatiques chinois europeen europeens
    europeenne typee typees metisse metis basane basanee origine origines ethnie couleur peau
    gitan gitans rom roms turc turcs"""
)

_MALE: Final = wordset(
    "homme hommes mec mecs gars type garcon garcons monsieur individu individus jeune_homme"
)
_FEMALE: Final = wordset("femme femmes fille filles dame dames meuf meufs nana")
_MINOR: Final = wordset(
    "ado ados adolescent adolescents adolescente gamin gamins mineur mineurs "
    "enfant enfants minot minots petit_jeune"
)
_GARMENTS: Final = {
    "survetement": "survetement",
    "survet": "survetement",
    "survets": "survetement",
    "jogging": "survetement",
    "doudoune": "doudoune",
    "blouson": "veste",
    "veste": "veste",
    "manteau": "veste",
    "parka": "veste",
    "sweat": "sweat",
    "hoodie": "sweat",
    "capuche": "capuche",
    "casquette": "casquette",
    "bonnet": "bonnet",
    "casque": "casque",  # a rider's helmet describes him, not his scooter
    "casques": "casque",
    "t-shirt": "tshirt",
    "tshirt": "tshirt",
    "tee-shirt": "tshirt",
    "maillot": "maillot",
    "pantalon": "pantalon",
    "jean": "pantalon",
    "short": "short",
    "baskets": "chaussures",
    "basket": "chaussures",
    "sneakers": "chaussures",
    "chaussures": "chaussures",
    "sacoche": "sacoche",
    "banane": "sacoche",
    "sac": "sac",
    "cagoule": "cagoule",
    "cache-cou": "cagoule",
    "gants": "gants",
    "bob": "bob",
    "lunettes": "lunettes",
    "chemise": "chemise",
    "pull": "pull",
    "gilet": "gilet",
    "tenue": "tenue",
    "ensemble": "survetement",
}
_BRANDS: Final = wordset(
    "psg om ol nike adidas lacoste puma northface moncler gucci fila asics "
    "stoneisland stone canadagoose tn"
)
_HAIR_WORDS: Final = {
    "courts": "courts",
    "court": "courts",
    "longs": "longs",
    "long": "longs",
    "rases": "rases",
    "rase": "rases",
    "boucles": "boucles",
    "frises": "boucles",
    "crepus": "boucles",
    "tresses": "tresses",
    "blonds": "blond",
    "blond": "blond",
    "blonde": "blond",
    "bruns": "brun",
    "brun": "brun",
    "roux": "roux",
    "chatains": "chatain",
    "chatain": "chatain",
    "decolores": "decolore",
    "decolore": "decolore",
    "teints": "teint",
    "gris": "gris",
    "blancs": "blanc",
    "noirs": "noir",
    "degrade": "degrade",
}
_STANDALONE_HAIR: Final = {
    "dreadlocks": "tresses",
    "dreads": "tresses",
    "locks": "tresses",
    "tresses": "tresses",
    "chauve": "rases",
    "crane": "rases",
    "chignon": "attaches",
    "queue": "attaches",
    "blond": "blond",
    "blonde": "blond",
    "roux": "roux",
    "rousse": "roux",
    "degrade": "degrade",
}
_MARKS: Final = {
    "tatouage": "tatouage",
    "tatouages": "tatouage",
    "tatoue": "tatouage",
    "tatouee": "tatouage",
    "tattoo": "tatouage",
    "tatoo": "tatouage",
    "cicatrice": "cicatrice",
    "balafre": "cicatrice",
    "piercing": "piercing",
    "boucle": "piercing",
    "boite": "boite",
    "boiteux": "boite",
    "bequille": "boite",
    "dent": "dent",
    "dents": "dent",
    "appareil": "appareil_dentaire",
}
_BODY: Final = {
    "cou": "cou",
    "bras": "bras",
    "main": "main",
    "mains": "main",
    "visage": "visage",
    "joue": "visage",
    "front": "visage",
    "oeil": "visage",
    "sourcil": "visage",
    "arcade": "visage",
    "levre": "visage",
    "jambe": "jambe",
    "nuque": "cou",
    "doigts": "main",
}
PERSON_WORDS: Final = (
    _MALE
    | _FEMALE
    | _MINOR
    | wordset(
        "jeune jeunes guetteur guetteurs vendeur vendeurs dealer dealers livreur livreurs "
        "charbonneur charbonneurs chouf choufs gerant gerants il ils elle elles"
    )
)


def _age_band(years: int) -> str | None:
    if years < 10 or years > 90:
        return None
    if years < 18:
        return "age:mineur"
    if years <= 25:
        return "age:18-25"
    if years <= 35:
        return "age:26-35"
    if years <= 50:
        return "age:36-50"
    return "age:50+"


_ELIDED: Final = re.compile(r"^(?:l|d|qu|j|s|c)'")


def person_tokens(folded: str) -> frozenset[str]:
    """Descriptor tokens of one description: "homme, 1m85, survêtement gris, tatouage au cou" →
    {sexe:h, taille:grand, vet:survetement, vet:survetement:gris, marque:tatouage,
    marque:tatouage:cou}. Never skin colour, origin or ethnicity."""
    text = folded.replace("jeune homme", "jeune_homme").replace("petit jeune", "petit_jeune")
    text = text.replace("north face", "northface").replace("stone island", "stoneisland")
    text = text.replace("canada goose", "canadagoose").replace("tour de cou", "cache-cou")
    text = text.replace("queue de cheval", "queue").replace("sac a dos", "sac")
    # "survêtement de l'OM": the word without its elided article.
    toks = [_ELIDED.sub("", t) for t in words(text)]
    toks = [t for t in toks if t and t not in NEVER]
    out: set[str] = set()
    for m in re.finditer(r"\b1\s?m\s?(\d{2})\b|\b1[.,](\d{2})\s?m\b|\b(1\d{2})\s?cm\b", text):
        cm = 100 + int(m[1] or m[2]) if (m[1] or m[2]) else int(m[3])
        out.add("taille:petit" if cm < 170 else "taille:moyen" if cm < 180 else "taille:grand")
    for m in re.finditer(r"\b(\d{1,2})\s?(?:ans|an)\b", text):
        band = _age_band(int(m[1]))
        if band:
            out.add(band)
    for m in re.finditer(r"\b(\d{2})[- ]?(\d{2})\s?ans\b", text):
        band = _age_band((int(m[1]) + int(m[2])) // 2)
        if band:
            out.add(band)
    decades = {
        "vingtaine": "age:18-25",
        "trentaine": "age:26-35",
        "quarantaine": "age:36-50",
        "cinquantaine": "age:50+",
        "soixantaine": "age:50+",
    }
    for i, t in enumerate(toks):
        nxt = toks[i + 1 : i + 4]
        if t in _MALE:
            out.add("sexe:h")
        elif t in _FEMALE:
            out.add("sexe:f")
        if t in _MINOR:
            out.add("age:mineur")
        elif t in ("jeune", "jeunes") and not any(a.startswith("age:") for a in out):
            out.add("age:jeune")
        if t in decades:
            out.add(decades[t])
        if t in ("grand", "grande", "costaud") and "taille:" not in " ".join(out):
            out.add("taille:grand" if t != "costaud" else "corpulence:forte")
        if t in ("petit", "petite") and nxt[:1] != ["jeune"]:
            out.add("taille:petit")
        if t in ("mince", "maigre", "fin", "fine", "elance"):
            out.add("corpulence:mince")
        if t in ("costaud", "baraque", "muscle", "trapu", "gros", "corpulent", "enrobe", "fort"):
            out.add("corpulence:forte")
        garment = _GARMENTS.get(t)
        if garment:
            out.add(f"vet:{garment}")
            for k, w in enumerate(nxt):
                if w in COLOURS:
                    out.add(f"vet:{garment}:{COLOURS[w]}")
                    second = _second_colour(toks[i + k + 2 : i + k + 7])
                    if second and second != COLOURS[w]:
                        out.add(f"vet:{garment}:{COLOURS[w]}:{second}")
                    break
                if w in _GARMENTS:
                    break
        if t in _BRANDS:
            out.add(f"marque_vet:{t}")
        if t in ("cheveux", "coupe", "coiffure"):
            for w in nxt:
                if w in _HAIR_WORDS:
                    out.add(f"cheveux:{_HAIR_WORDS[w]}")
        elif t in _STANDALONE_HAIR and (t not in ("crane", "queue") or nxt[:1] in (["rase"], [])):
            out.add(f"cheveux:{_STANDALONE_HAIR[t]}")
        if t in ("barbe", "barbu"):
            out.add("pilosite:barbe")
        if t in ("moustache", "bouc"):
            out.add(f"pilosite:{t}")
        mark = _MARKS.get(t)
        if mark and not (mark == "piercing" and t == "boucle" and (nxt[:1] != ["oreille"])):
            if mark in ("dent",) and not any(w in ("or", "doree", "dore", "cassee") for w in nxt):
                continue
            out.add(f"marque:{mark}")
            for w in toks[i + 1 : i + 5]:
                if w in _BODY:
                    out.add(f"marque:{mark}:{_BODY[w]}")
                    break
        if t in ("lunettes",):
            out.add("accessoire:lunettes")
        if t in ("bebe", "poussette", "landau"):
            out.add("accessoire:bebe")  # "une jeune femme avec un bébé"
        if t in ("fauteuil", "bequilles"):
            out.add(f"mobilite:{t}")
        if t == "scooter" or t == "trottinette" or t == "velo":
            out.add(f"mobilite:{VEHICLE_KINDS[t]}")
        if t in _DOGS:
            out.add(f"chien:{_DOGS[t]}")
    for m in _NICKNAME.finditer(text):
        name = m[1] or m[2]
        if name not in _NOT_NICKNAMES:
            out.add(f"surnom:{name}")
    return frozenset(out)


# "casque blanc à bande rouge", "blanc et rouge", "blanche avec des rayures bleues".
_PATTERN_WORDS: Final = wordset(
    "et a avec une un des de la bande bandes rayure rayures liseret liserets motif motifs "
    "bordure logo ligne lignes"
)


def _second_colour(toks: list[str]) -> str | None:
    """The second colour of a two-coloured garment, right after the first one."""
    for w in toks:
        if w in COLOURS:
            return COLOURS[w]
        if w not in _PATTERN_WORDS:
            return None
    return None


# A seller's dog goes where he goes: "le type au chien (un pitbull)".
_DOGS: Final = {
    "pitbull": "pitbull",
    "pit": "pitbull",
    "pitt": "pitbull",
    "staff": "staff",
    "amstaff": "staff",
    "rottweiler": "rottweiler",
    "rott": "rottweiler",
    "malinois": "malinois",
    "chien": "chien",
    "chiens": "chien",
}
# "un dealer que tout le monde appelle Tito", "le vendeur « Tito »", "surnommé Bebo".
_NICKNAME: Final = re.compile(
    r"(?:appellent|appelle|surnomm\w*|surnom|se fait appeler)\s+(?:« ?|\")?([a-z]{3,12})\b"
    r"|(?:vendeur|dealer|gars|type|mec|chef|guetteur)\s+(?:« ?|\")([a-z]{3,12}) ?(?:»|\")"
)
_NOT_NICKNAMES: Final = wordset("les des une the police flics keufs moi nous vous ils elle lui")


_SENTENCE: Final = re.compile(r"[.!?;\n]+")
# A sentence that says any of these describes someone ("l'autre, petit, casquette rouge").
_DESCRIBING: Final = (
    PERSON_WORDS
    | frozenset(_GARMENTS)
    | frozenset(_MARKS)
    | wordset("l'autre autre personne personnes quelqu'un cheveux barbe barbu moustache tatoue")
    | frozenset(_DOGS)
    | wordset("appelle appellent surnomme surnom")
)


def people_in_text(folded: str) -> frozenset[str]:
    """Descriptor tokens of the sentences of a free text that speak of a person."""
    parts = [s for s in _SENTENCE.split(folded) if s.strip()]
    keep = [s for s in parts if _DESCRIBING.intersection(words(s))]
    tokens = person_tokens(" . ".join(keep)) if keep else frozenset()
    return frozenset(t for t in tokens if not t.startswith("mobilite:") or len(tokens) > 1)


# Characters commonly misread for one another on a plate (partition: one class per character).
# The six pairs the cells name (B/8, S/5, Z/2, G/6, D/0, O/0) plus same-slot look-alikes: a
# citizen who typed a valid plate cannot have typed a letter in a digit slot, so the pairs that
# matter between two valid plates are 3/8, 1/7, C/G, E/F, P/R, M/N, K/X, V/Y.
CONFUSION_CLASSES: Final = ("0ODQ", "8B3", "5S", "6GC", "2Z", "17I", "EF", "PR", "MN", "KX", "VYU")
_CLASS_OF: Final = {c: i for i, group in enumerate(CONFUSION_CLASSES) for c in group}


def confusion_class(char: str) -> int | None:
    return _CLASS_OF.get(char)


def one_misread(a: str, b: str) -> tuple[int, str, str] | None:
    """(position, char in a, char in b) when two plates differ by one look-alike character."""
    if len(a) != len(b) or a == b:
        return None
    diff = [(i, x, y) for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diff) != 1:
        return None
    i, x, y = diff[0]
    cx = confusion_class(x)
    return (i, x, y) if cx is not None and cx == confusion_class(y) else None
