import io

import pytest
from PIL import Image, ImageCms

from tests.engine.media.samples import (
    LEAKS,
    heic_with_everything,
    jpeg_with_everything,
    png_with_everything,
    two_tone,
    webp_with_everything,
)
from vigie.engine.media import MediaRefused, formats
from vigie.engine.media.images import MAX_PIXELS, THUMBNAIL_SIZE, clean_image


def _clean(data: bytes, fmt):
    sink = io.BytesIO()
    result = clean_image(io.BytesIO(data), fmt, sink)
    return result, sink.getvalue()


@pytest.mark.parametrize(
    ("make", "fmt", "media_type", "pillow_format"),
    [
        (jpeg_with_everything, formats.JPEG, "image/jpeg", "JPEG"),
        (png_with_everything, formats.PNG, "image/png", "PNG"),
        (webp_with_everything, formats.WEBP, "image/webp", "WEBP"),
        (heic_with_everything, formats.HEIC, "image/jpeg", "JPEG"),  # browsers cannot show HEIC
    ],
)
def test_every_metadata_block_is_gone_and_the_pixels_stay(make, fmt, media_type, pillow_format):
    original = make()
    assert any(leak in original for leak in LEAKS)  # the sample does carry metadata
    result, cleaned = _clean(original, fmt)
    assert result.media_type == media_type
    assert [leak for leak in LEAKS if leak in cleaned] == []
    for marker in (b"http://ns.adobe.com/xap", b"tEXt", b"iTXt", b"zTXt", b"eXIf", b"ICC_PROFILE"):
        assert marker not in cleaned
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.format == pillow_format
        assert not image.getexif()
        assert not {"exif", "xmp", "icc_profile", "comment"} & set(image.info)
        # red stays on the left (or the top once rotated), blue on the other side
        rgb = image.convert("RGB")
        first, last = rgb.getpixel((2, 2)), rgb.getpixel((rgb.width - 3, rgb.height - 3))
        assert first[0] > 200 and first[2] < 60
        assert last[2] > 200 and last[0] < 60


def test_exif_orientation_is_applied_to_the_pixels_before_exif_goes():
    result, cleaned = _clean(jpeg_with_everything(orientation=6, size=(48, 24)), formats.JPEG)
    assert (result.width, result.height) == (24, 48)
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.size == (24, 48)
        # orientation 6: the stored left (red) half is the displayed top half
        assert image.convert("RGB").getpixel((12, 4))[0] > 200
        assert image.convert("RGB").getpixel((12, 44))[2] > 200


def test_a_colour_profile_is_converted_to_srgb_and_not_kept():
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    two_tone().save(buffer, "JPEG", icc_profile=profile)
    assert b"ICC_PROFILE" in buffer.getvalue()
    result, cleaned = _clean(buffer.getvalue(), formats.JPEG)
    assert "colour_converted_to_srgb" in result.notes
    assert b"ICC_PROFILE" not in cleaned


def test_the_thumbnail_is_small_jpeg_and_metadata_free():
    buffer = io.BytesIO()
    two_tone((1200, 800)).save(buffer, "PNG")
    result, _ = _clean(buffer.getvalue(), formats.PNG)
    with Image.open(io.BytesIO(result.thumbnail)) as thumb:
        assert thumb.format == "JPEG"
        assert max(thumb.size) == THUMBNAIL_SIZE
        assert thumb.size == (320, 213)
        assert not thumb.getexif() and "icc_profile" not in thumb.info


def test_palette_transparency_survives_as_alpha():
    image = Image.new("P", (10, 10), 0)
    image.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", transparency=0)
    _, cleaned = _clean(buffer.getvalue(), formats.PNG)
    with Image.open(io.BytesIO(cleaned)) as out:
        assert out.mode == "RGBA" and out.getpixel((5, 5))[3] == 0


def test_animated_images_keep_their_first_frame_and_say_so():
    frames = [two_tone(), two_tone().transpose(Image.Transpose.FLIP_LEFT_RIGHT)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "WEBP", save_all=True, append_images=frames[1:], duration=100)
    result, _ = _clean(buffer.getvalue(), formats.WEBP)
    assert result.notes == ("first_frame_only",)


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9])
@pytest.mark.parametrize(
    ("make", "fmt"),
    [
        (jpeg_with_everything, formats.JPEG),
        (png_with_everything, formats.PNG),
        (webp_with_everything, formats.WEBP),
        (heic_with_everything, formats.HEIC),
    ],
)
def test_a_truncated_image_is_damaged(make, fmt, cut: float):
    data = make()
    with pytest.raises(MediaRefused) as refused:
        _clean(data[: int(len(data) * cut)], fmt)
    assert refused.value.code == "damaged"


def test_a_file_of_another_format_is_damaged_not_decoded_by_another_plugin():
    with pytest.raises(MediaRefused) as refused:
        _clean(png_with_everything(), formats.JPEG)
    assert refused.value.code == "damaged"


def test_too_many_pixels_are_refused_before_decoding():
    # A PNG header declaring a huge image: refused from its size, nothing decoded.
    buffer = io.BytesIO()
    Image.new("1", (10_000, 9_000)).save(buffer, "PNG")
    assert MAX_PIXELS < 10_000 * 9_000
    with pytest.raises(MediaRefused) as refused:
        _clean(buffer.getvalue(), formats.PNG)
    assert refused.value.code == "too_large"


PEAK_SCRIPT = """
import io, resource, sys, time
from PIL import Image
from vigie.engine.media import formats
from vigie.engine.media.errors import MediaRefused
from vigie.engine.media.images import clean_image
kind, width, height = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
buffer = io.BytesIO()
if kind == "png":
    Image.new("RGBA", (width, height), (9, 9, 9, 255)).save(buffer, "PNG")
    fmt = formats.PNG
else:
    Image.new("RGB", (width, height), (9, 9, 9)).save(buffer, "JPEG", quality=50)
    fmt = formats.JPEG
data = buffer.getvalue()
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.process_time()
try:
    result = clean_image(io.BytesIO(data), fmt, io.BytesIO())
    outcome = f"{result.width}x{result.height} {' '.join(result.notes)}"
except MediaRefused as refused:
    outcome = refused.code
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base
print(outcome, "|", peak // 1024, "|", round(time.process_time() - start, 2))
"""


def _clean_in_a_process(kind: str, width: int, height: int) -> tuple[str, int, float]:
    """Clean a generated photo in a fresh process: (outcome, peak MiB added, CPU seconds)."""
    import subprocess
    import sys

    done = subprocess.run(  # noqa: S603  # our own interpreter and script
        [sys.executable, "-c", PEAK_SCRIPT, kind, str(width), str(height)],
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    outcome, peak, cpu = (part.strip() for part in done.stdout.strip().split("|"))
    return outcome, int(peak), float(cpu)


def test_a_pixel_bomb_under_the_pixel_cap_is_refused_without_decoding_it():
    """Issue 12 #2: an 8,900 x 8,900 PNG of a few hundred KB cost 600 MB and 11 s."""
    outcome, peak_mib, cpu = _clean_in_a_process("png", 8_900, 8_900)
    assert outcome == "too_large"
    assert peak_mib < 50
    assert cpu < 1


def test_a_very_large_jpeg_is_reduced_on_load_and_kept():
    outcome, peak_mib, _ = _clean_in_a_process("jpeg", 10_000, 7_500)  # 75 Mpx
    size, _, notes = outcome.partition(" ")
    width, height = map(int, size.split("x"))
    assert width * height <= 24_000_000
    assert (width, height) == (5_000, 3_750)
    assert "reduced_on_load" in notes
    assert peak_mib < 250  # 18.75 Mpx decoded; a full decode took about 700 MB


def test_the_thumbnail_of_a_1024_pixel_photo_is_reduced_before_it_is_resampled(monkeypatch):
    """Pillow resamples (Lanczos) from an image reduced by a whole factor, not from the full
    size: that resampling was two thirds of a 64 KiB photo's cleaning (issue 15)."""
    reductions: list[object] = []
    reduce = Image.Image.reduce

    def counted(self, factor, *args, **kwargs):
        reductions.append(factor)
        return reduce(self, factor, *args, **kwargs)

    buffer = io.BytesIO()
    two_tone((1024, 768)).save(buffer, "JPEG", quality=90)
    monkeypatch.setattr(Image.Image, "reduce", counted)
    result, _ = _clean(buffer.getvalue(), formats.JPEG)
    with Image.open(io.BytesIO(result.thumbnail)) as thumb:
        assert thumb.size == (320, 240)
    assert reductions in ([3], [(3, 3)]), reductions
