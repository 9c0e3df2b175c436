"""``vigie analyse``: JSON Lines in (``{"id", "text", "report"?}``), one JSON line out per input.

Output lines keep the input order. A line that is not a JSON object with a string ``text``
gives ``{"id": <id or null>, "error": "..."}`` and the next lines are still analysed; blank
lines are skipped. ``--minimal`` keeps only the keys listed in PRODUCT.md's "Interfaces".
The exit status is 0 once the input is read, whatever the lines held.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from typing import IO, Final

from vigie.engine.analysis.analyse import analyse
from vigie.engine.analysis.types import JSONValue

USAGE: Final = "usage: vigie analyse [--minimal] < reports.jsonl > analyses.jsonl"
_MINIMAL_KEYS: Final = ("triage", "category", "score", "missing", "entities")
_MINIMAL_ENTITIES: Final = ("plates", "partial_plates", "phones", "handles")


def _error(identifier: JSONValue, message: str) -> dict[str, JSONValue]:
    return {"id": identifier, "error": message}


def analyse_line(line: str, minimal: bool = False) -> dict[str, JSONValue]:
    """The output object for one input line (an error object when the line is malformed)."""
    try:
        item = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        return _error(None, f"JSON invalide : {exc}")
    if not isinstance(item, dict):
        return _error(None, "chaque ligne doit être un objet JSON")
    identifier = item.get("id")
    if not isinstance(identifier, str | int | float | bool | type(None)):
        return _error(None, "« id » doit être une chaîne ou un nombre")
    text, report = item.get("text"), item.get("report")
    if not isinstance(text, str):
        return _error(identifier, "« text » manquant ou n'est pas une chaîne")
    if report is not None and not isinstance(report, Mapping):
        return _error(identifier, "« report » doit être un objet")
    result = analyse(text, report).to_dict()
    if minimal:
        entities = result["entities"]
        result = {key: result[key] for key in _MINIMAL_KEYS}
        if isinstance(entities, dict):
            result["entities"] = {key: entities[key] for key in _MINIMAL_ENTITIES}
    return {"id": identifier, **result}


def main(
    argv: list[str] | None = None, stdin: IO[str] | None = None, stdout: IO[str] | None = None
) -> int:
    args = sys.argv[1:] if argv is None else argv
    source = sys.stdin if stdin is None else stdin
    sink = sys.stdout if stdout is None else stdout
    if args and args[0] == "analyse":
        args = args[1:]
    unknown = [a for a in args if a != "--minimal"]
    if unknown or "-h" in args or "--help" in args:
        print(USAGE, file=sys.stderr if unknown else sink)
        return 2 if unknown else 0
    minimal = "--minimal" in args
    for line in source:
        if not line.strip():
            continue
        output = analyse_line(line, minimal)
        sink.write(json.dumps(output, ensure_ascii=False, separators=(",", ":")) + "\n")
        sink.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
