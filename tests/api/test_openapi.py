"""The OpenAPI document at /api/v1/openapi.json: complete, self-consistent, CDN-free."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import errors_of, post_json, report_payload

ENDPOINTS = {
    ("post", "/api/v1/reports"): {200, 201, 400, 403, 413, 415, 422, 429},
    ("get", "/api/v1/reports/{reference}/status"): {200, 401, 404, 429},
    ("post", "/api/v1/reports/{reference}/messages"): {201, 400, 401, 404, 413, 415, 422, 429},
    ("post", "/api/v1/reports/{reference}/attachments"): {201, 401, 404, 413, 415, 422, 429},
    ("post", "/api/v1/analyse"): {200, 400, 413, 415, 422, 429},
    ("get", "/api/v1/challenge"): {200},
    ("get", "/api/v1/communes"): {200},
}
RECEIPT_ENDPOINTS = {path for (_method, path) in ENDPOINTS if "{reference}" in path}


@pytest.fixture
def document(api) -> dict[str, Any]:
    response = api.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    return response.json()


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []


def test_the_document_lists_every_endpoint_with_its_answers(document) -> None:
    assert document["openapi"].startswith("3.")
    assert document["info"]["version"] == "1"
    operations = {
        (method, path): operation
        for path, item in document["paths"].items()
        for method, operation in item.items()
    }
    assert set(operations) == set(ENDPOINTS)
    for key, statuses in ENDPOINTS.items():
        operation = operations[key]
        assert {int(status) for status in operation["responses"]} == statuses, key
        assert operation["operationId"] and operation["summary"]
        for status, answer in operation["responses"].items():
            schema = answer["content"]["application/json"]["schema"]
            if int(status) >= 400:
                assert schema == {"$ref": "#/components/schemas/ErrorsOut"}, key


def test_request_bodies_are_described(document) -> None:
    paths = document["paths"]
    report = paths["/api/v1/reports"]["post"]["requestBody"]["content"]["application/json"]
    assert report["schema"] == {"$ref": "#/components/schemas/ReportIn"}
    schema = document["components"]["schemas"]["ReportIn"]
    assert {"category", "description"} <= set(schema["required"])
    assert {
        "submission_id",
        "location",
        "observed_at",
        "schedule",
        "people",
        "vehicles",
        "identifiers",
        "risks",
        "contact",
        "pow",
    } <= set(schema["properties"])
    attachment = paths["/api/v1/reports/{reference}/attachments"]["post"]["requestBody"]
    multipart = attachment["content"]["multipart/form-data"]["schema"]
    assert multipart["properties"]["file"]["format"] == "binary"


def test_every_reference_resolves(document) -> None:
    schemas = document["components"]["schemas"]
    for ref in _refs(document):
        assert ref.startswith("#/components/schemas/")
        assert ref.rsplit("/", 1)[1] in schemas, ref


def test_receipt_endpoints_declare_the_receipt_scheme(document) -> None:
    scheme = document["components"]["securitySchemes"]["ReceiptAuth"]
    assert scheme["type"] == "http"
    assert scheme["scheme"] == "Receipt"
    for path, item in document["paths"].items():
        for operation in item.values():
            expected = [{"ReceiptAuth": []}] if path in RECEIPT_ENDPOINTS else None
            assert operation.get("security") == expected, path


def test_no_docs_page_loads_anything_from_a_cdn(api) -> None:
    assert api.get("/api/v1/docs").status_code == 404


# Issue 12 finding 12: the document says what the server enforces, case by case, each pair
# checked on both sides (the schema's words and the server's answer to the same body).
LIST_FIELDS = ("people", "vehicles", "identifiers", "risks")


def _allows_null(property_schema: dict[str, Any]) -> bool:
    return {"type": "null"} in property_schema.get("anyOf", [])


@pytest.mark.parametrize("field", LIST_FIELDS)
def test_a_null_list_is_declared_as_accepted_and_is_accepted(api, document, field) -> None:

    for name in ("StructuredReport", "ReportIn"):
        assert _allows_null(document["components"]["schemas"][name]["properties"][field]), name
    assert post_json(api, "/api/v1/analyse", {"description": "x", field: None}).status_code == 200
    assert post_json(api, "/api/v1/reports", report_payload(**{field: None})).status_code == 201


def test_a_point_is_given_whole_in_the_schema_as_on_the_server(api, document) -> None:

    location = document["components"]["schemas"]["LocationIn"]
    whole, absent = location["anyOf"]
    assert whole == {
        "required": ["lat", "lon"],
        "properties": {"lat": {"type": "number"}, "lon": {"type": "number"}},
    }
    assert absent == {"properties": {"lat": {"type": "null"}, "lon": {"type": "null"}}}
    for half in ({"lat": 47.2}, {"lon": 6.0}, {"lat": 47.2, "lon": None}):
        response = post_json(api, "/api/v1/analyse", {"description": "x", "location": half})
        assert response.status_code == 422, half
        assert errors_of(response)[0]["field"] == "location"
    both = {"description": "x", "location": {"lat": 47.24, "lon": 6.02}}
    assert post_json(api, "/api/v1/analyse", both).status_code == 200


def test_a_report_needs_a_place_in_the_schema_as_on_the_server(api, document) -> None:

    schema = document["components"]["schemas"]["ReportIn"]
    assert "location" in schema["required"]
    ref, place = schema["properties"]["location"]["allOf"]
    assert ref == {"$ref": "#/components/schemas/LocationIn"}
    assert [option["required"] for option in place["anyOf"]] == [["commune"], ["lat", "lon"]]
    assert place["anyOf"][0]["properties"]["commune"]["pattern"] == "\\S"
    # The analysis (the form's coach) reads reports without a place: not required there.
    assert "location" not in document["components"]["schemas"]["StructuredReport"].get(
        "required", []
    )
    for location in (None, {}, {"commune": "   "}, {"address": "12 rue de Dole"}):
        response = post_json(api, "/api/v1/reports", report_payload(location=location))
        assert response.status_code == 422, location
        assert errors_of(response)[0]["code"] == "place_required", location
