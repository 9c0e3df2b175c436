"""Videos (MP4, MOV): remove container metadata without touching a single offset.

An ISO base media file (MP4) or QuickTime movie (MOV) is a tree of boxes; the media samples
sit in ``mdat`` and are located by absolute file offsets (``stco``/``co64``). So this cleaner
never inserts or removes a byte: it rewrites boxes *in place*, turning a metadata box into a
``free`` box of the same size filled with zeros, and zeroing time fields. Every size and
offset stays valid and the audio and video samples are untouched.

What is removed (an allow-list: what a player needs is kept, everything else goes):
- ``udta`` and ``meta`` boxes at every level (QuickTime user data and ISO metadata: GPS as
  ``©xyz`` or ``com.apple.quicktime.location.ISO6709``, device make and model, software,
  dates, XMP, cover art), ``uuid`` boxes (XMP, vendor blocks), ``©xyz`` and ``Xtra``
  wherever they are met, ``prft`` (wall-clock time of production);
- unknown top-level boxes (e.g. QuickTime ``pnot`` previews) and the content of ``free``,
  ``skip`` and ``wide`` boxes, which may hold leftovers of earlier edits;
- every box that the allow-list of its container does not name (a ``udta`` nested inside
  an unknown box went through the earlier deny-list), with the handlers' free-text names
  (``hdlr``: camera makers write theirs), the compressor names of visual sample entries and
  the data references (QuickTime ``alis`` may name a volume or a path);
- every byte of ``mdat`` that no sample of a kept track uses (text hidden between samples,
  leftovers of edits); in a fragmented file, whose samples we do not locate, the cell is
  told this was not checked;
- creation and modification times in ``mvhd``, ``tkhd`` and ``mdhd`` (versions 0 and 1);
- tracks other than video and audio (timed metadata such as Apple's location track,
  GoPro GPMF telemetry, DJI drones' GPS subtitles, QuickTime timecode, which records the
  time of day): the ``trak`` box becomes ``free`` *and* its samples in ``mdat`` are zeroed.

What cannot be removed, and is said so to the cell: anything inside the audio and video
bitstreams themselves (e.g. H.264/HEVC SEI "user data" messages, where some encoders write
their name and settings, rarely more). Inspecting them needs a codec parser; we do not
pretend to. The service also scans the whole cleaned stream for location and XMP markers.

The file is read box header by box header, seeking over ``mdat``: memory stays small whatever
the size. Any structure that cannot be parsed (truncated, sizes that overflow their parent, a
compressed ``cmov`` movie header) is refused rather than stored with metadata maybe left in.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Protocol

from vigie.engine.media.errors import MediaRefused
from vigie.engine.media.patched import Patch, PatchedReader, check_patches

FREE = b"free"
_TOP_LEVEL_KEPT = frozenset({b"ftyp", b"moov", b"mdat", b"moof", b"mfra", b"styp", b"sidx"})
_FREE_SPACE = frozenset({b"free", b"skip", b"wide"})
_METADATA = frozenset({b"udta", b"meta", b"uuid", b"\xa9xyz", b"Xtra", b"XMP_", b"prft"})
_TIMED = frozenset({b"mvhd", b"tkhd", b"mdhd"})
# Allow-list: what each container may keep, i.e. what a player needs. Anything else met in
# these containers is freed (the deny-list before this missed a ``udta`` nested in a box it
# did not walk). Boxes inside a sample description (stsd: codec configuration) are kept as
# they are, except the visual entries' free-text compressor name.
_ALLOWED_CHILDREN: dict[bytes, frozenset[bytes]] = {
    b"moov": frozenset({b"mvhd", b"trak", b"mvex", b"iods"}),
    b"trak": frozenset({b"tkhd", b"edts", b"mdia", b"tref", b"tapt"}),
    b"edts": frozenset({b"elst"}),
    b"tapt": frozenset({b"clef", b"prof", b"enof"}),
    b"tref": frozenset({b"hint", b"cdsc", b"font", b"hind", b"vdep", b"vplx", b"subt", b"chap",
                        b"sync", b"scpt", b"ssrc", b"fall", b"tmcd", b"thmb", b"auxl"}),
    b"mdia": frozenset({b"mdhd", b"hdlr", b"minf", b"elng"}),
    b"minf": frozenset({b"vmhd", b"smhd", b"hdlr", b"dinf", b"stbl"}),
    b"dinf": frozenset({b"dref"}),
    b"stbl": frozenset({b"stsd", b"stts", b"ctts", b"cslg", b"stss", b"stps", b"stsc", b"stsz",
                        b"stz2", b"stco", b"co64", b"sdtp", b"sbgp", b"sgpd", b"subs", b"saiz",
                        b"saio", b"stsh"}),
    b"mvex": frozenset({b"mehd", b"trex", b"leva"}),
    b"moof": frozenset({b"mfhd", b"traf"}),
    b"traf": frozenset({b"tfhd", b"tfdt", b"trun", b"sbgp", b"sgpd", b"subs", b"saiz", b"saio",
                        b"senc"}),
    b"mfra": frozenset({b"tfra", b"mfro"}),
}  # fmt: skip
_WALKED = frozenset({b"moov", b"trak", b"edts", b"tapt", b"mdia", b"minf", b"dinf", b"stbl",
                     b"mvex", b"moof", b"traf", b"mfra"})  # fmt: skip
# VisualSampleEntry (ISO/IEC 14496-12 12.1.3): after the 8 bytes of SampleEntry, 16 reserved,
# width and height (4), resolutions (8), 4 reserved, frame count (2), then the 32-byte
# compressor name and the depth.
_COMPRESSOR_NAME = (8 + 16 + 4 + 8 + 4 + 2, 32)
_DEPTH_OFFSET = _COMPRESSOR_NAME[0] + 32
_MEDIA_HANDLERS = frozenset({b"vide", b"soun"})
_MAX_TABLE_BYTES = 64 * 1024 * 1024  # sample tables of a metadata track are small
_MAX_SAMPLES = 10_000_000
# Markers that must not survive outside the media samples (4-byte ones are too likely to
# occur by chance inside compressed video, so the whole-stream scan uses the longer ones).
STRUCTURE_MARKERS = (b"\xa9xyz", b"ISO6709", b"xmpmeta", b"quicktime.location")
STREAM_MARKERS = (b"ISO6709", b"<x:xmpmeta", b"quicktime.location", b"<rdf:RDF")


class _SeekableReader(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...
    def seek(self, offset: int, whence: int = 0, /) -> int: ...


@dataclass(frozen=True)
class Box:
    type: bytes
    start: int
    header_size: int
    size: int
    large: bool = False  # 64-bit size field

    @property
    def end(self) -> int:
        return self.start + self.size

    @property
    def payload_start(self) -> int:
        return self.start + self.header_size

    @property
    def label(self) -> str:
        return self.type.decode("latin-1")


@dataclass
class VideoCleaning:
    size: int
    patches: tuple[Patch, ...]
    removed: tuple[str, ...]  # codes of what was removed
    residual: tuple[str, ...] = ("codec_bitstream",)  # what could not be inspected
    freed_boxes: tuple[str, ...] = ()  # box paths, for tests and logs (no content)

    def reader(self, base: IO[bytes]) -> PatchedReader:
        return PatchedReader(base, self.patches, self.size)


def _damaged(detail: str) -> MediaRefused:
    return MediaRefused("damaged", detail)


def _read(source: IO[bytes], offset: int, length: int) -> bytes:
    source.seek(offset)
    data = source.read(length)
    if len(data) != length:
        raise _damaged("unexpected end of file")
    return data


def iter_boxes(
    source: IO[bytes], start: int, end: int, *, top_level: bool = False
) -> Iterator[Box]:
    position = start
    while position < end:
        remaining = end - position
        if remaining < 8:
            # QuickTime allows a 32-bit zero terminator at the end of some atom lists.
            if remaining == 4 and _read(source, position, 4) == bytes(4):
                return
            raise _damaged("trailing bytes shorter than a box header")
        header = _read(source, position, 8)
        size, kind = struct.unpack(">I4s", header)
        header_size = 8
        size_field = size
        if size == 1:
            if remaining < 16:
                raise _damaged("truncated 64-bit box size")
            size = struct.unpack(">Q", _read(source, position + 8, 8))[0]
            header_size = 16
        elif size == 0:
            if not top_level:
                raise _damaged("box extending to end of file inside a container")
            size = remaining
        if kind == b"uuid":
            header_size += 16
        if size < header_size or size > remaining:
            raise _damaged(f"inconsistent size for box {kind!r}")
        yield Box(kind, position, header_size, size, large=size_field == 1)
        position += size


@dataclass
class _Plan:
    source: IO[bytes]
    size: int
    patches: list[Patch] = field(default_factory=list)
    removed: set[str] = field(default_factory=set)
    freed: list[str] = field(default_factory=list)
    mdat_payloads: list[tuple[int, int]] = field(default_factory=list)
    sample_ranges: list[tuple[int, int]] = field(default_factory=list)  # of removed tracks
    kept_ranges: list[tuple[int, int]] = field(default_factory=list)  # of video/audio tracks
    media_tracks: set[bytes] = field(default_factory=set)
    fragmented: bool = False

    def free(self, box: Box, path: str, reason: str) -> None:
        """Same size, type ``free``, content zeros (a 64-bit size field is kept as it is)."""
        self.patches.append(Patch(box.start + 4, 4, FREE))
        content_start = box.start + (16 if box.large else 8)
        if box.end > content_start:
            self.patches.append(Patch(content_start, box.end - content_start))
        self.removed.add(reason)
        self.freed.append(f"{path}/{box.label}")

    def zero_content(self, box: Box, reason: str) -> None:
        if box.end > box.payload_start:
            self.patches.append(Patch(box.payload_start, box.end - box.payload_start))
            self.removed.add(reason)


def _zero_times(plan: _Plan, box: Box) -> None:
    payload_length = box.end - box.payload_start
    if payload_length < 4:
        raise _damaged(f"truncated {box.label}")
    version = _read(plan.source, box.payload_start, 1)[0]
    field_size = {0: 4, 1: 8}.get(version)
    if field_size is None:
        raise _damaged(f"unknown {box.label} version")
    if payload_length < 4 + 2 * field_size:
        raise _damaged(f"truncated {box.label}")
    plan.patches.append(Patch(box.payload_start + 4, 2 * field_size))
    plan.removed.add("creation_times")


def _handler(plan: _Plan, trak: Box) -> bytes | None:
    for mdia in iter_boxes(plan.source, trak.payload_start, trak.end):
        if mdia.type != b"mdia":
            continue
        for child in iter_boxes(plan.source, mdia.payload_start, mdia.end):
            if child.type == b"hdlr":
                if child.end - child.payload_start < 12:
                    raise _damaged("truncated hdlr")
                return _read(plan.source, child.payload_start + 8, 4)
    return None


def _find(plan: _Plan, parent: Box, *path: bytes) -> list[Box]:
    """Boxes at `path` below `parent` (e.g. mdia, minf, stbl)."""
    level = [parent]
    for kind in path:
        level = [
            child
            for box in level
            for child in iter_boxes(plan.source, box.payload_start, box.end)
            if child.type == kind
        ]
    return level


def _table(plan: _Plan, box: Box) -> bytes:
    length = box.end - box.payload_start
    if length > _MAX_TABLE_BYTES:
        raise _damaged(f"{box.label} table too large")
    return _read(plan.source, box.payload_start, length)


def _entries(data: bytes, header: int, width: int, label: str) -> tuple[int, bytes]:
    if len(data) < header:
        raise _damaged(f"truncated {label}")
    count = struct.unpack_from(">I", data, header - 4)[0]
    if count > _MAX_SAMPLES or len(data) < header + count * width:
        raise _damaged(f"inconsistent {label}")
    return count, data[header : header + count * width]


def _sample_ranges(plan: _Plan, trak: Box) -> list[tuple[int, int]]:
    """Where a track's samples lie in the file, from its sample tables."""
    tables = {
        table.type: table
        for stbl in _find(plan, trak, b"mdia", b"minf", b"stbl")[:1]
        for table in iter_boxes(plan.source, stbl.payload_start, stbl.end)
    }
    if not tables:
        return []
    if b"stz2" in tables:
        raise MediaRefused("unsupported_type", "compact sample sizes in a metadata track")
    if b"stsz" not in tables or b"stsc" not in tables:
        return []
    stsz = _table(plan, tables[b"stsz"])
    if len(stsz) < 12:
        raise _damaged("truncated stsz")
    fixed, count = struct.unpack_from(">II", stsz, 4)
    if count > _MAX_SAMPLES:
        raise _damaged("too many samples")
    if fixed:
        sizes = [fixed] * count
    else:
        _, raw = _entries(stsz, 12, 4, "stsz")
        sizes = list(struct.unpack(f">{count}I", raw))
    stsc_count, stsc_raw = _entries(_table(plan, tables[b"stsc"]), 8, 12, "stsc")
    runs = [struct.unpack_from(">III", stsc_raw, 12 * i)[:2] for i in range(stsc_count)]
    if b"co64" in tables:
        chunk_count, raw = _entries(_table(plan, tables[b"co64"]), 8, 8, "co64")
        offsets = list(struct.unpack(f">{chunk_count}Q", raw))
    elif b"stco" in tables:
        chunk_count, raw = _entries(_table(plan, tables[b"stco"]), 8, 4, "stco")
        offsets = list(struct.unpack(f">{chunk_count}I", raw))
    else:
        return []
    ranges: list[tuple[int, int]] = []
    sample = 0
    run = 0
    for chunk_number, offset in enumerate(offsets, start=1):
        while run + 1 < len(runs) and runs[run + 1][0] <= chunk_number:
            run += 1
        per_chunk = runs[run][1] if runs and runs[0][0] <= chunk_number else 0
        position = offset
        for _ in range(per_chunk):
            if sample >= len(sizes):
                break
            if sizes[sample]:
                ranges.append((position, sizes[sample]))
            position += sizes[sample]
            sample += 1
    return ranges


def _walk(plan: _Plan, parent: Box, path: str) -> None:
    allowed = _ALLOWED_CHILDREN.get(parent.type, frozenset())
    for box in iter_boxes(plan.source, parent.payload_start, parent.end):
        if box.type == b"cmov":
            raise MediaRefused("unsupported_type", "compressed QuickTime movie header")
        if box.type in _FREE_SPACE:
            plan.zero_content(box, "free_space")
        elif box.type not in allowed:
            plan.free(box, path, "metadata_boxes" if box.type in _METADATA else "unknown_boxes")
        elif box.type in _TIMED:
            _zero_times(plan, box)
        elif box.type == b"hdlr":
            _zero_handler_name(plan, box)
        elif box.type == b"stsd":
            _zero_compressor_names(plan, box)
        elif box.type == b"dref":
            _self_contained_references(plan, box)
        elif box.type == b"trak":
            handler = _handler(plan, box)
            if handler in _MEDIA_HANDLERS:
                plan.media_tracks.add(handler)
                plan.kept_ranges.extend(_sample_ranges(plan, box))
                _walk(plan, box, f"{path}/trak")
            else:
                plan.sample_ranges.extend(_sample_ranges(plan, box))
                plan.free(box, path, "metadata_tracks")
        elif box.type in _WALKED:
            _walk(plan, box, f"{path}/{box.label}")


def _zero_handler_name(plan: _Plan, box: Box) -> None:
    """A handler's name is free text (camera makers write theirs): emptied, type kept."""
    name_start = box.payload_start + 24  # version/flags, pre_defined, type, 3 reserved
    if box.end < name_start:
        raise _damaged("truncated hdlr")
    if box.end > name_start and any(_read(plan.source, name_start, box.end - name_start)):
        plan.patches.append(Patch(name_start, box.end - name_start))
        plan.removed.add("handler_names")


def _zero_compressor_names(plan: _Plan, stsd: Box) -> None:
    """Visual sample entries carry a 32-byte free-text compressor name: emptied."""
    offset, length = _COMPRESSOR_NAME
    for entry in iter_boxes(plan.source, stsd.payload_start + 8, stsd.end):
        start = entry.payload_start + offset
        if (
            entry.end >= start + length + 4
            and _looks_visual(plan, entry)
            and any(_read(plan.source, start, length))
        ):
            plan.patches.append(Patch(start, length))
            plan.removed.add("handler_names")


def _looks_visual(plan: _Plan, entry: Box) -> bool:
    """A visual sample entry: width and height where VisualSampleEntry puts them."""
    width, height = struct.unpack(">HH", _read(plan.source, entry.payload_start + 24, 4))
    depth = struct.unpack(">H", _read(plan.source, entry.payload_start + _DEPTH_OFFSET, 2))[0]
    return width > 0 and height > 0 and depth in {0x18, 0x20, 0x28}


def _self_contained_references(plan: _Plan, dref: Box) -> None:
    """Data references may name files and volumes (QuickTime `alis`): every entry becomes
    "self-contained" (flag 1) with its content zeroed; the media is in this file anyway."""
    for entry in iter_boxes(plan.source, dref.payload_start + 8, dref.end):
        if entry.end - entry.payload_start < 4:
            raise _damaged("truncated data reference")
        flags = _read(plan.source, entry.payload_start, 4)
        if flags != b"\x00\x00\x00\x01":
            plan.patches.append(Patch(entry.payload_start, 4, b"\x00\x00\x00\x01"))
            plan.removed.add("metadata_boxes")
        if entry.end > entry.payload_start + 4:
            rest = _read(plan.source, entry.payload_start + 4, entry.end - entry.payload_start - 4)
            if any(rest):
                plan.patches.append(Patch(entry.payload_start + 4, len(rest)))
                plan.removed.add("metadata_boxes")


def _zero_unreferenced(plan: _Plan) -> None:
    """Bytes of mdat that no kept sample points at (hidden text, leftovers of edits): zeroed."""
    covered = sorted(plan.kept_ranges)
    for low, high in plan.mdat_payloads:
        position = low
        for start, length in covered:
            end = min(start + length, high)
            if end <= position:
                continue
            if start >= high:
                break
            if start > position:
                _zero_range(plan, position, start)
            position = max(position, end)
        if position < high:
            _zero_range(plan, position, high)


def _zero_range(plan: _Plan, start: int, end: int) -> None:
    plan.patches.append(Patch(start, end - start))
    plan.removed.add("unreferenced_bytes")


def _check_removed_samples(plan: _Plan) -> None:
    """The samples of removed tracks must lie inside an mdat's payload (they are zeroed with
    every other byte that no kept track uses)."""
    for start, length in plan.sample_ranges:
        end = start + length
        if not any(low <= start and end <= high for low, high in plan.mdat_payloads):
            raise _damaged("metadata track samples outside mdat")


def scan_for_markers(
    reader: _SeekableReader, boxes: list[Box], markers: tuple[bytes, ...]
) -> bytes | None:
    """The first marker found in the given boxes (read through the cleaned view), or None."""
    overlap = max(map(len, markers)) - 1
    for box in boxes:
        reader.seek(box.start)
        remaining = box.size
        tail = b""
        while remaining:
            chunk = reader.read(min(remaining, 1 << 20))
            if not chunk:
                break
            remaining -= len(chunk)
            window = tail + chunk
            for marker in markers:
                if marker in window:
                    return marker
            tail = window[-overlap:]
    return None


def plan_video_cleaning(source: IO[bytes], size: int) -> VideoCleaning:
    """What to overwrite in `source` (a seekable file of `size` bytes) to clean it."""
    plan = _Plan(source, size)
    moov_boxes = []
    structure = []
    for box in iter_boxes(source, 0, size, top_level=True):
        if box.type == b"mdat":
            plan.mdat_payloads.append((box.payload_start, box.end))
            continue
        structure.append(box)
        if box.type == b"moov":
            moov_boxes.append(box)
            _walk(plan, box, box.label)
        elif box.type in {b"moof", b"mfra"}:
            plan.fragmented = True
            _walk(plan, box, box.label)
        elif box.type in _FREE_SPACE:
            plan.zero_content(box, "free_space")
        elif box.type not in _TOP_LEVEL_KEPT:
            plan.free(box, "", "metadata_boxes")
    if len(moov_boxes) != 1:
        raise _damaged("no movie header, or more than one")
    if b"vide" not in plan.media_tracks:
        raise MediaRefused("unsupported_type", "no video track")
    if plan.fragmented and plan.sample_ranges:
        # Samples of fragmented files are located by moof/trun, which we do not parse.
        raise MediaRefused("unsupported_type", "metadata track in a fragmented file")
    _check_removed_samples(plan)
    residual = ["codec_bitstream"]
    if plan.fragmented:
        # Samples of fragments are located by moof/trun, which we do not parse: the bytes
        # of mdat no sample uses cannot be told apart, and the cell is told so.
        residual.append("unreferenced_bytes")
    else:
        _zero_unreferenced(plan)
    try:
        patches = check_patches(plan.patches, size)
    except ValueError as error:
        raise _damaged(str(error)) from error
    cleaning = VideoCleaning(
        size=size,
        patches=patches,
        removed=tuple(sorted(plan.removed)),
        residual=tuple(residual),
        freed_boxes=tuple(plan.freed),
    )
    found = scan_for_markers(cleaning.reader(source), structure, STRUCTURE_MARKERS)
    if found is not None:
        raise _damaged(f"metadata marker left in structure: {found!r}")
    return cleaning


class MarkerScanner:
    """Wraps a readable stream and remembers whether a marker went through it."""

    def __init__(self, base: IO[bytes], markers: tuple[bytes, ...] = STREAM_MARKERS) -> None:
        self._base = base
        self._markers = markers
        self._overlap = max(map(len, markers)) - 1
        self._tail = b""
        self.found: bytes | None = None

    def read(self, size: int = -1, /) -> bytes:
        chunk = self._base.read(size)
        if self.found is None and chunk:
            window = self._tail + chunk
            self.found = next((m for m in self._markers if m in window), None)
            self._tail = window[-self._overlap :]
        return chunk
