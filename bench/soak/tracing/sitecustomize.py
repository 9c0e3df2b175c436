"""What a soaked process holds: `bench/soak/run.py --census` (and `--tracemalloc-frames N`).

The soak puts this directory first on the PYTHONPATH of the processes it watches (the two
servers and the worker), with VIGIE_CENSUS_DIR set: Python imports this module at start-up
(`site`). Each time the process receives SIGUSR2 it writes `<pid>-<n>.json` to that directory,
after a full collection of the whole heap (the server's collector policy,
vigie/core/collector.py, may hold dead cycles frozen: they are counted, then freed): its RSS
before and after, then after glibc's `malloc_trim(0)` gave back the memory it held free (so
each census starts from there), the blocks Python's allocator holds, the objects alive by type
(count and shallow size), and the fill of the per-process caches. With VIGIE_TRACEMALLOC_FRAMES
> 0, allocations are traced from start-up and a snapshot is dumped beside it
(`<pid>-<n>.snapshot`): precise, but several times the memory and much slower. The soak sends
the signal at the end of the warm-up and at the end of the load, then compares.
"""

from __future__ import annotations

import os

_DIRECTORY = os.environ.get("VIGIE_CENSUS_DIR", "")
_FRAMES = int(os.environ.get("VIGIE_TRACEMALLOC_FRAMES", "0") or 0)
# Per-process caches worth watching: (module, attribute), measured with len().
CACHES = (
    ("vigie.crossref.services", "_OPENED"),
    ("vigie.engine.analysis.model", "_WORD_FEATURES"),
    ("vigie.engine.analysis.gate", "_GATES"),
    ("vigie.core.cache", "_POOLS"),
)

if _DIRECTORY:
    import ctypes
    import gc
    import itertools
    import json
    import signal
    import sys
    import tracemalloc
    from collections import Counter
    from pathlib import Path

    if _FRAMES > 0:
        tracemalloc.start(_FRAMES)
    _numbers = itertools.count()

    def _rss_mib() -> float:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20

    def _trim() -> bool:
        try:
            return bool(ctypes.CDLL("libc.so.6").malloc_trim(0))
        except OSError:  # not glibc
            return False

    def _census() -> dict[str, list[int]]:
        counts: Counter[str] = Counter()
        sizes: Counter[str] = Counter()
        for obj in gc.get_objects():
            name = type(obj).__qualname__
            counts[name] += 1
            sizes[name] += sys.getsizeof(obj, 0)
        return {name: [counts[name], sizes[name]] for name in counts}

    def _caches() -> dict[str, int]:
        found = {}
        for module_name, attribute in CACHES:
            module = sys.modules.get(module_name)
            if module is not None and hasattr(module, attribute):
                found[f"{module_name}.{attribute}"] = len(getattr(module, attribute))
        return found

    def _dump(signum: int, frame: object) -> None:
        state: dict[str, object] = {"frozen": gc.get_freeze_count(), "rss_mib": _rss_mib()}
        gc.unfreeze()
        state["freed_by_full_collection"] = gc.collect()
        state["rss_mib_after"] = _rss_mib()
        # What glibc holds freed but not given back (then given back: the next census
        # starts from there): RSS that this lowers was free memory, not C libraries' buffers.
        state["trimmed"] = _trim()
        state["rss_mib_after_trim"] = _rss_mib()
        state["allocated_blocks"] = sys.getallocatedblocks()
        state["caches"] = _caches()
        state["objects"] = _census()
        number = next(_numbers)
        final = Path(_DIRECTORY) / f"{os.getpid()}-{number}.json"
        if _FRAMES > 0:
            state["traced_mib"] = tracemalloc.get_traced_memory()[0] / 2**20
            tracemalloc.take_snapshot().dump(str(final.with_suffix(".snapshot")))
        partial = final.with_suffix(".partial")
        partial.write_text(json.dumps(state))
        partial.rename(final)  # last: the soak waits for it

    signal.signal(signal.SIGUSR2, _dump)
