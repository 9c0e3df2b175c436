"""Writes of notifications (one function for every sender: dispatch, outcomes, field input)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from vigie.notifications.models import Notification, NotificationKind
from vigie.notifications.selectors import notifications_for


def notify(
    *,
    kind: NotificationKind,
    target_type: str,
    target_id: str,
    summary: str,
    agent: Any = None,
    unit: Any = None,
    cell: Any = None,
) -> Notification:
    """Exactly one of `agent`, `unit`, `cell`. The summary is read in the back office only:
    never anything that could identify a citizen (no receipt reference, no contact)."""
    if sum(recipient is not None for recipient in (agent, unit, cell)) != 1:
        raise ValueError("a notification has exactly one recipient")
    return Notification.objects.create(
        recipient_agent=agent,
        recipient_unit=unit,
        recipient_cell=cell,
        kind=kind,
        target_type=target_type,
        target_id=target_id,
        summary=summary[:300],
        created_at=timezone.now(),
    )


def mark_read(*, agent: Any, target_type: str = "", target_id: str = "") -> int:
    """Mark what the agent is shown as read (all of it, or what is about one object)."""
    unread = notifications_for(agent).filter(read_at__isnull=True)
    if target_type:
        unread = unread.filter(Q(target_type=target_type) & Q(target_id=target_id))
    return unread.update(read_at=timezone.now())
