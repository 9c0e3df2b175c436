"""Properties: normalisation is idempotent and keeps its offsets; no input crashes the analysis."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vigie.engine.analysis import analyse
from vigie.engine.analysis.cli import analyse_line
from vigie.engine.analysis.normalize import fold, fold_text
from vigie.engine.analysis.types import MISSING_CODES, TRIAGES

FRENCHISH = st.text(
    alphabet=st.sampled_from(
        list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?'-@/()?*")
        + list("éèêëàâäîïôöùûüçœæÉÈÀÇŒ«»’–—…\u00a0\u202f\u200b\n\t\x00\x1f\x7f")
    ),
    max_size=400,
)
FRAGMENTS = st.lists(
    st.sampled_from(
        [
            "plaque AB-123-CD",
            "commence par FG-4",
            "06 00 00 41 27",
            "snap: kbz_shop42",
            "@Menu_25",
            "t.me/x_y_z",
            "au 3 rue Victor Hugo",
            "tous les soirs vers 19h",
            "vient de sortir un couteau",
            "ÇA DEAL",
            "RN 57",
            "25000",
            "12/03",
            "1m80",
            "?",
            "«",
            "\x00",
        ]
    ),
    max_size=30,
).map(" ".join)


def _check(text: str) -> None:
    result = analyse(text)
    assert result.triage in TRIAGES
    assert 0 <= result.score <= 100
    assert {m.code for m in result.missing} <= set(MISSING_CODES)
    payload = result.to_dict()
    assert json.loads(json.dumps(payload, ensure_ascii=False)) == payload
    for mention in result.entities.times + result.entities.places:
        assert text[mention.start : mention.end] == mention.text


@given(st.text())
def test_folding_is_idempotent(text: str) -> None:
    once = fold_text(text)
    assert fold_text(once) == once


@given(FRENCHISH)
def test_folding_is_idempotent_on_french_text(text: str) -> None:
    once = fold_text(text)
    assert fold_text(once) == once
    assert once == once.lower() or not once.isascii()


@given(st.text())
def test_offsets_point_back_to_the_original(text: str) -> None:
    folded = fold(text)
    if folded.starts is None:
        assert len(folded.text) == len(text)
    else:
        assert len(folded.starts) == len(folded.text)
        assert list(folded.starts) == sorted(folded.starts)
    starts = folded.starts or range(len(text))
    for index, char in enumerate(folded.text):
        assert char in fold_text(text[starts[index]])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_random_unicode_never_crashes(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FRENCHISH)
def test_french_like_text_with_control_characters_never_crashes(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FRAGMENTS)
def test_entity_look_alikes_and_fragments_never_crash(text: str) -> None:
    _check(text)


@settings(max_examples=100, deadline=None)
@given(
    st.text(),
    st.dictionaries(
        st.text(max_size=10),
        st.recursive(
            st.none()
            | st.booleans()
            | st.integers()
            | st.floats(allow_nan=False)
            | st.text(max_size=20),
            lambda children: (
                st.lists(children, max_size=3)
                | st.dictionaries(st.text(max_size=8), children, max_size=3)
            ),
            max_leaves=10,
        ),
    ),
)
def test_any_structured_report_shape_never_crashes(text: str, report: dict[str, object]) -> None:
    analyse(text, report)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_cli_line_gives_one_object(line: str) -> None:
    output = analyse_line(line)
    assert "error" in output or "triage" in output


def test_one_megabyte_of_text_does_not_crash() -> None:
    chunk = "ça deal au 3 rue Victor Hugo tous les soirs, plaque AB-123-CD, 06 00 00 41 27 🙂\x00 "
    text = (chunk * (1_048_576 // len(chunk) + 1))[:1_048_576]
    result = analyse(text)
    assert result.triage in TRIAGES
    assert result.entities.plates == ("AB-123-CD",)


def test_one_megabyte_without_spaces_does_not_crash() -> None:
    analyse("A" * 1_048_576)
    analyse("@" * 1_048_576)
    analyse("0" * 1_048_576)
