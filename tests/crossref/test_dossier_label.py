"""A dossier's label: short enough to say in a meeting and type in a form, not a sequence."""

from __future__ import annotations

import pytest

from vigie.crossref.models import SHORT_CODE_SPACE, parse_short_code, short_code


@pytest.mark.parametrize("number", [0, 1, 31, 32, SHORT_CODE_SPACE - 1, 2**62, 3141592653589793238])
def test_the_code_has_six_characters_and_reads_back(number: int) -> None:
    code = short_code(number)
    assert len(code) == 6 and code.isalnum() and code == code.upper()
    assert not set(code) & set("ILOU")
    assert parse_short_code(code) == number % SHORT_CODE_SPACE


def test_what_people_type_is_forgiven_and_nonsense_refused() -> None:
    assert parse_short_code(" 7kq2mx ") == parse_short_code("7KQ2MX")
    assert parse_short_code("0I1L00") == parse_short_code("011100")
    assert parse_short_code("7KQ2M") is None
    assert parse_short_code("7KQ2M!") is None
