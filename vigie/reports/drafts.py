"""Drafts of the citizen's report form, kept between two steps (post-redirect-get).

Each step of the form is posted, saved here, and answered with a redirect to the step's
page, so that the browser's back and forward buttons never ask to resubmit a form, and a
language switch (a redirect back to the same page) finds every value again.

The browser holds a random token (256 bits) in a session-only cookie. The row is found by
a digest of the token and its contents are encrypted (AES-256-GCM) with a key derived
from the token: without the citizen's cookie a copy of the database reads nothing. The
cell's sealing key is not used on purpose: the public intake must read its drafts back,
and it never holds the key that opens reports.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
from datetime import timedelta
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.utils import timezone

from vigie.reports.models import ReportDraft

LIFETIME = timedelta(hours=3)
_NONCE_LENGTH = 12
_TOKEN_BYTES = 32


_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


def new_token() -> str:
    return secrets.token_urlsafe(_TOKEN_BYTES)


def is_token(text: str | None) -> bool:
    """A token this module could have made (never one a client chose in another shape)."""
    return bool(text) and _TOKEN.fullmatch(text or "") is not None


def _lookup(token: str) -> str:
    return hashlib.sha256(b"vigie-draft-lookup:" + token.encode()).hexdigest()


def _key(token: str) -> bytes:
    return HKDF(algorithm=SHA256(), length=32, salt=None, info=b"vigie-draft-v1").derive(
        token.encode()
    )


def save_draft(token: str, state: dict[str, Any]) -> None:
    """Store (or replace) the draft held by `token`; expired drafts are purged on the way."""
    lookup = _lookup(token)
    nonce = os.urandom(_NONCE_LENGTH)
    plaintext = json.dumps(state, ensure_ascii=False).encode()
    sealed = nonce + AESGCM(_key(token)).encrypt(nonce, plaintext, lookup.encode())
    now = timezone.now()
    ReportDraft.objects.filter(expires_at__lte=now).delete()
    ReportDraft.objects.update_or_create(
        lookup=lookup, defaults={"sealed": sealed, "expires_at": now + LIFETIME}
    )


def load_draft(token: str) -> dict[str, Any] | None:
    """The draft held by `token`, or None when it never existed, expired or was sent."""
    if not is_token(token):
        return None
    lookup = _lookup(token)
    row = ReportDraft.objects.filter(lookup=lookup, expires_at__gt=timezone.now()).first()
    if row is None:
        return None
    sealed = bytes(row.sealed)
    try:
        plaintext = AESGCM(_key(token)).decrypt(
            sealed[:_NONCE_LENGTH], sealed[_NONCE_LENGTH:], lookup.encode()
        )
    except InvalidTag:
        return None
    state: dict[str, Any] = json.loads(plaintext)
    return state


def delete_draft(token: str) -> None:
    if token:
        ReportDraft.objects.filter(lookup=_lookup(token)).delete()
