"""Issue 9 item 12: an urgent report reaches every connected agent of its cell at once."""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connection

from tests.asyncio_support import run
from tests.chat.communicator import WebsocketCommunicator
from tests.chat.conftest import ORIGIN, application, session_cookie
from tests.factories import AgentFactory, report

PATH = "/" + settings.VIGIE_BACKOFFICE_PREFIX + "notifications/ws/"
URGENT = "Un homme armé d'un pistolet tire en ce moment devant le hall, un blessé au sol !"


@pytest.fixture(autouse=True)
def in_process_layer(monkeypatch: pytest.MonkeyPatch, transactional_db: Any, doubs_geography: None):
    """Events are published after commit: these tests commit for real, on the in-process layer."""
    from channels.layers import channel_layers

    from vigie.chat.layers import InMemoryChannelLayer

    monkeypatch.setitem(channel_layers.backends, "default", InMemoryChannelLayer())


async def _connect(
    cookie: bytes, origin: tuple[bytes, bytes] = ORIGIN
) -> tuple[WebsocketCommunicator, bool]:
    socket = WebsocketCommunicator(application(), PATH, headers=[origin, (b"cookie", cookie)])
    connected, _ = await socket.connect()
    return socket, connected


async def _in_a_request_thread(function: Any, **kwargs: Any) -> Any:
    """As a view would: a plain thread with its own connection (the test's thread may hold
    another event loop, Playwright's, when browser tests ran before in this worker)."""

    def call() -> Any:
        try:
            return function(**kwargs)
        finally:
            connection.close()

    return await sync_to_async(call, thread_sensitive=False)()


def test_an_urgent_report_reaches_every_agent_of_the_cell_and_only_them() -> None:
    doubs_cookies = [session_cookie(AgentFactory(analyst=True)), session_cookie(AgentFactory())]
    jura_cookie = session_cookie(AgentFactory(analyst=True, departement="39"))

    async def scenario() -> tuple[list[dict[str, Any]], bool]:
        doubs = [(await _connect(cookie))[0] for cookie in doubs_cookies]
        jura, _ = await _connect(jura_cookie)
        await _in_a_request_thread(report)  # an ordinary report: no alert
        urgent = await _in_a_request_thread(report, description=URGENT)
        frames = [await socket.receive_json_from(timeout=5) for socket in doubs]
        assert all(frame["reference"] == urgent.reference for frame in frames)
        jura_silent = await jura.receive_nothing(timeout=0.2)
        for socket in [*doubs, jura]:
            await socket.disconnect()
        return frames, jura_silent

    frames, jura_silent = run(scenario())  # a fresh thread: a browser test's loop may be here
    assert frames[0]["type"] == "urgent" and frames[0]["kind"] == "report"
    assert frames[0]["commune"] == "Besançon"
    assert "description" not in frames[0]
    assert jura_silent


def test_sockets_outside_a_cell_or_from_another_origin_are_refused() -> None:
    national = session_cookie(AgentFactory(national=True))
    analyst = session_cookie(AgentFactory(analyst=True))

    async def scenario() -> list[bool]:
        results = []
        for cookie, origin in (
            (national, ORIGIN),
            (b"", ORIGIN),
            (analyst, (b"origin", b"https://evil.example")),
            (analyst, ORIGIN),
        ):
            socket, connected = await _connect(cookie, origin)
            results.append(connected)
            await socket.disconnect()
        return results

    assert run(scenario()) == [False, False, False, True]


def test_a_unit_members_socket_is_refused() -> None:
    """Issue 13: the back office's only live channel carries the cells' alerts; a unit member
    (of an active unit, who may open their dispatches) never joins it."""
    from tests.factories import UnitFactory

    member = session_cookie(AgentFactory(unit_member=True, unit=UnitFactory()))

    async def scenario() -> bool:
        socket, connected = await _connect(member)
        await socket.disconnect()
        return connected

    assert run(scenario()) is False
