"""Failure classes of the Gironde round: a plate cut short with dashes and dots, a partial plate
that cannot be a look-alike's full plate, a citizen saying the facts are no drug trade."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.engine.linking.helpers import BASE, car, feat, offset
from vigie.engine.linking import normalise as n
from vigie.engine.linking.cluster import cluster
from vigie.engine.linking.rules import LINK_THRESHOLD, compare
from vigie.engine.linking.types import Features

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


def test_a_riders_helmet_and_its_two_colours_describe_him() -> None:
    said = n.people_in_text(n.fold("Le conducteur porte un casque blanc à bande rouge."))
    assert {"vet:casque:blanc", "vet:casque:blanc:rouge"} <= said
    assert "vet:casque:blanc:rouge" in n.people_in_text(
        n.fold("doudoune orange, casque blanc et rouge")
    )
    # Two garments, two colours: no two-coloured garment.
    assert not any(
        t.count(":") == 3 for t in n.people_in_text(n.fold("une casquette noire et un jean bleu"))
    )
    # The helmet's colour is still not the scooter's.
    assert n.vehicles_in_text(n.fold("un homme en TMax, casque blanc")) == [
        ("scooter", "yamaha", "tmax", None)
    ]


def test_two_sightings_of_a_tmax_whose_rider_wears_the_same_helmet_link() -> None:
    tmax = car("yamaha", "noir", "tmax", kind="scooter")

    def seen(key: str, text: str, north_m: float) -> Features:
        return feat(key, point=offset(BASE, north_m, 2000), category="vendeur_mobile",
                    vehicles=(tmax,), people=[n.people_in_text(n.fold(text))])  # fmt: skip

    a = seen("a", "Un homme en T-Max noir, casque blanc avec une bande rouge.", 0)
    b = seen("b", "Le conducteur du TMax porte un casque blanc à bande rouge.", 3000)
    link = compare(a, b)
    assert link is not None and "same_signature" in link.rules and link.weight >= LINK_THRESHOLD
    assert compare(a, seen("c", "Le conducteur du TMax porte un casque noir.", 3000)) is None


def test_a_number_before_the_name_of_the_typed_way() -> None:
    typed = n.canonical_address("av de laroque aubiers")
    assert n.number_in_text(n.fold("au 12 laroque ya un four"), typed) == "12"
    assert n.number_in_text(n.fold("au 12 de Laroque"), typed) == "12"
    assert n.number_in_text(n.fold("ils sont 12 dans le hall"), typed) is None
    assert n.number_in_text(n.fold("au 12 laroque"), n.canonical_address("rue Hugo")) is None


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Dans le hall du Ravel (rue Robert Schuman)", {"ravel"}),
        ("grand parc bat ravel, le type au pitbull", {"ravel"}),
        ("résidence Les Pins, bâtiment B, 3e étage", {"residence:pins", "bloc:b"}),
        ("Bâtiment A des Pins (Mérignac)", {"residence:pins", "bloc:a"}),
        ("il se bat à la sortie du bar", set()),
        ("on a fait le tour du quartier", set()),
        ("l'immeuble d'en face, bâtiment 4", {"bloc:4"}),
    ],
)
def test_buildings_named_by_their_name(text: str, names: set[str]) -> None:
    assert n.buildings_in(n.fold(text)) == names


def test_one_named_building_is_one_place_whatever_the_pins() -> None:
    a = feat("a", point=BASE, commune="33063", place_kind="hall", hours={12, 13},
             address="rue robert schuman grand parc", buildings=frozenset({"ravel"}))  # fmt: skip
    b = feat("b", point=offset(BASE, 180, 120), commune="33063", place_kind="hall",
             hours={12}, buildings=frozenset({"ravel"}))  # fmt: skip
    link = compare(a, b)
    assert link is not None and link.evidence[0] == "même bâtiment ravel (216 m)"
    assert link.weight >= LINK_THRESHOLD
    other = compare(a, replace(b, buildings=frozenset({"brahms"})))
    assert other is None or other.weight < link.weight
    # Too far apart for one building: two buildings of the same name.
    far = compare(a, replace(b, point=offset(BASE, 2000, 0)))
    assert far is None or not any("bâtiment" in e for e in far.evidence)


def test_an_evening_end_in_words() -> None:
    assert n.hours_in(n.fold("de 11 heures jusqu'à la tombée de la nuit")) == set(range(11, 21))
    assert n.hours_in(n.fold("ça tourne de midi jusqu'au soir")) == set(range(12, 21))


def test_an_identified_relay_vehicle_keeps_other_hours_at_another_stop() -> None:
    full = car("renault", "blanc", "kangoo", plate="FH-482-KX", kind="utilitaire")
    night = feat("a", point=BASE, category="vehicule_relais", hours={3, 4},
                 plates={"FH-482-KX"}, vehicles=(full,))  # fmt: skip
    dawn = feat("b", point=offset(BASE, 9000, 0), category="vehicule_relais", hours={6},
                partial_plates={"FH-4??-??"}, vehicles=(KANGOO,))  # fmt: skip
    link = compare(night, dawn)
    assert link is not None and link.weight >= LINK_THRESHOLD
    assert any("(en tournée)" in e for e in link.evidence)
    # A point of sale keeps its hours: the clash counts in full there.
    fixed = compare(
        replace(night, category="point_de_deal"), replace(dawn, category="point_de_deal")
    )
    assert fixed is not None and fixed.weight < link.weight
    assert not any("(en tournée)" in e for e in fixed.evidence)


def test_one_residence_two_buildings() -> None:
    pins_b = frozenset({"residence:pins", "bloc:b"})
    a = feat("a", point=BASE, commune="33281", place_kind="hall", hours={1}, buildings=pins_b)
    b = feat("b", point=offset(BASE, 150, 0), commune="33281", place_kind="hall", hours={1},
             buildings=pins_b)  # fmt: skip
    same = compare(a, b)
    assert same is not None and same.evidence[0].startswith("même bâtiment B (résidence pins)")
    other = compare(a, replace(b, buildings=frozenset({"residence:pins", "bloc:a"})))
    assert other is not None and "bâtiments différents (A/B, résidence pins)" in other.evidence
    assert other.weight < LINK_THRESHOLD <= same.weight
    # The residence alone counts as a street, not as one building.
    plain = compare(a, replace(b, buildings=frozenset({"residence:pins"})))
    assert plain is not None and plain.weight < same.weight
    assert "même résidence pins (150 m)" in plain.evidence
