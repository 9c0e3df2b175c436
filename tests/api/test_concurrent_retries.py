"""Retries racing each other still make one report (PostgreSQL: real concurrent writers)."""

from __future__ import annotations

import json
import threading

import pytest
from django.db import connection, connections
from django.test import Client, override_settings

from tests.api.conftest import report_payload
from vigie.reports.models import Report

CLIENTS = 6


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent writers need a server database (the PostgreSQL leg of the suite runs it)",
)
@pytest.mark.django_db(transaction=True)
@override_settings(RATE_LIMITS={"report_submit": (100, 60), "report_submit_without_pow": (100, 60)})
def test_concurrent_retries_of_one_submission_make_one_report(doubs_geography: None) -> None:
    payload = json.dumps(report_payload())
    barrier = threading.Barrier(CLIENTS)
    answers: list[tuple[int, str]] = []
    lock = threading.Lock()

    def post() -> None:
        try:
            barrier.wait()
            response = Client().post(
                "/api/v1/reports", data=payload, content_type="application/json"
            )
            with lock:
                answers.append((response.status_code, response.json()["reference"]))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    statuses = sorted(status for status, _reference in answers)
    assert statuses == [200] * (CLIENTS - 1) + [201]
    assert len({reference for _status, reference in answers}) == 1
    assert Report.objects.filter(submission_id=json.loads(payload)["submission_id"]).count() == 1
