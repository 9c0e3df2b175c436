"""The Redis channel layer leaves nothing behind for a socket that has closed.

channels-redis buffers each process-local channel's messages in `receive_buffer`; a chat
connection that opened and closed used to leave its buffer there for good (bench/soak: the
servers' memory grew for as long as conversations came and went). Against the real Redis
(127.0.0.1:6379 or REDIS_URL), each layer in a key prefix of its own, removed at the end.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from asgiref.sync import async_to_sync

from config import env
from config.settings.base import redis_channel_layer
from tests import asyncio_support
from tests.chat.conftest import agent_console, citizen, session_cookie, started, until
from tests.chat.processes import redis_available
from tests.conftest import require
from tests.factories import AgentFactory
from vigie.chat.layers import RedisChannelLayer

REDIS_URL = env.REDIS_URL or "redis://127.0.0.1:6379/12"


@pytest.fixture
def layer_config() -> Iterator[dict[str, Any]]:
    require("Redis (REDIS_URL or 127.0.0.1:6379)", available=redis_available(REDIS_URL))
    config: dict[str, Any] = redis_channel_layer(REDIS_URL)
    config["CONFIG"]["prefix"] = f"test-layers-{uuid.uuid4().hex}"
    yield config
    asyncio_support.run(RedisChannelLayer(**config["CONFIG"]).flush())


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def _reading_redis(layer: RedisChannelLayer, channel: str) -> asyncio.Task[Any]:
    """A receive on `channel` that has become the one reading Redis for the process."""
    task = asyncio.create_task(layer.receive(channel))
    while not layer.receive_clean_locks.wait_counts:  # taken in `receive_single`
        await asyncio.sleep(0)
    return task


def test_a_receive_cancelled_while_it_reads_redis_leaves_no_buffer(
    layer_config: dict[str, Any],
) -> None:
    async def scenario() -> dict[str, Any]:
        layer = RedisChannelLayer(**layer_config["CONFIG"])
        channel = await layer.new_channel()
        task = await _reading_redis(layer, channel)
        task.cancel()  # the consumer stops (channels cancels its receive)
        with pytest.raises(asyncio.CancelledError):
            await task
        return dict(layer.receive_buffer)

    assert asyncio_support.run(scenario()) == {}


async def _tick(layer: RedisChannelLayer, clock: Clock, seconds: float) -> set[str]:
    """Time passes; some other socket receives a message (its receive's end sweeps). The
    channels still buffered after."""
    clock.now += seconds
    other = await layer.new_channel()
    await layer.send(other, {"type": "chat.message", "text": "ailleurs"})
    await layer.receive(other)
    return set(layer.receive_buffer)


def test_a_message_for_a_channel_nobody_reads_is_dropped_after_the_expiry(
    layer_config: dict[str, Any],
) -> None:
    clock = Clock()

    async def scenario() -> list[set[str]]:
        layer = RedisChannelLayer(**layer_config["CONFIG"], clock=clock)
        gone = await layer.new_channel()
        # Sent to the closed socket's group before its discard took effect: another
        # socket's receive reads it off Redis and buffers it for `gone`, read by nobody.
        await layer.send(gone, {"type": "chat.message", "text": "trop tard"})
        return [
            await _tick(layer, clock, 1),  # seen unread
            await _tick(layer, clock, layer.expiry),  # unread for the expiry: still kept
            await _tick(layer, clock, 1),  # longer
        ]

    seen, kept, swept = asyncio_support.run(scenario())
    assert len(seen) == 1 and kept == seen
    assert swept == set()


def test_a_busy_socket_keeps_what_waits_for_it_within_the_expiry(
    layer_config: dict[str, Any],
) -> None:
    """Between two receives (a consumer handling a message) a socket's buffer is unread
    too: within the expiry, it is kept; each receive starts the count again."""
    clock = Clock()

    async def scenario() -> list[str]:
        layer = RedisChannelLayer(**layer_config["CONFIG"], clock=clock)
        busy = await layer.new_channel()
        for text in ("un", "deux", "trois"):
            await layer.send(busy, {"type": "chat.message", "text": text})
        received = [(await layer.receive(busy))["text"]]  # the other two buffered
        await _tick(layer, clock, 1)
        await _tick(layer, clock, layer.expiry - 1)
        received.append((await layer.receive(busy))["text"])
        await _tick(layer, clock, 1)
        await _tick(layer, clock, layer.expiry - 1)
        received.append((await layer.receive(busy))["text"])
        return received

    assert asyncio_support.run(scenario()) == ["un", "deux", "trois"]


@pytest.mark.usefixtures("chat_db")
def test_conversations_that_open_and_close_leave_no_buffer_behind(
    settings: Any, layer_config: dict[str, Any]
) -> None:
    settings.CHANNEL_LAYERS = {"default": layer_config}
    conversation = started()
    agent = AgentFactory(departement="25")
    cookie = session_cookie(agent)
    public_id = str(conversation.conversation.public_id)

    async def scenario() -> dict[str, Any]:
        from channels.layers import get_channel_layer

        for number in range(5):
            person, _welcome = await citizen(conversation)
            console, _queue = await agent_console(cookie)
            await console.send_json_to({"type": "take", "conversation": public_id})
            await until(console, "thread")
            text = f"Message {number}"
            await person.send_json_to({"type": "message", "id": str(uuid.uuid4()), "text": text})
            await until(console, "message", text=text)
            await person.disconnect()
            await console.disconnect()
        return dict(get_channel_layer().receive_buffer)

    assert async_to_sync(scenario)() == {}
