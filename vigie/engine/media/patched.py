"""A read-only view of a file with byte ranges replaced, so a 500 MB video is never copied.

The video cleaner only ever rewrites bytes in place (a box type becomes ``free``, its
content and some time fields become zeros), so its result is a list of patches over the
uploaded file. The encryptor reads the cleaned file through this view, chunk by chunk.
"""

from __future__ import annotations

import bisect
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO


@dataclass(frozen=True, order=True)
class Patch:
    offset: int
    length: int
    data: bytes | None = None  # None: zeros (so a large box is freed without a large buffer)

    @property
    def end(self) -> int:
        return self.offset + self.length

    def bytes_between(self, start: int, stop: int) -> bytes:
        """The replacement bytes for [start, stop), which lies within this patch."""
        if self.data is None:
            return bytes(stop - start)
        return self.data[start - self.offset : stop - self.offset]


def check_patches(patches: Iterable[Patch], size: int) -> tuple[Patch, ...]:
    """Sorted, non-overlapping, inside the file; raises ValueError otherwise."""
    ordered = tuple(sorted(patches))
    previous_end = 0
    for patch in ordered:
        if patch.data is not None and len(patch.data) != patch.length:
            raise ValueError("patch data does not match its length")
        if patch.offset < previous_end or patch.end > size or patch.length <= 0:
            raise ValueError("overlapping or out-of-range patch")
        previous_end = patch.end
    return ordered


class PatchedReader(io.RawIOBase):
    def __init__(self, base: IO[bytes], patches: Iterable[Patch], size: int) -> None:
        super().__init__()
        self._base = base
        self._size = size
        self._patches = check_patches(patches, size)
        self._ends = [patch.end for patch in self._patches]
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_SET:
            self._position = offset
        elif whence == io.SEEK_CUR:
            self._position += offset
        else:
            self._position = self._size + offset
        if self._position < 0:
            raise ValueError("negative seek position")
        return self._position

    def read(self, size: int = -1, /) -> bytes:
        start = self._position
        stop = self._size if size is None or size < 0 else min(self._size, start + size)
        if start >= stop:
            return b""
        self._base.seek(start)
        data = bytearray(self._base.read(stop - start))
        stop = start + len(data)
        index = bisect.bisect_right(self._ends, start)
        while index < len(self._patches) and self._patches[index].offset < stop:
            patch = self._patches[index]
            low, high = max(start, patch.offset), min(stop, patch.end)
            data[low - start : high - start] = patch.bytes_between(low, high)
            index += 1
        self._position = stop
        return bytes(data)

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
