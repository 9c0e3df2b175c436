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
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

FORMAT_VERSION = 1
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
        return header + AESGCM(key).encrypt(nonce, plaintext, header + associated_data)


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
        if len(ciphertext) < _HEADER_LENGTH + 16 or ciphertext[0] != FORMAT_VERSION:
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
            return AESGCM(key).decrypt(nonce, ciphertext[_HEADER_LENGTH:], header + associated_data)
        except InvalidTag as error:
            raise DecryptionError("authentication failed") from error


def blind_index(key: bytes, *, kind: str, normalised_value: str) -> str:
    """Keyed hash of a normalised entity, so equal entities can be matched without plaintext."""
    message = kind.encode() + b"\x00" + normalised_value.encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()
