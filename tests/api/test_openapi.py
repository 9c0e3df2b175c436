"""The OpenAPI document at /api/v1/openapi.json: complete, self-consistent, CDN-free."""

from __future__ import annotations

from typing import Any

import pytest

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
