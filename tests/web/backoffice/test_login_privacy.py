"""Lockout counts agents' addresses and never a citizen's (issue 12, #6).

Through the real ASGI stack (ScrubClientMetadata included): citizens' requests never reach
django-axes, and an agent's failed login reaches it with the agent's address.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from asgiref.sync import async_to_sync
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.test import RequestFactory

from tests.api.conftest import connection_kept_across_requests
from tests.factories import AgentFactory, submitted_report
from vigie.web.backoffice.auth import lockout

pytestmark = pytest.mark.django_db
CITIZEN = "203.0.113.7"
AGENT = "198.51.100.20"


def _session(address: str, steps: list[tuple[str, str, dict[str, Any]]]) -> list[httpx.Response]:
    """Requests in order, through the ASGI application, from one address (one cookie jar)."""
    from config.asgi import application

    async def run() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=application, client=(address, 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            answers = []
            for method, path, kwargs in steps:
                if "csrf_from" in kwargs:
                    page = answers[kwargs.pop("csrf_from")].text
                    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
                    kwargs["data"] = {**kwargs["data"], "csrfmiddlewaretoken": token.group(1)}
                answers.append(await client.request(method, path, **kwargs))
            return answers

    with connection_kept_across_requests():
        return async_to_sync(run)()


@pytest.fixture
def axes_calls(monkeypatch) -> list[str]:
    """Every entry into axes, with the address the request carried."""
    seen: list[str] = []

    def spy(name: str, original: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            request = kwargs.get("request") or next((a for a in args if hasattr(a, "META")), None)
            seen.append(f"{name}:{getattr(request, 'META', {}).get('REMOTE_ADDR')}")
            return original(*args, **kwargs)

        return wrapper

    for name in ("is_allowed", "user_login_failed", "user_logged_in", "get_failures"):
        monkeypatch.setattr(AxesProxyHandler, name, spy(name, getattr(AxesProxyHandler, name)))
    original_address = lockout.agent_address
    monkeypatch.setattr(
        lockout,
        "agent_address",
        lambda request: seen.append(f"address:{request.path}") or original_address(request),
    )
    return seen


def test_a_citizens_requests_never_reach_axes(axes_calls: list[str]) -> None:
    submitted = submitted_report()
    answers = _session(
        CITIZEN,
        [
            ("GET", "/", {}),
            ("GET", "/suivi/", {}),
            (
                "POST",
                "/suivi/",
                {
                    "data": {"reference": submitted.report.reference, "secret": "FAUX"},
                    "csrf_from": 1,
                },
            ),
            (
                "GET",
                f"/api/v1/reports/{submitted.report.reference}/status",
                {"headers": {"Authorization": "Receipt faux"}},
            ),
            ("GET", "/discuter/", {}),
        ],
    )
    assert [a.status_code for a in answers] == [200, 200, 422, 404, 200]
    assert axes_calls == []
    assert not AccessAttempt.objects.exists()


def test_an_agents_failed_login_reaches_axes_with_the_agents_address(axes_calls) -> None:
    agent = AgentFactory()
    answers = _session(
        AGENT,
        [
            ("GET", "/cellule/connexion/", {}),
            (
                "POST",
                "/cellule/connexion/",
                {"data": {"username": agent.username, "password": "faux"}, "csrf_from": 0},
            ),
        ],
    )
    assert [a.status_code for a in answers] == [200, 200]
    assert f"user_login_failed:{AGENT}" in axes_calls
    assert AccessAttempt.objects.get().ip_address == AGENT


def test_axes_is_never_handed_an_address_outside_the_back_office() -> None:
    factory = RequestFactory(REMOTE_ADDR=CITIZEN)
    assert lockout.agent_address(factory.post("/suivi/")) is None
    assert lockout.agent_address(factory.post("/api/v1/reports")) is None
    assert lockout.agent_address(factory.post("/cellule/connexion/")) == CITIZEN
