"""The in-process channel layer of the embedded default, fit for thousands of sockets.

channels' InMemoryChannelLayer sweeps every channel and every group for expired entries on
each `send`, `group_send` and `receive`: with 4,000 chat sockets that is thousands of
iterations per message, and the event loop falls behind (measured in bench/chat: at 1,000
conversations, seconds of delay at 200 messages/s). Sweeping at most once a second changes
nothing that matters: an expired message or membership lives one second longer.
"""

from __future__ import annotations

import time

from channels.layers import InMemoryChannelLayer as ChannelsInMemoryChannelLayer

SWEEP_INTERVAL_SECONDS = 1.0


class InMemoryChannelLayer(ChannelsInMemoryChannelLayer):  # type: ignore[misc]  # untyped
    _last_sweep = 0.0

    def _clean_expired(self) -> None:
        now = time.monotonic()
        if now - self._last_sweep < SWEEP_INTERVAL_SECONDS:
            return
        self._last_sweep = now
        super()._clean_expired()
