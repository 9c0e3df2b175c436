"""Decide what a file is from its first bytes, never from its name or declared type.

Magic numbers for JPEG, PNG and WebP; for ISO base media files (HEIC, MP4, MOV), the brands of
the ``ftyp`` box. This only decides which decoder to try: images are then fully decoded by
Pillow and videos fully walked box by box before anything is stored.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

SNIFF_LENGTH = 4096  # enough for any real ftyp box and its list of compatible brands


class Kind(enum.StrEnum):
    IMAGE = "image"
    VIDEO = "video"


@dataclass(frozen=True)
class MediaFormat:
    name: str
    kind: Kind
    media_type: str  # of the uploaded file (the stored one may differ: HEIC becomes JPEG)


JPEG = MediaFormat("JPEG", Kind.IMAGE, "image/jpeg")
PNG = MediaFormat("PNG", Kind.IMAGE, "image/png")
WEBP = MediaFormat("WEBP", Kind.IMAGE, "image/webp")
HEIC = MediaFormat("HEIF", Kind.IMAGE, "image/heic")
MP4 = MediaFormat("MP4", Kind.VIDEO, "video/mp4")
MOV = MediaFormat("MOV", Kind.VIDEO, "video/quicktime")

# HEVC-coded HEIF images and sequences (ISO/IEC 23008-12 annex B). AVIF ("avif", "avis")
# shares the container but is not accepted: no AV1 decoder is installed here.
_HEIC_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx"})
_MP4_BRANDS = frozenset(
    {
        b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"iso7", b"iso8", b"iso9",
        b"mp41", b"mp42", b"mp71", b"avc1", b"M4V ", b"M4VH", b"M4VP", b"MSNV", b"dash",
        b"3gp4", b"3gp5", b"3gp6", b"3gp7", b"3gp8", b"3gp9", b"3g2a", b"3g2b", b"3g2c",
        b"f4v ", b"XAVC", b"NDAS", b"CAEP",
    }
)  # fmt: skip
_QUICKTIME_BRAND = b"qt  "
# QuickTime files written before ftyp existed start directly with one of these atoms.
_LEGACY_QUICKTIME_ATOMS = frozenset({b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"})
_AUDIO_ONLY_BRANDS = frozenset({b"M4A ", b"M4B ", b"M4P "})


def _ftyp_brands(head: bytes) -> tuple[bytes, frozenset[bytes]] | None:
    size = int.from_bytes(head[0:4], "big")
    if size < 16 or size % 4 or size > len(head):
        return None
    major = head[8:12]
    compatible = {head[offset : offset + 4] for offset in range(16, size, 4)}
    return major, frozenset(compatible | {major})


def sniff(head: bytes) -> MediaFormat | None:
    """The format of a file whose first bytes (up to SNIFF_LENGTH) are `head`, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[0:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[4:8] == b"ftyp":
        parsed = _ftyp_brands(head)
        if parsed is None:
            return None
        major, brands = parsed
        if brands & _HEIC_BRANDS:
            return HEIC
        if major == _QUICKTIME_BRAND:
            return MOV
        if major in _AUDIO_ONLY_BRANDS:
            return None
        if brands & _MP4_BRANDS:
            return MP4
        if _QUICKTIME_BRAND in brands:
            return MOV
        return None
    if len(head) >= 8 and head[4:8] in _LEGACY_QUICKTIME_ATOMS:
        return MOV
    return None
