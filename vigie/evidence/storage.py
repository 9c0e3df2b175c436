"""Encrypted files under EVIDENCE_DIR: random names, mode 0600, one data key per file."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from django.conf import settings

from vigie.core.crypto import decrypt_stream, encrypt_stream

_NAME_BYTES = 16


def _path(name: str) -> Path:
    if not name or not all(c in "0123456789abcdef" for c in name):
        raise ValueError("not a storage name")
    return Path(settings.EVIDENCE_DIR) / name


def write_encrypted(source: IO[bytes], *, key: bytes, associated_data: bytes) -> tuple[str, int]:
    """Encrypt `source` into a new randomly named file; return its name and plaintext size."""
    directory = Path(settings.EVIDENCE_DIR)
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    name = secrets.token_hex(_NAME_BYTES)
    path = directory / name
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as sink:
            size = encrypt_stream(key, source, sink, associated_data=associated_data)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return name, size


def read_decrypted(name: str, *, key: bytes, associated_data: bytes) -> Iterator[bytes]:
    with _path(name).open("rb") as source:
        yield from decrypt_stream(key, source, associated_data=associated_data)


def delete(name: str) -> None:
    if name:
        _path(name).unlink(missing_ok=True)
