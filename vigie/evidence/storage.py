"""Encrypted files under EVIDENCE_DIR: random names, mode 0600, one data key per file.

No file keeps a time finer than the hour (issue 12 finding 4): its access and modification
times are set to the hour when written, and its change time (which no call can set: any
change of the inode sets it to *now*) is blurred by `blur_recent_times`, which the worker runs
after the end of each hour with an upload: every file changed since the hour before is touched
again, in a random order, so they all carry the time of that pass instead of their own.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from django.conf import settings

from vigie.core.crypto import decrypt_stream, encrypt_stream

_NAME_BYTES = 16
_HOUR = 3600


def _hour_of(timestamp: float) -> int:
    return int(timestamp) // _HOUR * _HOUR


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
        hour = _hour_of(time.time())
        os.utime(path, (hour, hour))
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return name, size


def blur_recent_times(*, window_seconds: int = 2 * _HOUR) -> int:
    """Touch again, in a random order, every file whose change time is within the window.

    Their change times become this pass's (all within the same instant, in an order that
    says nothing of the order of submissions); their other times stay at the hour. Returns
    how many files were touched.
    """
    directory = Path(settings.EVIDENCE_DIR)
    if not directory.is_dir():
        return 0
    since = time.time() - window_seconds
    recent = [
        entry
        for entry in os.scandir(directory)
        if entry.is_file() and entry.stat().st_ctime >= since
    ]
    secrets.SystemRandom().shuffle(recent)
    for entry in recent:
        hour = _hour_of(entry.stat().st_mtime)
        try:
            os.utime(entry.path, (hour, hour))
        except FileNotFoundError:  # deleted meanwhile (a purge, a refused submission)
            continue
    return len(recent)


def read_decrypted(name: str, *, key: bytes, associated_data: bytes) -> Iterator[bytes]:
    with _path(name).open("rb") as source:
        yield from decrypt_stream(key, source, associated_data=associated_data)


def delete(name: str) -> None:
    if name:
        _path(name).unlink(missing_ok=True)
