"""The coach (stores nothing), proof-of-work challenges and commune autocomplete."""

from __future__ import annotations

import logging

import pytest
from django.apps import apps
from django.test import override_settings

from tests.api.conftest import errors_of, post_json, report_payload

URL = "/api/v1/analyse"


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_the_coach_stores_and_logs_nothing(api, caplog) -> None:
    before = _row_counts()
    text = "COACH-CANARY le vendeur est là tous les soirs devant le hall B"
    with caplog.at_level(logging.DEBUG):
        response = post_json(api, URL, report_payload(description=text))
    assert response.status_code == 200
    assert _row_counts() == before
    assert "COACH-CANARY" not in caplog.text
    assert not response.cookies


def test_the_coach_says_what_is_missing_in_french(api) -> None:
    response = post_json(api, URL, {"description": "il y a du trafic dans mon quartier"})
    assert response.status_code == 200
    body = response.json()
    assert body["triage"] == "vague"
    codes = {item["code"] for item in body["missing"]}
    assert "lieu_precis" in codes
    place = next(item for item in body["missing"] if item["code"] == "lieu_precis")
    assert place["label"] == "lieu précis"
    assert place["hint"].startswith("Indiquez")
    assert body["guidance"] is None


def test_an_emergency_gets_the_numbers_to_call(api) -> None:
    text = "Un homme vient de sortir un couteau devant le hall, il menace deux jeunes en ce moment"
    body = post_json(api, URL, {"description": text}).json()
    assert body["triage"] == "urgence"
    assert body["guidance"]["kind"] == "emergency"
    numbers = {(n["number"], n["sms"]) for n in body["guidance"]["numbers"]}
    assert numbers == {("17", False), ("112", False), ("114", True)}
    assert "17" in body["guidance"]["message"]


def test_a_nuisance_is_redirected_to_the_17_or_the_town_hall(api) -> None:
    text = (
        "Des jeunes font du bruit tous les soirs sur le parking, musique à fond jusqu'à 2h du "
        "matin, c'est insupportable."
    )
    body = post_json(api, URL, {"description": text}).json()
    assert body["triage"] == "tranquillite"
    assert body["guidance"]["kind"] == "nuisance"
    assert [n["number"] for n in body["guidance"]["numbers"]] == ["17"]
    assert "mairie" in body["guidance"]["message"]


def test_every_field_of_the_coach_is_optional(api) -> None:
    assert post_json(api, URL, {}).status_code == 200


@override_settings(RATE_LIMITS={"analyse": (2, 600)})
def test_the_coach_is_rate_limited(api) -> None:
    statuses = [post_json(api, URL, {"description": "x"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


@override_settings(POW_DIFFICULTY=12)
def test_a_challenge_is_signed_and_carries_its_difficulty(api) -> None:
    response = api.get("/api/v1/challenge")
    assert response.status_code == 200
    body = response.json()
    assert body["difficulty"] == 12
    assert body["algorithm"] == "sha256-leading-zero-bits"
    assert body["expires_in"] > 0
    assert response.headers["Cache-Control"] == "no-store"
    assert api.get("/api/v1/challenge").json()["challenge"] != body["challenge"]


@pytest.mark.parametrize(
    ("query", "code"),
    [("besan", "25056"), ("25000", "25056"), ("39198", "39198"), ("Dole", "39198")],
)
def test_communes_are_found_by_name_postcode_or_code(api, query: str, code: str) -> None:
    response = api.get("/api/v1/communes", {"q": query})
    assert response.status_code == 200
    found = response.json()
    assert 1 <= len(found) <= 10
    assert found[0]["code"] == code
    # The point lets the report map centre on the commune chosen.
    assert set(found[0]) == {"code", "name", "postcodes", "departement", "lat", "lon"}
    assert -90 <= found[0]["lat"] <= 90 and -180 <= found[0]["lon"] <= 180


def test_an_empty_commune_query_finds_nothing(api) -> None:
    assert api.get("/api/v1/communes").json() == []
    assert api.get("/api/v1/communes", {"q": "x" * 5000}).status_code == 200


def test_an_unknown_route_answers_in_the_api_shape(api) -> None:
    response = post_json(api, "/api/v1/reports/VG-0000-0000/status", {})
    assert response.status_code in (401, 404, 405)
    assert response.status_code < 500
    if response.headers["Content-Type"].startswith("application/json"):
        assert errors_of(response)
