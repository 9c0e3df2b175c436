"""Photos: decode the pixels, write them into a new file that carries nothing else.

Nothing of the uploaded file is copied except its pixels. Pillow decodes the whole image (a
truncated or corrupt one is refused as damaged), EXIF orientation is applied to the pixels so
the photo does not look rotated once EXIF is gone, and a new file is encoded from an image
object whose metadata dictionary has been emptied: no EXIF (GPS, date, device, serial
numbers, maker notes, embedded thumbnail), no XMP, no IPTC/Photoshop blocks, no JPEG comment,
no PNG text chunks, no ICC profile. The result is opened again and checked before use.

Stored format per input:
- JPEG stays JPEG (quality 95: a re-encoding, visually lossless for evidence purposes);
- PNG stays PNG (lossless);
- WebP stays WebP (lossy, quality 90);
- HEIC/HEIF becomes JPEG: the back office's browsers (Firefox, Chrome on Windows/Linux)
  cannot display HEIC.

Colour profiles: an embedded ICC profile is converted away: the pixels are transformed to
sRGB and no profile is written (untagged images are displayed as sRGB by every browser). We do
not keep the original profile because its description, copyright and creation-date fields can
name the phone model or vendor, and even a "generic" profile narrows down the device. Wide-gamut
colours (Display P3) are clipped to sRGB; that is acceptable for evidence photos.

Animated PNG/WebP and HEIC files holding several images (bursts, Live Photos) keep only their
first (primary) image; the cleaning result says so.
"""

from __future__ import annotations

import io
import threading
import warnings
from dataclasses import dataclass
from typing import IO

import pillow_heif
from PIL import Image, ImageCms, ImageFile, ImageOps

from vigie.engine.media import formats
from vigie.engine.media.errors import MediaRefused
from vigie.engine.media.formats import MediaFormat

pillow_heif.register_heif_opener()
ImageFile.LOAD_TRUNCATED_IMAGES = False  # a truncated photo is refused, never half-stored

# Decoded pixels live in memory, so what may be decoded is bounded (a 252 KB PNG of
# 8,900 x 8,900 pixels used to cost 600 MB and 11 s of CPU):
# - a JPEG is decoded at a reduced scale (1/2, 1/4, 1/8: libjpeg's draft mode, no full decode)
#   until it holds at most DECODED_MAX_PIXELS; larger ones than MAX_PIXELS are refused;
# - other formats are decoded whole, so they are refused beyond DECODED_MAX_PIXELS;
# - whatever the format, the decoded buffer is at most DECODED_MAX_BYTES (16-bit and alpha
#   modes count), and one photo is decoded at a time per process (_DECODING).
# 24 megapixels keeps every detail a plate or a face needs on evidence photos.
MAX_PIXELS = 80_000_000
DECODED_MAX_PIXELS = 24_000_000
DECODED_MAX_BYTES = 4 * DECODED_MAX_PIXELS
_DECODING = threading.BoundedSemaphore(1)
THUMBNAIL_SIZE = 320

_JPEG_QUALITY = 95
_WEBP_QUALITY = 90
_THUMBNAIL_QUALITY = 80

# Keys Pillow uses for metadata blocks when reading; none may survive in what we write.
_METADATA_KEYS = frozenset(
    {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "photoshop", "iptc",
     "Raw profile type exif", "Raw profile type iptc", "Raw profile type xmp", "mp", "mpinfo"}
)  # fmt: skip


@dataclass(frozen=True)
class CleanedImage:
    media_type: str
    extension: str
    width: int
    height: int
    thumbnail: bytes  # JPEG, at most THUMBNAIL_SIZE px, no metadata
    # codes: "first_frame_only", "colour_converted_to_srgb", "reduced_on_load"
    notes: tuple[str, ...]


@dataclass(frozen=True)
class _Output:
    pillow_format: str
    media_type: str
    extension: str


_OUTPUTS = {
    formats.JPEG: _Output("JPEG", "image/jpeg", "jpg"),
    formats.HEIC: _Output("JPEG", "image/jpeg", "jpg"),
    formats.PNG: _Output("PNG", "image/png", "png"),
    formats.WEBP: _Output("WEBP", "image/webp", "webp"),
}


def _bytes_per_pixel(mode: str) -> int:
    if mode == "1":
        return 1
    bits = {"I;16": 16, "I;16B": 16, "I;16L": 16, "I": 32, "F": 32}.get(mode, 8)
    return max(1, Image.getmodebands(mode) * bits // 8)


def _reduce_on_load(image: Image.Image) -> None:
    """JPEG only: ask libjpeg for a scaled-down decode when the photo is very large (in place:
    the image's size becomes the reduced one, nothing is decoded yet)."""
    width, height = image.size
    if image.format != "JPEG" or width * height <= DECODED_MAX_PIXELS:
        return
    scale = 2
    while scale < 8 and (width // scale) * (height // scale) > DECODED_MAX_PIXELS:
        scale *= 2
    image.draft(image.mode, (width // scale, height // scale))


def _decode(source: IO[bytes], fmt: MediaFormat) -> tuple[Image.Image, bool, bool]:
    """The decoded primary image, whether the file held more than one frame, and whether it
    was reduced on load (a very large JPEG)."""
    # Pillow and its plugins raise many exception types on malformed input (OSError,
    # SyntaxError, ValueError, struct.error, EOFError, RuntimeError from libheif…). The format
    # has already been sniffed, so any failure to decode it means the file is damaged.
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(source, formats=[fmt.name])
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise MediaRefused("too_large", f"{width}x{height} pixels")
            _reduce_on_load(image)
            reduced = image.size != (width, height)
            width, height = image.size  # after draft(): what will really be decoded
            if width * height > DECODED_MAX_PIXELS:
                raise MediaRefused("too_large", f"{width}x{height} pixels to decode")
            if width * height * _bytes_per_pixel(image.mode) > DECODED_MAX_BYTES:
                raise MediaRefused("too_large", f"{width}x{height} {image.mode}")
            several = getattr(image, "n_frames", 1) > 1
            image.load()
    except MediaRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise MediaRefused("too_large", "decompression bomb") from error
    except Exception as error:  # see the comment above
        raise MediaRefused("damaged", f"cannot decode: {type(error).__name__}") from error
    if image.width < 1 or image.height < 1:
        raise MediaRefused("damaged", "empty image")
    return image, several, reduced


def _upright(image: Image.Image) -> None:
    """Turn the pixels as EXIF orientation says (in place: no second copy of a large photo)."""
    try:
        ImageOps.exif_transpose(image, in_place=True)
    except Exception:  # a malformed EXIF block: keep the pixels as they were stored
        return


def _to_srgb(image: Image.Image) -> tuple[Image.Image, bool]:
    """Pixels converted to sRGB when an ICC profile came with them (see module docstring)."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in {"RGB", "RGBA", "CMYK"}:
        return image, False
    output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
    try:
        source_profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(
            image, source_profile, ImageCms.createProfile("sRGB"), outputMode=output_mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        # An unreadable profile: keep the pixels as they are, drop the profile anyway.
        return image, False
    if converted is None:  # only with inPlace=True, never here
        return image, False
    return converted, True


def _normalise_mode(image: Image.Image, pillow_format: str) -> Image.Image:
    if pillow_format == "JPEG":
        if image.mode in {"RGB", "L", "CMYK"}:
            return image
        if image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info:
            return _flatten(image)
        return image.convert("RGB")
    if pillow_format == "WEBP":
        if image.mode in {"RGB", "RGBA"}:
            return image
        has_alpha = image.mode in {"LA", "PA"} or "transparency" in image.info
        return image.convert("RGBA" if has_alpha else "RGB")
    # PNG: keep depth and alpha; a palette's transparency lives in `info`, which is about to
    # be emptied, so palette images become RGBA.
    if image.mode == "P" or "transparency" in image.info:
        return image.convert("RGBA")
    if image.mode in {"RGB", "RGBA", "L", "LA", "I;16", "I", "1"}:
        return image
    return image.convert("RGBA" if "A" in image.mode else "RGB")


def _flatten(image: Image.Image) -> Image.Image:
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, (255, 255, 255))
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


def _encode(image: Image.Image, output: _Output, sink: IO[bytes]) -> None:
    image.info = {}  # the only metadata Pillow's writers fall back to; emptied on purpose
    if output.pillow_format == "JPEG":
        image.save(sink, "JPEG", quality=_JPEG_QUALITY, optimize=True)
    elif output.pillow_format == "PNG":
        image.save(sink, "PNG", optimize=False, compress_level=6)
    else:
        image.save(sink, "WEBP", quality=_WEBP_QUALITY, method=4)


def assert_metadata_free(data: IO[bytes], pillow_format: str) -> None:
    """Open a file we wrote and check it carries no metadata block: a belt-and-braces check."""
    with Image.open(data, formats=[pillow_format]) as written:
        leftovers = _METADATA_KEYS & set(map(str, written.info))
        text = getattr(written, "text", {}) if pillow_format == "PNG" else {}
        if leftovers or text or len(written.getexif()):
            raise MediaRefused("damaged", f"metadata survived re-encoding: {sorted(leftovers)}")


# The thumbnail is first reduced by whole factors (box averaging, cheap), then resampled
# (Lanczos) from at most twice its size: a 1024-pixel photo was resampled from full size
# (gap 3.0 reduced nothing below 960 px), two thirds of its cleaning time (bench/api --photo).
_THUMBNAIL_REDUCING_GAP = 1.0


def make_thumbnail(image: Image.Image) -> bytes:
    # Resized straight from the clean image (the one decode): no full-size copy of a large photo.
    ratio = min(1.0, THUMBNAIL_SIZE / max(image.width, image.height))
    size = (max(1, round(image.width * ratio)), max(1, round(image.height * ratio)))
    thumb = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=_THUMBNAIL_REDUCING_GAP)
    thumb = _normalise_mode(thumb, "JPEG")
    if thumb.mode == "CMYK":
        thumb = thumb.convert("RGB")
    buffer = io.BytesIO()
    thumb.info = {}
    thumb.save(buffer, "JPEG", quality=_THUMBNAIL_QUALITY)
    buffer.seek(0)
    assert_metadata_free(buffer, "JPEG")
    return buffer.getvalue()


def clean_image(source: IO[bytes], fmt: MediaFormat, sink: IO[bytes]) -> CleanedImage:
    """Write `source`'s pixels, and nothing else, into `sink` (seekable, readable)."""
    output = _OUTPUTS.get(fmt)
    if output is None:
        raise MediaRefused("unsupported_type", f"not an image format: {fmt.name}")
    with _DECODING:
        return _clean_image(source, fmt, sink, output)


def _clean_image(
    source: IO[bytes], fmt: MediaFormat, sink: IO[bytes], output: _Output
) -> CleanedImage:
    decoded, several, reduced = _decode(source, fmt)
    notes = ["first_frame_only"] if several else []
    if reduced:
        notes.append("reduced_on_load")
    _upright(decoded)
    converted, to_srgb = _to_srgb(decoded)
    if to_srgb:
        notes.append("colour_converted_to_srgb")
    clean = _normalise_mode(converted, output.pillow_format)
    start = sink.tell()
    try:
        _encode(clean, output, sink)
    except (OSError, ValueError) as error:
        raise MediaRefused("damaged", f"cannot encode: {type(error).__name__}") from error
    sink.flush()
    sink.seek(start)
    assert_metadata_free(sink, output.pillow_format)
    sink.seek(0, io.SEEK_END)
    return CleanedImage(
        media_type=output.media_type,
        extension=output.extension,
        width=clean.width,
        height=clean.height,
        thumbnail=make_thumbnail(clean),
        notes=tuple(notes),
    )
