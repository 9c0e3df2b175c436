"""The synthetic texts: deterministic, varied, and nothing in them betrays the demo."""

from __future__ import annotations

import re

import pytest

from vigie.demo.texts import Kind, TextGenerator
from vigie.reports.enums import Category

COMMUNES = (("Besançon", 120_000), ("Montbéliard", 25_000), ("Ornans", 4_500), ("Mouthe", 900))
KINDS = [Kind.EXPLOITABLE] * 8 + [Kind.VAGUE, Kind.NUISANCE, Kind.OUT_OF_SCOPE, Kind.URGENT]


def draw(seed: int, count: int = 400) -> list:
    generator = TextGenerator(seed)
    return [
        generator.text(kind=KINDS[i % len(KINDS)], commune=name, population=population)
        for i, (name, population) in enumerate(COMMUNES[i % len(COMMUNES)] for i in range(count))
    ]


def test_the_same_seed_gives_the_same_texts() -> None:
    assert draw(7) == draw(7)
    assert [t.text for t in draw(7)] != [t.text for t in draw(8)]


def test_texts_are_varied() -> None:
    texts = [t.text for t in draw(25)]
    assert len(set(texts)) > 0.8 * len(texts)


@pytest.mark.parametrize("seed", [1, 25, 39])
def test_every_slot_is_filled_and_nothing_says_demo(seed: int) -> None:
    for text in draw(seed):
        assert "{" not in text.text and "}" not in text.text
        assert not re.search(r"d[ée]mo|fictif|fictive|synth[ée]tique|test", text.text, re.I)
        assert text.category in Category.values


def test_identifiers_are_fictional_and_well_formed() -> None:
    joined = "\n".join(t.text for t in draw(25))
    phones = re.findall(r"\b0\d(?:[ .]\d\d){4}\b", joined)
    assert phones
    assert all(re.fullmatch(r"06[ .]39[ .]98[ .]\d\d[ .]\d\d", phone) for phone in phones)
    plates = re.findall(r"\b[A-Z]{2}[- ]\d{3}[- ][A-Z]{2}\b", joined)
    assert plates
    assert not any(set(plate) & set("IOU") for plate in plates)
    assert re.search(r"La plaque (commence|finit) par", joined)  # partial plates too


def test_later_witnesses_describe_sites_already_reported() -> None:
    exploitable = [t for t in draw(25) if t.kind == Kind.EXPLOITABLE]
    repeats = [t for t in exploitable if t.repeats_site]
    assert 0.15 * len(exploitable) < len(repeats) < 0.6 * len(exploitable)
    first_seen = {t.site_key for t in exploitable if not t.repeats_site}
    assert {t.site_key for t in repeats} <= first_seen


def test_small_villages_have_no_blocks_of_flats() -> None:
    generator = TextGenerator(3)
    texts = [
        generator.text(kind=Kind.EXPLOITABLE, commune="Mouthe", population=900) for _ in range(80)
    ]
    assert not any("hall" in t.text or "cage d'escalier" in t.text for t in texts)


def test_only_exploitable_and_urgent_texts_give_an_address() -> None:
    for text in draw(25):
        if text.kind in (Kind.VAGUE, Kind.NUISANCE, Kind.OUT_OF_SCOPE):
            assert text.address == "" and text.offset_m is None
        elif text.category != Category.ONLINE:
            assert re.match(r"\d+ ", text.address)
