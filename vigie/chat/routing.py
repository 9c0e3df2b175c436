"""WebSocket routes, mounted by config/asgi.py under the right interface."""

from __future__ import annotations

from channels.auth import AuthMiddlewareStack
from django.urls import path

from vigie.chat.consumers import AgentConsoleConsumer, CitizenChatConsumer


def citizen_routes() -> list[object]:
    """Public side: no session, no cookie needed; the receipt authenticates the socket."""
    return [path("discuter/ws/", CitizenChatConsumer.as_asgi())]


def agent_routes(prefix: str) -> list[object]:
    """Back office: the agent's session (cookie) authenticates the socket."""
    return [path(f"{prefix}discussions/ws/", AuthMiddlewareStack(AgentConsoleConsumer.as_asgi()))]
