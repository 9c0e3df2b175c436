"""The database file on disk holds no plaintext of what the citizen wrote.

Runs the real embedded deployment (file SQLite in WAL mode, `config.settings.run`) in a
subprocess with its own state directory, submits a report through the citizen API, then
reads the database files byte by byte.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MARKER = "Zorglub-7 vend au hall C de la tour Panoramix tous les soirs"

SUBMIT = f"""
import django, json
django.setup()
from django.test import Client
body = {{
    "category": "point_de_deal",
    "description": "{MARKER}",
    "location": {{"commune": "25056", "address": "tour Panoramix", "place_kind": "hall"}},
    "people": [{{"description": "Zorglub, blouson Panoramix"}}],
    "identifiers": [{{"kind": "snapchat", "value": "zorglub_panoramix"}}],
}}
response = Client().post("/api/v1/reports", json.dumps(body), content_type="application/json")
assert response.status_code == 201, (response.status_code, response.content)
print(response.json()["reference"])
"""


def test_the_database_file_holds_no_plaintext_of_the_report(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        VIGIE_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="config.settings.run",
        VIGIE_ALLOWED_HOSTS="testserver",
        VIGIE_POW_DIFFICULTY="0",
    )

    def run(*args: str) -> str:
        completed = subprocess.run(  # noqa: S603  # fixed arguments, our own interpreter
            [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        assert completed.returncode == 0, completed.stderr[-3000:]
        return completed.stdout

    run("manage.py", "migrate", "--noinput", "-v", "0")
    run("manage.py", "load_geography", "--departements", "25", "--no-progress", "-v", "0")
    reference = run("-c", SUBMIT).strip()

    files = [path for path in tmp_path.glob("vigie.sqlite3*") if path.is_file()]
    assert files, "the embedded database file was not created"
    content = b"".join(path.read_bytes() for path in files)
    assert reference.encode() in content  # the report is there…
    for fragment in (MARKER, "Zorglub", "Panoramix"):  # …but not what the citizen wrote
        assert fragment.encode() not in content
        assert fragment.encode("utf-16-le") not in content
