"""The blind-index functions handed to the engine (back office only)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings

from vigie.core import keys
from vigie.core.crypto import blind_index

Keyed = Callable[[str, str], str]


def keyed_with(key: bytes) -> Keyed:
    def token(kind: str, normalised_value: str) -> str:
        return blind_index(key, kind=kind, normalised_value=normalised_value)

    return token


def keyed() -> Keyed:
    """(kind, normalised value) -> token under the current version, the one stored.
    Raises MissingKeyError on a public intake host."""
    return current_keyed()[1]


def current_keyed() -> tuple[int, Keyed]:
    version, key = keys.current_blind_index(settings.KEYS_DIR)
    return version, keyed_with(key)


def every_keyed() -> list[Keyed]:
    """One function per live version: during a rotation, look-ups are made under each, so
    reports indexed under the old key and under the new one are both found."""
    found = [keyed_with(key) for key in keys.blind_index_keys(settings.KEYS_DIR).values()]
    if not found:
        raise keys.MissingKeyError("no blind-index key is available to this process")
    return found
