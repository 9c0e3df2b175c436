"""Witness anonymity at the edge: no client address or user agent reaches the application.

`ScrubClientMetadata` wraps the whole ASGI application. For every request that is not for
the back office it removes the client address, the user agent and the proxy headers that
carry an address, before Django or Channels sees the scope. Nothing downstream (views,
logging, error reports, a future library) can then store what it never received.

Rate limits still need to tell clients apart: before dropping the address, the middleware
puts in the scope an opaque bucket (`vigie.core.abuse.bucket_for_scope`: a keyed hash under a
key that rotates hourly and lives only in the cache), never the address itself. Behind a
reverse proxy, the server must be told which proxy to trust (uvicorn's
``--forwarded-allow-ips``) so that ``scope["client"]`` is the citizen's, not the proxy's.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import datetime
from typing import Any

from vigie.core import abuse, metrics

Scope = MutableMapping[str, Any]
ASGIApp = Callable[
    [Scope, Callable[..., Awaitable[Any]], Callable[..., Awaitable[Any]]], Awaitable[None]
]

# Headers that identify a citizen's device or network. Compared lower-case, as ASGI sends them.
IDENTIFYING_HEADERS = frozenset(
    {
        b"user-agent",
        b"x-forwarded-for",
        b"x-real-ip",
        b"forwarded",
        b"true-client-ip",
        b"cf-connecting-ip",
        b"via",
        b"sec-ch-ua",
        b"sec-ch-ua-mobile",
        b"sec-ch-ua-platform",
    }
)


def scrub_scope(scope: Scope) -> Scope:
    """A copy of the scope without client address nor identifying headers."""
    cleaned = dict(scope)
    cleaned["client"] = None
    cleaned["headers"] = [
        (name, value)
        for name, value in scope.get("headers", [])
        if name.lower() not in IDENTIFYING_HEADERS
    ]
    return cleaned


class ScrubClientMetadata:
    def __init__(self, app: ASGIApp, *, keep_for_prefix: str | None = None) -> None:
        self.app = app
        # Agents are not anonymous: the back office may keep its own request metadata.
        self.keep_for_prefix = keep_for_prefix

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and str(scope.get("path", "")).startswith(metrics.OPS_PATHS):
            # Whether the client may read operational data: a yes/no, never the address.
            scope = {**scope, metrics.MONITORING_SCOPE_KEY: scope_may_monitor(scope)}
        if scope["type"] in ("http", "websocket") and not self._is_backoffice(scope):
            bucket = abuse.bucket_for_scope(scope)
            scope = scrub_scope(scope)
            scope[abuse.SCOPE_KEY] = bucket
        await self.app(scope, receive, send)

    def _is_backoffice(self, scope: Scope) -> bool:
        if not self.keep_for_prefix:
            return False
        return str(scope.get("path", "")).startswith(self.keep_for_prefix)


# Loggers whose messages name the request's path ("Not Found: /suivi/VG-…"): a path can
# carry a receipt reference, and its time of day ties it to a report.
_PATH_LOGGERS = ("django.request", "django.security")
PATH_PLACEHOLDER = "[chemin masqué]"


class DropRequestMetadata(logging.Filter):
    """Logging filter: a log record never carries the request object (and its META), nor,
    for Django's request loggers, the path that was asked for."""

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "request"):
            record.request = None
        if hasattr(record, "scope"):
            record.scope = None
        if record.name.startswith(_PATH_LOGGERS) and isinstance(record.args, tuple):
            record.args = tuple(
                PATH_PLACEHOLDER if isinstance(arg, str) and arg.startswith("/") else arg
                for arg in record.args
            )
        return True


def to_the_hour(moment: datetime) -> datetime:
    """Citizens' times are kept to the hour: enough to order, too coarse to correlate."""
    return moment.replace(minute=0, second=0, microsecond=0)


# Operational data (vigie.core.metrics): whether a client may read it is decided here, the
# only place (with abuse) that reads client addresses; the answer is a yes/no, and the
# address goes no further.
def scope_may_monitor(scope: Scope) -> bool:
    """At the edge, before the address is dropped."""
    client = scope.get("client")
    return metrics.address_allowed(str(client[0]) if client else None)


def request_may_monitor(request: Any) -> bool:
    """Outside config.asgi (WSGI, the test client): the address Django was given."""
    return metrics.address_allowed(request.META.get("REMOTE_ADDR"))
