"""Channel-layer groups and the events published to them (one naming rule, one sender).

Services publish after their transaction commits (Zulip's send_event_on_commit): a socket
never announces a message that a rollback then erases. Consumers relay the events.
"""

from __future__ import annotations

from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


def conversation_group(public_id_hex: str) -> str:
    return f"chat.conversation.{public_id_hex}"


def queue_group(departement_code: str) -> str:
    """Every console socket of the département's agents: queue changes, hand-overs."""
    return f"chat.queue.{departement_code}"


def _send(group: str, event: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(group, event)


def publish(group: str, event: dict[str, Any]) -> None:
    transaction.on_commit(lambda: _send(group, event))
