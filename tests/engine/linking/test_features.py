"""features_from: the analysis output and the structured report, normalised together."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from vigie.engine.analysis import analyse
from vigie.engine.linking import features_from
from vigie.engine.linking.types import Features, Vehicle

WHEN = datetime(2026, 11, 20, 20, 0, tzinfo=UTC)


def feats(text: str, report: dict[str, Any] | None = None) -> Features:
    report = {"description": text, **(report or {})}
    return features_from(
        key="k",
        received_at=WHEN,
        analysis=analyse(text, report).to_dict(),
        report=report,
        departement="25",
        commune=None,
    )


def test_identifiers_only_in_the_free_text_are_read() -> None:
    f = feats(
        "Ça deale devant le hall, une Clio grise plaque ab 123 cd, commande au 06 12 34 56 78, "
        "le compte snap @Menu_25."
    )
    assert f.plates == {"AB-123-CD"}
    assert f.phones == {"+33612345678"}
    assert ("snapchat", "menu_25") in f.handles
    assert f.vehicles == (Vehicle("voiture", "renault", "gris", "AB-123-CD", "clio"),)
    assert f.place_kind == "hall"


def test_structured_fields_are_normalised_and_win() -> None:
    f = feats(
        "Trafic au pied de l'immeuble.",
        {
            "category": "point_de_deal",
            "location": {
                "lat": 47.24,
                "lon": 6.02,
                "address": "12, Av. de la République",
                "commune": "25056",
                "place_kind": "parking",
            },
            "schedule": "tous les soirs entre 18h et 20h",
            "vehicles": [
                {"kind": "Voiture", "make": "renault clio", "colour": "Grise", "plate": "ab-12?-c?"}
            ],
            "identifiers": [
                {"kind": "phone", "value": "+33 6 12 34 56 78"},
                {"kind": "insta", "value": "@Weedy.Valence"},
            ],
            "people": [{"description": "homme, 1m85, survêtement gris, tatouage au cou"}],
        },
    )
    assert f.point == (47.24, 6.02) and f.commune == "25056" and f.place_kind == "parking"
    assert f.address == "12 avenue republique"
    assert f.category == "point_de_deal"
    assert f.partial_plates == {"AB-12?-C?"}
    assert f.vehicles[0] == Vehicle("voiture", "renault", "gris", "AB-12?-C?", "clio")
    assert f.phones == {"+33612345678"}
    assert ("instagram", "weedy.valence") in f.handles
    assert f.hours == {18, 19}
    assert {"sexe:h", "taille:grand", "vet:survetement:gris", "marque:tatouage:cou"} <= f.people[0]


def test_look_alike_typed_in_the_wrong_slot_is_read_back() -> None:
    assert feats("Une voiture noire, plaque A8-123-CD, passe tous les soirs.").plates == {
        "AB-123-CD"
    }


def test_partial_plate_known_in_full_on_the_same_report_is_the_full_one() -> None:
    f = feats("Plaque AB-123-CD.", {"vehicles": [{"plate": "AB-12?-C?"}]})
    assert f.plates == {"AB-123-CD"} and not f.partial_plates


def test_hours_from_schedule_and_observed_time_in_local_time() -> None:
    f = feats("Ça vend.", {"observed_at": "2026-11-20T21:30:00+00:00"})  # 22h30 in Paris
    assert f.hours == {22}
    g = feats("Ça vend vers 22h le samedi.")
    assert g.hours == {22} and g.days == {5}


def test_people_from_the_free_text_never_hold_origin() -> None:
    f = feats("Un homme maghrébin, la vingtaine, doudoune rouge, cheveux rasés, fait le guet.")
    assert f.people == (
        frozenset({"sexe:h", "age:18-25", "vet:doudoune", "vet:doudoune:rouge", "cheveux:rases"}),
    )


def test_malformed_input_is_ignored_not_fatal() -> None:
    f = features_from(
        key="k",
        received_at=WHEN,
        analysis={"entities": {"plates": [3, None], "handles": ["x"], "phones": "no"}},
        report={
            "location": {"lat": "47", "lon": float("nan")},
            "vehicles": "x",
            "people": [None],
            "observed_at": "hier",
            "identifiers": [{"kind": 1}],
        },
        departement=None,
        commune=None,
    )
    assert f.point is None and not f.plates and not f.vehicles and not f.hours
