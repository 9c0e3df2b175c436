"""Receipts: a short reference to quote and a high-entropy secret to prove it is yours.

Reports (``VG-…``) and chat conversations (``VC-…``) both hand one to the citizen. The
reference is random (not sequential: nobody can enumerate them). The secret is 140 bits in
Crockford base32, shown once and stored only as a SHA-256 digest: with 140 random bits a
slow password hash adds nothing (nobody can search that space), and a fast one keeps an
anonymous submission cheap for us while proof-of-work keeps it dear for a flood.

Crockford's alphabet has no I, L, O or U, and reading tolerates the usual confusions.

The secret also derives the citizen's own X25519 key (`citizen_key`): replies from the cell
are sealed to its public half, so the public intake can show them to whoever holds the
receipt, and to nobody else, without holding any key that opens past reports.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from vigie.core.crypto import OpeningKey

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REPORT_PREFIX = "VG"
CONVERSATION_PREFIX = "VC"
PREFIXES = (REPORT_PREFIX, CONVERSATION_PREFIX)
REFERENCE_LENGTH = 8  # 40 bits: a namespace, not a secret
SECRET_GROUPS = 7
SECRET_GROUP_LENGTH = 4  # 28 characters x 5 bits = 140 bits
_HASH_SCHEME = "sha256$"
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


@dataclass(frozen=True)
class Receipt:
    reference: str
    secret: str


def _random_chars(count: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(count))


def new_reference(prefix: str = REPORT_PREFIX) -> str:
    body = _random_chars(REFERENCE_LENGTH)
    return f"{prefix}-{body[:4]}-{body[4:]}"


def new_secret() -> str:
    return "-".join(_random_chars(SECRET_GROUP_LENGTH) for _ in range(SECRET_GROUPS))


def _canonical(text: str) -> str:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    return cleaned.translate(_CONFUSABLE)


def normalise_reference(text: str, *, default_prefix: str = REPORT_PREFIX) -> str:
    """'vg 7k3m 9qxd' → 'VG-7K3M-9QXD', 'VC-…' stays a conversation; malformed gives ''."""
    cleaned = _canonical(text)
    prefix = default_prefix
    for known in PREFIXES:
        # The prefix letters are checked before confusable folding could touch them.
        if cleaned.startswith(known) and len(cleaned) == len(known) + REFERENCE_LENGTH:
            prefix, cleaned = known, cleaned[len(known) :]
            break
    if len(cleaned) != REFERENCE_LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return ""
    return f"{prefix}-{cleaned[:4]}-{cleaned[4:]}"


def normalise_secret(text: str) -> str:
    return _canonical(text)


def hash_secret(secret: str) -> str:
    digest = hashlib.sha256(b"vigie-receipt-v1\x00" + normalise_secret(secret).encode())
    return _HASH_SCHEME + digest.hexdigest()


_DUMMY_HASH = hash_secret(new_secret())


def verify_secret(secret: str, secret_hash: str | None) -> bool:
    """Constant time; an unknown reference (None) costs the same as a wrong secret."""
    candidate = hash_secret(secret)
    expected = secret_hash if secret_hash and secret_hash.startswith(_HASH_SCHEME) else None
    matches = hmac.compare_digest(candidate, expected or _DUMMY_HASH)
    return matches and expected is not None


def citizen_key(secret: str, *, reference: str) -> OpeningKey:
    """The citizen's private key, recomputed from the receipt each time it is presented."""
    raw = HKDF(
        algorithm=SHA256(), length=32, salt=reference.encode(), info=b"vigie-citizen-key-v1"
    ).derive(normalise_secret(secret).encode())
    return OpeningKey.from_bytes(raw)


def citizen_public_key(secret: str, *, reference: str) -> bytes:
    return citizen_key(secret, reference=reference).sealing_key.to_bytes()
