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
  only a reference *cycle* among frozen objects waits, and for at most `THAW_SECONDS`: the
  first full collection after that unfreezes everything, so the next one walks the whole
  heap once (one long pause per interval, instead of one every few seconds) and frees
  those cycles; the memory they held is bounded by what such cycles leak in that interval.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import Any

THAW_SECONDS = 3600.0
OLDEST = 2  # the generation a full collection collects


class Policy:
    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.thawed_at = clock()

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if phase != "stop" or info["generation"] != OLDEST:
            return
        if self.clock() - self.thawed_at >= THAW_SECONDS:
            # The next full collection walks everything once: cycles frozen meanwhile freed.
            gc.unfreeze()
            self.thawed_at = self.clock()
        else:
            gc.freeze()


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
