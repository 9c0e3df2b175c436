"""Where a chat server's event loop stalls: loaded into the server by chat_bench_settings
when VIGIE_CHAT_PROBE names a file (bench/chat/run.py --probe), never in production.

Three instruments, each line of the file one JSON record (`t` = seconds since the epoch):

* loop lag — a task asks to wake every 5 ms; a wake-up later than `STALL_MS` is a stall
  (`{"kind": "stall", "ms": …}`).
* what the loop thread was doing — a watchdog thread samples the loop thread's stack while
  the loop has not ticked for `STALL_MS` (every 10 ms at most): the innermost frames of the
  project and of the libraries under it, counted (`{"kind": "sample", "stack": […]}`).
* garbage collection — `gc.callbacks` time every collection; each one longer than 5 ms is
  written with its generation and what it collected (`{"kind": "gc", …}`).
"""

from __future__ import annotations

import asyncio
import gc
import json
import signal
import sys
import threading
import time
import traceback
from typing import Any

STALL_MS = 40.0
TICK_SECONDS = 0.005
GC_WRITE_MS = 5.0


class Probe:
    def __init__(self, path: str) -> None:
        self.out = open(path, "a", buffering=1)  # noqa: SIM115  # lives as long as the process
        self.lock = threading.Lock()
        self.last_tick = time.perf_counter()
        self.loop_thread = threading.get_ident()
        self.gc_started = 0.0

    def write(self, record: dict[str, Any]) -> None:
        with self.lock:
            self.out.write(json.dumps({"t": time.time(), **record}) + "\n")

    async def monitor(self) -> None:
        while True:
            before = time.perf_counter()
            self.last_tick = before
            await asyncio.sleep(TICK_SECONDS)
            late = (time.perf_counter() - before - TICK_SECONDS) * 1000
            if late > STALL_MS:
                self.write({"kind": "stall", "ms": round(late, 1)})

    def watchdog(self) -> None:
        while True:
            time.sleep(0.01)
            if (time.perf_counter() - self.last_tick) * 1000 < STALL_MS:
                continue
            frame = sys._current_frames().get(self.loop_thread)
            if frame is None:
                continue
            stack = [
                f"{where.filename.rsplit('site-packages/', 1)[-1]}:{where.lineno} {where.name}"
                for where in traceback.extract_stack(frame)
            ]
            self.write({"kind": "sample", "stack": stack[-14:]})

    def census(self, *_: Any) -> None:
        """On SIGUSR1: the objects the collector tracks, by type (the 25 commonest)."""
        counts: dict[str, int] = {}
        objects = gc.get_objects()
        for thing in objects:
            name = type(thing).__qualname__
            counts[name] = counts.get(name, 0) + 1
        top = sorted(counts.items(), key=lambda item: -item[1])[:25]
        self.write({"kind": "census", "tracked": len(objects), "frozen": gc.get_freeze_count(),
                    "top": top})  # fmt: skip

    def gc_callback(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self.gc_started = time.perf_counter()
            return
        ms = (time.perf_counter() - self.gc_started) * 1000
        if ms >= GC_WRITE_MS:
            self.write(
                {"kind": "gc", "generation": info["generation"], "ms": round(ms, 1),
                 "collected": info["collected"]}
            )  # fmt: skip


def experiment(probe: Probe) -> None:
    """VIGIE_CHAT_GC=freeze,t0=N,refreeze: collector settings tried before choosing one."""
    import os

    options = dict(
        [*item.split("="), ""][:2] for item in os.environ.get("VIGIE_CHAT_GC", "").split(",")
    )
    if "t0" in options:
        gc.set_threshold(int(options["t0"]), *gc.get_threshold()[1:])
    if "freeze" in options:
        gc.collect()
        gc.freeze()
    if "refreeze" in options:
        gc.callbacks.append(
            lambda phase, info: gc.freeze() if phase == "stop" and info["generation"] == 2 else None
        )
    probe.write({"kind": "gc-settings", "options": options, "threshold": gc.get_threshold()})


def install(path: str) -> None:
    probe = Probe(path)
    gc.callbacks.append(probe.gc_callback)
    signal.signal(signal.SIGUSR1, probe.census)

    def start(loop: asyncio.AbstractEventLoop) -> None:
        experiment(probe)
        probe.loop_thread = threading.get_ident()
        probe.task = loop.create_task(probe.monitor())  # type: ignore[attr-defined]
        threading.Thread(target=probe.watchdog, daemon=True).start()
        probe.write({"kind": "start"})

    try:
        start(asyncio.get_running_loop())
    except RuntimeError:  # uvicorn imports the application before it starts its loop (uvloop)
        run = asyncio.Runner.run

        def started(runner: asyncio.Runner, coroutine: Any, **kwargs: Any) -> Any:
            asyncio.Runner.run = run  # type: ignore[method-assign]

            async def first() -> Any:
                start(asyncio.get_running_loop())
                return await coroutine

            return run(runner, first(), **kwargs)

        asyncio.Runner.run = started  # type: ignore[method-assign]


def summary(path: str, start: float, end: float) -> dict[str, Any]:
    """Stalls, GC pauses and the most frequent stacks of stalls between `start` and `end`."""
    stalls: list[float] = []
    gcs: dict[int, list[float]] = {}
    stacks: dict[str, int] = {}
    census = None
    long_stalls: list[tuple[float, float]] = []
    with open(path) as lines:
        for line in lines:
            record = json.loads(line)
            if record["kind"] == "census":
                census = record
            if not start <= record["t"] <= end:
                continue
            if record["kind"] == "stall":
                stalls.append(record["ms"])
                if record["ms"] >= 100:
                    long_stalls.append((round(record["t"] - start, 1), record["ms"]))
            elif record["kind"] == "gc":
                gcs.setdefault(record["generation"], []).append(record["ms"])
            elif record["kind"] == "sample":
                key = " <- ".join(reversed(record["stack"][-6:]))
                stacks[key] = stacks.get(key, 0) + 1
    top = sorted(stacks.items(), key=lambda item: -item[1])[:8]
    return {
        "stalls": len(stalls),
        "stall_ms_total": round(sum(stalls)),
        "stall_ms_max": max(stalls, default=0.0),
        "stalls_over_100ms": long_stalls,  # (seconds into the window, ms)
        "gc_over_5ms": {
            generation: {"count": len(ms), "total_ms": round(sum(ms)), "max_ms": max(ms)}
            for generation, ms in sorted(gcs.items())
        },
        "stall_samples": top,
        "census": census,
    }
