"""Reads of the audit log for its viewer: scoped, filtered, newest first.

The administrator reads the whole log; a cell head reads what the agents of their cell did
(the actions of their département's cell). Anyone else gets a 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from vigie.accounts.models import Role
from vigie.accounts.permissions import Capability, can
from vigie.audit.models import AuditEvent
from vigie.audit.services import verify_chain
from vigie.cells.models import Cell


@dataclass(frozen=True)
class AuditScope:
    """`cell` None: the whole log (administrator)."""

    cell: Cell | None


def audit_scope(agent: Any) -> AuditScope:
    if not can(agent, Capability.READ_AUDIT_LOG):
        raise Http404
    if agent.role == Role.ADMIN:
        return AuditScope(cell=None)
    return AuditScope(cell=agent.cell)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_events(
    *,
    scope: AuditScope,
    since: date | None = None,
    until: date | None = None,
    actor: str = "",
    action: str = "",
    target: str = "",
) -> QuerySet[AuditEvent]:
    """Events in scope, filtered: period (days, both included), actor's login name, action,
    object (its identifier, exactly, or its type)."""
    events = AuditEvent.objects.all()
    if scope.cell is not None:
        events = events.filter(actor__cell=scope.cell)
    if since:
        events = events.filter(at__gte=_start_of(since))
    if until:
        events = events.filter(at__lt=_start_of(until + timedelta(days=1)))
    if actor:
        events = events.filter(actor_username=actor)
    if action:
        events = events.filter(action=action)
    if target:
        events = events.filter(Q(target_id=target) | Q(target_type=target))
    return events.order_by("-id")


def chain_is_intact() -> bool:
    """Does the whole keyed chain verify (vigie.audit.services.verify_chain)?"""
    return verify_chain() is None
