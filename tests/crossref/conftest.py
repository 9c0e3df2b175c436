"""Cross-referencing tests: reports imported through `vigie reports import`."""

from __future__ import annotations

import io
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

BESANCON = {"lat": 47.2380, "lon": 6.0243, "commune": "25056"}
# Far from each other and from BESANCON: reports placed there link by what they name, not place.
ELSEWHERE = [
    {"lat": 47.5100, "lon": 6.7980, "commune": "25388", "address": "rue de Belfort"},
    {"lat": 46.9050, "lon": 6.3540, "commune": "25462", "address": "rue de la gare"},
    {"lat": 47.4800, "lon": 6.8400, "commune": "25031", "address": "avenue Foch"},
]


def line(description: str, **fields: Any) -> dict[str, Any]:
    """A report in API v1's structured shape, with a fresh submission_id."""
    data: dict[str, Any] = {
        "submission_id": str(uuid.uuid4()),
        "category": "point_de_deal",
        "description": description,
        "location": {**BESANCON, "address": "12 rue de Dole", "place_kind": "hall"},
    }
    data.update(fields)
    return data


class Imported:
    def __init__(self, stdout: str, stderr: str, error: CommandError | None) -> None:
        self.stdout, self.stderr, self.error = stdout, stderr, error


def run_import(tmp_path: Path, rows: list[Any]) -> Imported:
    path = tmp_path / f"import-{uuid.uuid4().hex}.jsonl"
    path.write_text(
        "\n".join(row if isinstance(row, str) else json.dumps(row) for row in rows) + "\n",
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    error = None
    try:
        call_command("reports", "import", str(path), "--no-progress", stdout=out, stderr=err)
    except CommandError as raised:
        error = raised
    return Imported(out.getvalue(), err.getvalue(), error)


def export(departement: str | None = None) -> list[dict[str, Any]]:
    out = io.StringIO()
    args = ["dossiers", "export"] + (["--departement", departement] if departement else [])
    call_command(*args, stdout=out)
    return [json.loads(text) for text in out.getvalue().splitlines()]


@pytest.fixture
def importer(tmp_path: Path) -> Any:
    return lambda rows: run_import(tmp_path, rows)
