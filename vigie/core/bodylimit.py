"""Request bodies are bounded before Django reads them, and never held in memory.

Django's ASGI handler reads the whole body before routing, into a
``SpooledTemporaryFile(max_size=FILE_UPLOAD_MAX_MEMORY_SIZE)``; with a size of 0 that file
never rolls over to disk, so every body (even one sent to a URL that does not exist) sat in
RAM. Two pieces fix it:

- ``BodyLimit``, an ASGI middleware in front of everything: a body larger than its route
  allows is refused with 413, by its ``Content-Length`` before a byte is read, and by the
  bytes actually received when the length is absent or false (the application is then told
  the client went away, and the 413 is sent here). Small routes (JSON, forms) get a small
  limit; only the routes that take evidence get the evidence limit.
- ``SpoolingASGIHandler``: Django's handler with a spool that rolls to a private file under
  FILE_UPLOAD_TEMP_DIR after a few kilobytes.

The reverse proxy keeps its own limit in front of this one (deploy notes in docs/security.md).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import RequestAborted
from django.core.handlers.asgi import ASGIHandler

from vigie.core.request_threads import request_thread

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# What a client is told: the citizen form's scripts and the API read the same JSON.
TOO_LARGE_MESSAGE = (
    "La requête est trop volumineuse. Envoyez moins de fichiers à la fois, ou des fichiers "
    "plus petits."
)


def limit_for(path: str, *, default: int, routes: Mapping[str, int]) -> int:
    """The largest body the route of `path` accepts: the longest matching prefix wins."""
    best, best_length = default, -1
    for prefix, limit in routes.items():
        if path.startswith(prefix) and len(prefix) > best_length:
            best, best_length = limit, len(prefix)
    return best


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class BodyLimit:
    """Refuse request bodies beyond the route's limit, counting what is really received."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        default: int | None = None,
        routes: Mapping[str, int] | None = None,
    ) -> None:
        self.app = app
        self.default = default if default is not None else settings.REQUEST_BODY_MAX_BYTES
        self.routes = routes if routes is not None else settings.REQUEST_BODY_UPLOAD_ROUTES

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = limit_for(scope.get("path", ""), default=self.default, routes=self.routes)
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            await refuse(send)
            return

        received = 0
        exceeded = False

        async def counted_receive() -> Message:
            nonlocal received, exceeded
            if exceeded:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    # The application stops reading as if the client had gone away.
                    return {"type": "http.disconnect"}
            return message

        started = False

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        await self.app(scope, counted_receive, tracked_send)
        if exceeded and not started:
            await refuse(send)


async def refuse(send: Send) -> None:
    body = json.dumps(
        {"detail": [{"loc": ["body"], "msg": TOO_LARGE_MESSAGE, "type": "too_large"}]},
        ensure_ascii=False,
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"cache-control", b"no-store"),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class SpoolingASGIHandler(ASGIHandler):
    """Django's handler, with a body spool that rolls to a private file after a few KiB, and
    each request's synchronous code on a reused thread (vigie.core.request_threads)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:  # type: ignore[override]
        async with request_thread():
            await super().__call__(scope, receive, send)

    async def read_body(self, receive: Receive) -> IO[bytes]:  # type: ignore[override]
        os.makedirs(settings.FILE_UPLOAD_TEMP_DIR, mode=0o700, exist_ok=True)
        body_file: IO[bytes] = tempfile.SpooledTemporaryFile(  # noqa: SIM115  # returned
            max_size=settings.REQUEST_BODY_SPOOL_BYTES,
            mode="w+b",
            dir=settings.FILE_UPLOAD_TEMP_DIR,
        )
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                body_file.close()
                raise RequestAborted()
            if "body" in message:
                body_file.write(message["body"])
            if not message.get("more_body", False):
                break
        body_file.seek(0)
        return body_file
