"""A console socket being torn down while the server shuts down: the cancellation of the
consumer must propagate, not be swallowed with the heartbeat's own."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from unittest import mock

from tests.asyncio_support import run
from vigie.chat import consumers


async def _slow_to_stop() -> None:
    """A heartbeat whose cancellation takes a moment (a call in flight)."""
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        await asyncio.sleep(0.05)
        raise


def test_a_cancelled_disconnect_stays_cancelled(monkeypatch):
    monkeypatch.setattr(consumers.presence, "agent_disconnected", lambda agent_id: None)

    async def scenario() -> bool:
        consumer = consumers.AgentConsoleConsumer()
        consumer.scope = {"user": SimpleNamespace(pk=1)}
        consumer.departement = "25"
        consumer.opened = {}
        consumer.channel_name = "specific.test!1"
        consumer.channel_layer = mock.AsyncMock()
        consumer.heartbeat_task = asyncio.create_task(_slow_to_stop())
        await asyncio.sleep(0)
        closing = asyncio.create_task(consumer.disconnect(1001))
        await asyncio.sleep(0.01)  # disconnect is waiting for the heartbeat to stop
        closing.cancel()  # the server shuts down
        await asyncio.gather(closing, return_exceptions=True)
        return closing.cancelled()

    assert run(scenario())
