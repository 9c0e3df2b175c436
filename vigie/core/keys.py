"""Key files under VIGIE_VAR_DIR/keys: generated on first run with 0600 permissions.

Layout (one file each, raw bytes):
- ``secret_key``: Django's SECRET_KEY;
- ``reports.pub`` / ``reports.key``: the X25519 pair that seals report contents. A public
  intake host is given ``reports.pub`` only;
- ``blind_index.key``: the HMAC key of the blind indexes used for cross-referencing;
- ``audit.key``: the HMAC key of the audit chain (held by the back office, never by the
  database: whoever can write the database cannot recompute the chain);
- ``audit_signing.key``: the Ed25519 key that signs exported heads of the audit chain (anchors
  kept outside, checkable by anyone holding the public key printed with them);
- ``channel_layer.key``: encrypts what crosses Redis between processes (chat text, events) with
  channels-redis' ``symmetric_encryption_keys``. Made where the private keys are made (the back
  office); an intake host is given a copy, like ``reports.pub``. Never one of the keys above.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from functools import cache
from pathlib import Path

from vigie.core.crypto import OpeningKey, SealingKey

CHANNEL_LAYER_KEY = "channel_layer.key"


class MissingKeyError(RuntimeError):
    """This process was not given the key it needs (e.g. a public intake asked to decrypt)."""


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # O_EXCL: two processes starting at once never overwrite each other's freshly made key.
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


def secure_var_dir(var_dir: Path) -> None:
    """Everything this process creates is private to its user (umask 077), and the folder
    that holds the database, its WAL, keys, uploads and evidence is 0700, even when an
    earlier version made it 0755: a local user read live agent sessions from a 0644 WAL."""
    os.umask(0o077)
    var_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    if var_dir.stat().st_mode & 0o077:
        var_dir.chmod(0o700)


def ensure_keys(var_dir: Path) -> None:
    """Create whatever key is missing; never replace an existing one."""
    keys_dir = var_dir / "keys"
    _write_private(keys_dir / "secret_key", secrets.token_urlsafe(50).encode())
    _write_private(keys_dir / "blind_index.key", secrets.token_bytes(32))
    _write_private(keys_dir / "audit.key", secrets.token_bytes(32))
    _write_private(keys_dir / "audit_signing.key", secrets.token_bytes(32))
    private_path = keys_dir / "reports.key"
    if not private_path.exists() and not (keys_dir / "reports.pub").exists():
        opening = OpeningKey.generate()
        _write_private(private_path, opening.to_bytes())
        _write_private(keys_dir / "reports.pub", opening.sealing_key.to_bytes())
    if private_path.exists():
        # An intake host (reports.pub only) must be given the back office's copy: a key of
        # its own would make its channel messages unreadable to the other processes.
        _write_private(keys_dir / CHANNEL_LAYER_KEY, secrets.token_bytes(32))


def channel_layer_secret(keys_dir: Path) -> str:
    """The string handed to channels-redis' ``symmetric_encryption_keys`` (which hashes it into
    a Fernet key): derived from channel_layer.key under its own label."""
    raw = _read(keys_dir / CHANNEL_LAYER_KEY)
    return hashlib.sha256(b"vigie.channel-layer.v1\x00" + raw).hexdigest()


def read_secret_key(var_dir: Path) -> str:
    return (var_dir / "keys" / "secret_key").read_bytes().decode()


@cache
def sealing_key(keys_dir: Path) -> SealingKey:
    return SealingKey.from_bytes(_read(keys_dir / "reports.pub"))


@cache
def opening_key(keys_dir: Path) -> OpeningKey:
    return OpeningKey.from_bytes(_read(keys_dir / "reports.key"))


@cache
def blind_index_key(keys_dir: Path) -> bytes:
    return _read(keys_dir / "blind_index.key")


@cache
def audit_key(keys_dir: Path) -> bytes:
    return _read(keys_dir / "audit.key")


@cache
def audit_signing_seed(keys_dir: Path) -> bytes:
    return _read(keys_dir / "audit_signing.key")


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as error:
        raise MissingKeyError(f"key file {path.name} is not available to this process") from error
