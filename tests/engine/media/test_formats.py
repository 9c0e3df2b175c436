import pytest

from tests.engine.media.samples import (
    build_movie,
    heic_with_everything,
    jpeg_with_everything,
    png_with_everything,
    webp_with_everything,
)
from vigie.engine.media import formats
from vigie.engine.media.formats import sniff


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (jpeg_with_everything, formats.JPEG),
        (png_with_everything, formats.PNG),
        (webp_with_everything, formats.WEBP),
        (heic_with_everything, formats.HEIC),
        (lambda: build_movie().data, formats.MP4),
        (lambda: build_movie(brand=b"mp42").data, formats.MP4),
        (lambda: build_movie(brand=b"qt  ").data, formats.MOV),
        (lambda: build_movie(brand=b"3gp5").data, formats.MP4),
    ],
)
def test_formats_are_recognised_from_their_bytes(make, expected) -> None:
    assert sniff(make()[: formats.SNIFF_LENGTH]) == expected


def _ftyp(major: bytes, *compatible: bytes) -> bytes:
    body = major + bytes(4) + b"".join(compatible)
    return (8 + len(body)).to_bytes(4, "big") + b"ftyp" + body


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (_ftyp(b"mif1", b"mif1", b"heic"), formats.HEIC),
        (_ftyp(b"heix", b"mif1"), formats.HEIC),
        (_ftyp(b"qt  ", b"qt  "), formats.MOV),
        (_ftyp(b"XAVC", b"XAVC", b"mp42", b"iso2"), formats.MP4),
        (_ftyp(b"avif", b"mif1", b"avif"), None),  # AVIF: no decoder here
        (_ftyp(b"M4A ", b"M4A ", b"mp42", b"isom"), None),  # audio only
        (_ftyp(b"crx ", b"crx "), None),  # Canon raw
        (bytes(4) + b"moov" + bytes(8), formats.MOV),  # QuickTime before ftyp existed
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", None),
        (b"GIF89a\x01\x00", None),
        (b"PK\x03\x04", None),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", None),
        (b"\x00\x00\x00\x10ftypisom", None),  # ftyp longer than the bytes given
        (b"", None),
    ],
)
def test_brands_and_magic_numbers(head: bytes, expected) -> None:
    assert sniff(head) == expected
