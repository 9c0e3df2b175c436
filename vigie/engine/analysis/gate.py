"""Skip a regular expression on a text that cannot hold a match.

Most lexicon patterns are long alternations that start with a look-behind: Python's engine
tries every alternative at every word of every report, and most reports hold none of them.
Before the scan, each pattern is reduced once to the set of strings its matches can begin
with (their first ``K`` characters, or the whole match when it is shorter), read from the
pattern's own parse tree. A text that holds none of them is not scanned; a pattern whose
matches start where a word starts is tried only at the word starts that hold one (an index of
each text's word starts by their first characters).

The reduction only ever widens the set (look-arounds and anchors are ignored, classes are
expanded whole), so a skipped scan is always one that would have found nothing: the answers
are the same, only faster. A pattern the reduction cannot bound (``\\w`` or ``.`` among its
first characters, case-insensitive flags, back-references, too many prefixes) is always
scanned.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any, Final

K: Final = 4  # _index is written out for these two values
_MAX_PREFIXES: Final = 8_000
_MAX_CLASS: Final = 64
_FEW: Final = 24  # keys looked for one by one in a text (more: no gate)
_SHORTEST: Final = 2  # keys of word-start patterns: at least this long (else no index)


# What ``\s`` matches in a str pattern: str.isspace(), none above U+3000 (a test checks).
_SPACES: Final = frozenset(chr(c) for c in range(0x3001) if chr(c).isspace())


class _Unbounded(Exception):
    """The pattern's first characters cannot be listed."""


def _class(items: list[tuple[Any, Any]]) -> set[str]:
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op is sre.CATEGORY and av is sre.CATEGORY_SPACE:
            chars.update(_SPACES)
        elif op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
            # every script's digits match \d: a text holding one not in 0-9 is always admitted
            chars.update("0123456789")
        else:  # NEGATE, \w, wide ranges
            raise _Unbounded
    return chars


def _sequence(items: Any, budget: int) -> set[str]:
    """The strings of at most `budget` characters a sequence of parse items can begin with;
    a string shorter than `budget` is a whole match of the sequence."""
    current = {""}
    for item in items:
        done = {s for s in current if len(s) >= budget}
        pending = current - done
        by_room: dict[int, set[str]] = {}
        for s in pending:
            room = budget - len(s)
            if room not in by_room:
                by_room[room] = _item(item, room)
            done.update(s + t for t in by_room[room])
        if len(done) > _MAX_PREFIXES:
            raise _Unbounded
        current = done
    return current


def _repeat(low: int, high: int, items: Any, budget: int) -> set[str]:
    results: set[str] = set()
    current = {""}
    by_room: dict[int, set[str]] = {}
    count = 0
    while True:
        if count >= low:
            results |= current
        if count >= high or count > low + budget:
            break
        grown: set[str] = set()
        for s in current:
            if len(s) >= budget:
                grown.add(s)
            else:
                room = budget - len(s)
                if room not in by_room:
                    by_room[room] = _sequence(items, room)
                grown.update(s + t for t in by_room[room])
        if len(grown) > _MAX_PREFIXES:
            raise _Unbounded
        current = grown
        count += 1
    return results


def _item(item: tuple[Any, Any], budget: int) -> set[str]:
    op, av = item
    if op is sre.LITERAL:
        return {chr(av)}
    if op is sre.IN:
        return _class(av)
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return {""}  # zero width: ignoring what it requires only widens the set
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & re.IGNORECASE:
            raise _Unbounded
        return _sequence(sub, budget)
    if op is sre.ATOMIC_GROUP:
        return _sequence(av, budget)
    if op is sre.BRANCH:
        found: set[str] = set()
        for sub in av[1]:
            found |= _sequence(sub, budget)
        return found
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, sub = av
        return _repeat(low, high, sub, budget)
    raise _Unbounded  # ANY, NOT_LITERAL, back-references, conditionals


def _after_word_boundary(parsed: Any, prefixes: set[str]) -> bool:
    """Whether the pattern's matches start where no word character precedes: it opens with a
    look-behind refusing a word character (as every `lexicon.words` pattern does), or with
    ``\b`` before a word character."""
    items = list(parsed)
    if not items:
        return False
    op, av = items[0]
    if op is sre.AT:
        return av is sre.AT_BOUNDARY and all(_WORD.match(p) for p in prefixes)
    if op is not sre.ASSERT_NOT:
        return False
    direction, sub = av
    inner = list(sub)
    return (
        direction == -1
        and len(inner) == 1
        and inner[0][0] is sre.IN
        and (sre.CATEGORY, sre.CATEGORY_WORD) in inner[0][1]
        and all(op is not sre.NEGATE for op, _ in inner[0][1])
    )


_WORD: Final = re.compile(r"\w")


class Gate:
    """What a text must contain for a pattern to match in it: one of `keys` (`K` characters,
    or a whole match shorter than that)."""

    __slots__ = ("digits", "keys", "word_start")

    def __init__(self, keys: frozenset[str], word_start: bool, digits: bool) -> None:
        self.keys = keys
        # its matches start at a word character that no word character precedes: a text is
        # looked up in its index of such positions (see `_index`)
        self.word_start = word_start
        self.digits = digits  # its keys list \d as 0-9 only

    def bypassed(self, text: str) -> bool:
        r"""A text the keys do not describe: digits of another script where \d counts."""
        return self.digits and _other_digits(text)

    def admits(self, text: str) -> bool:
        if self.bypassed(text):
            return True
        if self.word_start:
            return not self.keys.isdisjoint(_index(text))
        return any(key in text for key in self.keys)


def gate_for(pattern: re.Pattern[str]) -> Gate | None:
    """The gate of `pattern`, or None when any text may match it (or when the gate would cost
    more than the scan: many keys, and matches that may start anywhere)."""
    if pattern.flags & re.IGNORECASE:
        return None
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    for size in range(K, _SHORTEST, -1):  # the longest keys that stay few enough
        try:
            prefixes = _sequence(parsed, size)
            break
        except _Unbounded:
            continue
    else:
        return None
    if "" in prefixes:
        return None
    keys = frozenset(prefixes)
    word_start = _after_word_boundary(parsed, prefixes) and all(
        len(key) >= _SHORTEST and _WORD.match(key) for key in keys
    )
    if not word_start and len(keys) > _FEW:
        return None
    digits = "\\d" in pattern.pattern and not pattern.flags & re.ASCII
    return Gate(keys, word_start, digits)


_GATES: dict[int, tuple[re.Pattern[str], Gate | None]] = {}
# Positions of a word character that no word character precedes, with what follows.
_WORD_STARTS: Final = re.compile(rf"(?<!\w)(?=(\w.{{{_SHORTEST - 1},{K - 1}}}))", re.DOTALL)


class _Text:
    """What the gates ask of one text, each worked out once, when first asked."""

    __slots__ = ("_index", "_other_digits", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._index: dict[str, list[int]] | None = None
        self._other_digits: bool | None = None

    def other_digits(self) -> bool:
        """Whether the text holds a digit other than 0-9."""
        if self._other_digits is None:
            self._other_digits = _OTHER_DIGIT.search(self.text) is not None
        return self._other_digits

    def index(self) -> dict[str, list[int]]:
        """The positions where a word starts, by its first `_SHORTEST` to `K` characters."""
        if self._index is None:
            index: dict[str, list[int]] = {}
            add = index.setdefault
            # unrolled for K = 4, _SHORTEST = 2 (the hot path)
            for m in _WORD_STARTS.finditer(self.text):
                position, gram = m.start(), m.group(1)
                add(gram, []).append(position)
                if len(gram) > 3:
                    add(gram[:3], []).append(position)
                if len(gram) > 2:
                    add(gram[:2], []).append(position)
            self._index = index
        return self._index


_OTHER_DIGIT: Final = re.compile(r"(?![0-9])\d")
_last: _Text = _Text("")


def _seen(text: str) -> _Text:
    """The facts of `text`, kept for the text last asked about (one read and one write of a
    single reference: another thread may replace it, never half of it)."""
    global _last
    last = _last
    if last.text is not text:
        last = _last = _Text(text)
    return last


def _other_digits(text: str) -> bool:
    return _seen(text).other_digits()


def _index(text: str) -> dict[str, list[int]]:
    return _seen(text).index()


def _gate(pattern: re.Pattern[str]) -> Gate | None:
    entry = _GATES.get(id(pattern))
    if entry is None or entry[0] is not pattern:
        entry = (pattern, gate_for(pattern))
        _GATES[id(pattern)] = entry
    return entry[1]


def candidates(pattern: re.Pattern[str], text: str) -> list[int] | None:
    """The sorted positions where `pattern` may match in `text`, or None when its matches may
    start anywhere (no index for it)."""
    gate = _gate(pattern)
    if gate is None or not gate.word_start or gate.bypassed(text):
        return None
    index = _index(text)
    if gate.keys.isdisjoint(index):  # the common case, and the cheapest test
        return []
    heads = gate.keys.intersection(index)
    if len(heads) == 1:
        return list(index[next(iter(heads))])
    return sorted({p for head in heads for p in index[head]})


def search(
    pattern: re.Pattern[str], text: str, position: int, where: list[int] | None
) -> re.Match[str] | None:
    """`pattern.search(text, position)`, tried only at the `candidates` `where`."""
    if where is None:
        return pattern.search(text, position)
    match = pattern.match
    for start in where[bisect.bisect_left(where, position) :]:
        if (m := match(text, start)) is not None:
            return m
    return None


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """`[m.span() for m in pattern.finditer(text)]`, tried only at the `candidates`."""
    return [m.span() for m in finditer(pattern, text)]


def may_match(pattern: re.Pattern[str], text: str) -> bool:
    """False only when `pattern` cannot match anywhere in `text`."""
    gate = _gate(pattern)
    return gate is None or gate.admits(text)


def finditer(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`: no scan when no match can exist, and for a pattern that starts
    after a word boundary, tried only at the `candidates`."""
    where = candidates(pattern, text)
    if where is None:
        return pattern.finditer(text) if may_match(pattern, text) else iter(())
    return _matches_at(pattern, text, where)


def _matches_at(pattern: re.Pattern[str], text: str, where: list[int]) -> Iterator[re.Match[str]]:
    """The matches `finditer` would find, left to right without overlap, among `where` (every
    match of the pattern starts at one of them, and none is empty)."""
    match = pattern.match
    end = 0
    for position in where:
        if position >= end and (m := match(text, position)) is not None:
            yield m
            end = m.end()
