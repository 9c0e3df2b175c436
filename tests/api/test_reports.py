"""POST /api/v1/reports: idempotent creation and precise refusals, never a 5xx."""

from __future__ import annotations

import json

import pytest
from django.conf import settings

from tests.api.conftest import errors_of, post_json, report_payload
from vigie.reports.models import Report
from vigie.reports.selectors import report_by_receipt, report_content

URL = "/api/v1/reports"


def test_a_report_is_created_with_its_receipt_and_analysis(api) -> None:
    response = post_json(api, URL, report_payload())

    assert response.status_code == 201
    body = response.json()
    assert body["reference"].startswith("VG-")
    assert body["secret_shown"] is True
    assert body["triage"] == "exploitable"
    assert 0 <= body["score"] <= 100
    assert isinstance(body["missing"], list)
    assert body["status_url"] == f"/api/v1/reports/{body['reference']}/status"
    report = report_by_receipt(reference=body["reference"], secret=body["secret"])
    assert report is not None
    assert report.commune_id == "25056"
    assert report.departement_id == "25"
    assert report.source == "api"
    content = report_content(report)
    assert content.vehicles[0].plate == "AB-12?-CD"
    assert content.identifiers[0].value == "menu_25"
    assert content.risks == ("enfants",)


def test_a_retry_with_the_same_submission_id_returns_the_same_report_without_the_secret(
    api,
) -> None:
    payload = report_payload()
    first = post_json(api, URL, payload)
    retry = post_json(api, URL, payload)

    assert (first.status_code, retry.status_code) == (201, 200)
    assert retry.json()["reference"] == first.json()["reference"]
    assert retry.json()["secret"] is None
    assert retry.json()["secret_shown"] is False
    assert "une fois" in retry.json()["notice"]
    assert Report.objects.filter(submission_id=payload["submission_id"]).count() == 1


def test_without_submission_id_each_post_is_a_new_report(api) -> None:
    payload = report_payload()
    del payload["submission_id"]
    assert post_json(api, URL, payload).status_code == 201
    assert post_json(api, URL, payload).status_code == 201
    assert Report.objects.count() == 2


def test_a_commune_may_be_given_by_name_or_postcode(api) -> None:
    for commune in ("Dole", "25000", "Besançon", "Paris", "Dole (39)"):
        location = {"commune": commune}
        response = post_json(api, URL, report_payload(location=location))
        assert response.status_code == 201, (commune, response.json())


def test_a_point_alone_places_the_report_in_its_departement_and_commune(api) -> None:
    """The commune whose outline holds the point: the cell's map and figures per commune and
    the units' jurisdiction go by commune (a point alone used to leave it empty)."""
    response = post_json(api, URL, report_payload(location={"lat": 47.0925, "lon": 5.4897}))
    assert response.status_code == 201
    made = Report.objects.select_related("commune").get(reference=response.json()["reference"])
    assert made.departement_id == "39"
    assert made.commune is not None and (made.commune.code, made.commune.name) == ("39198", "Dole")


def test_malformed_json_is_a_400_with_its_position(api) -> None:
    response = api.post(URL, data='{"category": "point_de_deal",', content_type="application/json")
    assert response.status_code == 400
    [error] = errors_of(response)
    assert error["code"] == "malformed_json"
    assert "ligne 1" in error["message"]


@pytest.mark.parametrize("body", ["[]", '"texte"', "42", "null"])
def test_a_json_body_that_is_not_an_object_is_refused(api, body: str) -> None:
    response = api.post(URL, data=body, content_type="application/json")
    assert response.status_code in (400, 422)
    assert errors_of(response)


def test_invalid_utf8_and_lone_surrogates_are_refused(api) -> None:
    raw = api.post(URL, data=b'{"description": "\xff\xfe"}', content_type="application/json")
    lone = api.post(URL, data='{"description": "\\ud800"}', content_type="application/json")
    assert (raw.status_code, lone.status_code) == (400, 400)


def test_wrong_types_name_the_field(api) -> None:
    payload = report_payload(
        location={"lat": "nord", "lon": 6.0, "commune": "25056"},
        people="un homme",
        category="cambriolage",
    )
    response = post_json(api, URL, payload)

    assert response.status_code == 422
    fields = {error["field"]: error for error in errors_of(response)}
    assert set(fields) >= {"location.lat", "people", "category"}
    assert "point_de_deal" in fields["category"]["message"]
    assert all(error["message"] for error in fields.values())


def test_missing_required_fields_are_listed(api) -> None:
    response = post_json(api, URL, {})
    assert response.status_code == 422
    assert {(e["field"], e["code"]) for e in errors_of(response)} >= {
        ("category", "missing"),
        ("description", "missing"),
    }


def test_an_empty_body_is_refused_with_the_missing_fields(api) -> None:
    response = api.post(URL, data="", content_type="application/json")
    assert response.status_code == 422


def test_a_blank_description_is_refused(api) -> None:
    response = post_json(api, URL, report_payload(description="   "))
    assert response.status_code == 422
    assert errors_of(response)[0]["field"] == "description"


def test_a_nested_error_gives_the_full_path(api) -> None:
    payload = report_payload(identifiers=[{"kind": "snapchat", "value": "ok"}, {"kind": "fax"}])
    response = post_json(api, URL, payload)
    assert response.status_code == 422
    assert {e["field"] for e in errors_of(response)} == {
        "identifiers.1.kind",
        "identifiers.1.value",
    }


def test_a_description_over_the_limit_is_refused(api) -> None:
    payload = report_payload(description="a" * (settings.REPORT_TEXT_MAX_LENGTH + 1))
    response = post_json(api, URL, payload)
    assert response.status_code == 422
    [error] = errors_of(response)
    assert (error["field"], error["code"]) == ("description", "string_too_long")
    assert str(settings.REPORT_TEXT_MAX_LENGTH) in error["message"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("people", [{"description": "x"}] * 21),
        ("vehicles", [{"plate": "AB-123-CD"}] * 21),
        ("identifiers", [{"kind": "phone", "value": "0639980000"}] * 31),
        ("schedule", "s" * 501),
        ("vehicles", [{"make": "m" * 201}]),
    ],
)
def test_too_many_items_or_overlong_strings_are_refused(api, field: str, value: object) -> None:
    response = post_json(api, URL, report_payload(**{field: value}))
    assert response.status_code == 422
    assert errors_of(response)[0]["field"].startswith(field)


def test_a_body_over_the_limit_is_a_413(api) -> None:
    response = api.post(
        URL, data='{"description": "' + "a" * 300_000 + '"}', content_type="application/json"
    )
    assert response.status_code == 413
    assert errors_of(response)[0]["code"] == "body_too_large"


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_a_body_that_is_not_declared_json_is_a_415(api, content_type: str) -> None:
    response = api.post(URL, data=json.dumps(report_payload()), content_type=content_type)
    assert response.status_code == 415
    assert errors_of(response)[0]["code"] == "unsupported_media_type"


def test_an_unknown_commune_is_named_in_the_message(api) -> None:
    payload = report_payload(location={"commune": "Besanssson"})
    response = post_json(api, URL, payload)
    assert response.status_code == 422
    [error] = errors_of(response)
    assert (error["field"], error["code"]) == ("location.commune", "unknown_commune")
    assert "« Besanssson »" in error["message"]
    assert Report.objects.count() == 0


def test_an_ambiguous_commune_lists_the_candidates(api) -> None:
    response = post_json(api, URL, report_payload(location={"commune": "Saint-Denis"}))
    assert response.status_code == 422
    [error] = errors_of(response)
    assert error["code"] == "ambiguous_commune"
    codes = {candidate["code"] for candidate in error["candidates"]}
    assert {"93066", "97411"} <= codes


def test_a_point_outside_france_is_refused(api) -> None:
    response = post_json(api, URL, report_payload(location={"lat": 51.5072, "lon": -0.1276}))
    assert response.status_code == 422
    assert errors_of(response)[0]["code"] == "outside_france"


def test_half_a_point_is_refused(api) -> None:
    response = post_json(api, URL, report_payload(location={"lat": 47.2, "commune": "25056"}))
    assert response.status_code == 422
    assert errors_of(response)[0]["field"] == "location"


def test_a_report_needs_a_place(api) -> None:
    response = post_json(api, URL, report_payload(location=None))
    assert response.status_code == 422
    assert errors_of(response)[0]["code"] == "place_required"


def test_the_api_needs_no_csrf_token_and_sets_no_cookie(api) -> None:
    # `api` enforces CSRF checks like production; no cookie either way.
    response = post_json(api, URL, report_payload())
    assert response.status_code == 201
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert not api.cookies


def test_unknown_extra_fields_are_accepted_and_ignored(api) -> None:
    response = post_json(api, URL, report_payload(mood="inquiet", location={"commune": "25056"}))
    assert response.status_code == 201


def test_an_insee_code_wins_over_the_same_digits_as_a_postcode(api) -> None:
    # 67500 is Urmatt's INSEE code and the postcode of Haguenau and its neighbours.
    response = post_json(api, URL, report_payload(location={"commune": "67500"}))
    assert response.status_code == 201
    assert Report.objects.get(reference=response.json()["reference"]).commune_id == "67500"


def test_a_point_far_from_its_commune_is_refused_unless_confirmed(api) -> None:
    # A point in Bourges (Cher) with the commune Besançon must never reach the Doubs silently.
    location = {"lat": 47.081, "lon": 2.399, "commune": "25056"}
    response = post_json(api, URL, report_payload(location=location))
    assert response.status_code == 422
    (error,) = errors_of(response)
    assert error["field"] == "location.commune"
    assert error["code"] == "point_far_from_commune"
    assert "Besançon (25)" in error["message"] and "Bourges (18)" in error["message"]
    assert not Report.objects.exists()
    confirmed = post_json(api, URL, report_payload(location={**location, "point_confirmed": True}))
    assert confirmed.status_code == 201
    assert Report.objects.get().departement_id == "25"
    # A point in the commune, or a few hundred metres outside it, is accepted as it is.
    near = {"lat": 47.262, "lon": 6.08, "commune": "25056"}
    assert post_json(api, URL, report_payload(location=near)).status_code == 201
