"""The engine's `Features` as JSON and back, driven by the dataclass' own type hints.

JSON, never pickle: the sealed rows are sealed to the cell's *public* key, which the intake
holds too, so their content must be parsed as data, not executed. New fields the engine adds
(with defaults) round-trip without a change here.
"""

from __future__ import annotations

import json
import types
from dataclasses import fields, is_dataclass
from datetime import datetime
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, frozenset | set):
        encoded = [_encode(item) for item in value]
        return sorted(encoded, key=lambda item: json.dumps(item, sort_keys=True))
    if isinstance(value, tuple | list):
        return [_encode(item) for item in value]
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _decode(hint: Any, raw: Any) -> Any:
    if raw is None:
        return None
    origin = get_origin(hint)
    if origin is Union or origin is types.UnionType:
        options = [arg for arg in get_args(hint) if arg is not type(None)]
        return _decode(options[0], raw) if options else raw
    if hint is datetime:
        return datetime.fromisoformat(raw)
    if isinstance(hint, type) and is_dataclass(hint):
        hints = _hints(hint)
        return hint(
            **{name: _decode(hints[name], value) for name, value in raw.items() if name in hints}
        )
    if origin is frozenset or origin is set:
        (item,) = get_args(hint) or (Any,)
        return frozenset(_decode(item, value) for value in raw)
    if origin is tuple:
        args = get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], value) for value in raw)
        return tuple(_decode(arg, value) for arg, value in zip(args, raw, strict=False))
    if origin is list:
        (item,) = get_args(hint) or (Any,)
        return [_decode(item, value) for value in raw]
    return raw


def dumps(value: Any) -> bytes:
    return json.dumps(_encode(value), ensure_ascii=False, separators=(",", ":")).encode()


def loads(cls: type, raw: bytes) -> Any:
    return _decode(cls, json.loads(raw))
