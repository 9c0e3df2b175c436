"""Sealing rows with this deployment's keys: for the cell, and for the citizen.

- *For the cell*: sealed to ``reports.pub``; only the back office (``reports.key``) opens it.
  An internet-facing intake holding the public key alone can write, never read back.
- *For the citizen*: sealed to the public key derived from their receipt
  (`vigie.core.receipts.citizen_key`); opened only while they present the receipt. This is
  how replies from the cell reach the follow-up page and the chat without the intake
  holding any key to the past.
"""

from __future__ import annotations

from django.conf import settings

from vigie.core import keys, receipts
from vigie.core.crypto import SealingKey


def seal_for_cell(plaintext: bytes, *, associated_data: bytes) -> bytes:
    return keys.sealing_key(settings.KEYS_DIR).seal(plaintext, associated_data=associated_data)


def open_for_cell(sealed: bytes, *, associated_data: bytes) -> bytes:
    """Back office only: raises MissingKeyError on a public intake host."""
    opening = keys.opening_key(settings.KEYS_DIR)
    return opening.open(bytes(sealed), associated_data=associated_data)


def seal_for_citizen(plaintext: bytes, *, citizen_public: bytes, associated_data: bytes) -> bytes:
    return SealingKey.from_bytes(bytes(citizen_public)).seal(
        plaintext, associated_data=associated_data
    )


def open_for_citizen(
    sealed: bytes, *, secret: str, reference: str, associated_data: bytes
) -> bytes:
    opening = receipts.citizen_key(secret, reference=reference)
    return opening.open(bytes(sealed), associated_data=associated_data)


def seal_for_both(
    plaintext: bytes, *, citizen_public: bytes, associated_data: bytes
) -> tuple[bytes, bytes]:
    """A message of a citizen/cell thread: (sealed for the cell, sealed for the citizen)."""
    return (
        seal_for_cell(plaintext, associated_data=associated_data),
        seal_for_citizen(plaintext, citizen_public=citizen_public, associated_data=associated_data),
    )
