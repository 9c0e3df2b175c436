"""Encryption at rest, with no Django import.

Report contents are *sealed* to the cell's X25519 public key (an ECIES construction:
ephemeral X25519, HKDF-SHA256, AES-256-GCM). The internet-facing intake only needs the
public key to store a report, so a split deployment where the intake cannot read past
reports needs no change here: give the intake process the public key file only.

The associated data binds a ciphertext to the row it belongs to (for example
``b"report:<public id>"``): a ciphertext copied onto another row does not decrypt.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

# Version 2 pads the plaintext to a bucket before encrypting (version 1, unpadded, still opens).
FORMAT_VERSION = 2
_UNPADDED_VERSION = 1
_SMALLEST_BUCKET = 256
_KEY_ID_LENGTH = 8
_PUBLIC_KEY_LENGTH = 32
_NONCE_LENGTH = 12
_HEADER_LENGTH = 1 + _KEY_ID_LENGTH + _PUBLIC_KEY_LENGTH + _NONCE_LENGTH


class DecryptionError(Exception):
    """The ciphertext is damaged, bound to other data, or sealed to another key."""


def _raw_public(key: X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public_key: X25519PublicKey) -> bytes:
    """A short fingerprint stored in each ciphertext, so that keys can be rotated."""
    return hashlib.sha256(_raw_public(public_key)).digest()[:_KEY_ID_LENGTH]


# Where a sealed value's header holds its key id (after the one-byte format version).
KEY_ID_OFFSET = 1
KEY_ID_LENGTH = _KEY_ID_LENGTH


def sealed_key_id(ciphertext: bytes) -> bytes:
    """The key id written in a sealed value's header (b"" if it is too short to have one)."""
    if len(ciphertext) < 1 + _KEY_ID_LENGTH:
        return b""
    return bytes(ciphertext[1 : 1 + _KEY_ID_LENGTH])


def padded_length(length: int) -> int:
    """The bucket a plaintext of `length` bytes (plus its one-byte end marker) is padded to:
    the next power of two from 256 bytes. A ciphertext then tells only which bucket its
    content falls in (about log2 of the length), not how many characters a citizen typed."""
    bucket = _SMALLEST_BUCKET
    while bucket < length + 1:
        bucket *= 2
    return bucket


def pad(plaintext: bytes) -> bytes:
    """ISO/IEC 7816-4 padding: a 0x80 byte, then zeros up to the bucket."""
    return plaintext + b"\x80" + b"\x00" * (padded_length(len(plaintext)) - len(plaintext) - 1)


def unpad(padded: bytes) -> bytes:
    end = padded.rfind(b"\x80")
    if end < 0 or padded[end + 1 :].strip(b"\x00"):
        raise DecryptionError("bad padding")
    return padded[:end]


def _derive(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(
        algorithm=SHA256(), length=32, salt=ephemeral + recipient, info=b"vigie-seal-v1"
    ).derive(shared)


@dataclass(frozen=True)
class SealingKey:
    """The public half: enough to encrypt, never to decrypt."""

    public_key: X25519PublicKey

    @classmethod
    def from_bytes(cls, raw: bytes) -> SealingKey:
        return cls(X25519PublicKey.from_public_bytes(raw))

    def to_bytes(self) -> bytes:
        return _raw_public(self.public_key)

    def seal(self, plaintext: bytes, *, associated_data: bytes) -> bytes:
        ephemeral = X25519PrivateKey.generate()
        ephemeral_public = _raw_public(ephemeral.public_key())
        recipient = _raw_public(self.public_key)
        key = _derive(ephemeral.exchange(self.public_key), ephemeral_public, recipient)
        nonce = os.urandom(_NONCE_LENGTH)
        header = bytes([FORMAT_VERSION]) + key_id(self.public_key) + ephemeral_public + nonce
        return header + AESGCM(key).encrypt(nonce, pad(plaintext), header + associated_data)


@dataclass(frozen=True)
class OpeningKey:
    """The private half, held only by the back office."""

    private_key: X25519PrivateKey

    @classmethod
    def generate(cls) -> OpeningKey:
        return cls(X25519PrivateKey.generate())

    @classmethod
    def from_bytes(cls, raw: bytes) -> OpeningKey:
        return cls(X25519PrivateKey.from_private_bytes(raw))

    def to_bytes(self) -> bytes:
        return self.private_key.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )

    @property
    def sealing_key(self) -> SealingKey:
        return SealingKey(self.private_key.public_key())

    def open(self, ciphertext: bytes, *, associated_data: bytes) -> bytes:
        version = ciphertext[0] if ciphertext else None
        if len(ciphertext) < _HEADER_LENGTH + 16 or version not in (
            FORMAT_VERSION,
            _UNPADDED_VERSION,
        ):
            raise DecryptionError("unknown or truncated ciphertext")
        header = ciphertext[:_HEADER_LENGTH]
        stored_key_id = header[1 : 1 + _KEY_ID_LENGTH]
        recipient_public = self.private_key.public_key()
        if not hmac.compare_digest(stored_key_id, key_id(recipient_public)):
            raise DecryptionError("sealed to another key")
        ephemeral_raw = header[1 + _KEY_ID_LENGTH : 1 + _KEY_ID_LENGTH + _PUBLIC_KEY_LENGTH]
        nonce = header[-_NONCE_LENGTH:]
        shared = self.private_key.exchange(X25519PublicKey.from_public_bytes(ephemeral_raw))
        key = _derive(shared, ephemeral_raw, _raw_public(recipient_public))
        try:
            plaintext = AESGCM(key).decrypt(
                nonce, ciphertext[_HEADER_LENGTH:], header + associated_data
            )
        except InvalidTag as error:
            raise DecryptionError("authentication failed") from error
        return unpad(plaintext) if version == FORMAT_VERSION else plaintext


def blind_index(key: bytes, *, kind: str, normalised_value: str) -> str:
    """Keyed hash of a normalised entity, so equal entities can be matched without plaintext."""
    message = kind.encode() + b"\x00" + normalised_value.encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


# --- Streaming encryption of large files (evidence photos and videos) -----------------------
#
# The STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár 2015) over AES-256-GCM: the
# plaintext is cut into fixed-size chunks, each sealed on its own with
#     nonce = 7-byte random prefix ‖ 4-byte big-endian chunk counter ‖ 1-byte last-chunk flag
# and, as associated data, the stream header followed by the caller's associated data (for
# evidence, ``b"evidence:<public id>"``). Reordered or swapped chunks fail (the counter is
# in the nonce), a stream cut at a chunk boundary fails (no chunk carries the last flag), and
# a file copied onto another row fails (associated data). Memory stays at one chunk whatever
# the file size. The data key is random per file and is sealed separately (see `seal`).
#
# Layout: header = version (1) ‖ chunk size (4, big-endian) ‖ nonce prefix (7), then chunks of
# ``chunk size + 16`` bytes, the last one shorter (possibly only its 16-byte tag).

STREAM_VERSION = 1
STREAM_CHUNK_SIZE = 64 * 1024
STREAM_KEY_LENGTH = 32
_STREAM_PREFIX_LENGTH = 7
_STREAM_HEADER_LENGTH = 1 + 4 + _STREAM_PREFIX_LENGTH
_STREAM_MAX_CHUNK_SIZE = 16 * 1024 * 1024
_STREAM_MAX_CHUNKS = 2**32
_TAG_LENGTH = 16


class _Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class _Writable(Protocol):
    def write(self, data: bytes, /) -> int: ...


def new_data_key() -> bytes:
    """A fresh random 256-bit key for one file."""
    return AESGCM.generate_key(bit_length=256)


def _stream_nonce(prefix: bytes, counter: int, *, last: bool) -> bytes:
    if counter >= _STREAM_MAX_CHUNKS:
        raise ValueError("stream too long for its counter")
    return prefix + counter.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


def _read_exactly(source: _Readable, size: int) -> bytes:
    """Up to `size` bytes, short only at the end of the stream (handles short reads)."""
    parts = []
    remaining = size
    while remaining:
        part = source.read(remaining)
        if not part:
            break
        parts.append(part)
        remaining -= len(part)
    return b"".join(parts)


def encrypt_stream(
    key: bytes,
    source: _Readable,
    sink: _Writable,
    *,
    associated_data: bytes,
    chunk_size: int = STREAM_CHUNK_SIZE,
) -> int:
    """Encrypt `source` into `sink` chunk by chunk; return the number of plaintext bytes."""
    if len(key) != STREAM_KEY_LENGTH:
        raise ValueError("a stream key is 32 bytes")
    if not 0 < chunk_size <= _STREAM_MAX_CHUNK_SIZE:
        raise ValueError("chunk size out of range")
    prefix = os.urandom(_STREAM_PREFIX_LENGTH)
    header = bytes([STREAM_VERSION]) + chunk_size.to_bytes(4, "big") + prefix
    aead = AESGCM(key)
    additional = header + associated_data
    sink.write(header)
    total = 0
    counter = 0
    current = _read_exactly(source, chunk_size)
    while True:
        # One chunk of look-ahead: the last chunk is known only once the next read is empty.
        following = _read_exactly(source, chunk_size) if len(current) == chunk_size else b""
        last = not following
        nonce = _stream_nonce(prefix, counter, last=last)
        sink.write(aead.encrypt(nonce, current, additional))
        total += len(current)
        if last:
            return total
        counter += 1
        current = following


def decrypt_stream(key: bytes, source: _Readable, *, associated_data: bytes) -> Iterator[bytes]:
    """Yield the plaintext chunk by chunk; raise DecryptionError on any tampering.

    Each chunk is authenticated before it is yielded. A stream cut short, reordered, or made
    of another file's chunks raises at the first bad chunk, so a consumer that has already
    sent earlier chunks (an HTTP response) ends with an error instead of a silently short file.
    """
    if len(key) != STREAM_KEY_LENGTH:
        raise DecryptionError("a stream key is 32 bytes")
    header = _read_exactly(source, _STREAM_HEADER_LENGTH)
    if len(header) != _STREAM_HEADER_LENGTH or header[0] != STREAM_VERSION:
        raise DecryptionError("unknown or truncated stream header")
    chunk_size = int.from_bytes(header[1:5], "big")
    if not 0 < chunk_size <= _STREAM_MAX_CHUNK_SIZE:
        raise DecryptionError("chunk size out of range")
    prefix = header[5:]
    aead = AESGCM(key)
    additional = header + associated_data
    block = chunk_size + _TAG_LENGTH
    counter = 0
    current = _read_exactly(source, block)
    while True:
        if len(current) < _TAG_LENGTH:
            raise DecryptionError("truncated stream")
        following = _read_exactly(source, block) if len(current) == block else b""
        last = not following
        try:
            nonce = _stream_nonce(prefix, counter, last=last)
            plaintext = aead.decrypt(nonce, current, additional)
        except (InvalidTag, ValueError) as error:
            raise DecryptionError("stream chunk failed authentication") from error
        yield plaintext
        if last:
            return
        counter += 1
        current = following
