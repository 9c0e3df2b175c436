"""The server's garbage-collection policy (vigie/core/collector.py): what survives a full
collection is frozen, and everything is thawed once per interval so frozen cycles are freed."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path
from typing import Any

import pytest

from tests.process_support import python_as_make_run
from vigie.core import collector


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Node:
    other: Any = None


@pytest.fixture
def policy() -> Any:
    """The policy installed, with only the test's own collections: an automatic one in the
    middle of a test (a full suite's worker allocates a lot) would thaw or freeze at another
    moment than the one the test looks at."""
    clock = Clock()
    automatic = gc.isenabled()
    gc.disable()
    collector.uninstall()  # a policy some earlier code installed would keep its own clock
    collector.install(clock=clock)
    try:
        yield clock
    finally:
        collector.uninstall()
        if automatic:
            gc.enable()


def _tracked(thing: object) -> bool:
    """Whether a collection walks it: frozen objects are in no generation."""
    return any(candidate is thing for candidate in gc.get_objects())


def test_what_survives_a_full_collection_is_not_walked_again(policy: Clock) -> None:
    assert gc.get_freeze_count() > 0  # start-up's objects
    survivor = Node()
    assert _tracked(survivor)
    gc.collect()
    assert not _tracked(survivor)


def test_a_frozen_cycle_is_freed_after_the_thaw_interval(policy: Clock) -> None:
    first, second = Node(), Node()
    first.other, second.other = second, first
    gone = weakref.ref(first)
    gc.collect()  # the cycle is alive: frozen
    del first, second
    gc.collect()
    assert gone() is not None  # a frozen cycle waits for the thaw

    policy.now += collector.THAW_SECONDS
    gc.collect()  # this full collection ends with everything thawed
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert gone() is None
    gc.collect()  # and the policy freezes again after the next one
    assert gc.get_freeze_count() > 0


def _cycles(count: int) -> list[Node]:
    """`count` pairs of objects that refer to each other: only a collection frees them."""
    pairs = []
    for _ in range(count):
        first, second = Node(), Node()
        first.other, second.other = second, first
        pairs.append(first)
    return pairs


def test_dead_cycles_are_freed_once_the_frozen_heap_grows_by_a_quarter(policy: Clock) -> None:
    """Chat connections that open and close leave cycles in the frozen heap; they must not
    wait for the hourly thaw (bench/soak: RSS +2 MiB a minute), only for the heap to grow."""
    start = gc.get_freeze_count()
    closed = _cycles(int(start * 0.1 / 2) + 1)  # +10 %: frozen while alive
    gone = weakref.ref(closed[0])
    gc.collect()
    del closed
    gc.collect()
    assert gone() is not None  # dead, frozen, waiting: the heap grew by 10 % only

    opened = _cycles(int(start * 0.2 / 2) + 1)  # +20 % more: over a quarter in all
    gc.collect()  # ends thawed, without the clock moving
    assert gc.get_freeze_count() == 0
    gc.collect()  # walks the whole heap once
    assert gone() is None
    assert gc.get_freeze_count() > 0  # and freezes again at once
    del opened


def test_a_heap_that_does_not_grow_is_not_walked_again(
    policy: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    thaws = []
    unfreeze = gc.unfreeze
    monkeypatch.setattr(gc, "unfreeze", lambda: (thaws.append(1), unfreeze()))
    gc.collect()
    for _ in range(5):
        _cycles(100)
        gc.collect()
    assert thaws == []  # never thawed: no long pause


def test_the_asgi_server_installs_it(tmp_path: Path) -> None:
    """Outside the tests (whose settings keep the collector as it is), config.asgi freezes."""
    frozen = python_as_make_run(tmp_path, "import gc, config.asgi; print(gc.get_freeze_count())")
    assert int(frozen) > 0
