"""No synchronous middleware on the request path (issue 15): under ASGI, a citizen's request
goes to a thread only for its database work, never once per middleware."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from asgiref.sync import SyncToAsync, iscoroutinefunction
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.handlers.asgi import ASGIHandler
from django.utils.deprecation import MiddlewareMixin
from django.utils.module_loading import import_string

from tests.api.conftest import asgi_call, report_payload

# Django's handler goes to a thread three times per request: its request_started receivers
# (closing stale connections), the view, and response.close() (request_finished).
HOPS_OF_A_SYNC_VIEW = 3


@pytest.mark.parametrize("dotted", settings.MIDDLEWARE)
def test_every_middleware_is_async_capable_without_django_hopping_its_hooks(dotted: str) -> None:
    middleware = import_string(dotted)
    assert getattr(middleware, "async_capable", False), dotted
    if issubclass(middleware, MiddlewareMixin):
        # Django's MiddlewareMixin.__acall__ runs each hook through sync_to_async.
        assert middleware.__acall__ is not MiddlewareMixin.__acall__, dotted


def test_the_chain_loads_async_from_end_to_end() -> None:
    handler = ASGIHandler()  # load_middleware(is_async=True)
    chain: Any = handler._middleware_chain
    assert iscoroutinefunction(chain)
    while chain is not None and hasattr(chain, "get_response"):
        assert iscoroutinefunction(chain), chain  # an adapted sync middleware would not be
        chain = chain.get_response


@pytest.fixture
def hops(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    original = SyncToAsync.__call__

    async def counted(self: SyncToAsync, *args: Any, **kwargs: Any) -> Any:
        seen.append(getattr(self.func, "__qualname__", repr(self.func)))
        return await original(self, *args, **kwargs)

    monkeypatch.setattr(SyncToAsync, "__call__", counted)
    return seen


@pytest.mark.django_db
def test_a_submission_goes_to_a_thread_for_its_database_work_only(hops: list[str]) -> None:
    response = asgi_call("POST", "/api/v1/reports", json_body=report_payload())
    assert response.status_code == 201, response.text
    assert len(hops) == HOPS_OF_A_SYNC_VIEW, hops


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/signaler/", "/suivi/", "/api/v1/challenge"])
def test_public_pages_go_to_a_thread_for_their_view_only(path: str, hops: list[str]) -> None:
    assert asgi_call("GET", path).status_code == 200
    assert len(hops) <= HOPS_OF_A_SYNC_VIEW, hops


@pytest.mark.django_db  # request threads check their connections at each request start
def test_a_static_file_is_served_whole_without_django_consuming_a_sync_iterator() -> None:
    # pytest turns warnings into errors: Django's "StreamingHttpResponse must consume
    # synchronous iterators" (WhiteNoise's file iterator under ASGI) fails this test.
    response = asgi_call("GET", "/static/vigie/pow.js", test_transaction=False)
    assert response.status_code == 200
    assert response.content == Path(str(finders.find("vigie/pow.js"))).read_bytes()
