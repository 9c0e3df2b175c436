"""Reading evidence back: back office only (opening the data key needs the cell's key)."""

from __future__ import annotations

from collections.abc import Iterator

from vigie.core.sealing import open_for_cell
from vigie.evidence import storage
from vigie.evidence.models import StoredFile


def iter_evidence(stored: StoredFile) -> Iterator[bytes]:
    """The cleaned file, decrypted chunk by chunk (each chunk authenticated before use)."""
    key = open_for_cell(stored.sealed_key, associated_data=stored.associated_data)
    return storage.read_decrypted(
        stored.storage_name, key=key, associated_data=stored.associated_data
    )


def read_thumbnail(stored: StoredFile) -> bytes | None:
    if not stored.thumbnail_name:
        return None
    associated_data = stored.thumbnail_associated_data
    key = open_for_cell(stored.thumbnail_sealed_key, associated_data=associated_data)
    return b"".join(
        storage.read_decrypted(stored.thumbnail_name, key=key, associated_data=associated_data)
    )
