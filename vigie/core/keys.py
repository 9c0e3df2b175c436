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
- ``reports.vN.key``/``reports.vN.pub``, ``blind_index.vN.key``: later versions of those keys,
  made by a rotation (`vigie.core.rotation`); the highest version on disk is current, and the
  old files are shredded once nothing made with them remains;
- ``channel_layer.key``: encrypts what crosses Redis between processes (chat text, events) with
  channels-redis' ``symmetric_encryption_keys``. Made where the private keys are made (the back
  office); an intake host is given a copy, like ``reports.pub``. Never one of the keys above.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import time
from functools import cache
from pathlib import Path

from vigie.core.crypto import OpeningKey, SealingKey, key_id

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
    """Create whatever key is missing; never replace an existing one (nor bring back a
    version a rotation removed: a kind with any version on disk is left alone)."""
    keys_dir = var_dir / "keys"
    _write_private(keys_dir / "secret_key", secrets.token_urlsafe(50).encode())
    _write_private(keys_dir / "audit.key", secrets.token_bytes(32))
    _write_private(keys_dir / "audit_signing.key", secrets.token_bytes(32))
    if not versions_on_disk(keys_dir, BLIND_INDEX):
        _write_private(keys_dir / "blind_index.key", secrets.token_bytes(32))
    private_path = keys_dir / "reports.key"
    if not versions_on_disk(keys_dir, REPORTS, PRIVATE_SUFFIX) and not versions_on_disk(
        keys_dir, REPORTS, PUBLIC_SUFFIX
    ):
        opening = OpeningKey.generate()
        _write_private(private_path, opening.to_bytes())
        _write_private(keys_dir / "reports.pub", opening.sealing_key.to_bytes())
    if versions_on_disk(keys_dir, REPORTS, PRIVATE_SUFFIX):
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


# --- Versioned keys (rotation: vigie.core.rotation) -------------------------------------
#
# Version 1 keeps the historical names (``reports.key``/``reports.pub``, ``blind_index.key``);
# version n ≥ 2 is ``reports.vN.key``/``reports.vN.pub``, ``blind_index.vN.key``. The current
# version is the highest one on disk (a rotation writes the new files, then the old ones are
# removed once nothing made with them remains); a host keeps every version still present.
# The version of a sealed value is in its ciphertext (the key id of its header); the version
# of a blind-index token is stored next to it (``key_version``).

REPORTS = "reports"
BLIND_INDEX = "blind_index"
PUBLIC_SUFFIX = ".pub"
PRIVATE_SUFFIX = ".key"


def key_file_name(kind: str, version: int, suffix: str = PRIVATE_SUFFIX) -> str:
    return f"{kind}{suffix}" if version == 1 else f"{kind}.v{version}{suffix}"


def versions_on_disk(keys_dir: Path, kind: str, suffix: str = PRIVATE_SUFFIX) -> list[int]:
    """The versions of `kind` whose `suffix` file is in `keys_dir`, oldest first."""
    try:
        modified = os.stat(keys_dir).st_mtime_ns
    except FileNotFoundError:
        return []
    # A folder's mtime changes whenever a file is added or removed in it, so a listing is
    # kept per mtime: one stat per call. File times tick coarsely (milliseconds), so a folder
    # changed within the last seconds is listed afresh every time.
    if time.time_ns() - modified < _RECENT_NS:
        return list(_list_versions(keys_dir, kind, suffix))
    return list(_versions_listed(keys_dir, modified, kind, suffix))


_RECENT_NS = 5_000_000_000


@cache
def _versions_listed(keys_dir: Path, _modified: int, kind: str, suffix: str) -> tuple[int, ...]:
    return _list_versions(keys_dir, kind, suffix)


def _list_versions(keys_dir: Path, kind: str, suffix: str) -> tuple[int, ...]:
    pattern = re.compile(rf"{re.escape(kind)}(?:\.v([0-9]+))?{re.escape(suffix)}")
    found = set()
    for name in os.listdir(keys_dir):
        match = pattern.fullmatch(name)
        if match:
            found.add(int(match.group(1)) if match.group(1) else 1)
    return tuple(sorted(found))


def current_version(keys_dir: Path, kind: str) -> int:
    """The version new values are made with: the highest on disk (public half for reports,
    so that an intake holding only ``reports.vN.pub`` seals with it)."""
    suffix = PUBLIC_SUFFIX if kind == REPORTS else PRIVATE_SUFFIX
    present = versions_on_disk(keys_dir, kind, suffix)
    if not present:
        raise MissingKeyError(f"key file {key_file_name(kind, 1, suffix)} is not available")
    return present[-1]


def create_version(keys_dir: Path, kind: str, version: int) -> list[Path]:
    """Write the files of a new version (never over an existing one); return their paths."""
    if version < 2:
        raise ValueError("a new key version is 2 or more")
    if kind == REPORTS:
        opening = OpeningKey.generate()
        private = keys_dir / key_file_name(kind, version, PRIVATE_SUFFIX)
        public = keys_dir / key_file_name(kind, version, PUBLIC_SUFFIX)
        if private.exists() or public.exists():
            raise FileExistsError(private)
        # The private half first: a crash between the two leaves no public key that nothing
        # could open (the current version is chosen by its public half).
        _write_private(private, opening.to_bytes())
        _write_private(public, opening.sealing_key.to_bytes())
        return [private, public]
    if kind == BLIND_INDEX:
        path = keys_dir / key_file_name(kind, version)
        if path.exists():
            raise FileExistsError(path)
        _write_private(path, secrets.token_bytes(32))
        return [path]
    raise ValueError(f"unknown key kind {kind}")


def shred(path: Path) -> bool:
    """Overwrite a key file with random bytes, flush it to disk, then unlink it. True if a
    file was removed. (On a copy-on-write or journalling file system, or an SSD, the old
    blocks may survive the overwrite: the deployment guide says to keep keys on an encrypted
    volume; backups hold their own copies.)"""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return False
    with open(path, "r+b") as handle:
        handle.write(secrets.token_bytes(max(size, 1)))
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    _loaded.pop(path, None)
    _opening_from_raw.cache_clear()
    opening_key_id.cache_clear()
    return True


def destroy_version(keys_dir: Path, kind: str, version: int) -> list[str]:
    """Shred every file of one version; return the names removed."""
    removed = []
    suffixes = (PRIVATE_SUFFIX, PUBLIC_SUFFIX) if kind == REPORTS else (PRIVATE_SUFFIX,)
    for suffix in suffixes:
        path = keys_dir / key_file_name(kind, version, suffix)
        if shred(path):
            removed.append(path.name)
    return removed


# Raw key files read so far. A version's file never changes once written; it may disappear
# (rotation), so every use first checks that the file is still on disk.
_loaded: dict[Path, bytes] = {}


def _read_version(keys_dir: Path, kind: str, version: int, suffix: str) -> bytes:
    path = keys_dir / key_file_name(kind, version, suffix)
    if not path.exists():
        _loaded.pop(path, None)
        raise MissingKeyError(f"key file {path.name} is not available to this process")
    if path not in _loaded:
        _loaded[path] = _read(path)
    return _loaded[path]


def current_sealing_key(keys_dir: Path) -> tuple[int, SealingKey]:
    version = current_version(keys_dir, REPORTS)
    return version, _sealing_from_raw(_read_version(keys_dir, REPORTS, version, PUBLIC_SUFFIX))


@cache
def _sealing_from_raw(raw: bytes) -> SealingKey:
    return SealingKey.from_bytes(raw)


def sealing_key(keys_dir: Path) -> SealingKey:
    return current_sealing_key(keys_dir)[1]


@cache
def _opening_from_raw(raw: bytes) -> OpeningKey:
    return OpeningKey.from_bytes(raw)


@cache
def opening_key_id(raw: bytes) -> bytes:
    """The key id (`vigie.core.crypto.key_id`) of a raw private key."""
    return key_id(_opening_from_raw(raw).private_key.public_key())


def opening_keys_by_id(keys_dir: Path) -> dict[bytes, OpeningKey]:
    """Every report private key this host holds, by the key id its ciphertexts carry."""
    found = {}
    for version in versions_on_disk(keys_dir, REPORTS, PRIVATE_SUFFIX):
        raw = _read_version(keys_dir, REPORTS, version, PRIVATE_SUFFIX)
        found[opening_key_id(raw)] = _opening_from_raw(raw)
    return found


def opening_keys(keys_dir: Path) -> dict[int, OpeningKey]:
    """Every report private key this host holds, by version (empty on an intake)."""
    return {
        version: _opening_from_raw(_read_version(keys_dir, REPORTS, version, PRIVATE_SUFFIX))
        for version in versions_on_disk(keys_dir, REPORTS, PRIVATE_SUFFIX)
    }


def opening_key(keys_dir: Path) -> OpeningKey:
    """The current version's private key."""
    version = current_version(keys_dir, REPORTS)
    return _opening_from_raw(_read_version(keys_dir, REPORTS, version, PRIVATE_SUFFIX))


def report_key_ids(keys_dir: Path) -> dict[bytes, int]:
    """Key id (as written in a ciphertext's header) → version, for every public key here."""
    ids = {}
    for version in versions_on_disk(keys_dir, REPORTS, PUBLIC_SUFFIX):
        public = _sealing_from_raw(_read_version(keys_dir, REPORTS, version, PUBLIC_SUFFIX))
        ids[key_id(public.public_key)] = version
    return ids


def blind_index_keys(keys_dir: Path) -> dict[int, bytes]:
    """Every blind-index key this host holds, by version: during a rotation, look-ups are
    made under each of them."""
    return {
        version: _read_version(keys_dir, BLIND_INDEX, version, PRIVATE_SUFFIX)
        for version in versions_on_disk(keys_dir, BLIND_INDEX)
    }


def current_blind_index(keys_dir: Path) -> tuple[int, bytes]:
    version = current_version(keys_dir, BLIND_INDEX)
    return version, _read_version(keys_dir, BLIND_INDEX, version, PRIVATE_SUFFIX)


def blind_index_key(keys_dir: Path) -> bytes:
    return current_blind_index(keys_dir)[1]


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
