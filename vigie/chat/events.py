"""Channel-layer groups and the events published to them (one naming rule, one sender).

Services publish after their transaction commits (Zulip's send_event_on_commit): a socket
never announces a message that a rollback then erases. Consumers relay the events.

Called from a consumer (`collecting`), the events are handed back to the consumer, which
sends them on its own event loop; called from a view (a plain thread), they are sent at
once. Sending from the database thread through `async_to_sync` would hold that one thread —
which every socket's database work shares — until the event loop gets round to it.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ParamSpec, TypeVar

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


def conversation_group(public_id_hex: str) -> str:
    return f"chat.conversation.{public_id_hex}"


def queue_group(departement_code: str) -> str:
    """Every console socket of the département's agents: queue changes, hand-overs."""
    return f"chat.queue.{departement_code}"


P = ParamSpec("P")
R = TypeVar("R")
Event = tuple[str, dict[str, Any]]
_collector = threading.local()


def collecting(function: Callable[P, R], into: list[Event]) -> Callable[P, R]:
    """`function`, with the events it publishes appended to `into` instead of sent."""

    def call(*args: P.args, **kwargs: P.kwargs) -> R:
        _collector.events = into
        try:
            return function(*args, **kwargs)
        finally:
            _collector.events = None

    return call


def _send(group: str, event: dict[str, Any]) -> None:
    collected = getattr(_collector, "events", None)
    if collected is not None:
        collected.append((group, event))
        return
    layer = get_channel_layer()
    if layer is None:
        return
    send = async_to_sync(layer.group_send)
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        send(group, event)
        return
    # A synchronous caller on a thread that already runs an event loop (a management command
    # called from async code, a browser test's thread): send from a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as executor:
        executor.submit(send, group, event).result()


def publish(group: str, event: dict[str, Any]) -> None:
    transaction.on_commit(lambda: _send(group, event))
