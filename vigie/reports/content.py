"""What the citizen wrote, as sealed into `Report.sealed_content`."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings

from vigie.core import keys


@dataclass(frozen=True)
class ReportContent:
    description: str
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    observed_at: str = ""  # ISO 8601 as given: date, or date and time
    commune_name: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":")).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> ReportContent:
        return cls(**json.loads(raw))


def seal_content(content: ReportContent, *, associated_data: bytes) -> bytes:
    return keys.sealing_key(settings.KEYS_DIR).seal(
        content.to_bytes(), associated_data=associated_data
    )


def open_content(sealed: bytes, *, associated_data: bytes) -> ReportContent:
    """Back office only: raises MissingKeyError on a public intake host."""
    opening = keys.opening_key(settings.KEYS_DIR)
    return ReportContent.from_bytes(opening.open(bytes(sealed), associated_data=associated_data))
