"""Whatever JSON a client sends, the API answers a 2xx or a precise 4xx, never a 5xx."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api.conftest import report_payload
from tests.cache_support import fresh_cache

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = list(report_payload())
LOCATION_FIELDS = ["lat", "lon", "address", "commune", "place_kind"]


@st.composite
def report_shaped(draw: Any) -> dict[str, Any]:
    """A valid report with some fields replaced by anything, some dropped, some added."""
    payload = report_payload()
    for field in draw(st.lists(st.sampled_from(FIELDS), max_size=4, unique=True)):
        payload[field] = draw(json_values)
    if isinstance(payload.get("location"), dict):
        for field in draw(st.lists(st.sampled_from(LOCATION_FIELDS), max_size=3, unique=True)):
            payload["location"][field] = draw(json_values)
    for field in draw(st.lists(st.sampled_from(FIELDS), max_size=2, unique=True)):
        payload.pop(field, None)
    payload.update(draw(st.dictionaries(st.text(max_size=8), json_values, max_size=2)))
    return payload


bodies = report_shaped() | json_values
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _post(path: str, body: Any) -> int:
    fresh_cache()  # rate limits must not hide what the parser and views do
    response = Client().post(path, data=json.dumps(body), content_type="application/json")
    assert response.status_code < 500, (body, response.content)
    if response.status_code >= 400:
        assert response.json()["errors"], response.content
    return response.status_code


@FUZZ
@given(body=bodies)
def test_reports_never_answer_a_server_error(db: None, body: Any) -> None:
    _post("/api/v1/reports", body)


@FUZZ
@given(body=bodies)
def test_the_coach_never_answers_a_server_error(db: None, body: Any) -> None:
    _post("/api/v1/analyse", body)


@FUZZ
@given(body=json_values, reference=st.text(max_size=20))
def test_messages_never_answer_a_server_error(db: None, body: Any, reference: str) -> None:
    response = Client().post(
        "/api/v1/reports/VG-0000-0000/messages",
        data=json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Receipt {reference}",
    )
    fresh_cache()
    assert response.status_code < 500


@FUZZ
@given(raw=st.binary(max_size=200))
def test_raw_bytes_never_answer_a_server_error(db: None, raw: bytes) -> None:
    fresh_cache()
    response = Client().post("/api/v1/reports", data=raw, content_type="application/json")
    assert response.status_code < 500
