"""Finding reports by the entities the analysis read in them, without storing any in clear.

Each normalised entity (plate, partial plate, phone, handle) of a report's latest analysis
is stored as a keyed blind index (`vigie.core.crypto.blind_index`) in `ReportSearchToken`.
A query is normalised the same way — by the same public `analyse` function, reading the
words as a structured plate, phone number and handle — and matched token to token. This
is the list's search only: the cross-referencing of reports has its own, fuller index.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings

from vigie.core import keys
from vigie.core.crypto import blind_index
from vigie.engine.analysis import Entities, analyse

# Kinds are part of the keyed message: a phone and a handle with the same digits differ.
PLATE = "plate"
PARTIAL_PLATE = "partial_plate"
PHONE = "phone"
HANDLE = "handle"


def entity_values(entities: Entities) -> set[tuple[str, str]]:
    """(kind, normalised value) of each entity; a handle is searched whatever its network."""
    values = {(PLATE, plate) for plate in entities.plates}
    values |= {(PARTIAL_PLATE, plate) for plate in entities.partial_plates}
    values |= {(PHONE, phone) for phone in entities.phones}
    values |= {(HANDLE, handle.value) for handle in entities.handles}
    return values


def tokens(values: set[tuple[str, str]]) -> tuple[int, set[tuple[str, str]]]:
    """(key version, {(kind, token)}) to store, under the current blind-index key. Raises
    MissingKeyError without the index key."""
    version, key = keys.current_blind_index(settings.KEYS_DIR)
    return version, _under(key, values)


def query_tokens(values: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """(kind, token) to look up: under every live key (both, during a rotation)."""
    found: set[tuple[str, str]] = set()
    for key in keys.blind_index_keys(settings.KEYS_DIR).values():
        found |= _under(key, values)
    return found


def values_of_sealed_entities(entities: dict[str, Any]) -> set[tuple[str, str]]:
    """`entity_values` of the JSON an analysis run seals (`Entities.to_dict`)."""
    values = {(PLATE, str(plate)) for plate in entities.get("plates", [])}
    values |= {(PARTIAL_PLATE, str(plate)) for plate in entities.get("partial_plates", [])}
    values |= {(PHONE, str(phone)) for phone in entities.get("phones", [])}
    values |= {(HANDLE, str(handle["value"])) for handle in entities.get("handles", [])}
    return values


def _under(key: bytes, values: set[tuple[str, str]]) -> set[tuple[str, str]]:
    return {(kind, blind_index(key, kind=kind, normalised_value=value)) for kind, value in values}


def query_values(words: str) -> set[tuple[str, str]]:
    """What the typed words are as a plate, a phone number or a handle, normalised.

    A plate is also read with its spaces, dots and dashes removed: 'ab 123 cd' is typed as
    often as 'AB-123-CD'.
    """
    words = words.strip()
    if not words:
        return set()
    compact = re.sub(r"[\s.\-]+", "", words)
    identifiers = [{"kind": "phone", "value": words}]
    if not re.search(r"\s", words):
        identifiers.append({"kind": "other", "value": words})
    return entity_values(
        _read_one(
            {
                "vehicles": [{"plate": words}, {"plate": compact}],
                "identifiers": identifiers,
            }
        )
    )


def _read_one(structured: dict[str, object]) -> Entities:
    return analyse("", report=structured).entities


def normalised_plate(typed: str) -> str:
    """A plate as typed → its canonical form ('ab123cd' → 'AB-123-CD'), or '' if unread."""
    if not typed.strip():
        return ""
    entities = _read_one({"vehicles": [{"plate": typed}]})
    return next(iter(entities.plates or entities.partial_plates), "")


def normalised_phone(typed: str) -> str:
    """A phone number as typed → E.164 ('06 12 34 56 78' → '+33612345678'), or ''."""
    if not typed.strip():
        return ""
    entities = _read_one({"identifiers": [{"kind": "phone", "value": typed}]})
    return next(iter(entities.phones), "")
