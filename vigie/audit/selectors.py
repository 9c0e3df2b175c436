"""Reads of the audit log for its viewer: scoped, filtered, newest first.

The administrator reads the whole log; a cell head reads what the agents of their cell did
(the actions of their département's cell). Anyone else gets a 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
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


@dataclass(frozen=True)
class ChainStatus:
    is_intact: bool
    fully_verified_at: datetime  # the last time every event was read again


_CHECKPOINT_KEY = "audit.viewer.checkpoint"


def chain_status(*, now: datetime | None = None) -> ChainStatus:
    """Does the keyed chain verify? For the viewer, at a cost that does not grow with the log.

    Reading the whole chain costs about 40 µs per event (0.8 s for 20,000): too much for
    every page once the log holds millions. The viewer reads it all at most once every
    AUDIT_VIEWER_FULL_CHECK_SECONDS and in between only the events after the last verified
    one (which must still hold its hash), from a checkpoint kept in the cache. An edit of an
    older event shows at the next full reading; `vigie audit verify` always reads everything.
    """
    now = now or timezone.now()
    # Read before verifying: an event appended meanwhile is verified now and again next time,
    # never skipped.
    head = AuditEvent.objects.order_by("-id").values("id", "hash").first()
    checkpoint = cache.get(_CHECKPOINT_KEY)
    period = timedelta(seconds=settings.AUDIT_VIEWER_FULL_CHECK_SECONDS)
    if checkpoint and now - checkpoint["full_at"] < period:
        broken = verify_chain(after=(checkpoint["id"], checkpoint["hash"]))
        full_at = checkpoint["full_at"]
    else:
        broken = verify_chain()
        full_at = now
    if broken is None and head is not None:
        cache.set(_CHECKPOINT_KEY, {**head, "full_at": full_at}, timeout=None)
    else:
        cache.delete(_CHECKPOINT_KEY)  # a broken chain is read in full every time
    return ChainStatus(is_intact=broken is None, fully_verified_at=full_at)
