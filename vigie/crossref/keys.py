"""The blind-index function handed to the engine (back office only)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings

from vigie.core import keys
from vigie.core.crypto import blind_index


def keyed() -> Callable[[str, str], str]:
    """(kind, normalised value) -> token. Raises MissingKeyError on a public intake host."""
    key = keys.blind_index_key(settings.KEYS_DIR)

    def token(kind: str, normalised_value: str) -> str:
        return blind_index(key, kind=kind, normalised_value=normalised_value)

    return token
