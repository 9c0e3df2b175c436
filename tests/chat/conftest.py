"""Live chat tests: real consumers behind the real ASGI stack (origin check, scrubbing)."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from tests.chat.communicator import WebsocketCommunicator
from vigie.chat.services import StartedConversation, start_conversation
from vigie.geo.models import Commune

ORIGIN = (b"origin", b"http://127.0.0.1")
CITIZEN_PATH = "/discuter/ws/"
AGENT_PATH = "/" + settings.VIGIE_BACKOFFICE_PREFIX + "discussions/ws/"


def application() -> Any:
    from config.asgi import application as asgi_application

    return asgi_application


def started(commune_code: str = "25056") -> StartedConversation:
    commune = Commune.objects.select_related("departement").get(code=commune_code)
    return start_conversation(
        departement=commune.departement, commune=commune, client_key="test-client"
    )


def session_cookie(agent: Any) -> bytes:
    client = Client()
    client.force_login(agent)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}".encode()


async def until(socket: WebsocketCommunicator, frame_type: str, **match: Any) -> dict[str, Any]:
    """The next frame of this type (and these values), skipping the others."""
    while True:
        frame = await socket.receive_json_from(timeout=5)
        if frame["type"] == frame_type and all(frame.get(k) == v for k, v in match.items()):
            return frame


async def citizen(
    conversation: StartedConversation, *, last_seq: int = 0
) -> tuple[WebsocketCommunicator, dict[str, Any]]:
    socket = WebsocketCommunicator(application(), CITIZEN_PATH, headers=[ORIGIN])
    connected, _ = await socket.connect()
    assert connected
    await socket.send_json_to(
        {
            "type": "hello",
            "reference": conversation.conversation.reference,
            "secret": conversation.secret,
            "last_seq": last_seq,
        }
    )
    welcome = await socket.receive_json_from(timeout=5)
    assert welcome["type"] == "welcome", welcome
    return socket, welcome


async def agent_console(agent_cookie: bytes) -> tuple[WebsocketCommunicator, dict[str, Any]]:
    socket = WebsocketCommunicator(
        application(), AGENT_PATH, headers=[ORIGIN, (b"cookie", agent_cookie)]
    )
    connected, _ = await socket.connect()
    assert connected
    queue = await until(socket, "queue")
    await until(socket, "mine")
    return socket, queue


@pytest.fixture
def chat_db(transactional_db: Any, doubs_geography: None) -> None:
    """Consumers publish after commit: these tests commit for real (Doubs and Jura loaded)."""
