import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigie.core.crypto import (
    STREAM_CHUNK_SIZE,
    DecryptionError,
    decrypt_stream,
    encrypt_stream,
    new_data_key,
)

AD = b"evidence:1b4e28ba-2fa1-11d2-883f-0016d3cca427"
HEADER = 12
TAG = 16


def _encrypt(plaintext: bytes, *, key: bytes, chunk_size: int = 16, ad: bytes = AD) -> bytes:
    sink = io.BytesIO()
    written = encrypt_stream(
        key, io.BytesIO(plaintext), sink, associated_data=ad, chunk_size=chunk_size
    )
    assert written == len(plaintext)
    return sink.getvalue()


def _decrypt(ciphertext: bytes, *, key: bytes, ad: bytes = AD) -> bytes:
    return b"".join(decrypt_stream(key, io.BytesIO(ciphertext), associated_data=ad))


@pytest.mark.parametrize("length", [0, 1, 15, 16, 17, 32, 33, 100])
def test_round_trip_at_every_chunk_boundary(length: int) -> None:
    key = new_data_key()
    plaintext = bytes(range(256))[:length]
    ciphertext = _encrypt(plaintext, key=key)
    assert len(ciphertext) == HEADER + length + TAG * max(1, -(-length // 16))
    assert _decrypt(ciphertext, key=key) == plaintext


def test_default_chunks_are_64_kib_and_the_header_says_so() -> None:
    key = new_data_key()
    ciphertext = _encrypt(b"x" * (STREAM_CHUNK_SIZE + 1), key=key, chunk_size=STREAM_CHUNK_SIZE)
    assert ciphertext[0] == 1
    assert int.from_bytes(ciphertext[1:5], "big") == 65536
    assert len(ciphertext) == HEADER + STREAM_CHUNK_SIZE + 1 + 2 * TAG


def test_no_plaintext_and_a_fresh_nonce_prefix_each_time() -> None:
    key = new_data_key()
    plaintext = b"+47.2438+006.0215/" * 10
    first, second = _encrypt(plaintext, key=key), _encrypt(plaintext, key=key)
    assert b"+47.2438" not in first
    assert first[5:HEADER] != second[5:HEADER]
    assert first != second


def _chunks(ciphertext: bytes, chunk_size: int = 16) -> tuple[bytes, list[bytes]]:
    block = chunk_size + TAG
    body = ciphertext[HEADER:]
    return ciphertext[:HEADER], [body[i : i + block] for i in range(0, len(body), block)]


PLAINTEXT = bytes(range(80))  # five full chunks of 16: the last full chunk carries the flag


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda h, c: h + b"".join(c[:-1]), id="cut-at-a-chunk-boundary"),
        pytest.param(lambda h, c: h + b"".join(c)[:-5], id="cut-inside-a-chunk"),
        pytest.param(lambda h, c: h + c[1] + c[0] + b"".join(c[2:]), id="two-chunks-swapped"),
        pytest.param(lambda h, c: h + b"".join(c) + c[0], id="chunk-appended"),
        pytest.param(lambda h, c: h + c[0] + c[0] + b"".join(c[2:]), id="chunk-duplicated"),
        pytest.param(lambda h, c: h[:5] + bytes(7) + b"".join(c), id="nonce-prefix-changed"),
        pytest.param(
            lambda h, c: h[:1] + (32).to_bytes(4, "big") + h[5:] + b"".join(c),
            id="chunk-size-changed",
        ),
        pytest.param(lambda h, c: bytes([2]) + h[1:] + b"".join(c), id="version-changed"),
        pytest.param(lambda h, c: h[:7], id="header-only-part"),
        pytest.param(lambda h, c: h, id="header-without-chunks"),
        pytest.param(
            lambda h, c: h + bytes([c[0][0] ^ 1]) + c[0][1:] + b"".join(c[1:]), id="bit-flipped"
        ),
    ],
)
def test_tampering_is_detected(tamper) -> None:
    key = new_data_key()
    header, chunks = _chunks(_encrypt(PLAINTEXT, key=key))
    assert len(chunks) == 5
    with pytest.raises(DecryptionError):
        _decrypt(tamper(header, chunks), key=key)


def test_a_chunk_from_another_file_with_the_same_key_is_refused() -> None:
    key = new_data_key()
    header, chunks = _chunks(_encrypt(PLAINTEXT, key=key))
    _, others = _chunks(_encrypt(PLAINTEXT, key=key))
    with pytest.raises(DecryptionError):
        _decrypt(header + chunks[0] + others[1] + b"".join(chunks[2:]), key=key)


def test_bound_to_its_associated_data_and_key() -> None:
    key = new_data_key()
    ciphertext = _encrypt(b"photo", key=key)
    with pytest.raises(DecryptionError):
        _decrypt(ciphertext, key=key, ad=b"evidence:another")
    with pytest.raises(DecryptionError):
        _decrypt(ciphertext, key=new_data_key())


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300), st.integers(min_value=1, max_value=40))
def test_round_trip_property(plaintext: bytes, chunk_size: int) -> None:
    key = bytes(32)
    assert _decrypt(_encrypt(plaintext, key=key, chunk_size=chunk_size), key=key) == plaintext


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200))
def test_garbage_never_decrypts_and_never_crashes(garbage: bytes) -> None:
    with pytest.raises(DecryptionError):
        _decrypt(garbage, key=bytes(32))
