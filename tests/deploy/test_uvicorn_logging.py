"""deploy/uvicorn-logging.json: uvicorn's own lines are JSON too, with addresses masked."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
CONFIG = DEPLOY / "uvicorn-logging.json"


def test_uvicorn_lines_are_json_without_the_address() -> None:
    # As uvicorn loads it: before Django is set up, in a process of its own.
    code = (
        "import json, logging, logging.config, sys; "
        f"logging.config.dictConfig(json.load(open({str(CONFIG)!r}))); "
        "logging.getLogger('uvicorn.error').warning('Bad request from %s', '203.0.113.5'); "
        "logging.getLogger('uvicorn.access').warning('GET /suivi/ 404')"
    )
    done = subprocess.run(  # noqa: S603  # our interpreter
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr  # the access logger writes nothing
    line = json.loads(lines[0])
    assert line["logger"] == "uvicorn.error"
    assert line["message"] == "Bad request from [adresse masquée]"


def test_every_uvicorn_command_uses_it() -> None:
    for path in (
        DEPLOY / "systemd" / "vigie-public@.service",
        DEPLOY / "systemd" / "vigie-backoffice.service",
        DEPLOY / "compose.yaml",
    ):
        assert "/srv/vigie/deploy/uvicorn-logging.json" in path.read_text(), path
