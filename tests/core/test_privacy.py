import logging

from tests import asyncio_support
from vigie.core.privacy import DropRequestMetadata, ScrubClientMetadata

HEADERS = [
    (b"host", b"vigie.example"),
    (b"user-agent", b"Mozilla/5.0 (X11; Linux)"),
    (b"x-forwarded-for", b"203.0.113.7"),
    (b"accept", b"text/html"),
]


def _seen_scope(path: str, *, keep_for_prefix: str | None = "/cellule/") -> dict:
    seen: dict = {}

    async def app(scope, receive, send) -> None:
        seen.update(scope)

    wrapped = ScrubClientMetadata(app, keep_for_prefix=keep_for_prefix)
    scope = {"type": "http", "path": path, "client": ("203.0.113.7", 51234), "headers": HEADERS}
    asyncio_support.run(wrapped(scope, None, None))
    return seen


def test_a_citizen_request_reaches_the_app_without_address_or_user_agent() -> None:
    scope = _seen_scope("/signaler/")
    assert scope["client"] is None
    names = {name for name, _ in scope["headers"]}
    assert names == {b"host", b"accept"}


def test_websocket_scopes_are_scrubbed_too() -> None:
    seen: dict = {}

    async def app(scope, receive, send) -> None:
        seen.update(scope)

    scope = {
        "type": "websocket",
        "path": "/ws/chat/",
        "client": ("203.0.113.7", 1),
        "headers": HEADERS,
    }
    asyncio_support.run(ScrubClientMetadata(app)(scope, None, None))
    assert seen["client"] is None
    assert b"203.0.113.7" not in repr(seen).encode()


def test_back_office_requests_keep_their_metadata() -> None:
    scope = _seen_scope("/cellule/connexion/")
    assert scope["client"] == ("203.0.113.7", 51234)


def test_log_records_lose_the_request_object() -> None:
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "boom", None, None)
    record.request = object()
    assert DropRequestMetadata().filter(record)
    assert record.request is None
