import io
import struct

import pytest

from tests.engine.media.samples import (
    CREATION,
    GPS_TEXT,
    MODIFICATION,
    VIDEO_SAMPLES,
    Track,
    box,
    build_movie,
    udta,
)
from vigie.engine.media import MediaRefused, plan_video_cleaning
from vigie.engine.media.isobmff import iter_boxes

CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl"}


def _clean(data: bytes) -> tuple[bytes, object]:
    cleaning = plan_video_cleaning(io.BytesIO(data), len(data))
    return cleaning.reader(io.BytesIO(data)).read(), cleaning


def _tree(data: bytes, start: int = 0, end: int | None = None, top: bool = True) -> list:
    """(type, start, size) of every box, descending into containers."""
    source = io.BytesIO(data)
    result = []
    for found in iter_boxes(source, start, len(data) if end is None else end, top_level=top):
        result.append((found.type, found.start, found.size))
        if found.type in CONTAINERS:
            result.extend(_tree(data, found.payload_start, found.end, top=False))
    return result


def _boxes(data: bytes, kind: bytes) -> list[tuple[int, int]]:
    return [(start, size) for found, start, size in _tree(data) if found == kind]


def _chunk_offsets(data: bytes) -> list[list[int]]:
    tables = []
    for kind, start, _size in _tree(data):
        if kind in {b"stco", b"co64"}:
            width = 4 if kind == b"stco" else 8
            count = struct.unpack_from(">I", data, start + 12)[0]
            fmt = f">{count}{'I' if width == 4 else 'Q'}"
            tables.append(list(struct.unpack_from(fmt, data, start + 16)))
    return tables


@pytest.mark.parametrize("brand", [b"isom", b"qt  "])
@pytest.mark.parametrize("version", [0, 1])
@pytest.mark.parametrize("mdat_first", [False, True])
@pytest.mark.parametrize("large_mdat", [False, True])
def test_metadata_goes_and_every_size_offset_and_sample_stays(
    brand, version, mdat_first, large_mdat
):
    movie = build_movie(brand=brand, version=version, mdat_first=mdat_first, large_mdat=large_mdat)
    assert GPS_TEXT in movie.data and b"xmpmeta" in movie.data and b"iPhone" in movie.data
    cleaned, cleaning = _clean(movie.data)

    assert len(cleaned) == len(movie.data)
    for leak in (
        GPS_TEXT,
        b"xmpmeta",
        b"iPhone",
        b"ISO6709",
        b"\xa9xyz",
        b"\xa9mak",
        b"udta",
        b"meta",
    ):
        assert leak not in cleaned, leak
    assert set(cleaning.removed) == {
        "metadata_boxes",
        "creation_times",
        "metadata_tracks",
        "handler_names",  # the handlers' free-text names
        "unreferenced_bytes",  # the location track's samples, used by no kept track
    }
    assert cleaning.residual == ("codec_bitstream",)

    # The same boxes at the same places, some of them renamed `free`.
    before = {(start, size) for _, start, size in _tree(movie.data)}
    assert {(start, size) for _, start, size in _tree(cleaned)} <= before
    assert _boxes(cleaned, b"mdat") == _boxes(movie.data, b"mdat")
    assert _boxes(cleaned, b"ftyp") == _boxes(movie.data, b"ftyp")
    freed = _boxes(cleaned, b"free")
    assert len(freed) == 6  # trak udta+meta, metadata trak, moov udta+meta, uuid
    for start, size in freed:
        assert cleaned[start + 4 : start + 8] == b"free"
        assert set(cleaned[start + 8 : start + size]) <= {0}

    # The video and audio samples, and the chunk offsets pointing at them, are unchanged.
    video_offsets, audio_offsets = movie.sample_offsets[0], movie.sample_offsets[1]
    assert _chunk_offsets(cleaned) == [list(video_offsets[::2]), list(audio_offsets[::2])]
    for track, offsets in zip(movie.tracks[:2], movie.sample_offsets[:2], strict=True):
        for sample, offset in zip(track.samples, offsets, strict=True):
            assert cleaned[offset : offset + len(sample)] == sample
    # The location track's samples are zeroed in mdat.
    location = movie.tracks[2]
    for sample, offset in zip(location.samples, movie.sample_offsets[2], strict=True):
        assert cleaned[offset : offset + len(sample)] == bytes(len(sample))


@pytest.mark.parametrize("version", [0, 1])
def test_creation_and_modification_times_are_zeroed(version: int) -> None:
    movie = build_movie(version=version)
    fmt = ">QQ" if version else ">II"
    cleaned, _ = _clean(movie.data)
    for kind in (b"mvhd", b"tkhd", b"mdhd"):
        found = _boxes(cleaned, kind)  # those of the video and audio tracks, still there
        assert len(found) == (1 if kind == b"mvhd" else 2)
        for start, _size in found:
            assert struct.unpack_from(fmt, movie.data, start + 12) == (CREATION, MODIFICATION)
            assert struct.unpack_from(fmt, cleaned, start + 12) == (0, 0)
            # the timescale right after is untouched
            width = 8 if version else 4
            after = start + 12 + 2 * width
            assert cleaned[after : after + 4] == movie.data[after : after + 4]


def test_free_space_is_zeroed_and_unknown_top_level_boxes_freed() -> None:
    movie = build_movie()
    extra = box(b"free", b"old title: " + GPS_TEXT) + box(b"pnot", b"preview " + GPS_TEXT)
    data = movie.data + extra
    cleaned, _ = _clean(data)
    assert GPS_TEXT not in cleaned
    assert len(cleaned) == len(data)


def test_a_movie_without_video_is_not_accepted() -> None:
    movie = build_movie(tracks=(Track(b"soun", (b"\x01" * 10,)),))
    with pytest.raises(MediaRefused) as refused:
        _clean(movie.data)
    assert refused.value.code == "unsupported_type"


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda d: d[: len(d) // 2], id="truncated-in-the-middle"),
        pytest.param(lambda d: d[:-3], id="last-box-cut"),
        pytest.param(lambda d: d + b"\x00\x00\x01", id="trailing-garbage"),
        pytest.param(lambda d: b"\x00\x00\x00\x04" + d[4:], id="box-size-too-small"),
    ],
)
def test_damaged_structures_are_refused(damage) -> None:
    data = damage(build_movie().data)
    with pytest.raises(MediaRefused) as refused:
        _clean(data)
    assert refused.value.code in {"damaged", "unsupported_type"}


def test_a_child_overflowing_its_parent_is_damaged() -> None:
    data = bytearray(build_movie().data)
    start, _ = _boxes(bytes(data), b"mvhd")[0]
    struct.pack_into(">I", data, start, 10_000)
    with pytest.raises(MediaRefused) as refused:
        _clean(bytes(data))
    assert refused.value.code == "damaged"


def test_metadata_samples_pointing_outside_mdat_are_damaged() -> None:
    movie = build_movie()
    data = bytearray(movie.data)
    stco_start = [s for s, _ in _boxes(movie.data, b"stco")][-1]  # the location track's table
    struct.pack_into(">I", data, stco_start + 16, 0)  # into ftyp
    with pytest.raises(MediaRefused) as refused:
        _clean(bytes(data))
    assert refused.value.code == "damaged"


def test_a_video_sample_table_is_never_rewritten() -> None:
    movie = build_movie(tracks=(Track(b"vide", VIDEO_SAMPLES),))
    cleaned, cleaning = _clean(movie.data)
    assert "metadata_tracks" not in cleaning.removed
    mdat_start, mdat_size = _boxes(movie.data, b"mdat")[0]
    assert (
        cleaned[mdat_start : mdat_start + mdat_size]
        == movie.data[mdat_start : mdat_start + mdat_size]
    )


# --- Allow-list cleaning (issue 12 #3) ------------------------------------------------------


def test_handler_names_are_emptied_and_their_types_kept() -> None:
    movie = build_movie()
    assert b"Handler" in movie.data
    cleaned, cleaning = _clean(movie.data)
    assert b"Handler" not in cleaned
    assert b"vide" in cleaned and b"soun" in cleaned
    assert "handler_names" in cleaning.removed


def test_metadata_nested_in_a_box_the_cleaner_does_not_know_goes() -> None:
    hidden = box(b"wxyz", box(b"abcd", udta()))  # unknown boxes: not walked by a deny-list
    movie = build_movie(moov_extra=(hidden,))
    assert GPS_TEXT in movie.data
    cleaned, cleaning = _clean(movie.data)
    assert GPS_TEXT not in cleaned and b"iPhone" not in cleaned
    assert "unknown_boxes" in cleaning.removed
    assert len(cleaned) == len(movie.data)


def test_bytes_of_mdat_no_sample_uses_are_zeroed() -> None:
    note = b"rdv 47.2380N 6.0240E devant le hall"
    movie = build_movie(padding=note)
    cleaned, cleaning = _clean(movie.data)
    assert note not in cleaned
    assert "unreferenced_bytes" in cleaning.removed
    # ...and the samples of the kept tracks are untouched.
    for track, offsets in zip(movie.tracks[:2], movie.sample_offsets[:2], strict=True):
        for sample, offset in zip(track.samples, offsets, strict=True):
            assert cleaned[offset : offset + len(sample)] == sample


def test_a_visual_sample_entry_loses_its_compressor_name() -> None:
    entry_payload = (
        bytes(6) + b"\x00\x01" + bytes(16) + struct.pack(">HH", 64, 48)
        + struct.pack(">II", 0x00480000, 0x00480000) + bytes(4) + b"\x00\x01"
        + bytes([13]) + b"GoPro AVC enc" + bytes(18) + b"\x00\x18" + b"\xff\xff"
    )  # fmt: skip
    avc1 = box(b"avc1", entry_payload)
    video = Track(b"vide", VIDEO_SAMPLES, sample_entry=avc1)
    movie = build_movie(tracks=(video,))
    assert b"GoPro AVC enc" in movie.data
    cleaned, cleaning = _clean(movie.data)
    assert b"GoPro" not in cleaned
    assert b"avc1" in cleaned and struct.pack(">HH", 64, 48) in cleaned
    assert "handler_names" in cleaning.removed
