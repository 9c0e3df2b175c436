"""Evidence media, with no Django import: recognise, clean and thumbnail photos and videos.

- `formats.sniff(head)`: what a file is, from its first bytes;
- `images.clean_image(source, fmt, sink)`: re-encode a photo's pixels and nothing else;
- `isobmff.plan_video_cleaning(source, size)`: in-place removal of MP4/MOV metadata, as
  patches read through `VideoCleaning.reader(source)`;
- every refusal is a `MediaRefused` with a code (unsupported_type, damaged, too_large).
"""

from vigie.engine.media.errors import MediaRefused
from vigie.engine.media.formats import SNIFF_LENGTH, Kind, MediaFormat, sniff
from vigie.engine.media.images import CleanedImage, clean_image
from vigie.engine.media.isobmff import MarkerScanner, VideoCleaning, plan_video_cleaning

__all__ = [
    "SNIFF_LENGTH",
    "CleanedImage",
    "Kind",
    "MarkerScanner",
    "MediaFormat",
    "MediaRefused",
    "VideoCleaning",
    "clean_image",
    "plan_video_cleaning",
    "sniff",
]
