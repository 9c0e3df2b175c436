"""Receipts: a short reference to quote and a high-entropy secret to prove it is yours.

The reference is random (not sequential: nobody can enumerate reports). The secret is 140
bits in Crockford base32, shown once to the citizen and stored only as an Argon2id hash.
Crockford's alphabet has no I, L, O or U, and reading tolerates the usual confusions.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from django.conf import settings

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_PREFIX = "VG"
REFERENCE_LENGTH = 8  # 40 bits: a namespace, not a secret
SECRET_GROUPS = 7
SECRET_GROUP_LENGTH = 4  # 28 characters x 5 bits = 140 bits
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


@dataclass(frozen=True)
class Receipt:
    reference: str
    secret: str


def _random_chars(count: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(count))


def new_reference() -> str:
    body = _random_chars(REFERENCE_LENGTH)
    return f"{REFERENCE_PREFIX}-{body[:4]}-{body[4:]}"


def new_secret() -> str:
    return "-".join(_random_chars(SECRET_GROUP_LENGTH) for _ in range(SECRET_GROUPS))


def _canonical(text: str) -> str:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    return cleaned.translate(_CONFUSABLE)


def normalise_reference(text: str) -> str:
    """'vg 7k3m 9qxd' → 'VG-7K3M-9QXD'; anything malformed gives ''."""
    cleaned = _canonical(text)
    if cleaned.startswith(REFERENCE_PREFIX):
        cleaned = cleaned[len(REFERENCE_PREFIX) :]
    if len(cleaned) != REFERENCE_LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return ""
    return f"{REFERENCE_PREFIX}-{cleaned[:4]}-{cleaned[4:]}"


def normalise_secret(text: str) -> str:
    return _canonical(text)


def _hasher() -> PasswordHasher:
    return PasswordHasher(
        time_cost=settings.RECEIPT_HASH_TIME_COST,
        memory_cost=settings.RECEIPT_HASH_MEMORY_COST,
        parallelism=1,
    )


def hash_secret(secret: str) -> str:
    return _hasher().hash(normalise_secret(secret))


@cache
def _dummy_hash() -> str:
    """Verified when the reference is unknown, so both answers take the same time."""
    return hash_secret(new_secret())


def verify_secret(secret: str, secret_hash: str | None) -> bool:
    if secret_hash is None:
        _check(secret, _dummy_hash())
        return False
    return _check(secret, secret_hash)


def _check(secret: str, secret_hash: str) -> bool:
    try:
        return _hasher().verify(secret_hash, normalise_secret(secret))
    except (VerificationError, InvalidHashError):
        return False
