"""/sante/vivant and /sante/pret: what they check, and what they never do."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from tests.api.conftest import asgi_call
from tests.chat.processes import free_port, redis_available
from tests.conftest import require
from vigie.core import health

REDIS_TEST_URL = "redis://127.0.0.1:6379/11"


def _keys_copy(settings: Any, tmp_path: Path) -> Path:
    """This run's key files in a folder of the test's own, to remove some of them."""
    keys = tmp_path / "keys"
    shutil.copytree(settings.KEYS_DIR, keys)
    settings.KEYS_DIR = keys
    return keys


def test_liveness_answers_without_touching_the_database(client: Client) -> None:
    # No database fixture: pytest-django refuses any query this test would make.
    answer = client.get("/sante/vivant")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok"}


def test_readiness_checks_the_database_and_the_keys(db: None, client: Client) -> None:
    answer = client.get("/sante/pret")
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True}
    assert body["checks"]["keys"] == {"ok": True}


def test_readiness_fails_when_the_database_does_not_answer(
    db: None, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Unreachable:
        def cursor(self) -> Any:
            raise connection.Database.OperationalError("connection refused")

    monkeypatch.setattr(health, "connection", Unreachable())
    answer = client.get("/sante/pret")
    assert answer.status_code == 503
    assert answer.json()["checks"]["database"] == {"ok": False, "error": "OperationalError"}


def test_readiness_fails_when_a_key_of_the_role_is_missing(
    db: None, client: Client, settings: Any, tmp_path: Path
) -> None:
    keys = _keys_copy(settings, tmp_path)
    (keys / "audit.key").unlink()
    answer = client.get("/sante/pret")
    assert answer.status_code == 503
    assert answer.json()["checks"]["keys"] == {"ok": False, "missing": ["audit.key"]}


def test_a_public_intake_is_ready_without_private_keys_and_not_ready_with_one(
    db: None, client: Client, settings: Any, tmp_path: Path
) -> None:
    keys = _keys_copy(settings, tmp_path)
    settings.VIGIE_INTERFACE = "public"
    answer = client.get("/sante/pret")
    assert answer.status_code == 503
    assert answer.json()["checks"]["keys"]["unexpected"] == [
        "audit.key",
        "audit_signing.key",
        "blind_index.key",
        "reports.key",
    ]
    for name in ("audit.key", "audit_signing.key", "blind_index.key", "reports.key"):
        (keys / name).unlink()
    answer = client.get("/sante/pret")
    assert answer.status_code == 200, answer.content
    assert answer.json()["role"] == "public"


def test_readiness_checks_redis_when_it_is_configured(
    db: None, client: Client, settings: Any
) -> None:
    settings.VIGIE_REDIS_URL = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    answer = client.get("/sante/pret")
    assert answer.status_code == 503
    assert answer.json()["checks"]["redis"] == {"ok": False, "error": "ConnectionError"}

    require("Redis at 127.0.0.1:6379", available=redis_available(REDIS_TEST_URL))
    settings.VIGIE_REDIS_URL = REDIS_TEST_URL
    answer = client.get("/sante/pret")
    assert answer.json()["checks"]["redis"] == {"ok": True}
    assert answer.status_code == 200, answer.content


def test_health_answers_set_no_cookie_name_nobody_and_count_in_no_rate_limit(
    db: None, settings: Any
) -> None:
    settings.RATE_LIMITS = {name: (1, 3600) for name in settings.RATE_LIMITS}
    for _ in range(5):
        for path in ("/sante/vivant", "/sante/pret"):
            answer = asgi_call("GET", path, headers={"User-Agent": "UA-CANARY-health"})
            assert answer.status_code == 200, (path, answer.text)
            assert "set-cookie" not in answer.headers
            assert answer.headers["content-type"] == "application/json"
            assert "no-cache" in answer.headers["cache-control"]
            for canary in ("203.0.113.77", "UA-CANARY", "127.0.0.1"):
                assert canary not in answer.text
