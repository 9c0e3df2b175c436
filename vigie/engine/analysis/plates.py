"""French number plates, full and partial, normalised as in the evaluation data.

- SIV (since 2009): ``AB-123-CD``; letters I, O and U are never issued, nor ``000``.
- FNI (before 2009): ``1234 AB 56`` (1–4 digits, 1–3 letters, département).
- Partial plates: one ``?`` per unknown character, in SIV shape, only when the known positions
  are unambiguous (``GZ-9?7-AB``; "commence par FG-4" → ``FG-4??-??``; "finit par 58-ZR" →
  ``??-?58-ZR``).

Look-alikes are refused by shape and context: postcodes, road numbers (A7, RN 57), dates,
times (``18 h 30``), heights (``1 m 80``), door codes, street numbers ("le 12 et 13").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from vigie.engine.analysis import gate
from vigie.engine.analysis.facts import VEHICLE_KIND, VEHICLE_MODEL
from vigie.engine.analysis.lexicon import wordset

_L: Final = "[a-hj-np-tv-z]"  # letters issued on plates (no i, o, u)
_SIV: Final = re.compile(rf"(?<![\w?*-])({_L}{{2}})([ .-]?)(\d{{3}})([ .-]?)({_L}{{2}})(?![\w?*])")
_FNI: Final = re.compile(
    rf"(?<![\w?*-])(\d{{1,4}})([ -]?)({_L}{{1,3}})([ -]?)(2a|2b|97[1-6]|\d{{2}})(?![\w?*])"
)
# Unknown characters may be spaced out as written by hand: "GE-8_ _-RE", "_ _-7 3 1-_ _".
_DIGIT_OR_GAP: Final = r"(?:\d|[?*_x]|\.(?=[\d.?*_x ]|-))"
_PAIR: Final = rf"(?:(?:{_L}|[?*_]){{2}}|[?*_] [?*_])"
_PARTIAL: Final = re.compile(
    rf"(?<![\w?*-])({_PAIR})([ -]?)({_DIGIT_OR_GAP}(?: ?{_DIGIT_OR_GAP}){{2}})"
    rf"( ?-? ?)({_PAIR})"
    r"(?![\w?*])"
)
# The digits not read at all: "DX-…-PL", "FR _ _ _ BC", "AB-***-CD".
_GAP: Final = re.compile(
    rf"(?<![\w?*-])({_L}{{2}})[ -]?(?:\.\.\.|[*x_?](?: ?[*x_?]){{0,2}})[ -]?({_L}{{2}})(?![\w?*])"
)
# Only the end: "…23-CD", "-482-NP" after "la fin".
_DOTS_END: Final = re.compile(rf"\.\.\.\s?(?:(\d{{1,3}})[ -]?)?({_L}{{2}})(?![\w?*])")
_CUE: Final = re.compile(r"plaques?|immat\w*|num(?:ero)? de plaque")
# "le patron roule en Urus jaune": whatever follows is a vehicle, even a model not listed.
_DRIVES: Final = re.compile(r"(?<![\w])roul\w* (?:en|dans une?) ")
# Words that look like plate letters in prose: "le 250 et", "12 km 50", "3 bd 45".
_NOT_LETTERS: Final = wordset(
    "a e y le la de et en se ce ne me te sa ma ta va ca es est er eme em nd rd th "
    "km cm mm kg mg gr ml cl dl hl ha mn ms h m g l s t b bd av pl st ch rte bat apt app "
    "ter jr tr rpm db pm am cv kw ep etc vs wc tv pc gb mb kb je "
)
# Partial plates told in words: a cue ("commence par", "je n'ai vu que", "finit par", "les
# dernières lettres") then, within the same sentence, the fragment that was read.
_START_CUE: Final = re.compile(
    r"commenc\w*|debut\w*|demarr\w*|premi\w* (?:lettres?|caracteres?|chiffres?)"
    r"|(?:n'ai|j'ai|ai) (?:\w+ )?(?:vu|lu|note|retenu|pu lire) que"
    r"|(?<![\w])j?'?(?:vois|voit|lis) (?:que|juste|seulement)"
    r"|(?:juste|seulement) (?:vu|lu|note|retenu)"
    r"|(?<!pas )eu le temps de (?:voir|lire|noter)"
)
_END_CUE: Final = re.compile(
    r"(?<![\w])(?:fini\w*|termin\w*|fin|derni\w* (?:lettres?|caracteres?|chiffres?))(?![\w])"
)
_START_FRAGMENT: Final = re.compile(
    rf"(?<![\w?*-])({_L}{{2}})(?:[ -]?(\d{{1,3}})(?:[ -]?({_L}))?)?(?![\w?*])"
)
_END_FRAGMENT: Final = re.compile(rf"(?<![\w?*])-?(?:(\d{{1,3}})[ -]?)?({_L}{{2}})(?![\w?*])")
_CUE_WINDOW: Final = 45
# The fragment before the words that place it: "GH7 au début et LB à la fin", "fg au debut".
_START_BEFORE: Final = re.compile(
    rf"(?<![\w?*-])({_L}{{2}})(?:[ -]?(\d{{1,3}}))?(?:[ -]?({_L}))? (?:au|en) debut(?![\w])"
)
_END_BEFORE: Final = re.compile(
    rf"(?<![\w?*-])(?:(\d{{1,3}})[ -]?)?({_L}{{2}}) (?:a|en) (?:la )?fin(?![\w])"
)
# Only the digits read: "j'ai lu les chiffres 412, le reste était caché".
_DIGITS_ONLY: Final = re.compile(r"(?:les |des |ses )?chiffres?\s*:?\s*(\d)\s?(\d)\s?(\d)(?![\w])")
# "plaque ED-71 puis la suite est couverte": a prefix then a word saying the rest is unknown.
_CUT_PREFIX: Final = re.compile(
    rf"(?:plaques?|immat\w*)[\s:]+(?:[\w']+[\s:]+){{0,4}}?[\"']?({_L}{{2}})[ -]?(\d{{1,3}})?"
    rf"(?:[ -]?({_L})(?![a-z]))?"
    r"(?:x+|\.\.+)?[\"']?(?:\s*\.\.\.|(?:\s+|\s*,\s*)(?:(?:(?!fini|termin)[^.!?\n\d]){0,45}?\s)?"
    r"(?:la suite|le reste|apres|j'?ai pas|pas pu|pas vu|pas lu|pas eu le temps|je n'ai pas"
    r"|illisibles?|cach\w*|couvert\w*|masqu\w*|effac\w*|quelque chose|sale|boue\w*|pli\w*"
    r"|ensuite|tordu\w*|abim\w*"
    r"|je sais (?:plus|pas)|je ne sais (?:plus|pas)|jsp|chai pas))"
)
# "ab12x", "gc-4xx", "GT-7..": the start read, then x or a dot for each character that was not.
_X_TAIL: Final = re.compile(rf"(?<![\w?*-])({_L}{{2}})[ -]?(\d{{1,2}})(?:x+(?![\w?*])|\.\.+)")
# "immat EV-51." : a start of plate cut short by the end of the sentence.
_SHORT: Final = re.compile(
    rf"(?:plaques?|immat\w*)[\s:]+[\"']?({_L}{{2}})[ -]?(\d{{1,2}})[\"']?"
    r"(?=\s*(?:$|[.!?,;)\n]|(?:et|puis|mais) ))"
)
# A plate said to be foreign is not a French plate, even when it has the same shape.
_FOREIGN: Final = re.compile(
    r"(?:plaques?|immat\w*|immatricul\w*)\s+(?:\w+\s+){0,2}?"
    r"(?:belges?|allemandes?|espagnoles?|italiennes?|suisses?|neerlandaises?|hollandaises?"
    r"|polonaises?|portugaises?|anglaises?|britanniques?|luxembourgeoises?|etrangeres?"
    r"|marocaines?|roumaines?|bulgares?|lituaniennes?|en (?:allemagne|belgique|espagne|italie"
    r"|suisse|pologne|hollande|angleterre|roumanie))"
)


# What a text must hold for the patterns the gate cannot bound (digits: every script's count)
# to match: a cheap search first, the pattern only if it finds something.
_NEEDS: Final[dict[re.Pattern[str], re.Pattern[str]]] = {
    _SIV: re.compile(r"\d{3}"),
    _FNI: re.compile(r"\d"),
    _X_TAIL: re.compile(r"\d"),
    _START_BEFORE: re.compile(r"debut"),
    _END_BEFORE: re.compile(r"fin"),
}


def _scan(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    need = _NEEDS.get(pattern)
    if need is not None and need.search(text) is None:
        return iter(())
    return gate.finditer(pattern, text)


@dataclass(frozen=True, slots=True)
class PlateHits:
    plates: tuple[str, ...]
    partial_plates: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


def _near_cue(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 50) : start]
    after = text[end : end + 25]
    vehicle = VEHICLE_KIND.search(before) or VEHICLE_MODEL.search(before) or _DRIVES.search(before)
    return bool(_CUE.search(before) or _CUE.search(after) or vehicle)


def _cue_in_sentence(text: str, start: int, end: int) -> bool:
    """A plate cue in the sentence of ``[start, end)``, or a vehicle named before it there
    (a vehicle after it may be a model number: "le 250 et le 300")."""
    opening = max(text.rfind(mark, 0, start) for mark in ".!?\n") + 1
    closing = min(
        (i for i in (text.find(mark, end) for mark in ".!?\n") if i >= 0), default=len(text)
    )
    before = text[opening:start]
    return bool(
        _CUE.search(text, opening, closing)
        or VEHICLE_KIND.search(before)
        or VEHICLE_MODEL.search(before)
    )


def _foreign(text: str, start: int) -> bool:
    """A foreign cue just before, with no other vehicle named in between ("plaque allemande
    … + clio grise FA 772 BB": the second plate is French)."""
    cues = list(_FOREIGN.finditer(text, max(0, start - 50), start))
    if not cues:
        return False
    between = text[cues[-1].end() : start]
    return not (VEHICLE_MODEL.search(between) or VEHICLE_KIND.search(between))


def _told_fragment(
    text: str,
    cue: re.Pattern[str],
    fragment: re.Pattern[str],
    spans: list[tuple[int, int]],
    original: str | None,
    stops: list[tuple[int, int]],
) -> list[tuple[str, tuple[int, int]]]:
    """Fragments read after a cue, in the same sentence, that are not ordinary words.

    ``stops`` are fragments told before their cue ("EF au début"): such a cue is taken, and a
    window that reaches one ends there (what follows belongs to the next cue).
    """
    found: list[tuple[str, tuple[int, int]]] = []
    for c in _scan(cue, text):
        if _overlaps(stops, c.start(), c.end()):
            continue
        window_end = c.end() + _CUE_WINDOW
        stop = re.search(r"[.!?\n]", text[c.end() : window_end])
        window_end = c.end() + stop.start() if stop else window_end
        for m in fragment.finditer(text, c.end(), window_end):
            if _overlaps(stops, *m.span()):
                break
            groups = [g or "" for g in m.groups()]
            align_start = fragment is _START_FRAGMENT
            letters = groups[0] if align_start else groups[1]
            word_like = (
                letters in _NOT_LETTERS
                and not (groups[1] if align_start else groups[0])
                and not _typed_upper(original, *m.span())
            )
            if word_like or _overlaps(spans, *m.span()):
                continue
            if not (_CUE.search(text, c.start(), m.start()) or _near_cue(text, c.start(), m.end())):
                break
            found.append(("".join(groups), m.span()))
            break
    return found


def _typed_upper(original: str | None, start: int, end: int) -> bool:
    if original is None or len(original) < end:
        return False
    letters = [c for c in original[start:end] if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _siv_valid(first: str, digits: str, last: str) -> bool:
    return digits != "000" and first not in ("ss", "ww") and last != "ss"


def _pad_siv(known: str, align_right: bool) -> str:
    """Place known characters into the ``LL-DDD-LL`` shape, the rest as ``?``."""
    known = known.replace("-", "").replace(" ", "")
    slots = 7
    body = (known.rjust(slots, "?") if align_right else known.ljust(slots, "?")).upper()
    return f"{body[:2]}-{body[2:5]}-{body[5:]}"


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < e and s < end for s, e in spans)


def extract_plates(text: str, original: str | None = None, shouting: bool = False) -> PlateHits:
    """Find plates in folded ``text``; ``original`` (same offsets) tells typed upper-case."""
    plates: list[str] = []
    partials: list[str] = []
    spans: list[tuple[int, int]] = []

    def accept_spaced(start: int, end: int, pairs: tuple[tuple[int, int], ...], near: bool) -> bool:
        # A word-like pair ("GB-209 et les…", "12 km 50") is a plate's only when typed in
        # capitals; a plate typed in capitals with a pair in lower case is not one.
        upper = [_typed_upper(original, s, e) for s, e in pairs]
        for (s, e), typed in zip(pairs, upper, strict=True):
            word_like = text[s:e] in _NOT_LETTERS and not typed
            if word_like and (any(upper) or not near):
                return False
        if near:
            return True
        return _typed_upper(original, start, end) and not shouting

    for m in _scan(_SIV, text):
        first, sep1, digits, sep2, last = m.groups()
        if not _siv_valid(first, digits, last) or _foreign(text, m.start()):
            continue
        compact_or_dashed = (sep1, sep2) in (("", ""), ("-", "-"))
        # the SIV shape is rare in prose: a vehicle anywhere in its sentence is cue enough
        near = _near_cue(text, *m.span()) or _cue_in_sentence(text, *m.span())
        if compact_or_dashed or accept_spaced(m.start(), m.end(), (m.span(1), m.span(5)), near):
            plates.append(f"{first}-{digits}-{last}".upper())
            spans.append(m.span())
    for m in _scan(_FNI, text):
        number, sep1, letters, sep2, dept = m.groups()
        if _overlaps(spans, *m.span()) or dept in ("00", "20"):
            continue
        typed = _typed_upper(original, *m.span(3))
        if letters in _NOT_LETTERS and (
            len(letters) < 2 or not (_near_cue(text, *m.span()) or typed)
        ):
            continue
        if _foreign(text, m.start()):
            continue
        if number.startswith("0"):
            continue
        compact = sep1 == sep2 == "" and len(letters) >= 2
        near = _near_cue(text, *m.span())
        if compact or (sep1 and sep2 and accept_spaced(m.start(), m.end(), (m.span(3),), near)):
            plates.append(f"{number} {letters} {dept}".upper())
            spans.append(m.span())
    for m in _scan(_PARTIAL, text):
        first, _, digits, gap, last = m.groups()
        first, digits, last = (g.replace(" ", "") for g in (first, digits, last))
        raw = first + digits + last
        unknown = any(c in "?*_" for c in raw) or "x" in digits or "." in digits
        if _overlaps(spans, *m.span()) or not unknown or (gap == " " and last in _NOT_LETTERS):
            continue
        if sum(c.isalnum() and c != "x" for c in raw) < 2:
            continue
        # "xx" where letters go is the witness's mark for unknown letters, as "x" among digits;
        # once x marks unknown digits ("GC-4xx-Rx"), an x among the letters is unknown too.
        if "x" in digits:
            first, last = (pair.replace("x", "?") for pair in (first, last))
        first, last = ("??" if pair == "xx" else pair for pair in (first, last))
        value = re.sub(r"[*_.]", "?", f"{first}-{digits.replace('x', '?')}-{last}").upper()
        partials.append(value)
        spans.append(m.span())
    for m in _scan(_GAP, text):
        if not _overlaps(spans, *m.span()) and _near_cue(text, m.start(), m.end()):
            # "FR-… je sais plus": a word after the gap is not the plate's last letters.
            prose = m.group(2) in _NOT_LETTERS and not _typed_upper(original, *m.span(2))
            partials.append(f"{m.group(1)}-???-{'??' if prose else m.group(2)}".upper())
            spans.append(m.span())
    for m in _scan(_DOTS_END, text):
        typed = _near_cue(text, *m.span()) or _typed_upper(original, *m.span(2))
        if not _overlaps(spans, *m.span()) and typed:
            partials.append(_pad_siv((m.group(1) or "") + m.group(2), align_right=True))
            spans.append(m.span())
    for m in _scan(_CUT_PREFIX, text):
        word_like = m.group(1) in _NOT_LETTERS and not _typed_upper(original, *m.span(1))
        letter_without_digits = m.group(3) and not m.group(2)  # "par" is not "PA-R"
        if letter_without_digits:
            continue
        if not _overlaps(spans, *m.span()) and not (word_like and not m.group(2)):
            partials.append(_pad_siv("".join(g or "" for g in m.groups()), align_right=False))
            spans.append(m.span())
    for m in _scan(_SHORT, text):
        if not _overlaps(spans, *m.span()):
            partials.append(_pad_siv(m.group(1) + m.group(2), align_right=False))
            spans.append(m.span())
    for m in _scan(_X_TAIL, text):
        if not _overlaps(spans, *m.span()) and _near_cue(text, m.start(), m.end()):
            partials.append(_pad_siv(m.group(1) + m.group(2), align_right=False))
            spans.append(m.span())
    for m in _scan(_DIGITS_ONLY, text):
        if not _overlaps(spans, *m.span()) and _cue_in_sentence(text, *m.span()):
            partials.append(f"??-{''.join(m.groups())}-??")
            spans.append(m.span())
    told: list[tuple[str, tuple[int, int]]] = []
    stops: list[tuple[int, int]] = []
    for before, align_right in ((_START_BEFORE, False), (_END_BEFORE, True)):
        for m in _scan(before, text):
            letters = m.span(2) if align_right else m.span(1)
            others = m.group(1) if align_right else m.group(2)
            word_like = text[slice(*letters)] in _NOT_LETTERS and not others
            if word_like and not _typed_upper(original, *letters):
                continue
            if _overlaps(spans, *m.span()) or not _cue_in_sentence(text, *m.span()):
                continue
            known = "".join(g or "" for g in m.groups())
            told.append((_pad_siv(known, align_right), m.span()))
            spans.append(m.span())
            stops.append(m.span())
    for cue, fragment, align_right in (
        (_END_CUE, _END_FRAGMENT, True),
        (_START_CUE, _START_FRAGMENT, False),
    ):
        for known, span in _told_fragment(text, cue, fragment, spans, original, stops):
            told.append((_pad_siv(known, align_right), span))
            spans.append(span)
    partials.extend(_merge_told(told))
    return PlateHits(tuple(dict.fromkeys(plates)), tuple(dict.fromkeys(partials)), tuple(spans))


def _merge_told(told: list[tuple[str, tuple[int, int]]]) -> list[str]:
    """ "commence par DP-8 et finit par TR": one start and one end told together are one plate."""
    if len(told) == 2:
        (a, span_a), (b, span_b) = told
        close = abs(span_a[0] - span_b[0]) <= 2 * _CUE_WINDOW
        merged = [x if y == "?" else y for x, y in zip(a, b, strict=True)]
        agree = all(x == y or "?" in (x, y) for x, y in zip(a, b, strict=True))
        if close and agree:
            return ["".join(merged)]
    return [value for value, _ in told]


def normalise_plate(value: str) -> tuple[str | None, str | None]:
    """A plate typed in a structured field → ``(full, None)``, ``(None, partial)`` or neither."""
    hits = extract_plates(value.lower().strip(), value.strip())
    if hits.plates:
        return hits.plates[0], None
    if hits.partial_plates:
        return None, hits.partial_plates[0]
    return None, None
