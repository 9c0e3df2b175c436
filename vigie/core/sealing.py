"""Sealing rows with this deployment's keys: for the cell, and for the citizen.

- *For the cell*: sealed to the current ``reports`` public key (``reports.pub``, or
  ``reports.vN.pub`` after a rotation); only the back office (the matching private key) opens
  it. An internet-facing intake holding the public key alone can write, never read back. The
  key id in each ciphertext's header says which version sealed it; opening picks that
  version's private key, so values sealed before a rotation open until they are re-sealed.
- *For the citizen*: sealed to the public key derived from their receipt
  (`vigie.core.receipts.citizen_key`); opened only while they present the receipt. This is
  how replies from the cell reach the follow-up page and the chat without the intake
  holding any key to the past.
"""

from __future__ import annotations

from django.conf import settings

from vigie.core import keys, receipts
from vigie.core.crypto import DecryptionError, OpeningKey, SealingKey, sealed_key_id


class RetiredKeyError(keys.MissingKeyError):
    """This host still seals under a report key version the back office has retired (its
    private half is gone): the new public key file must be copied here."""


def seal_for_cell(plaintext: bytes, *, associated_data: bytes) -> bytes:
    version, sealing = keys.current_sealing_key(settings.KEYS_DIR)
    _refuse_retired(version)
    return sealing.seal(plaintext, associated_data=associated_data)


def _refuse_retired(version: int) -> None:
    """A host holding the private half of its current version made it (the back office); a
    host without it (an intake) checks that the back office has not retired that version,
    or what it seals would never open again."""
    if version in keys.versions_on_disk(settings.KEYS_DIR, keys.REPORTS, keys.PRIVATE_SUFFIX):
        return
    from vigie.core.models import KeyKind, KeyRotation

    if KeyRotation.objects.filter(
        kind=KeyKind.REPORTS, from_version__gte=version, finished_at__isnull=False
    ).exists():
        name = keys.key_file_name(keys.REPORTS, _latest_version(), keys.PUBLIC_SUFFIX)
        raise RetiredKeyError(
            f"report key version {version} is retired: copy the back office's {name} here"
        )


def _latest_version() -> int:
    from vigie.core.models import KeyKind, KeyRotation

    latest = (
        KeyRotation.objects.filter(kind=KeyKind.REPORTS)
        .order_by("-to_version")
        .values_list("to_version", flat=True)
        .first()
    )
    return latest or 1


def open_for_cell(sealed: bytes, *, associated_data: bytes) -> bytes:
    """Back office only: raises MissingKeyError on a public intake host (or when the version
    that sealed it is no longer held)."""
    sealed = bytes(sealed)
    opening = opening_key_for(sealed)
    return opening.open(sealed, associated_data=associated_data)


def open_text_for_cell(sealed: bytes, *, associated_data: bytes) -> str:
    """A sealed free text (a dossier's notes, an outcome's comment); "" when none was kept."""
    if not sealed:
        return ""
    return open_for_cell(bytes(sealed), associated_data=associated_data).decode()


def opening_key_for(sealed: bytes) -> OpeningKey:
    held = keys.opening_keys_by_id(settings.KEYS_DIR)
    if not held:
        raise keys.MissingKeyError("no report private key is available to this process")
    opening = held.get(sealed_key_id(sealed))
    if opening is not None:
        return opening
    if len(held) == 1:
        return next(iter(held.values()))  # let it say why it does not open
    raise DecryptionError("sealed to a key this host does not hold")


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
