"""Times and schedules: clock times, frequencies, days, parts of the day, dates.

``heure``, ``frequence`` and ``jour`` are precise enough to plan a watch; ``moment`` ("le soir")
and ``date`` ("hier", "le 12/03") are recorded but count for less.
"""

from __future__ import annotations

import re
from typing import Final

from vigie.engine.analysis import gate

_DAY: Final = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_PART: Final = (
    r"(?:soir(?:ee)?|matin(?:ee)?|nuit|midi|apres[- ]?midi|aprem|ap|journee|week[- ]?end|we)"
)
_PLURAL_PART: Final = (
    r"(?:jours|soirs|matins|nuits|midis|apres[- ]?midis?|aprems?|week[- ]?ends?|we|semaines"
    rf"|{_DAY}s)"
)
_HOUR: Final = (
    r"(?:[01]?\d|2[0-4])\s?(?:h|heures?)(?:\s?[0-5]\d)?(?:\s?(?:du matin|du soir|du mat))?"
)
PATTERNS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = (
    (
        "heure",
        re.compile(rf"(?<![\w/])(?:{_HOUR}|(?:[01]?\d|2[0-3]):[0-5]\d|minuit|midi pile)(?![\w/])"),
    ),
    (
        "frequence",
        re.compile(
            rf"\b(?:(?:tous|toutes|ts|tt|tout) les {_PLURAL_PART}"
            rf"|chaque (?:jour|semaine|{_PART}|{_DAY}|fois)"
            r"|(?:\d+|une|deux|trois|quatre|cinq|plusieurs) (?:fois|x) par"
            r" (?:jour|semaine|nuit|soir|mois)"
            r"|toutes les \d+ ?(?:minutes|min|mn|heures|h)"
            r"|(?:7|sept) ?j(?:ours)? ?(?:/|sur) ?(?:7|sept)|24 ?h ?(?:/|sur) ?24|h24|non[- ]stop"
            r"|jour et nuit|nuit et jour|a toute heure|en permanence|tlj|quotidien\w*"
            r"|(?:\d+|deux|trois) (?:ou \d+ )?(?:nuits|soirs|jours) de suite)\b"
        ),
    ),
    ("jour", re.compile(rf"\b(?:le |les |du |au )?{_DAY}s?(?: {_PART})?\b")),
    (
        "moment",
        re.compile(
            r"\b(?:le|la|l'|en|dans la|toute la|tout le|ce|cette|en fin d'|en debut d')"
            rf"\s?{_PART}\b"
            r"|\bla nuit\b|\bvers \d{1,2} ?h\b"
        ),
    ),
    (
        "date",
        re.compile(
            r"\b(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?|hier|avant[- ]hier|aujourd'hui|ce (?:soir|matin)"
            r"|(?:le )?\d{1,2} (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre"
            r"|octobre|novembre|decembre))\b"
        ),
    ),
)
STRONG: Final = frozenset({"heure", "frequence", "jour"})


def extract_times(text: str) -> list[tuple[str, int, int]]:
    """``(kind, start, end)`` of every time expression in folded ``text``, in order."""
    found: list[tuple[str, int, int]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for m in gate.finditer(pattern, text):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            found.append((kind, start, end))
            taken.append((start, end))
    found.sort(key=lambda f: f[1])
    return found
