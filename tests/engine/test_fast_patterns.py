"""The analysis' speed-ups change no answer: gated scans and letter-grouped alternations find
exactly what the plain patterns find."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vigie.engine.analysis as analysis
from vigie.engine.analysis import gate
from vigie.engine.analysis.lexicon import _by_first_letter, either, grouped, words
from vigie.engine.analysis.normalize import fold_text

DATA = Path(analysis.__file__).resolve().parent / "data"


def _patterns() -> dict[str, re.Pattern[str]]:
    found = {}
    for module in pkgutil.iter_modules(analysis.__path__):
        loaded = importlib.import_module(f"vigie.engine.analysis.{module.name}")
        for name, value in vars(loaded).items():
            if isinstance(value, re.Pattern) and value.pattern not in found:
                found[f"{module.name}.{name}"] = value
    return found


def _labelled_texts() -> list[str]:
    texts = []
    for path in sorted(DATA.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(fold_text(str(json.loads(line).get("text", ""))))
    return texts


PATTERNS = _patterns()
TEXTS = _labelled_texts()


def test_most_lexicon_patterns_are_gated() -> None:
    """A control for the test below: the reduction must bound the lexicons, or the gate is
    never tried."""
    gated = [name for name, pattern in PATTERNS.items() if gate.gate_for(pattern) is not None]
    assert len(gated) >= 40
    assert {"urgency.DANGER", "lexicon.DRUG", "category._OWN_JOB"} <= set(gated)


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_a_gated_scan_finds_what_the_pattern_finds(name: str) -> None:
    pattern = PATTERNS[name]
    for text in TEXTS:
        expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert [(m.span(), m.groups()) for m in gate.finditer(pattern, text)] == expected, text
        assert gate.spans(pattern, text) == [span for span, _groups in expected], text
        if not gate.may_match(pattern, text):
            assert pattern.search(text) is None, text


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_a_search_among_the_candidates_finds_what_the_pattern_finds(name: str) -> None:
    pattern = PATTERNS[name]
    for text in TEXTS[::7]:
        where = gate.candidates(pattern, text)
        for position in range(0, len(text), 9):
            expected = pattern.search(text, position)
            found = gate.search(pattern, text, position, where)
            assert (found and found.span()) == (expected and expected.span()), text


_ALPHABET = "abc '-"


@settings(max_examples=300, deadline=None)
@given(
    alternatives=st.lists(
        st.text(alphabet="abc", min_size=1, max_size=4).map(
            lambda s: s if len(s) < 3 else s[:2] + "?" + s[2:]  # some quantified letters
        ),
        min_size=1,
        max_size=8,
    ),
    texts=st.lists(st.text(alphabet=_ALPHABET, max_size=30), min_size=1, max_size=5),
)
def test_grouping_by_first_letter_keeps_every_match(
    alternatives: list[str], texts: list[str]
) -> None:
    plain = re.compile(r"(?<![\w@])(?:" + "|".join(alternatives) + r")(?![\w])")
    fast = words(*alternatives)
    for text in texts:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
        assert gate.spans(fast, text) == [m.span() for m in plain.finditer(text)]


def test_grouping_keeps_order_where_alternatives_compete() -> None:
    # "(?:a|b)x" may open on "a": the later "ab" must not move ahead of it.
    assert _by_first_letter(["a", "(?:a|b)x", "ab"]) == "a|(?:a|b)x|ab"
    assert _by_first_letter(["deal", "drogue", "dealer"]) == "d(?:e(?:al|aler)|rogue)"
    # a word boundary before a letter is part of the head; a bare letter is another head
    assert grouped(r"(?:\bcompte|\bcontact|canal)") == r"(?:\bc(?:o(?:mpte|ntact))|canal)"
    # an alternative holding a top-level bar is never split
    assert grouped("zone (?:a|b)|zone") == "(?:z(?:o(?:ne (?:a|b)|ne)))"


def test_either_tries_the_shared_look_behind_once() -> None:
    first, second = words("coup de couteau"), words("coup", "feu")
    joined = either(first, second)
    assert joined.pattern.count("(?<![\\w@])") == 1
    text = "un coup de couteau, un coup, le feu"
    plain = re.compile(f"{first.pattern}|{second.pattern}")
    assert [m.span() for m in joined.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_every_space_that_backslash_s_matches_is_listed() -> None:
    """The gate lists ``\\s`` as the spaces up to U+3000: none lies above."""
    assert all(not chr(c).isspace() for c in range(0x3001, sys.maxunicode + 1))


@pytest.mark.parametrize("space", ["\t", "\n", "\u00a0", "\u2003", "\u3000"])
def test_a_gate_admits_every_kind_of_space(space: str) -> None:
    pattern = re.compile(r"(?<![\w@])ab\scd")
    text = f"x ab{space}cd y"
    assert gate.spans(pattern, text) == [(2, 7)]


@pytest.mark.parametrize(
    "digits", ["123", "\u0661\u0662\u0663", "\u0967\u0968\u0969", "1\uff12" + "3"]
)
def test_a_gate_admits_digits_of_every_script(digits: str) -> None:
    """``\\d`` matches every script's digits: the gate lists 0-9, so a text with other digits
    is always scanned."""
    pattern = re.compile(r"(?<![\w@])\d{3} ?[a-z]{2}")
    text = f"plaque {digits} ab"
    expected = [m.span() for m in pattern.finditer(text)]
    assert expected == [(7, 13)]
    assert gate.spans(pattern, text) == expected
    assert list(gate.finditer(pattern, text))


def test_a_look_behind_that_wants_a_word_character_is_not_a_word_start() -> None:
    pattern = re.compile(r"(?<![^\w])ab")  # "ab" right after a letter
    assert gate.spans(pattern, "xab ab") == [(1, 3)]


def test_the_word_start_index_holds_every_key_of_every_word_start() -> None:
    starts = re.compile(r"(?<!\w)\w")
    for text in TEXTS[::5]:
        expected: dict[str, list[int]] = {}
        for m in starts.finditer(text):
            for size in range(gate._SHORTEST, gate.K + 1):
                if m.start() + size <= len(text):
                    expected.setdefault(text[m.start() : m.start() + size], []).append(m.start())
        assert gate._index(text) == expected, text
