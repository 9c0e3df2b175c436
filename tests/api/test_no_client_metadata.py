"""test_submitting_a_report_stores_no_ip_address (nor user agent): database, logs, files.

The requests go through the real ASGI application (config.asgi, ScrubClientMetadata first)
from a distinctive address with a distinctive user agent; afterwards every table, every log
line and every file under the evidence and upload directories is searched for them.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection

# Imported now, not inside the test: loading it runs django.setup(), whose logging
# configuration would otherwise remove the capturing handler in the middle of the test.
import config.asgi  # noqa: F401
from tests.api.conftest import asgi_call, report_payload

CLIENT_ADDRESS = "203.0.113.77"
FORWARDED_ADDRESS = "198.51.100.23"
USER_AGENT = f"UA-CANARY-{uuid.uuid4().hex}"
CANARIES = (CLIENT_ADDRESS, FORWARDED_ADDRESS, USER_AGENT, "UA-CANARY")


def _database_text() -> str:
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608  # table names from introspection
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        chunks.append(bytes(value).decode("latin-1"))
                    else:
                        chunks.append(str(value))
    return "\n".join(chunks)


def _files_text(*directories: Path) -> str:
    chunks = []
    for directory in directories:
        for path in directory.rglob("*"):
            if path.is_file():
                chunks.append(path.read_bytes().decode("latin-1"))
    return "\n".join(chunks)


def test_submitting_a_report_stores_no_ip_address_nor_user_agent(caplog) -> None:
    headers = {"User-Agent": USER_AGENT, "X-Forwarded-For": FORWARDED_ADDRESS}
    with caplog.at_level(logging.DEBUG):
        created = asgi_call(
            "POST",
            "/api/v1/reports",
            client_address=CLIENT_ADDRESS,
            headers=headers,
            json_body=report_payload(),
        )
        assert created.status_code == 201, created.text
        reference, secret = created.json()["reference"], created.json()["secret"]
        receipt = {**headers, "Authorization": f"Receipt {secret}"}
        message = asgi_call(
            "POST",
            f"/api/v1/reports/{reference}/messages",
            client_address=CLIENT_ADDRESS,
            headers=receipt,
            json_body={"text": "Ils sont encore là ce soir."},
        )
        status = asgi_call(
            "GET",
            f"/api/v1/reports/{reference}/status",
            client_address=CLIENT_ADDRESS,
            headers=receipt,
        )
        refused = asgi_call(
            "POST",
            "/api/v1/reports",
            client_address=CLIENT_ADDRESS,
            headers=headers,
            json_body={"category": "inconnue"},
        )
        wrong = asgi_call(
            "GET",
            f"/api/v1/reports/{reference}/status",
            client_address=CLIENT_ADDRESS,
            headers={**headers, "Authorization": "Receipt faux"},
        )
    assert (message.status_code, status.status_code) == (201, 200)
    assert (refused.status_code, wrong.status_code) == (422, 404)
    assert any(record for record in caplog.records), "the refusals were logged: search them"

    database = _database_text()
    logs = caplog.text + "\n".join(repr(vars(record)) for record in caplog.records)
    # The searches do see what was stored and logged.
    assert reference in database
    assert reference in logs
    files = _files_text(Path(settings.EVIDENCE_DIR), Path(settings.FILE_UPLOAD_TEMP_DIR))
    for canary in CANARIES:
        assert canary not in database, canary
        assert canary not in logs, canary
        assert canary not in files, canary
    for response in (created, message, status, refused, wrong):
        assert CLIENT_ADDRESS not in response.text
        assert "set-cookie" not in response.headers
