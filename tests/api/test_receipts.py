"""Receipt-authorised endpoints: status and thread, messages; no oracle on references."""

from __future__ import annotations

import uuid

import pytest
from django.test import override_settings

from tests.api.conftest import asgi_call, errors_of, post_json
from tests.factories import AgentFactory, submitted_report
from vigie.reports.models import ReportMessage
from vigie.reports.selectors import cell_messages
from vigie.reports.services import post_cell_message


def status_url(reference: str) -> str:
    return f"/api/v1/reports/{reference}/status"


def receipt(secret: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Receipt {secret}"}


def test_the_right_secret_reads_status_history_and_the_cells_messages(api) -> None:
    submitted = submitted_report()
    post_cell_message(
        report=submitted.report, agent=AgentFactory(analyst=True), text="Merci, à quelle heure ?"
    )

    response = api.get(status_url(submitted.report.reference), **receipt(submitted.secret))

    assert response.status_code == 200
    body = response.json()
    assert body["reference"] == submitted.report.reference
    assert body["status"] == {"code": "received", "label": "Reçu"}
    assert [change["status"]["code"] for change in body["history"]] == ["received"]
    [message] = body["messages"]
    assert message["text"] == "Merci, à quelle heure ?"
    assert message["author"]["code"] == "cell"
    assert "qualification" not in body and "score" not in body  # no operational detail
    assert not response.cookies


def test_the_reference_is_read_the_way_people_type_it(api) -> None:
    submitted = submitted_report()
    typed = submitted.report.reference.lower().replace("-", " ")
    response = api.get(status_url(typed), **receipt(submitted.secret.lower()))
    assert response.status_code == 200


def test_a_wrong_secret_and_an_unknown_reference_get_the_same_answer(api) -> None:
    submitted = submitted_report()
    other = submitted_report()
    wrong_secret = api.get(status_url(submitted.report.reference), **receipt(other.secret))
    unknown = api.get(status_url("VG-0000-0000"), **receipt(other.secret))
    malformed = api.get(status_url("n-importe-quoi"), **receipt(other.secret))

    assert wrong_secret.status_code == unknown.status_code == malformed.status_code == 404
    assert wrong_secret.content == unknown.content == malformed.content
    assert errors_of(unknown)[0]["code"] == "receipt_not_found"


def test_a_missing_or_foreign_authorization_is_a_401(api) -> None:
    submitted = submitted_report()
    url = status_url(submitted.report.reference)
    assert api.get(url).status_code == 401
    bearer = api.get(url, HTTP_AUTHORIZATION=f"Bearer {submitted.secret}")
    assert bearer.status_code == 401
    assert bearer.headers["WWW-Authenticate"] == "Receipt"
    assert errors_of(bearer)[0]["code"] == "receipt_required"


@override_settings(RATE_LIMITS={"receipt_attempt": (3, 900)})
def test_wrong_secrets_are_rate_limited_per_client(api) -> None:
    submitted = submitted_report()
    statuses = [
        api.get(status_url(f"VG-0000-000{n}"), **receipt("faux")).status_code for n in range(4)
    ]
    assert statuses == [404, 404, 404, 429]
    blocked = api.get(status_url(submitted.report.reference), **receipt(submitted.secret))
    assert blocked.status_code == 429
    assert 0 < int(blocked.headers["Retry-After"]) <= 900
    assert errors_of(blocked)[0]["code"] == "rate_limited"


@override_settings(RATE_LIMITS={"receipt_attempt": (3, 900)})
def test_wrong_secrets_are_rate_limited_per_reference_but_never_the_right_one() -> None:
    submitted = submitted_report()
    url = status_url(submitted.report.reference)
    wrong = {"Authorization": "Receipt faux"}
    # Four different addresses, four buckets: only the count per reference can refuse.
    statuses = [
        asgi_call("GET", url, client_address=f"198.51.100.{n}", headers=wrong).status_code
        for n in range(4)
    ]
    assert statuses == [404, 404, 404, 429]
    right = {"Authorization": f"Receipt {submitted.secret}"}
    assert asgi_call("GET", url, client_address="198.51.100.9", headers=right).status_code == 200


def test_clients_at_different_addresses_are_counted_apart() -> None:
    with override_settings(RATE_LIMITS={"receipt_attempt": (1, 900)}):
        first = asgi_call(
            "GET",
            status_url("VG-0000-0001"),
            client_address="192.0.2.1",
            headers={"Authorization": "Receipt faux"},
        )
        again = asgi_call(
            "GET",
            status_url("VG-0000-0002"),
            client_address="192.0.2.1",
            headers={"Authorization": "Receipt faux"},
        )
        other = asgi_call(
            "GET",
            status_url("VG-0000-0003"),
            client_address="192.0.2.2",
            headers={"Authorization": "Receipt faux"},
        )
    assert (first.status_code, again.status_code, other.status_code) == (404, 429, 404)


def test_the_citizen_adds_a_message_once_even_when_retried(api) -> None:
    submitted = submitted_report()
    url = f"/api/v1/reports/{submitted.report.reference}/messages"
    message_id = str(uuid.uuid4())
    body = {"message_id": message_id, "kind": "addition", "text": "Ils sont revenus ce soir."}

    first = post_json(api, url, body, **receipt(submitted.secret))
    retry = post_json(api, url, body, **receipt(submitted.secret))

    assert first.status_code == retry.status_code == 201
    assert first.json()["id"] == retry.json()["id"] == message_id
    assert first.json()["kind"]["code"] == "addition"
    assert ReportMessage.objects.filter(report=submitted.report).count() == 1
    [message] = cell_messages(submitted.report)
    assert message.text == "Ils sont revenus ce soir."
    status = api.get(status_url(submitted.report.reference), **receipt(submitted.secret))
    assert status.json()["messages"][0]["text"] == "Ils sont revenus ce soir."


@pytest.mark.parametrize(
    ("body", "field"),
    [({"text": "  "}, "text"), ({"text": "x", "kind": "insulte"}, "kind"), ({}, "text")],
)
def test_an_invalid_message_names_its_field(api, body: dict, field: str) -> None:
    submitted = submitted_report()
    url = f"/api/v1/reports/{submitted.report.reference}/messages"
    response = post_json(api, url, body, **receipt(submitted.secret))
    assert response.status_code == 422
    assert errors_of(response)[0]["field"] == field


def test_a_message_with_a_wrong_secret_adds_nothing(api) -> None:
    submitted = submitted_report()
    url = f"/api/v1/reports/{submitted.report.reference}/messages"
    response = post_json(api, url, {"text": "intrus"}, **receipt("AAAA-BBBB"))
    assert response.status_code == 404
    assert ReportMessage.objects.count() == 0
