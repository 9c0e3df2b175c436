"""Each link rule, its weight and its French explanation."""

from __future__ import annotations

import math

from tests.engine.linking.helpers import BASE, car, feat, offset
from vigie.engine.linking.rules import LINK_THRESHOLD, compare, explain, partial_info

EVENING = {18, 19, 20}
MORNING = {8, 9, 10}


def linked(a, b) -> bool:  # type: ignore[no-untyped-def]
    link = compare(a, b)
    return link is not None and link.weight >= LINK_THRESHOLD


def test_same_plate_links_anywhere() -> None:
    a = feat("a", plates={"AB-123-CD"}, point=BASE)
    b = feat("b", plates={"AB-123-CD"}, point=offset(BASE, 5000, 0))
    link = compare(a, b)
    assert link is not None and link.weight > 0.95
    assert link.rules == ("same_plate",)
    assert link.evidence == ("même plaque AB-123-CD",)


def test_same_phone_and_same_handle_link() -> None:
    assert linked(feat("a", phones={"+33612345678"}), feat("b", phones={"+33612345678"}))
    a = feat("a", handles={("snapchat", "menu_25")})
    assert linked(a, feat("b", handles={("snapchat", "menu_25")}))


def test_same_handle_on_another_network_is_weaker_and_needs_more() -> None:
    a = feat("a", handles={("snapchat", "menu_25")})
    b = feat("b", handles={("telegram", "menu_25")})
    link = compare(a, b)
    assert link is not None and link.rules == ("same_handle_other_network",)
    assert link.weight < LINK_THRESHOLD


def test_partial_plate_compatible_with_full_plate() -> None:
    a = feat("a", partial_plates={"AB-12?-C?"}, point=BASE, place_kind="hall")
    b = feat("b", plates={"AB-123-CD"})
    link = compare(a, b)
    assert link is not None and link.weight >= LINK_THRESHOLD
    assert link.evidence[0] == "même plaque partielle AB-12?-C? compatible avec AB-123-CD"


def test_partial_plates_weighted_by_characters_known_on_both_sides() -> None:
    # PL-???-?? against P?-?29-WJ: only the P is known on both sides, which proves nothing.
    assert partial_info("PL-???-??", "P?-?29-WJ") == (math.log(23), 0, True)
    assert (
        compare(feat("a", partial_plates={"PL-???-??"}), feat("b", partial_plates={"P?-?29-WJ"}))
        is None
    )
    weights = []
    for partial in ("AB-1??-??", "AB-12?-??", "AB-12?-C?", "AB-123-C?"):
        link = compare(feat("a", partial_plates={partial}), feat("b", plates={"AB-123-CD"}))
        weights.append(link.weight if link else 0.0)
    assert weights == sorted(weights) and weights[0] < weights[-1]
    assert weights[0] < LINK_THRESHOLD <= weights[-1]


def test_incompatible_partial_does_not_link() -> None:
    assert compare(feat("a", partial_plates={"AB-12?-C?"}), feat("b", plates={"AB-153-CD"})) is None


def test_one_misread_character_is_weaker_and_needs_corroboration() -> None:
    alone = compare(feat("a", plates={"AB-123-CD"}), feat("b", plates={"AB-128-CD"}))  # 3/8
    assert alone is not None and alone.rules == ("misread_plate",)
    assert alone.weight < LINK_THRESHOLD
    assert "AB-123-CD et AB-128-CD" in alone.evidence[0]
    with_place = compare(
        feat("a", plates={"AB-123-CD"}, point=BASE, place_kind="rue"),
        feat("b", plates={"AB-128-CD"}, point=offset(BASE, 120, 0), place_kind="rue"),
    )
    assert with_place is not None and with_place.weight >= LINK_THRESHOLD
    # A difference that is no look-alike is no misread.
    assert compare(feat("a", plates={"AB-123-CD"}), feat("b", plates={"AB-124-CD"})) is None


def test_same_place_radius_depends_on_kind() -> None:
    hall_a = feat("a", point=BASE, place_kind="hall", hours=EVENING)
    hall_b = feat("b", point=offset(BASE, 25, 0), place_kind="hall", hours=EVENING)
    assert linked(hall_a, hall_b)
    far_hall = feat("b", point=offset(BASE, 220, 0), place_kind="hall", hours=EVENING)
    assert not linked(hall_a, far_hall)
    seller_a = feat("a", point=BASE, place_kind="quartier", hours=EVENING)
    seller_b = feat("b", point=offset(BASE, 220, 0), place_kind="quartier", hours=EVENING)
    assert linked(seller_a, seller_b)


def test_hours_overlap_supports_and_clash_contradicts() -> None:
    a = feat("a", point=BASE, place_kind="rue", hours=EVENING)
    same = compare(a, feat("b", point=offset(BASE, 60, 0), place_kind="rue", hours={19, 20, 21}))
    other = compare(a, feat("b", point=offset(BASE, 60, 0), place_kind="rue", hours=MORNING))
    assert same is not None and other is not None and same.weight > other.weight
    assert "same_hours" in same.rules and "different_hours" in other.rules
    assert "mêmes horaires 18h–21h" in same.evidence


def test_days_overlap() -> None:
    a = feat("a", point=BASE, place_kind="rue", days={5, 6})
    same = compare(a, feat("b", point=offset(BASE, 60, 0), place_kind="rue", days={5}))
    other = compare(a, feat("b", point=offset(BASE, 60, 0), place_kind="rue", days={1}))
    assert same is not None and other is not None and same.weight > other.weight


def test_make_and_colour_alone_never_link() -> None:
    a = feat("a", vehicles=(car("renault", "gris", "clio"),), hours=EVENING)
    b = feat("b", vehicles=(car("renault", "gris", "clio"),), hours=EVENING)
    assert compare(a, b) is None


def test_similar_vehicle_supports_a_place() -> None:
    a = feat("a", point=BASE, place_kind="parking", vehicles=(car("renault", "gris", "clio"),))
    b = feat(
        "b",
        point=offset(BASE, 80, 0),
        place_kind="parking",
        vehicles=(car("renault", "gris", "clio"),),
    )
    c = feat(
        "c",
        point=offset(BASE, 80, 0),
        place_kind="parking",
        vehicles=(car("peugeot", "blanc", "208"),),
    )
    ab, ac = compare(a, b), compare(a, c)
    assert ab is not None and ac is not None and ab.weight > ac.weight
    assert "même véhicule : Renault Clio gris" in ab.evidence


def test_similar_people_support_a_place() -> None:
    tattoo = {
        "sexe:h",
        "vet:survetement:gris",
        "vet:survetement",
        "marque:tatouage:cou",
        "marque:tatouage",
    }
    other = {"sexe:f", "cheveux:longs", "vet:doudoune:rouge", "vet:doudoune"}
    a = feat("a", point=BASE, place_kind="rue", people=[tattoo])
    b = feat("b", point=offset(BASE, 140, 0), place_kind="rue", people=[tattoo])
    c = feat("c", point=offset(BASE, 140, 0), place_kind="rue", people=[other])
    ab, ac = compare(a, b), compare(a, c)
    assert ab is not None and ab.weight >= LINK_THRESHOLD and "similar_people" in ab.rules
    assert ac is not None and ac.weight < LINK_THRESHOLD


def test_distinct_neighbouring_points_stay_apart() -> None:
    """Two points of sale 150–300 m apart, other hours, vehicles and people: no link."""
    a = feat(
        "a",
        point=BASE,
        place_kind="hall",
        category="point_de_deal",
        hours=EVENING,
        vehicles=(car("renault", "gris", "clio"),),
        people=[{"sexe:h", "vet:survetement:gris", "vet:survetement", "age:18-25"}],
    )
    for d in (150, 200, 300):
        b = feat(
            "b",
            point=offset(BASE, 0, d),
            place_kind="hall",
            category="point_de_deal",
            hours={14, 15, 16},
            vehicles=(car("peugeot", "blanc", "208"),),
            people=[{"sexe:h", "vet:doudoune:noir", "vet:doudoune", "taille:grand"}],
        )
        assert not linked(a, b), d
        b_street = feat(
            "b",
            point=offset(BASE, 0, d),
            place_kind="rue",
            hours={14, 15, 16},
            category="point_de_deal",
            vehicles=(car("peugeot", "blanc", "208"),),
            people=[{"sexe:h", "vet:doudoune:noir", "vet:doudoune", "taille:grand"}],
        )
        assert not linked(a, b_street), d


def test_point_moving_two_streets_keeps_its_phone_or_car() -> None:
    before = feat("a", point=BASE, place_kind="hall", hours=EVENING, phones={"+33612345678"})
    after = feat(
        "b",
        point=offset(BASE, 250, 150),
        place_kind="hall",
        hours={20, 21, 22},
        phones={"+33612345678"},
    )
    assert linked(before, after)
    car_before = feat("a", point=BASE, place_kind="hall", plates={"FG-456-HJ"})
    car_after = feat("b", point=offset(BASE, 250, 150), place_kind="hall", plates={"FG-456-HJ"})
    assert linked(car_before, car_after)


def test_mobile_seller_linked_by_identifiers_not_place() -> None:
    a = feat("a", point=BASE, category="vendeur_mobile", phones={"+33700000001"})
    b = feat(
        "b", point=offset(BASE, 3000, 2000), category="vendeur_mobile", phones={"+33700000001"}
    )
    assert linked(a, b)
    c = feat(
        "c", point=offset(BASE, 3000, 2000), category="vendeur_mobile", phones={"+33700000002"}
    )
    assert compare(a, c) is None


def test_evidence_reads_as_one_french_sentence() -> None:
    a = feat("a", partial_plates={"AB-12?-C?"}, point=BASE, place_kind="parking", hours=EVENING)
    b = feat(
        "b",
        plates={"AB-123-CD"},
        point=offset(BASE, 80, 0),
        place_kind="parking",
        hours={18, 19, 20, 21},
    )
    link = compare(a, b)
    assert link is not None
    assert explain(link).startswith(
        "même plaque partielle AB-12?-C? compatible avec AB-123-CD · 80 m · mêmes horaires"
    )
    assert len(link.rules) == len(link.evidence) == len(link.details)


def test_compare_is_symmetric_and_orders_keys() -> None:
    a = feat("z", plates={"AB-123-CD"})
    b = feat("a", plates={"AB-123-CD"})
    assert compare(a, b) == compare(b, a)
    link = compare(a, b)
    assert link is not None and (link.a, link.b) == ("a", "z")
