"""Chat text never crosses Redis in clear: channels-redis with symmetric_encryption_keys.

The real Redis (127.0.0.1:6379, a database of its own per xdist worker, emptied by the test)
behind the channel layer the settings build when REDIS_URL is set; two citizen tabs on one
conversation, one writes, the other receives. Everything Redis is told (MONITOR) and
everything it holds (every key, read raw) while the message passes is searched for the text.
A control run without the key finds it, so the search does see what crosses.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from asgiref.sync import async_to_sync

from config.settings.base import redis_channel_layer
from tests.chat.communicator import WebsocketCommunicator
from tests.chat.conftest import CITIZEN_PATH, ORIGIN, application, started, until
from tests.chat.processes import redis_available
from tests.conftest import require

# A database per xdist worker: the fixture empties its database, which would wipe a test
# running meanwhile on the other worker (CI lost a message that way). 12 is
# tests/deploy/test_two_processes.py's. Never 11 nor 13, bench/soak's and bench/api's and
# bench/chat's: emptied here under a soak, they cost it 276 chat messages (bench/results/soak.md,
# run 2, minutes 20-23: its conversations' group memberships were gone).
_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
REDIS_DB = (10, 15, 14, 9)[_WORKER % 4]
REDIS_URL = f"redis://127.0.0.1:6379/{REDIS_DB}"

# MONITOR hears the whole server: the tap keeps this database's commands only, and the two
# tests (the control sends the text in clear) never run at once in two xdist workers.
pytestmark = [pytest.mark.usefixtures("chat_db"), pytest.mark.xdist_group("redis-wiretap")]


class Wiretap:
    """Every command Redis receives (MONITOR), from a thread of its own."""

    def __init__(self, url: str) -> None:
        self.client = redis.Redis.from_url(url)
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._listen, daemon=True)

    def _listen(self) -> None:
        with self.client.monitor() as monitor:
            self.ready.set()
            try:
                while True:
                    heard = monitor.next_command()
                    if int(heard.get("db", REDIS_DB)) == REDIS_DB:
                        self.lines.append(heard["command"])
            except (redis.RedisError, OSError, ValueError):
                return  # closed by stop() (a connection or time-out error)

    def start(self) -> None:
        self.thread.start()
        self.ready.wait(5)

    def heard(self, word: str, timeout: float = 5.0) -> bool:
        """Wait until the tap's thread has read a command containing `word` (MONITOR lines
        arrive after the command itself has been answered)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(word in line for line in list(self.lines)):
                return True
            time.sleep(0.02)
        return False

    def stop(self) -> str:
        self.client.connection_pool.disconnect()
        self.thread.join(5)
        return "\n".join(self.lines)


def _everything_stored(client: redis.Redis) -> bytes:
    chunks: list[bytes] = []
    for key in client.scan_iter():
        chunks.append(key)
        kind = client.type(key)
        if kind == b"string":
            chunks.append(client.get(key) or b"")
        elif kind == b"zset":
            chunks.extend(member for member, _score in client.zrange(key, 0, -1, withscores=True))
        elif kind == b"list":
            chunks.extend(client.lrange(key, 0, -1))
        elif kind == b"hash":
            for field, value in client.hgetall(key).items():
                chunks.extend((field, value))
        elif kind == b"set":
            chunks.extend(client.smembers(key))
    return b"\n".join(chunks)


@pytest.fixture
def redis_db() -> Iterator[redis.Redis]:
    require("Redis at 127.0.0.1:6379", available=redis_available(REDIS_URL))
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    yield client
    client.flushdb()


def _pass_a_message(settings: Any, layer: dict[str, Any], text: str) -> tuple[str, bytes]:
    """Two tabs of one conversation, one writes `text`; what Redis saw and held meanwhile."""
    settings.CHANNEL_LAYERS = {"default": layer}
    conversation = started()
    hello = {
        "type": "hello",
        "reference": conversation.conversation.reference,
        "secret": conversation.secret,
        "last_seq": 0,
    }
    stored: list[bytes] = []
    tap = Wiretap(REDIS_URL)

    async def scenario() -> dict[str, Any]:
        tabs = [WebsocketCommunicator(application(), CITIZEN_PATH, headers=[ORIGIN]) for _ in "ab"]
        for tab in tabs:
            assert (await tab.connect())[0]
            await tab.send_json_to(hello)
            await until(tab, "welcome")
        tap.start()
        await tabs[0].send_json_to({"type": "message", "id": str(uuid.uuid4()), "text": text})
        await until(tabs[0], "ack")
        stored.append(_everything_stored(redis.Redis.from_url(REDIS_URL)))
        received = await until(tabs[1], "message", author="citizen")
        for tab in tabs:
            await tab.disconnect()
        return received

    received = async_to_sync(scenario)()
    tap.heard("ZADD")  # the thread has read at least the message's command
    traffic = tap.stop()
    assert received["text"] == text  # it did pass, through Redis
    return traffic, stored[0]


def test_chat_text_crosses_redis_encrypted(settings: Any, redis_db: redis.Redis) -> None:
    text = f"Le guetteur est au parking {uuid.uuid4().hex}"
    traffic, stored = _pass_a_message(settings, redis_channel_layer(REDIS_URL), text)
    assert "ZADD" in traffic.upper() or "EVALSHA" in traffic.upper()  # the tap heard the layer
    secret_part = text.split()[-1]
    assert secret_part not in traffic
    assert secret_part.encode() not in stored
    assert "parking" not in traffic


def test_control_without_the_key_the_same_search_finds_the_text(redis_db: redis.Redis) -> None:
    """The same tap and the same search, on a layer without the key: they do find the text.
    (A layer of its own, sending to one of its channels: no consumer, nothing else shared.)"""
    from channels_redis.core import RedisChannelLayer

    config = redis_channel_layer(REDIS_URL)["CONFIG"]
    del config["symmetric_encryption_keys"]  # type: ignore[index]
    text = f"Le guetteur est au parking {uuid.uuid4().hex}"
    tap = Wiretap(REDIS_URL)
    tap.start()

    async def send() -> bytes:
        layer = RedisChannelLayer(**config)  # type: ignore[arg-type]
        channel = await layer.new_channel()
        await layer.send(channel, {"type": "chat.message", "text": text})
        stored = _everything_stored(redis.Redis.from_url(REDIS_URL))
        await layer.flush()
        return stored

    stored = async_to_sync(send)()
    assert tap.heard(text.split()[-1]), "the tap never heard the message"
    traffic = tap.stop()
    assert text.split()[-1] in traffic
    assert text.split()[-1].encode() in stored
