"""Random and mutated bytes never crash the sniffer or the cleaners: they are refused."""

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.engine.media.samples import build_movie, jpeg_with_everything, png_with_everything
from vigie.engine.media import MediaRefused, clean_image, plan_video_cleaning, sniff
from vigie.engine.media.formats import Kind

MOVIE = build_movie().data
JPEG = jpeg_with_everything()
PNG = png_with_everything()


def _process(data: bytes) -> None:
    fmt = sniff(data[:4096])
    if fmt is None:
        return
    try:
        if fmt.kind is Kind.IMAGE:
            clean_image(io.BytesIO(data), fmt, io.BytesIO())
        else:
            cleaning = plan_video_cleaning(io.BytesIO(data), len(data))
            cleaning.reader(io.BytesIO(data)).read()
    except MediaRefused as refused:
        assert refused.code in {"unsupported_type", "damaged", "too_large"}


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2048))
def test_random_bytes(data: bytes) -> None:
    _process(data)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"RIFF\x00\x00\x00\x00WEBP",
                        b"\x00\x00\x00\x14ftypisom\x00\x00\x00\x00isom", b"\x00\x00\x00\x08moov"]),
       st.binary(max_size=1024))  # fmt: skip
def test_random_bytes_behind_a_valid_signature(signature: bytes, rest: bytes) -> None:
    _process(signature + rest)


def _mutate(original: bytes, changes: list[tuple[int, int]]) -> bytes:
    data = bytearray(original)
    for position, value in changes:
        data[position % len(data)] = value
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=8))
def test_mutated_movies(changes: list[tuple[int, int]]) -> None:
    _process(_mutate(MOVIE, changes))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=8),
       st.sampled_from([JPEG, PNG]))  # fmt: skip
def test_mutated_images(changes: list[tuple[int, int]], original: bytes) -> None:
    _process(_mutate(original, changes))
