"""Synthetic evidence files built byte by byte, carrying the metadata a phone would write."""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass

from PIL import ExifTags, Image
from PIL.PngImagePlugin import PngInfo

GPS_TEXT = b"+47.2438+006.0215/"
XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
    b'syntax-ns#"><rdf:Description exif:GPSLatitude="47,14.63N" tiff:Model="iPhone 15 Pro"/>'
    b'</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)
MAKER_NOTE = b"Apple iOS\x00\x00\x01MM serial=F2LXK0ABCD12"
COMMENT = b"Shot by Kevin on his phone"
# Everything that must never come out of the cleaner.
LEAKS = (GPS_TEXT, b"xmpmeta", b"iPhone", b"F2LXK0", b"Kevin", b"Exif\x00\x00", b"GPS")


def exif_block(*, orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Apple"
    exif[ExifTags.Base.Model] = "iPhone 15 Pro"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.DateTime] = "2026:11:16 21:14:03"
    details = exif.get_ifd(ExifTags.IFD.Exif)
    details[ExifTags.Base.MakerNote] = MAKER_NOTE
    details[ExifTags.Base.BodySerialNumber] = "F2LXK0ABCD12"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (47.0, 14.0, 37.68)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (6.0, 1.0, 17.4)
    gps[ExifTags.GPS.GPSAreaInformation] = "ASCII\x00\x00\x00+47.2438+006.0215/"
    return exif


def two_tone(size: tuple[int, int] = (48, 24), mode: str = "RGB") -> Image.Image:
    """Left half red, right half blue: orientation is visible in the pixels."""
    image = Image.new("RGB", size, (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, size[0] // 2, size[1]))
    return image.convert(mode)


def _segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def jpeg_with_everything(*, orientation: int = 6, size: tuple[int, int] = (48, 24)) -> bytes:
    buffer = io.BytesIO()
    two_tone(size).save(buffer, "JPEG", quality=95, exif=exif_block(orientation=orientation))
    data = buffer.getvalue()
    xmp = _segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + XMP)
    comment = _segment(0xFE, COMMENT)
    return data[:2] + xmp + comment + data[2:]


def png_with_everything() -> bytes:
    info = PngInfo()
    info.add_text("Comment", COMMENT.decode())
    info.add_text("Location", GPS_TEXT.decode())
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    buffer = io.BytesIO()
    two_tone(mode="RGBA").save(buffer, "PNG", pnginfo=info, exif=exif_block())
    return buffer.getvalue()


def webp_with_everything() -> bytes:
    buffer = io.BytesIO()
    two_tone().save(buffer, "WEBP", exif=exif_block().tobytes(), xmp=XMP, quality=90)
    return buffer.getvalue()


def heic_with_everything() -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    buffer = io.BytesIO()
    two_tone((64, 32)).save(buffer, "HEIF", exif=exif_block().tobytes(), xmp=XMP, quality=90)
    return buffer.getvalue()


# --- ISO base media files, box by box -----------------------------------------------------


def box(kind: bytes, *children: bytes) -> bytes:
    payload = b"".join(children)
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def full_box(kind: bytes, version: int, *children: bytes) -> bytes:
    return box(kind, bytes([version, 0, 0, 0]), *children)


CREATION = 3_846_000_000  # seconds since 1904: a 2025 date
MODIFICATION = 3_846_000_100


def _times(version: int) -> bytes:
    fmt = ">QQ" if version else ">II"
    return struct.pack(fmt, CREATION, MODIFICATION)


def mvhd(version: int) -> bytes:
    duration = struct.pack(">Q" if version else ">I", 3000)
    rest = struct.pack(">IH10x36x24xI", 0x00010000, 0x0100, 3)
    return full_box(b"mvhd", version, _times(version), struct.pack(">I", 1000), duration, rest)


def tkhd(version: int, track_id: int) -> bytes:
    duration = struct.pack(">Q" if version else ">I", 3000)
    ids = struct.pack(">II", track_id, 0)
    rest = struct.pack(">8xHHHH36xII", 0, 0, 0, 0, 64 << 16, 48 << 16)
    return full_box(b"tkhd", version, _times(version), ids, duration, rest)


def mdhd(version: int) -> bytes:
    duration = struct.pack(">Q" if version else ">I", 3000)
    return full_box(
        b"mdhd", version, _times(version), struct.pack(">I", 1000), duration, b"\x15\xc7\x00\x00"
    )


def hdlr(handler: bytes, name: bytes = b"Handler") -> bytes:
    return full_box(b"hdlr", 0, bytes(4), handler, bytes(12), name + b"\x00")


def location_atom() -> bytes:
    # QuickTime user data text: 16-bit length, 16-bit language code, then the text.
    return box(b"\xa9xyz", struct.pack(">HH", len(GPS_TEXT), 0x15C7), GPS_TEXT)


def udta() -> bytes:
    return box(
        b"udta",
        location_atom(),
        box(b"\xa9mak", struct.pack(">HH", 5, 0), b"Apple"),
        box(b"\xa9mod", struct.pack(">HH", 13, 0), b"iPhone 15 Pro"),
    )


def meta_with_xmp() -> bytes:
    return full_box(b"meta", 0, hdlr(b"mdir"), box(b"xml ", bytes(4), XMP))


XMP_UUID = bytes.fromhex("be7acfcb97a942e89c71999491e3afac")


@dataclass(frozen=True)
class Track:
    handler: bytes
    samples: tuple[bytes, ...]
    use_co64: bool = False
    sample_entry: bytes = b""  # one stsd entry (e.g. avc1); none by default


@dataclass(frozen=True)
class Movie:
    data: bytes
    mdat_start: int  # offset of the mdat box
    tracks: tuple[Track, ...]
    sample_offsets: tuple[tuple[int, ...], ...]  # per track


VIDEO_SAMPLES = (b"\x00\x00\x00\x10" + b"\x65" * 12, b"\x00\x00\x00\x08" + b"\x41" * 4) * 3
AUDIO_SAMPLES = (b"\x21\x10\x05" * 7,) * 4
LOCATION_SAMPLES = (b"\x00\x00\x00\x1aISO6709 " + GPS_TEXT, b"\x00\x00\x00\x1aISO6709 " + GPS_TEXT)


def _stbl(track: Track, offsets: list[int]) -> bytes:
    sizes = [len(sample) for sample in track.samples]
    # one chunk per two samples (exercises sample-to-chunk runs)
    chunks = [offsets[i] for i in range(0, len(offsets), 2)]
    stsc = full_box(b"stsc", 0, struct.pack(">IIII", 1, 1, 2, 1))
    stsz = full_box(b"stsz", 0, struct.pack(f">II{len(sizes)}I", 0, len(sizes), *sizes))
    if track.use_co64:
        stco = full_box(b"co64", 0, struct.pack(f">I{len(chunks)}Q", len(chunks), *chunks))
    else:
        stco = full_box(b"stco", 0, struct.pack(f">I{len(chunks)}I", len(chunks), *chunks))
    entries = [track.sample_entry] if track.sample_entry else []
    stsd = full_box(b"stsd", 0, struct.pack(">I", len(entries)), *entries)
    stts = full_box(b"stts", 0, struct.pack(">III", 1, len(sizes), 500))
    return box(b"stbl", stsd, stts, stsc, stsz, stco)


def _trak(
    track: Track, track_id: int, version: int, offsets: list[int], *, with_udta: bool
) -> bytes:
    minf = box(
        b"minf", box(b"dinf", full_box(b"dref", 0, struct.pack(">I", 0))), _stbl(track, offsets)
    )
    mdia = box(b"mdia", mdhd(version), hdlr(track.handler), minf)
    extra = [udta(), meta_with_xmp()] if with_udta else []
    return box(b"trak", tkhd(version, track_id), mdia, *extra)


def build_movie(
    *,
    brand: bytes = b"isom",
    version: int = 0,
    tracks: tuple[Track, ...] = (
        Track(b"vide", VIDEO_SAMPLES),
        Track(b"soun", AUDIO_SAMPLES, use_co64=True),
        Track(b"meta", LOCATION_SAMPLES),
    ),
    mdat_first: bool = False,
    large_mdat: bool = False,
    padding: bytes = b"",
    moov_extra: tuple[bytes, ...] = (),
) -> Movie:
    """ftyp, moov (mvhd, traks with udta/meta, udta with ©xyz, meta with XMP), uuid XMP, mdat."""
    ftyp = box(b"ftyp", brand, bytes(4), brand, b"mp41" if brand != b"qt  " else b"qt  ")
    xmp_uuid = box(b"uuid", XMP_UUID, XMP)
    interleaved = [sample for track in tracks for sample in track.samples]
    mdat_payload = b"".join(interleaved) + padding

    def moov(offsets: list[list[int]]) -> bytes:
        traks = [
            _trak(track, n + 1, version, offsets[n], with_udta=(n == 0))
            for n, track in enumerate(tracks)
        ]
        return box(b"moov", mvhd(version), *traks, udta(), meta_with_xmp(), *moov_extra)

    def mdat() -> bytes:
        if large_mdat:
            return struct.pack(">I4sQ", 1, b"mdat", 16 + len(mdat_payload)) + mdat_payload
        return box(b"mdat", mdat_payload)

    mdat_header = 16 if large_mdat else 8
    placeholder = [[0] * len(track.samples) for track in tracks]
    moov_length = len(moov(placeholder))
    mdat_start = len(ftyp) if mdat_first else len(ftyp) + moov_length + len(xmp_uuid)
    position = mdat_start + mdat_header
    offsets = []
    for track in tracks:
        track_offsets = []
        for sample in track.samples:
            track_offsets.append(position)
            position += len(sample)
        offsets.append(track_offsets)
    parts = (
        [ftyp, mdat(), moov(offsets), xmp_uuid]
        if mdat_first
        else [ftyp, moov(offsets), xmp_uuid, mdat()]
    )
    return Movie(b"".join(parts), mdat_start, tracks, tuple(tuple(o) for o in offsets))
