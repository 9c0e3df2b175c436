"""Failure classes of the Gironde round: a plate cut short with dashes and dots, a partial plate
that cannot be a look-alike's full plate, a citizen saying the facts are no drug trade."""

from __future__ import annotations

import pytest

from tests.engine.linking.helpers import BASE, car, feat, offset
from vigie.engine.linking import normalise as n
from vigie.engine.linking.cluster import cluster
from vigie.engine.linking.rules import LINK_THRESHOLD, compare

KANGOO = car("renault", "blanc", "kangoo", kind="utilitaire")


def test_a_partial_plate_that_cannot_be_the_lookalikes_plate_vetoes_the_join() -> None:
    seen = feat("a", point=BASE, place_kind="parking", hours={23}, category="vehicule_relais",
                partial_plates={"??-?82-KX"}, vehicles=(KANGOO,))  # fmt: skip
    decoy_van = car("renault", "blanc", "kangoo", plate="GB-316-LN", kind="utilitaire")
    decoy = feat("d", point=offset(BASE, 60, 0), place_kind="rue", hours={23},
                 category="vehicule_relais", plates={"GB-316-LN"},
                 vehicles=(decoy_van,))  # fmt: skip
    link = compare(seen, decoy)
    assert link is not None and "lookalike_vehicle" in link.rules
    assert link.weight < LINK_THRESHOLD
    assert any("??-?82-KX / GB-316-LN" in e for e in link.evidence)
    # The same van with a plate the partial may be is no look-alike.
    same_van = car("renault", "blanc", "kangoo", plate="FH-482-KX", kind="utilitaire")
    same = feat("s", point=offset(BASE, 60, 0), place_kind="rue", hours={23},
                category="vehicule_relais", plates={"FH-482-KX"}, vehicles=(same_van,))  # fmt: skip
    ok = compare(seen, same)
    assert ok is not None and "lookalike_vehicle" not in ok.rules and ok.weight >= LINK_THRESHOLD
    assert set(cluster(["a", "d", "s"], [link, ok])) == {frozenset({"d"}), frozenset({"a", "s"})}


def test_another_colour_or_model_is_no_lookalike_of_a_partial_plate() -> None:
    seen = feat("a", point=BASE, partial_plates={"??-?82-KX"}, vehicles=(KANGOO,))
    grey = car("renault", "gris", "kangoo", plate="GB-316-LN", kind="utilitaire")
    other = feat("d", point=offset(BASE, 60, 0), plates={"GB-316-LN"}, vehicles=(grey,))
    link = compare(seen, other)
    assert link is None or "lookalike_vehicle" not in link.rules


@pytest.mark.parametrize(
    ("text", "denies"),
    [
        ("Ce n'est pas de la drogue mais c'est invivable.", True),
        ("Pas de rapport avec la drogue je pense mais c'est tous les samedis.", True),
        ("Rien à voir avec le trafic, ils font juste du bruit.", True),
        ("Je ne sais pas si c'est de la drogue mais ça y ressemble.", False),
        ("C'est de la drogue, j'en suis sûre.", False),
    ],
)
def test_a_citizen_saying_it_is_no_drug_trade(text: str, denies: bool) -> None:
    assert n.denies_trade(n.fold(text)) is denies
