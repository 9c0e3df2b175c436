"""Each normalisation of what a citizen typed."""

from __future__ import annotations

import pytest

from vigie.engine.linking import normalise as n


@pytest.mark.parametrize(
    ("typed", "full", "partial"),
    [
        ("AB-123-CD", "AB-123-CD", None),
        ("ab 123 cd", "AB-123-CD", None),
        ("AB123CD", "AB-123-CD", None),
        ("ab.123.cd", "AB-123-CD", None),
        ("A8-123-CD", "AB-123-CD", None),  # a digit in a letter slot is the look-alike letter
        ("AB-12O-CD", "AB-120-CD", None),  # a letter O in a digit slot is a zero
        ("1234 ab 25", "1234 AB 25", None),
        ("1234AB25", "1234 AB 25", None),
        ("AB-12?-C?", None, "AB-12?-C?"),
        ("ab-12*-c_", None, "AB-12?-C?"),
        ("AB-1XX-CD", None, "AB-1??-CD"),
        ("AB-000-CD", None, None),
        ("bonjour", None, None),
    ],
)
def test_plates_are_canonical_whatever_the_typing(typed: str, full: str, partial: str) -> None:
    assert n.canonical_plate(typed) == (full, partial)


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("06 12 34 56 78", "+33612345678"),
        ("06.12.34.56.78", "+33612345678"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("+33 (0)6 12 34 56 78", "+33612345678"),
        ("0033612345678", "+33612345678"),
        ("612345678", "+33612345678"),
        ("12", None),
    ],
)
def test_phones_are_e164(typed: str, e164: str | None) -> None:
    assert n.canonical_phone(typed) == e164


@pytest.mark.parametrize(
    ("network", "value", "expected"),
    [
        ("snapchat", "@Menu_25", ("snapchat", "menu_25")),
        ("Snap", "menu_25 ", ("snapchat", "menu_25")),
        ("insta", "https://www.instagram.com/weedy.valence/", ("instagram", "weedy.valence")),
        ("TG", "@Frappe25_Off", ("telegram", "frappe25_off")),
        ("inconnu", "abc_def", ("other", "abc_def")),
        ("snapchat", "@", None),
    ],
)
def test_handles_are_normalised(network: str, value: str, expected: object) -> None:
    assert n.canonical_handle(network, value) == expected


@pytest.mark.parametrize("typed", ["gris", "grise", "Grise", "gray", "grey", "argentée"])
def test_colours_fold_to_one_word(typed: str) -> None:
    assert n.vehicle_from("", "", typed)[3] == "gris"


def test_make_and_model_are_read_whichever_is_given() -> None:
    assert n.vehicle_from("Voiture", "Renault Clio", "grise") == (
        "voiture",
        "renault",
        "clio",
        "gris",
    )
    assert n.vehicle_from("", "clio", "") == ("voiture", "renault", "clio", None)
    assert n.vehicle_from("", "VW Golf", "noire") == ("voiture", "volkswagen", "golf", "noir")
    assert n.vehicle_from("", "T-Max", "blanc") == ("scooter", "yamaha", "tmax", "blanc")


def test_vehicles_in_free_text_take_their_own_colour() -> None:
    text = n.fold("Un type en casquette noire monte dans une Clio grise plaque AB-123-CD")
    assert n.vehicles_in_text(text) == [("voiture", "renault", "clio", "gris")]


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("tous les soirs entre 18h et 20h", {18, 19}),
        ("de 18h à 20h30", {18, 19, 20}),
        ("18h-21h", {18, 19, 20}),
        ("vers 22h", {22}),
        ("de 22h à 2h du matin", {22, 23, 0, 1}),
        ("à partir de 15h", {15, 16, 17, 18}),
        ("le soir", {18, 19, 20, 21, 22}),
        ("la nuit", {22, 23, 0, 1, 2, 3}),
        ("un jeune de 17 ans", set()),
        ("19h30", {19}),
    ],
)
def test_hours_from_schedules(text: str, hours: set[int]) -> None:
    assert n.hours_in(n.fold(text)) == hours


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("du lundi au vendredi", {0, 1, 2, 3, 4}),
        ("le week-end", {5, 6}),
        ("le samedi soir", {5}),
        ("tous les jours", set()),
        ("les mardis et jeudis", {1, 3}),
    ],
)
def test_days_from_schedules(text: str, days: set[int]) -> None:
    assert n.days_in(n.fold(text)) == days


def test_people_tokens() -> None:
    tokens = n.person_tokens(
        n.fold("Homme, 1m85, la vingtaine, survêtement gris PSG, tatouage au cou, barbe")
    )
    assert {
        "sexe:h",
        "taille:grand",
        "age:18-25",
        "vet:survetement",
        "vet:survetement:gris",
        "marque_vet:psg",
        "marque:tatouage",
        "marque:tatouage:cou",
        "pilosite:barbe",
    } <= tokens


def test_people_tokens_never_hold_skin_colour_or_origin() -> None:
    tokens = n.person_tokens(
        n.fold("homme noir, type maghrébin, blanc, asiatique, d'origine africaine, doudoune rouge")
    )
    assert tokens == {"sexe:h", "vet:doudoune", "vet:doudoune:rouge"}
    assert not any("noir" in t or "blanc" in t for t in tokens)


def test_hair_colour_is_read_only_after_hair() -> None:
    assert "cheveux:noir" in n.person_tokens(n.fold("femme aux cheveux noirs longs"))
    assert "cheveux:longs" in n.person_tokens(n.fold("femme aux cheveux noirs longs"))


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("hall", "hall"),
        ("Entrée d'immeuble", "hall"),
        ("cage_escalier", "cage_escalier"),
        ("parking", "parking"),
        ("Quartier", "quartier"),
        ("n'importe", None),
    ],
)
def test_place_kinds(typed: str, kind: str | None) -> None:
    assert n.canonical_place_kind(typed) == kind


def test_addresses() -> None:
    assert n.canonical_address("12, Av. de la République, 25000 Besançon") == "12 avenue republique"
    assert n.canonical_address("12 avenue de la republique") == "12 avenue republique"
    assert n.canonical_address("3 bis bd Charles de Gaulle") == "3 boulevard charles gaulle"
