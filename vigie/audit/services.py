"""Writes to the audit log. Rows are only ever appended; `verify_chain` detects edits.

Each row's hash is an HMAC, under a key kept in a file the database does not hold
(`var/keys/audit.key`), of the previous row's hash and the row's fields: whoever can write
the database can still delete or edit rows, but can no longer recompute a chain that verifies.
The head of the chain can be exported as an anchor signed with Ed25519 (`vigie audit anchor`),
kept outside; `vigie audit verify --anchor FILE` proves the log still holds it unchanged,
which also catches a chain cut short after the anchor was taken.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from vigie.audit.models import AuditAction, AuditEvent
from vigie.core import keys

GENESIS_HASH = "0" * 64
# Arbitrary constant naming the audit chain's advisory lock on PostgreSQL.
_POSTGRES_LOCK_KEY = 0x56494749


def chain_digest(*, previous_hash: str, fields: dict[str, Any], key: bytes | None = None) -> str:
    payload = json.dumps(fields, sort_keys=True, separators=(",", ":"), default=str)
    secret = key if key is not None else keys.audit_key(settings.KEYS_DIR)
    return hmac.new(secret, (previous_hash + payload).encode(), hashlib.sha256).hexdigest()


def event_fields(event: Any) -> dict[str, Any]:
    """The hashed fields (works on a model instance and on a historical one in migrations)."""
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
        event.hash = chain_digest(previous_hash=event.previous_hash, fields=event_fields(event))
        event.save()
    return event


def record_event_once_per_session(
    session_key: str | None,
    *,
    actor: Any,
    action: AuditAction,
    target_type: str = "",
    target_id: str = "",
) -> None:
    """`record_event`, once per back-office session for the same action and target.

    For what an agent's sockets repeat without showing anything new: every console socket
    (a page, a tab, a reconnection, a gap recovery) reads the queue and opens its
    conversation again. The first read in a session is written with its time and actor;
    the same read again in the same session tells an auditor nothing more, and writing it
    made connecting thousands of sockets queue behind the one database thread. The marker
    lives in the shared cache (a digest of the session key, never the key): when it is
    missing (evicted, another cache), the row is written again; a row is never skipped
    unless one was committed before in this session.
    """
    if not session_key:
        record_event(actor=actor, action=action, target_type=target_type, target_id=target_id)
        return
    marker = (
        "audit:seen:"
        + hashlib.sha256(
            f"{session_key}\x00{action}\x00{target_type}\x00{target_id}".encode()
        ).hexdigest()
    )
    if cache.get(marker) is not None:
        return
    record_event(actor=actor, action=action, target_type=target_type, target_id=target_id)
    transaction.on_commit(
        lambda: cache.set(marker, 1, timeout=settings.BACKOFFICE_SESSION_MAX_SECONDS)
    )


def verify_chain(*, after: tuple[int, str] | None = None) -> int | None:
    """The id of the first event whose hash does not match, or None when the log is intact.

    `after=(id, hash)`: only the events after an event already verified, which must still
    hold that hash (the audit-log viewer's incremental check; `vigie audit verify` reads all).
    """
    key = keys.audit_key(settings.KEYS_DIR)
    previous = GENESIS_HASH
    events = AuditEvent.objects.order_by("id")
    if after is not None:
        start_id, previous = after
        stored = AuditEvent.objects.filter(pk=start_id).values_list("hash", flat=True).first()
        if stored is None or not hmac.compare_digest(stored, previous):
            return start_id
        events = events.filter(pk__gt=start_id)
    for event in events.iterator():
        expected = chain_digest(previous_hash=previous, fields=event_fields(event), key=key)
        if event.previous_hash != previous or not hmac.compare_digest(event.hash, expected):
            return event.pk
        previous = event.hash
    return None


# --- Anchors: the chain's head, signed, kept outside -----------------------------------------


def _signing_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(keys.audit_signing_seed(settings.KEYS_DIR))


def _anchor_message(anchor: dict[str, Any]) -> bytes:
    fields = {name: anchor[name] for name in ("id", "hash", "count", "exported_at")}
    return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()


def export_anchor() -> dict[str, Any]:
    """The head of the chain, signed: an operator keeps it somewhere the database is not."""
    head = AuditEvent.objects.order_by("-id").values("id", "hash").first()
    anchor: dict[str, Any] = {
        "id": head["id"] if head else 0,
        "hash": head["hash"] if head else GENESIS_HASH,
        "count": AuditEvent.objects.count(),
        "exported_at": timezone.now().isoformat(),
    }
    signing = _signing_key()
    anchor["signature"] = base64.b64encode(signing.sign(_anchor_message(anchor))).decode()
    anchor["public_key"] = base64.b64encode(
        signing.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    ).decode()
    return anchor


@dataclass(frozen=True)
class AnchorCheck:
    ok: bool
    message: str


def check_anchor(anchor: dict[str, Any]) -> AnchorCheck:
    """Does the log still hold this anchor's head, unchanged, signed by our key?"""
    expected_key = _signing_key().public_key()
    try:
        signature = base64.b64decode(str(anchor["signature"]))
        Ed25519PublicKey.from_public_bytes(
            expected_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
        ).verify(signature, _anchor_message(anchor))
    except (KeyError, ValueError, InvalidSignature):
        return AnchorCheck(False, "Ancre invalide : signature absente ou fausse.")
    if anchor["id"] == 0:
        return AnchorCheck(True, "Ancre d’un journal vide.")
    stored = AuditEvent.objects.filter(pk=anchor["id"]).values_list("hash", flat=True).first()
    if stored is None:
        return AnchorCheck(False, f"L’événement {anchor['id']} de l’ancre a disparu du journal.")
    if stored != anchor["hash"]:
        return AnchorCheck(False, f"L’événement {anchor['id']} ne correspond plus à l’ancre.")
    if AuditEvent.objects.filter(pk__lte=anchor["id"]).count() != anchor["count"]:
        return AnchorCheck(False, "Des événements antérieurs à l’ancre ont été supprimés.")
    return AnchorCheck(True, f"Ancre vérifiée (événement {anchor['id']}).")
