"""API tests: a client without cookies nor CSRF token, and a clean slate of rate counters."""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from asgiref.sync import async_to_sync
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client

from tests.asyncio_support import run
from tests.cache_support import fresh_cache


@pytest.fixture(autouse=True)
def fresh_counters(db: None) -> Iterator[None]:
    """Rate counters and used challenges live in the cache: each test starts from zero."""
    fresh_cache()
    yield
    fresh_cache()


@pytest.fixture
def api() -> Client:
    # CSRF checks on, as in production: the JSON API must not need a token.
    return Client(enforce_csrf_checks=True)


def report_payload(**overrides: Any) -> dict[str, Any]:
    """PRODUCT.md's example report, with a fresh submission id."""
    payload: dict[str, Any] = {
        "submission_id": str(uuid.uuid4()),
        "category": "point_de_deal",
        "description": (
            "Tous les soirs entre 18h et 20h, deux jeunes vendent devant le hall B du 12 rue "
            "de Dole. Un guetteur surveille depuis le parking."
        ),
        "location": {
            "lat": 47.2438,
            "lon": 6.0215,
            "address": "12 rue de Dole, Besançon",
            "commune": "25056",
            "place_kind": "hall",
        },
        "observed_at": "2026-11-20T18:30:00+01:00",
        "schedule": "tous les soirs entre 18h et 20h",
        "people": [{"description": "homme, blouson noir, 1m80"}],
        "vehicles": [
            {"kind": "voiture", "make": "Renault Clio", "colour": "gris", "plate": "AB-12?-CD"}
        ],
        "identifiers": [{"kind": "snapchat", "value": "menu_25"}],
        "risks": ["enfants"],
        "contact": None,
    }
    payload.update(overrides)
    return payload


def post_json(client: Client, path: str, body: Any, **headers: str) -> Any:
    return client.post(path, data=json.dumps(body), content_type="application/json", **headers)


def errors_of(response: Any) -> list[dict[str, Any]]:
    body = response.json()
    assert set(body) >= {"errors"}, body
    return body["errors"]


def asgi_call(
    method: str,
    path: str,
    *,
    client_address: str = "203.0.113.77",
    headers: dict[str, str] | None = None,
    json_body: Any = None,
    test_transaction: bool = True,
) -> httpx.Response:
    """One request through the real ASGI stack (ScrubClientMetadata included), from an address.

    Run from a sync test: Django's sync views come back to this thread, and so to the test's
    database connection and transaction. `test_transaction=False`: as under uvicorn, on the
    server's own request threads (their connections are not the test's; Django checks them at
    each request start, so the test still needs the database mark).
    """
    from config.asgi import application

    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=application, client=(client_address, 51234))
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return await client.request(method, path, headers=headers, json=json_body)

    if not test_transaction:
        # A fresh thread and loop (tests.asyncio_support): a browser test's loop left in this
        # xdist worker does not stop it, as it stops async_to_sync.
        return run(call())
    with connection_kept_across_requests():
        return async_to_sync(call)()


@contextlib.contextmanager
def connection_kept_across_requests() -> Iterator[None]:
    """As Django's test client does: the test's transaction must survive the request's end."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
