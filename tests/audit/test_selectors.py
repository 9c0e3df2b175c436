"""The audit-log viewer's check of the keyed chain: new events at every display, the whole
chain at most every AUDIT_VIEWER_FULL_CHECK_SECONDS (vigie.audit.selectors.chain_status)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from vigie.audit.models import AuditAction, AuditEvent
from vigie.audit.selectors import chain_status
from vigie.audit.services import record_event

pytestmark = pytest.mark.django_db


def _event(target: str) -> AuditEvent:
    return record_event(actor=None, action=AuditAction.VIEW_REPORT, target_id=target)


def test_an_edit_after_the_last_verified_event_shows_at_once() -> None:
    now = timezone.now()
    _event("R-1")
    assert chain_status(now=now).is_intact
    newer = _event("R-2")
    AuditEvent.objects.filter(pk=newer.pk).update(target_id="R-9")
    assert not chain_status(now=now + timedelta(seconds=1)).is_intact


def test_deleting_the_last_verified_event_shows_at_once() -> None:
    now = timezone.now()
    _event("R-1")
    last = _event("R-2")
    assert chain_status(now=now).is_intact
    AuditEvent.objects.filter(pk=last.pk).delete()
    _event("R-3")
    assert not chain_status(now=now + timedelta(seconds=1)).is_intact


def test_an_edit_of_an_older_event_shows_at_the_next_full_reading(settings) -> None:
    now = timezone.now()
    older = _event("R-1")
    _event("R-2")
    first = chain_status(now=now)
    assert first.is_intact and first.fully_verified_at == now
    AuditEvent.objects.filter(pk=older.pk).update(target_id="R-9")
    # Within the period only the new events are read: the older edit is not seen yet…
    soon = now + timedelta(seconds=settings.AUDIT_VIEWER_FULL_CHECK_SECONDS - 1)
    assert chain_status(now=soon).is_intact
    # …and it is at the next full reading, and at every reading after, until repaired.
    later = now + timedelta(seconds=settings.AUDIT_VIEWER_FULL_CHECK_SECONDS)
    assert not chain_status(now=later).is_intact
    assert not chain_status(now=later + timedelta(seconds=1)).is_intact
