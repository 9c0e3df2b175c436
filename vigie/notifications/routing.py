"""WebSocket route of the back office's notifications, mounted by config/asgi.py."""

from __future__ import annotations

from channels.auth import AuthMiddlewareStack
from django.urls import path

from vigie.notifications.consumers import BackOfficeNotificationsConsumer


def agent_routes(prefix: str) -> list[object]:
    """Back office: the agent's session (cookie) authenticates the socket."""
    return [
        path(
            f"{prefix}notifications/ws/",
            AuthMiddlewareStack(BackOfficeNotificationsConsumer.as_asgi()),
        )
    ]
