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
