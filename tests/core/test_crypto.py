import pytest

from vigie.core.crypto import DecryptionError, OpeningKey, SealingKey, blind_index

AD = b"report:1b4e28ba-2fa1-11d2-883f-0016d3cca427"


def test_sealed_content_opens_with_the_private_key() -> None:
    opening = OpeningKey.generate()
    sealed = opening.sealing_key.seal(b"hall B, tous les soirs", associated_data=AD)
    assert opening.open(sealed, associated_data=AD) == b"hall B, tous les soirs"


def test_sealed_content_holds_no_plaintext_and_differs_each_time() -> None:
    sealing = OpeningKey.generate().sealing_key
    first = sealing.seal(b"AB-123-CD", associated_data=AD)
    second = sealing.seal(b"AB-123-CD", associated_data=AD)
    assert b"AB-123-CD" not in first
    assert first != second


def test_an_intake_with_only_the_public_key_cannot_decrypt() -> None:
    opening = OpeningKey.generate()
    public_only = SealingKey.from_bytes(opening.sealing_key.to_bytes())
    sealed = public_only.seal(b"secret", associated_data=AD)
    assert not hasattr(public_only, "open")
    with pytest.raises(DecryptionError):
        OpeningKey.generate().open(sealed, associated_data=AD)
    assert opening.open(sealed, associated_data=AD) == b"secret"


@pytest.mark.parametrize(
    "tamper",
    [
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),
        lambda data: data[:20] + bytes([data[20] ^ 1]) + data[21:],
        lambda data: data[:30],
        lambda data: b"\x01" + data[1:],  # downgraded to the unpadded version
        lambda data: b"\x03" + data[1:],  # an unknown version
    ],
)
def test_a_damaged_ciphertext_is_refused(tamper) -> None:
    opening = OpeningKey.generate()
    sealed = opening.sealing_key.seal(b"contenu", associated_data=AD)
    with pytest.raises(DecryptionError):
        opening.open(tamper(sealed), associated_data=AD)


def test_a_ciphertext_moved_to_another_row_does_not_open() -> None:
    opening = OpeningKey.generate()
    sealed = opening.sealing_key.seal(b"contenu", associated_data=AD)
    with pytest.raises(DecryptionError):
        opening.open(sealed, associated_data=b"report:another")


def test_blind_index_is_keyed_and_separates_kinds() -> None:
    key_a, key_b = b"a" * 32, b"b" * 32
    plate = blind_index(key_a, kind="plate", normalised_value="AB-123-CD")
    assert plate == blind_index(key_a, kind="plate", normalised_value="AB-123-CD")
    assert plate != blind_index(key_b, kind="plate", normalised_value="AB-123-CD")
    assert plate != blind_index(key_a, kind="phone", normalised_value="AB-123-CD")


def test_ciphertext_length_tells_the_bucket_not_the_length() -> None:
    """Issue 12 #11: a sealed report of 10 characters and one of 200 look the same."""
    sealing = OpeningKey.generate().sealing_key
    lengths = {len(sealing.seal(b"x" * n, associated_data=b"r")) for n in (0, 10, 200, 255)}
    assert len(lengths) == 1
    assert len(sealing.seal(b"x" * 256, associated_data=b"r")) > lengths.pop()


@pytest.mark.parametrize("length", [0, 1, 254, 255, 256, 257, 5000])
def test_padded_contents_round_trip(length: int) -> None:
    opening = OpeningKey.generate()
    plaintext = bytes([0x80, 0]) * (length // 2) + b"\x80" * (length % 2)  # padding-like bytes
    sealed = opening.sealing_key.seal(plaintext, associated_data=b"r")
    assert opening.open(sealed, associated_data=b"r") == plaintext


def test_contents_sealed_before_padding_still_open() -> None:
    """Version 1 ciphertexts (unpadded) stored by earlier releases open unchanged."""
    import os

    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    from vigie.core.crypto import _derive, _raw_public, key_id

    opening = OpeningKey.generate()
    recipient = opening.sealing_key.public_key
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = _raw_public(ephemeral.public_key())
    key = _derive(ephemeral.exchange(recipient), ephemeral_public, _raw_public(recipient))
    nonce = os.urandom(12)
    header = bytes([1]) + key_id(recipient) + ephemeral_public + nonce
    legacy = header + AESGCM(key).encrypt(nonce, b"ancien signalement", header + b"r")
    assert opening.open(legacy, associated_data=b"r") == b"ancien signalement"
