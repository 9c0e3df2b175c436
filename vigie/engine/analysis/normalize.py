"""Accent-folding, lower-casing normalisation that remembers where each character came from.

Every rule of the engine runs on the folded text; the offsets map a match back to the words the
citizen typed, so a reason can quote them. Folding is idempotent: ``fold(fold(s)) == fold(s)``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

_SPECIAL: Final[dict[str, str]] = {
    "ß": "ss",
    "œ": "oe",
    "Œ": "oe",
    "æ": "ae",
    "Æ": "ae",
    "ø": "o",
    "Ø": "o",
    "đ": "d",
    "Đ": "d",
    "ł": "l",
    "Ł": "l",
    "ı": "i",
    "’": "'",
    "‘": "'",
    "ʼ": "'",
    "´": "'",
    "`": "'",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "‐": "-",
    "‑": "-",
    "‒": "-",
    "–": "-",
    "—": "-",
    "−": "-",
    "…": "...",
    "€": "€",
    "°": "°",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
    "\u00ad": "",
}
_SPACES: Final[str] = (
    "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
_RANGES: Final[tuple[range, ...]] = (
    range(0x0, 0x250),
    range(0x1E00, 0x1F00),
    range(0xFF01, 0xFF5F),
)


def _fold_char(char: str) -> str:
    if char in _SPECIAL:
        return _SPECIAL[char]
    if char == "\n":
        return "\n"
    if char in _SPACES or unicodedata.category(char) in ("Cc", "Zs", "Zl", "Zp"):
        return " "
    stripped = "".join(
        c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
    ).lower()
    if stripped.isascii() and stripped.isprintable() and stripped:
        return stripped
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


def _build_table() -> dict[int, str]:
    chars = {chr(cp) for r in _RANGES for cp in r} | set(_SPECIAL) | set(_SPACES)
    chars |= {chr(cp) for cp in range(0x2028, 0x202A)}
    table = {ord(c): _fold_char(c) for c in chars}
    # Make every image a fixed point, so that folding twice changes nothing.
    for key, value in table.items():
        if any(table.get(ord(c), c) != c for c in value):
            table[key] = "".join(table.get(ord(c), c) for c in value)
    return {k: v for k, v in table.items() if v != chr(k)}


_TABLE: Final[dict[int, str]] = _build_table()
_UNEVEN: Final[re.Pattern[str]] = re.compile(
    "[" + "".join(re.escape(chr(k)) for k, v in sorted(_TABLE.items()) if len(v) != 1) + "]"
)


@dataclass(frozen=True, slots=True)
class Folded:
    """The folded text of ``original``; ``starts[i]`` is the original index of folded char i."""

    original: str
    text: str
    starts: tuple[int, ...] | None = None

    @property
    def aligned(self) -> str:
        """The original characters, one per folded character (to test typed capitals)."""
        if self.starts is None:
            return self.original
        return "".join(self.original[i] for i in self.starts)

    def origin(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of the folded span ``[start, end)``."""
        if self.starts is None:
            return start, end
        first = self.starts[start] if start < len(self.starts) else len(self.original)
        last = self.starts[end] if end < len(self.starts) else len(self.original)
        return first, last

    def source(self, start: int, end: int) -> str:
        """The original words behind the folded span ``[start, end)``."""
        first, last = self.origin(start, end)
        return self.original[first:last]


def fold_text(text: str) -> str:
    """Lower-case, strip accents, unify quotes/dashes/spaces, blank control characters."""
    return text.translate(_TABLE)


def fold(text: str) -> Folded:
    folded = text.translate(_TABLE)
    if _UNEVEN.search(text) is None:
        return Folded(text, folded)
    starts: list[int] = []
    for index, char in enumerate(text):
        starts.extend([index] * len(_TABLE.get(ord(char), char)))
    return Folded(text, folded, tuple(starts))
