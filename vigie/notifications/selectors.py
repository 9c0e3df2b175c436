"""Reads of notifications: what one agent is shown (their own, their unit's, their cell's)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from vigie.accounts.models import Role
from vigie.accounts.permissions import Capability, can
from vigie.notifications.models import Notification


def notifications_for(agent: Any) -> QuerySet[Notification]:
    if not getattr(agent, "is_authenticated", False) or not agent.is_active:
        return Notification.objects.none()
    mine = Q(recipient_agent=agent)
    if agent.role == Role.UNIT_MEMBER and agent.unit_id is not None:
        mine |= Q(recipient_unit_id=agent.unit_id)
    if can(agent, Capability.HANDLE_REPORTS):
        mine |= Q(recipient_cell_id=agent.cell_id)
    return Notification.objects.filter(mine)


def unread_count(agent: Any) -> int:
    return notifications_for(agent).filter(read_at__isnull=True).count()
