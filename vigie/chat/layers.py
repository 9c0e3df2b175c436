"""The channel layers: in-process (the embedded default) and Redis (two processes or more).

In-process — channels' InMemoryChannelLayer sweeps every channel and every group for expired
entries on each `send`, `group_send` and `receive`: with 4,000 chat sockets that is thousands
of iterations per message, and the event loop falls behind (measured in bench/chat: at 1,000
conversations, seconds of delay at 200 messages/s). Sweeping at most once a second changes
nothing that matters: an expired message or membership lives one second longer.

Redis — channels-redis keeps, per process, a buffer (an asyncio queue) for each local channel
(`receive_buffer`), fed by whichever receive reads the process's Redis list. Two ways leave a
buffer behind for a socket that has closed, forever (bench/soak/memory.py: nearly one per chat
socket, ~3 KiB each, more with messages in them; upstream django/channels_redis#384):

* the closing socket's receive is cancelled while it is the one reading Redis for the whole
  process (in `receive_single`): that path drops the buffer on `Exception` only, and a
  cancellation is not one, so the empty queue stays;
* a message arrives for a channel whose consumer is gone (sent to its group before the
  socket's `group_discard` took effect): it is buffered for a reader that never comes.

`RedisChannelLayer` drops the buffer of a channel whose receive was cancelled (a consumer
that stops; channels never cancels a receive it means to retry), and sweeps, at most every
`SWEEP_INTERVAL_SECONDS`, the buffers nobody has received from for longer than the layer's
`expiry` (60 s: past that, Redis itself would have dropped the message).
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from channels.layers import InMemoryChannelLayer as ChannelsInMemoryChannelLayer
from channels_redis.core import RedisChannelLayer as ChannelsRedisChannelLayer

SWEEP_INTERVAL_SECONDS = 1.0


class InMemoryChannelLayer(ChannelsInMemoryChannelLayer):  # type: ignore[misc]  # untyped
    _last_sweep = 0.0

    def _clean_expired(self) -> None:
        now = time.monotonic()
        if now - self._last_sweep < SWEEP_INTERVAL_SECONDS:
            return
        self._last_sweep = now
        super()._clean_expired()


class RedisChannelLayer(ChannelsRedisChannelLayer):  # type: ignore[misc]  # untyped
    """channels-redis without buffers left behind by closed sockets (see the docstring)."""

    def __init__(
        self, *args: Any, clock: Callable[[], float] = time.monotonic, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.clock = clock
        self._receiving: Counter[str] = Counter()  # local channel: receives in progress
        self._unread_since: dict[str, float] = {}  # buffered, nobody receiving, since
        self._last_sweep = clock()

    async def receive(self, channel: str) -> dict[str, Any]:
        if "!" not in channel:  # a normal channel: no process-local buffer
            return await super().receive(channel)
        self._receiving[channel] += 1
        self._unread_since.pop(channel, None)
        try:
            return await super().receive(channel)
        except asyncio.CancelledError:
            if self._receiving[channel] == 1:  # its consumer stopped: nobody will read it
                self.receive_buffer.pop(channel, None)
            raise
        finally:
            self._receiving[channel] -= 1
            if not self._receiving[channel]:
                del self._receiving[channel]
            self._sweep()

    def _sweep(self) -> None:
        now = self.clock()
        if now - self._last_sweep < SWEEP_INTERVAL_SECONDS:
            return
        self._last_sweep = now
        for channel in list(self.receive_buffer):
            if channel in self._receiving:
                continue
            since = self._unread_since.setdefault(channel, now)
            if now - since > self.expiry:
                del self.receive_buffer[channel]
        for channel in list(self._unread_since):
            if channel not in self.receive_buffer or channel in self._receiving:
                del self._unread_since[channel]
