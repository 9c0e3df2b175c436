"""Identifiers and places as citizens write them: partial plates in words, a handle said aloud
or typed with other punctuation, an hour of sighting against a schedule, a street typed around
a pin that is off, a model named by its gender ("une Polo noire")."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from tests.engine.linking.helpers import BASE, car, feat, offset
from vigie.engine.linking import normalise as n
from vigie.engine.linking.batch import MemoryIndex, link_all
from vigie.engine.linking.rules import LINK_THRESHOLD, compare
from vigie.engine.linking.types import Features

TRAFIC = car("renault", "blanc", "trafic", kind="utilitaire")


@pytest.mark.parametrize(
    ("text", "partial"),
    [
        ("Plaque qui commence par FG-48.", "FG-48?-??"),
        ("plaque fini par 2TR, les gars déchargent", "??-??2-TR"),
        ("Fin de plaque 3-ZS.", "??-??3-ZS"),
        ("la Seat grise (fin de plaque CM je crois)", "??-???-CM"),
        ("la plaque finit par 45 KL", "??-?45-KL"),
        ("482 au milieu de la plaque", "??-482-??"),
        ("plaque GH-519 quelque chose", "GH-519-??"),
        ("Clio grise GB-7.. (le reste illisible)", "GB-7??-??"),
        ("fg 482 t.. camionnette blanche", "FG-482-T?"),
        ("golf noire plaque commence par GD qui tourne", "GD-???-??"),
        ("un scooter noir Yamaha TMax 'FX-390-..' distribue", "FX-390-??"),
        ("le Kangoo blanc FH-482-.. est revenu", "FH-482-??"),
        ("plaque AB-123-…", "AB-123-??"),
    ],
)
def test_partial_plates_in_words(text: str, partial: str) -> None:
    assert partial in n.partial_plates_in_text(n.fold(text))


@pytest.mark.parametrize(
    "text", ["ça commence par 18h tous les soirs", "fin de la journée vers 22h...", "je vis là"]
)
def test_no_partial_plate_without_a_plate_or_a_vehicle(text: str) -> None:
    assert n.partial_plates_in_text(n.fold(text)) == set()


def test_a_partial_plate_on_the_same_van_links_across_communes() -> None:
    full = feat(
        "a", plates={"FG-482-TR"}, vehicles=(car("renault", "blanc", "trafic", "FG-482-TR"),)
    )
    seen = feat("b", partial_plates={"??-??2-TR"}, vehicles=(TRAFIC,), category="vehicule_relais")
    link = compare(full, seen)
    assert link is not None and link.weight >= LINK_THRESHOLD
    assert "(même modèle et couleur)" in link.evidence[0]
    # Three characters alone prove nothing, nor with another vehicle.
    assert compare(full, feat("c", partial_plates={"??-??2-TR"})) is None
    other = feat("d", partial_plates={"??-??2-TR"}, vehicles=(car("peugeot", "blanc", "partner"),))
    assert compare(full, other) is None


def test_a_partial_plate_at_the_same_place_corroborates() -> None:
    a = feat("a", point=BASE, place_kind="hall", plates={"GH-519-CM"}, category="point_de_deal")
    b = feat("b", point=offset(BASE, 60, 0), place_kind="hall", partial_plates={"??-???-CM"})
    link = compare(a, b)
    assert link is not None and "partial_plate" in link.rules
    assert "place_only" not in link.rules and link.weight >= LINK_THRESHOLD


def test_the_index_finds_a_three_character_partial_with_its_vehicle() -> None:
    full = feat(
        "a", plates={"FG-482-TR"}, vehicles=(car("renault", "blanc", "trafic", "FG-482-TR"),)
    )
    seen = feat(
        "b",
        partial_plates={"??-??2-TR"},
        vehicles=(TRAFIC,),
        received_at=datetime(2026, 12, 1, tzinfo=UTC),
    )
    dossiers, _ = link_all([full, seen])
    assert frozenset({"a", "b"}) in dossiers


def test_handles_written_two_ways() -> None:
    dotted = feat("a", handles={("snapchat", "lafrappe.25")})
    squeezed = compare(dotted, feat("b", handles={("snapchat", "lafrappe25")}))
    assert squeezed is not None and squeezed.weight >= 0.9
    assert "même compte snapchat lafrappe.25 / lafrappe25 (ponctuation)" in squeezed.evidence
    spoken = feat("c", handles={("snapchat", "lafrappe")}, category="livraison")
    stem = compare(dotted, spoken)
    assert stem is not None and stem.rules[0] == "similar_handle"
    assert stem.weight < 0.9  # the letters alone need corroboration
    assert compare(feat("d", handles={("instagram", "lafrappe")}), dotted) is None


def test_a_quoted_name_next_to_a_network_is_a_handle() -> None:
    text = n.fold("D'après mon neveu c'est « la frappe », un snap de livraison.")
    assert ("snapchat", "lafrappe") in n.handles_in_text(text)
    assert n.handles_in_text(n.fold("ils ont crié « les keufs arrivent » et sont partis")) == set()


def test_two_sightings_two_hours_apart_do_not_contradict() -> None:
    a = feat("a", point=BASE, place_kind="hall", hours={20}, hours_stated=False)
    b = feat("b", point=offset(BASE, 10, 0), place_kind="hall", hours={18}, hours_stated=False)
    link = compare(a, b)
    assert link is not None and "different_hours" not in link.rules
    # Two schedules two hours apart do.
    stated = compare(feat("c", **{**_kw(a), "hours_stated": True}), feat("d", **{**_kw(b)}))
    assert stated is not None and "different_hours" in stated.rules


def _kw(f: Features) -> dict[str, object]:
    return {"point": f.point, "place_kind": f.place_kind, "hours": f.hours}


def test_a_sighting_inside_a_schedule_agrees_far_from_it_contradicts() -> None:
    schedule = feat("a", point=BASE, place_kind="hall", hours=range(17, 24))
    inside = compare(
        schedule, feat("b", point=BASE, place_kind="hall", hours={20}, hours_stated=False)
    )
    assert inside is not None and "same_hours" in inside.rules
    morning = compare(
        schedule, feat("c", point=BASE, place_kind="hall", hours={10}, hours_stated=False)
    )
    assert morning is not None and "different_hours" in morning.rules


def test_observation_hour_only_when_no_schedule_is_stated() -> None:
    from vigie.engine.linking import features_from

    when = datetime(2026, 8, 18, 7, 30, tzinfo=UTC)  # 9h30 in Paris
    report = {"description": "visites à toute heure de la nuit", "observed_at": when.isoformat()}
    f = features_from(
        key="k", received_at=when, analysis={}, report=report, departement="25", commune=None
    )
    assert f.hours_stated and 9 not in f.hours and 23 in f.hours
    bare = features_from(
        key="k",
        received_at=when,
        analysis={},
        report={"observed_at": when.isoformat()},
        departement="25",
        commune=None,
    )
    assert bare.hours == {9} and not bare.hours_stated


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("7 rue cologne", "rue cologne planoise", True),
        ("hall 7 rue cologne", "7 rue cologne", True),
        ("petit chenois", "11 rue petit chenois", True),
        ("arcades rue provence", "8 rue provence", True),
        ("rue fribourg", "rue cologne", False),
        ("avenue belfort", "rue belfort", False),
        ("besancon", "besancon", None),
        ("buis", "3 rue champagne", None),
    ],
)
def test_same_street(a: str, b: str, same: bool | None) -> None:
    assert n.same_street(a, b) is same


def test_the_typed_address_wins_over_a_pin_a_street_off() -> None:
    a = feat(
        "a",
        point=BASE,
        place_kind="hall",
        address="7 rue cologne",
        commune="25056",
        hours=range(17, 23),
    )
    b = feat(
        "b",
        point=offset(BASE, 150, 0),
        place_kind="hall",
        address="hall 7 rue cologne",
        commune="25056",
        hours={19, 20},
    )
    link = compare(a, b)
    assert link is not None and link.evidence[0] == "même adresse 7 rue cologne (150 m)"
    assert link.weight >= LINK_THRESHOLD
    # Far pins are two places whatever was typed.
    far = compare(
        a, feat("c", **{**_kw(b), "point": offset(BASE, 600, 0), "address": "7 rue cologne"})
    )
    assert far is None or "même adresse" not in " ".join(far.evidence)


def test_an_online_report_pinned_at_the_commune_has_no_place() -> None:
    a = feat("a", point=BASE, place_kind="en_ligne", hours={20}, category="en_ligne")
    b = feat("b", point=offset(BASE, 20, 0), place_kind="rue", hours={20}, category="point_de_deal")
    assert compare(a, b) is None


@pytest.mark.parametrize(
    ("text", "model"),
    [
        ("Une Polo noire s'arrête", "polo"),
        ("golf 7 noire plaque", "golf"),
        ("un polo noir Lacoste", None),
    ],
)
def test_models_named_in_words(text: str, model: str | None) -> None:
    found = [v[2] for v in n.vehicles_in_text(n.fold(text))]
    assert (found[0] if found else None) == model


def test_a_delivery_known_by_its_phone_is_not_joined_by_place_to_a_point() -> None:
    delivery = feat(
        "a",
        point=BASE,
        place_kind="rue",
        phones={"+33769310528"},
        category="livraison",
        hours=range(18, 23),
    )
    bar = feat(
        "b",
        point=offset(BASE, 40, 0),
        place_kind="rue",
        category="point_de_deal",
        hours=range(18, 23),
    )
    link = compare(delivery, bar)
    assert link is not None and "mobile_by_place" in link.rules
    assert link.weight < LINK_THRESHOLD
    # Two deliveries at the same stop, same hours: no such objection.
    other = feat(
        "c", point=offset(BASE, 40, 0), place_kind="rue", category="livraison", hours=range(18, 23)
    )
    same_kind = compare(delivery, other)
    assert same_kind is not None and "mobile_by_place" not in same_kind.rules


def test_the_same_floor_of_one_building_corroborates() -> None:
    a = feat(
        "a",
        point=BASE,
        place_kind="logement",
        address="18 rue moulin parnet",
        floors={2},
        category="stockage",
    )
    b = feat(
        "b", point=offset(BASE, 20, 0), place_kind="cage_escalier", floors={2}, category="stockage"
    )
    link = compare(a, b)
    assert link is not None and "même étage (2e)" in link.evidence and link.weight >= LINK_THRESHOLD
    other = compare(a, feat("c", point=offset(BASE, 20, 0), place_kind="cage_escalier", floors={4}))
    assert other is not None and "different_floor" in other.rules and other.weight < LINK_THRESHOLD


@pytest.mark.parametrize(
    ("text", "floors"),
    [
        ("l'appartement du 2e étage porte gauche", {2}),
        ("ça vient du 2ème", {2}),
        ("au rez-de-chaussée", {0}),
        ("c'est la 2e fois que je signale", set()),
    ],
)
def test_floors_in_words(text: str, floors: set[int]) -> None:
    assert n.floors_in(n.fold(text)) == floors


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("ils ont muré le hall du 11", "11"),
        ("dans la cage d'escalier du 18, ça vient du 2ème", "18"),
        ("ca deal h24 au 7 rue de cologne", "7"),
        ("le hall à 18h", None),
        ("ils ont 16 ans", None),
    ],
)
def test_building_number_in_words(text: str, number: str | None) -> None:
    assert n.number_in_text(n.fold(text)) == number


def test_the_text_completes_a_typed_address() -> None:
    from vigie.engine.linking import features_from

    when = datetime(2026, 9, 17, 8, 0, tzinfo=UTC)

    def address(description: str, typed: str) -> str | None:
        report = {"description": description, "location": {"address": typed}}
        f = features_from(
            key="k", received_at=when, analysis={}, report=report, departement="25", commune=None
        )
        return f.address

    assert (
        address("Ils ont fermé le hall du 11.", "Petit-Chênois, Petite-Hollande")
        == "11 petit chenois"
    )
    assert address(
        "Le point de deal sous les arcades de la rue de Provence fait fuir mes clients",
        "Les Champs-Montants, Audincourt",
    ).startswith("rue provence")
    assert address("Au 4, ça vend.", "12 rue de Dole") == "12 rue dole"


def test_a_nickname_and_a_dog_describe_a_seller() -> None:
    a = n.person_tokens(n.fold("un dealer que tout le monde appelle Tito, il a un pitbull gris"))
    b = n.person_tokens(n.fold("le gars récupère l'argent du vendeur « Tito »"))
    assert "surnom:tito" in a and "surnom:tito" in b and "chien:pitbull" in a
    assert not any(t.startswith("surnom:") for t in n.person_tokens(n.fold("on appelle la police")))


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("en fin d'après-midi", range(16, 20)),
        ("le mercredi après-midi", range(13, 18)),
        ("de 14 à 22h", range(14, 22)),
        ("après 20h", range(20, 24)),
        ("18h/23h", range(18, 23)),
        ("à l'heure du déjeuner", (12, 13)),
        ("il a entre 16 et 18 ans", ()),
    ],
)
def test_hours_in_citizens_words(text: str, hours: range | tuple[int, ...]) -> None:
    assert n.hours_in(n.fold(text)) == set(hours)


def test_a_helmet_lends_its_colour_to_no_scooter() -> None:
    found = n.vehicles_in_text(n.fold("Le vendeur au TMax est revenu, casque blanc et rouge"))
    assert found == [("scooter", "yamaha", "tmax", None)]


SELLER = {"vet:doudoune", "vet:doudoune:orange", "marque_vet:northface", "sexe:h"}


def test_a_mobile_seller_known_by_his_scooter_and_his_clothes() -> None:
    tmax = car("yamaha", "noir", "tmax", kind="scooter")
    a = feat("a", point=BASE, category="vendeur_mobile", vehicles=(tmax,), people=[SELLER])
    b = feat(
        "b",
        point=offset(BASE, 6000, 0),
        category="vendeur_mobile",
        vehicles=(car("yamaha", None, "tmax", kind="scooter"),),
        people=[SELLER | {"taille:grand"}],
    )
    link = compare(a, b)
    assert link is not None and link.rules[0] == "same_signature"
    assert link.weight >= LINK_THRESHOLD
    # Not for a point of sale, nor without the description, nor across the region.
    assert compare(replace(a, category="point_de_deal"), b) is None
    assert compare(replace(a, people=()), b) is None
    assert compare(a, replace(b, point=offset(BASE, 40_000, 0))) is None
    dossiers, _ = link_all([a, replace(b, received_at=datetime(2026, 12, 1, tzinfo=UTC))])
    assert frozenset({"a", "b"}) in dossiers


def test_a_report_filed_from_elsewhere_names_the_street_of_the_point() -> None:
    from vigie.engine.linking import features_from

    when = datetime(2026, 10, 2, 17, 0, tzinfo=UTC)
    report = {
        "description": "Je tiens un commerce avenue de l'Île-de-France. Les clients vont rue de "
        "Cologne, dans le hall, tous les soirs de 18h à 22h.",
        "location": {"address": "avenue de l'Île-de-France, Besançon", "place_kind": "commerce"},
    }
    shop = features_from(
        key="s", received_at=when, analysis={}, report=report, departement="25", commune="25056"
    )
    assert shop.address == "avenue ile france" and shop.streets_said == {"rue cologne"}
    shop = replace(shop, point=BASE)
    hall = feat(
        "h",
        point=offset(BASE, 200, 0),
        place_kind="hall",
        address="7 rue cologne",
        commune="25056",
        hours=range(18, 22),
    )
    link = compare(shop, hall)
    assert link is not None and "le signalement nomme rue cologne (200 m)" in link.evidence
    assert "other_street" not in link.rules
    # Found through the street it names even when its pin is farther than its own radius.
    index = MemoryIndex()
    index.add(hall)
    assert "h" in index.candidates(replace(shop, point=offset(BASE, 0, 390)))


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("un homme en survêtement de l'OM", "marque_vet:om"),
        ("une jeune femme seule avec un bébé", "accessoire:bebe"),
        ("un gars en fauteuil", "mobilite:fauteuil"),
        ("une boucle d'oreille", "marque:piercing"),
    ],
)
def test_people_in_citizens_words(text: str, token: str) -> None:
    assert token in n.person_tokens(n.fold(text))


def test_a_handle_said_aloud_links_within_a_departement_only() -> None:
    dotted = feat("a", handles={("snapchat", "lafrappe.25")}, point=BASE)
    spoken = feat("b", handles={("snapchat", "lafrappe")}, point=offset(BASE, 20_000, 0))
    assert compare(dotted, spoken) is not None
    assert compare(dotted, replace(spoken, departement="59")) is None
    assert compare(dotted, replace(spoken, point=offset(BASE, 200_000, 0))) is None


def test_a_word_and_a_number_are_no_truncated_plate() -> None:
    assert (
        n.partial_plates_in_text(n.fold("la voiture garée devant le 18... tous les soirs")) == set()
    )
