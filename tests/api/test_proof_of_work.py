"""Anonymous submissions cost a proof-of-work when the difficulty is above zero."""

from __future__ import annotations

import pytest
from django.test import override_settings

from tests.api.conftest import errors_of, post_json, report_payload
from vigie.core import abuse
from vigie.reports.models import Report

URL = "/api/v1/reports"
DIFFICULTY = 10  # a few milliseconds in Python, enough to tell solved from unsolved


@pytest.fixture(autouse=True)
def proof_of_work_on():
    with override_settings(POW_DIFFICULTY=DIFFICULTY):
        yield


def solved(api) -> dict[str, str]:
    challenge = api.get("/api/v1/challenge").json()
    assert challenge["difficulty"] == DIFFICULTY
    nonce = abuse.solve(challenge["challenge"], challenge["difficulty"])
    return {"challenge": challenge["challenge"], "nonce": nonce}


def test_a_solved_challenge_is_accepted(api) -> None:
    response = post_json(api, URL, report_payload(pow=solved(api)))
    assert response.status_code == 201


def test_a_missing_solution_is_refused_with_a_fresh_challenge(api) -> None:
    response = post_json(api, URL, report_payload())
    assert response.status_code == 403
    [error] = errors_of(response)
    assert (error["field"], error["code"]) == ("pow", "proof_of_work_invalid")
    fresh = response.json()["challenge"]
    assert fresh["difficulty"] == DIFFICULTY
    # The hint is usable as is.
    nonce = abuse.solve(fresh["challenge"], fresh["difficulty"])
    pow_ok = {"challenge": fresh["challenge"], "nonce": nonce}
    assert post_json(api, URL, report_payload(pow=pow_ok)).status_code == 201


def test_a_wrong_nonce_is_refused(api) -> None:
    solution = solved(api)
    nonce = next(
        candidate
        for candidate in (format(n, "x") for n in range(10_000))
        if abuse.leading_zero_bits(abuse.solution_digest(solution["challenge"], candidate))
        < DIFFICULTY
    )
    response = post_json(api, URL, report_payload(pow={**solution, "nonce": nonce}))
    assert response.status_code == 403
    assert Report.objects.count() == 0


def test_a_forged_challenge_is_refused(api) -> None:
    forged = "eyJyIjoiQUFBQSIsImQiOjB9:1tXXXX:forged"
    nonce = abuse.solve(forged, DIFFICULTY)
    response = post_json(api, URL, report_payload(pow={"challenge": forged, "nonce": nonce}))
    assert response.status_code == 403


def test_a_replayed_solution_is_refused(api) -> None:
    solution = solved(api)
    assert post_json(api, URL, report_payload(pow=solution)).status_code == 201
    replay = post_json(api, URL, report_payload(pow=solution))
    assert replay.status_code == 403
    assert Report.objects.count() == 1


def test_an_expired_challenge_is_refused(api) -> None:
    solution = solved(api)
    with override_settings(POW_CHALLENGE_TTL_SECONDS=-1):
        response = post_json(api, URL, report_payload(pow=solution))
    assert response.status_code == 403


def test_a_challenge_issued_easier_than_the_current_difficulty_is_refused(api) -> None:
    solution = solved(api)
    with override_settings(POW_DIFFICULTY=DIFFICULTY + 8):
        response = post_json(api, URL, report_payload(pow=solution))
    assert response.status_code == 403


@override_settings(RATE_LIMITS={"report_submit": (1, 3600)})
def test_submissions_are_rate_limited_even_with_valid_work(api) -> None:
    assert post_json(api, URL, report_payload(pow=solved(api))).status_code == 201
    refused = post_json(api, URL, report_payload(pow=solved(api)))
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
