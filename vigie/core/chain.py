"""Middleware that follows the chain's mode: sync under WSGI, async under ASGI, no thread hop.

Kept apart from vigie.core.middleware (which imports Django's contrib middleware) so that
vigie.core.metrics, loaded while logging is configured, can use it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.http import HttpRequest


class AsyncCapable:
    """A middleware that runs as the chain does: sync under WSGI, async under ASGI (no thread
    hop). Subclasses set `get_response`, call `follow_chain_mode()`, and write `sync_call`
    and `__acall__`."""

    sync_capable = True
    async_capable = True
    get_response: Callable[[HttpRequest], Any]
    async_mode = False

    def follow_chain_mode(self) -> None:
        self.async_mode = iscoroutinefunction(self.get_response)
        if self.async_mode:
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> Any:
        if self.async_mode:
            return self.__acall__(request)
        return self.sync_call(request)

    def sync_call(self, request: HttpRequest) -> Any:
        raise NotImplementedError

    async def __acall__(self, request: HttpRequest) -> Any:
        raise NotImplementedError
