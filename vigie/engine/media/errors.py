"""Why a media file is refused. The Django layer turns these into French messages."""

from __future__ import annotations

from typing import Literal

RefusalCode = Literal["unsupported_type", "damaged", "too_large"]


class MediaRefused(Exception):
    """The file is not a photo or video we accept, is damaged, or is too large to decode.

    `detail` is for developers and logs (English, never shown to the citizen, never holds
    file content).
    """

    def __init__(self, code: RefusalCode, detail: str) -> None:
        super().__init__(f"{code}: {detail}")
        self.code: RefusalCode = code
        self.detail = detail
