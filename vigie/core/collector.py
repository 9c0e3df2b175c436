"""Garbage collection of a long-running server: short pauses with thousands of sockets open.

A socket held open costs the server ~200 objects the collector tracks (coroutines waiting
in the ASGI chain, tasks, queues, scopes, model instances); with 4,000 chat sockets that is
~850,000 objects, and every full collection walked all of them: 0.7–0.9 s with the event
loop stopped (bench/results/chat.md, measured with `gc.callbacks`), every 15–30 s under load.
Those objects live as long as their sockets, so walking them again finds nothing to free.

What `install` changes, for the server process only (config/asgi.py):

* after start-up, everything imported is moved to the permanent generation (`gc.freeze()`):
  the collector never walks Django, the URL conf or the keys again;
* after each full collection, what survived it is frozen too: the next full collection
  walks only what was allocated since (what came to live longer since the last one), so its
  pause is proportional to what changed, not to every socket open;
* objects frozen are still freed by reference counting the moment nothing refers to them;
  only a reference *cycle* among frozen objects waits: a chat connection's consumer, task
  and queues refer to each other, live for minutes, get frozen, and become such a cycle
  when the socket closes. They wait until everything is thawed, so the next full collection
  walks the whole heap once and frees them. That happens when the frozen heap has grown by
  `THAW_GROWTH` since the last thaw (CPython's own rule for starting a full collection:
  memory held by dead cycles stays within a quarter of the live heap, and the long pauses
  are amortised, a few while thousands of sockets connect, none while nothing changes), or
  after `THAW_SECONDS` at the latest.

The hourly thaw alone let a steady flow of conversations that open and close keep their dead
cycles for an hour: bench/soak saw both servers' RSS grow by ~2 MiB a minute for as long as
it ran.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any

THAW_SECONDS = 3600.0
THAW_GROWTH = 0.25  # of the frozen heap measured after the last thaw
OLDEST = 2  # the generation a full collection collects


class Policy:
    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        frozen: Callable[[], int] = gc.get_freeze_count,
    ) -> None:
        self.clock = clock
        self.frozen = frozen
        self.thawed_at = clock()
        self.baseline = frozen()  # objects frozen right after the last thaw's collection
        self.thawed = False

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if phase != "stop" or info["generation"] != OLDEST:
            return
        gc.freeze()
        if self.thawed:
            # This collection walked the whole heap and freed the dead cycles: what is
            # frozen now is what lives, the measure of the next growth.
            self.thawed = False
            self.baseline = self.frozen()
            return
        grown = self.frozen() > (1 + THAW_GROWTH) * max(self.baseline, 1)
        if grown or self.clock() - self.thawed_at >= THAW_SECONDS:
            # The next full collection walks everything once: cycles frozen meanwhile freed.
            gc.unfreeze()
            self.thawed_at = self.clock()
            self.thawed = True


_installed: Policy | None = None


def install(*, clock: Callable[[], float] = time.monotonic) -> Policy:
    """Freeze what start-up allocated; freeze what survives each full collection."""
    global _installed
    if _installed is None:
        gc.collect()
        gc.freeze()
        _installed = Policy(clock=clock)
        gc.callbacks.append(_installed)
    return _installed


def uninstall() -> None:
    global _installed
    if _installed is not None:
        gc.callbacks.remove(_installed)
        _installed = None
    gc.unfreeze()
