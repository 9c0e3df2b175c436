"""Running a coroutine from a synchronous test, whatever else the test process holds.

Playwright's sync API (the browser tests, in the same xdist worker) leaves an event loop
registered as running in the main thread, so `asyncio.run` there raises. A fresh thread has
no loop: run the coroutine there and hand back its result or its exception.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    with ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(asyncio.run, coroutine).result()
