"""Phone numbers, normalised to E.164 with ``phonenumbers``.

French numbers as typed: ``06 00 00 41 27``, ``06.00.00.41.27``, ``0600004127``,
``+33 6 00 00 41 27``, ``0033 (0)6…``; foreign numbers only with their ``+``/``00`` prefix and
when ``phonenumbers`` finds them valid. Look-alikes (SIRET, dates, door codes, postcodes, times)
do not have the shape of a number or do not parse.
"""

from __future__ import annotations

import re
from typing import Final

import phonenumbers

_FRENCH: Final = re.compile(
    r"(?<![\d+])(?:(?:\+|00)\s?33\s?(?:\(\s?0\s?\)\s?)?|0)[1-9](?:[ .\-]?\d){8}(?![\d])"
)
_FOREIGN: Final = re.compile(r"(?<![\d+])(?:\+|00)\s?[1-9]\d{0,2}(?:[ .\-]?\d){6,12}(?![\d])")
_E164: Final = phonenumbers.PhoneNumberFormat.E164


def _parse(candidate: str, strict: bool) -> str | None:
    try:
        number = phonenumbers.parse(candidate, "FR")
    except phonenumbers.NumberParseException:
        return None
    ok = phonenumbers.is_valid_number(number) if strict else phonenumbers.is_possible_number(number)
    return phonenumbers.format_number(number, _E164) if ok else None


def extract_phones(text: str) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
    """E.164 numbers found in folded ``text`` and their spans."""
    found: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _FRENCH.finditer(text):
        value = _parse(m.group().replace("(", "").replace(")", ""), strict=False)
        if value:
            found.append(value)
            spans.append(m.span())
    for m in _FOREIGN.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in spans):
            continue
        value = _parse(m.group(), strict=True)
        if value:
            found.append(value)
            spans.append(m.span())
    return tuple(dict.fromkeys(found)), tuple(spans)


def normalise_phone(value: str) -> str | None:
    """A number typed in a structured field, in E.164, or None."""
    phones, _ = extract_phones(value.strip())
    if phones:
        return phones[0]
    digits = re.sub(r"[^\d+]", "", value)
    return _parse(digits, strict=False) if len(digits) >= 8 else None
