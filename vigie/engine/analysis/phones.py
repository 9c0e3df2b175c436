"""Phone numbers, normalised to E.164 with ``phonenumbers``.

French numbers as typed: ``06 00 00 41 27``, ``06.00.00.41.27``, ``0600004127``,
``+33 6 00 00 41 27``, ``0033 (0)6…``; foreign numbers only with their ``+``/``00`` prefix and
when ``phonenumbers`` finds them valid. Look-alikes (SIRET, dates, door codes, postcodes, times)
do not have the shape of a number or do not parse.

Overseas départements share the French numbering plan but not its country code: a number typed
``0692…`` is Réunion's ``+262692…``. The prefixes below follow ``phonenumbers``' metadata
(RE/YT/GP/BL/MF/MQ/GF mobile and fixed-line ranges), at the 4-digit level, so that a number whose
last digits are not yet allocated still gets its territory's code.

The reporter's own number ("vous pouvez me joindre au …", "mon numéro : …") is not an
identifier of the traffickers: it is left out of the entities (so is their own handle, in
``handles.py``, with the same cue).
"""

from __future__ import annotations

import re
from typing import Final

import phonenumbers

_FRENCH: Final = re.compile(
    # "(0696) 45 12 78": the area part in brackets, as on a flyer
    r"(?<![\d+])(?:(?:\+|00)\s?33[\s.\-]?(?:\(\s?0\s?\)\s?)?|\(?0[ .\-]?)"
    r"[1-9](?:\)?[ .\-]?\d){8}(?![\d])"
)
_FOREIGN: Final = re.compile(r"(?<![\d+])(?:\+|00)\s?[1-9]\d{0,2}(?:[ .\-]?\d){6,12}(?![\d])")
_E164: Final = phonenumbers.PhoneNumberFormat.E164
# National prefix (after the 0) -> country code of the overseas territory.
_OVERSEAS: Final[dict[str, str]] = {
    "692": "262",  # Réunion mobiles
    "693": "262",
    "639": "262",  # Mayotte mobiles
    "262": "262",  # Réunion fixed lines
    "263": "262",
    "269": "262",  # Mayotte fixed lines
    "690": "590",  # Guadeloupe, Saint-Barthélemy, Saint-Martin mobiles
    "691": "590",
    "590": "590",
    "694": "594",  # Guyane
    "594": "594",
    "696": "596",  # Martinique
    "697": "596",
    "596": "596",
}
# The citizen giving their own number to be called back, shortly before it.
_OWN: Final = re.compile(
    r"(?:(?:me |nous |m')(?:joindre|contacter|rappeler|appeler|recontacter|ecrire)"
    # Antilles Creole: "rapew mwen", "rapel mwen" (call me back), "sonnen mwen"
    r"|(?:rap(?:e|el)\w*|kontakte|sonnen) mwen"
    r"|(?:joindre|contacter|rappeler|appeler)[- ]moi"
    r"|rappelez[- ]moi|contactez[- ]moi|appelez[- ]moi"
    r"|(?:mon|mes|notre) (?:propre |autre |nouveau |vrai )?(?:numero|num|tel|telephone"
    r"|portable|coordonnees|06|07|snap\w*|insta\w*|compte|pseudo|telegram|whatsapp|tiktok)"
    r"|ajoutez[- ]moi|ecrivez[- ]moi|(?:je suis|suis|je reste|sommes) joignable"
    r"|(?<![a-z] )(?<![a-z])joignable"
    r"|je vous (?:appelle|ecris|contacte) (?:depuis|du|avec)"
    r"|je (?:vous )?laisse (?:mon|le mien)|(?:voici|voila) le mien)"
    r"[^.!?,;\n]{0,40}$"
)


def _parse(candidate: str, strict: bool) -> str | None:
    try:
        number = phonenumbers.parse(candidate, "FR")
    except phonenumbers.NumberParseException:
        return None
    ok = phonenumbers.is_valid_number(number) if strict else phonenumbers.is_possible_number(number)
    return phonenumbers.format_number(number, _E164) if ok else None


def _overseas(candidate: str) -> str | None:
    digits = re.sub(r"\D", "", candidate)
    national = digits[-9:]
    code = _OVERSEAS.get(national[:3])
    return f"+{code}{national}" if code and len(national) == 9 else None


def own_contact(text: str, start: int) -> bool:
    """Whether the number or handle at ``start`` is the reporter's own ("mon snap : …")."""
    return _OWN.search(text, max(0, start - 70), start) is not None


def extract_phones(text: str) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
    """E.164 numbers found in folded ``text`` and their spans (the reporter's own left out)."""
    found: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _FRENCH.finditer(text):
        candidate = m.group().replace("(", "").replace(")", "")
        value = _overseas(candidate) or _parse(candidate, strict=False)
        if value:
            spans.append(m.span())
            if not own_contact(text, m.start()):
                found.append(value)
    for m in _FOREIGN.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in spans):
            continue
        value = _parse(m.group(), strict=True)
        if value:
            spans.append(m.span())
            if not own_contact(text, m.start()):
                found.append(value)
    return tuple(dict.fromkeys(found)), tuple(spans)


def normalise_phone(value: str) -> str | None:
    """A number typed in a structured field, in E.164, or None."""
    phones, _ = extract_phones(value.strip())
    if phones:
        return phones[0]
    digits = re.sub(r"[^\d+]", "", value)
    return _parse(digits, strict=False) if len(digits) >= 8 else None
