"""Writes to the audit log. Rows are only ever appended; `verify_chain` detects edits."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from vigie.audit.models import AuditAction, AuditEvent

GENESIS_HASH = "0" * 64
# Arbitrary constant naming the audit chain's advisory lock on PostgreSQL.
_POSTGRES_LOCK_KEY = 0x56494749


def _digest(*, previous_hash: str, fields: dict[str, Any]) -> str:
    payload = json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256((previous_hash + payload).encode()).hexdigest()


def _fields(event: AuditEvent) -> dict[str, Any]:
    return {
        "at": event.at.isoformat(),
        "actor": event.actor_id,
        "actor_username": event.actor_username,
        "action": event.action,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "details": event.details,
    }


def record_event(
    *,
    actor: Any,
    action: AuditAction,
    target_type: str = "",
    target_id: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Serialise appends across processes so the chain never forks.
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_POSTGRES_LOCK_KEY])
        last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        event = AuditEvent(
            at=timezone.now(),
            actor=actor if getattr(actor, "pk", None) else None,
            actor_username=getattr(actor, "username", "") or "",
            action=action,
            target_type=target_type,
            target_id=target_id,
            details=details or {},
            previous_hash=last or GENESIS_HASH,
        )
        event.hash = _digest(previous_hash=event.previous_hash, fields=_fields(event))
        event.save()
    return event


def verify_chain() -> int | None:
    """The id of the first event whose hash does not match, or None when the log is intact."""
    previous = GENESIS_HASH
    for event in AuditEvent.objects.order_by("id").iterator():
        expected = _digest(previous_hash=previous, fields=_fields(event))
        if event.previous_hash != previous or event.hash != expected:
            return event.pk
        previous = event.hash
    return None
