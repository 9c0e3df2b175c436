"""Baseline for bench/api: the least an ASGI endpoint can do to accept a report.

Reads the JSON body, inserts one row into SQLite with the standard library (WAL, one
connection, autocommit per insert) and answers 201 with the row id. Served by the same
uvicorn command line as Vigie and loaded by the same wrk script.
"""

from __future__ import annotations

import json
import os
import sqlite3

_DB = sqlite3.connect(os.environ.get("BASELINE_DB", "baseline.sqlite3"), isolation_level=None)
_DB.execute("PRAGMA journal_mode=WAL")
_DB.execute("PRAGMA synchronous=NORMAL")
_DB.execute("CREATE TABLE IF NOT EXISTS report (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")


async def application(scope, receive, send) -> None:
    if scope["type"] != "http":
        return
    body = b""
    more = True
    while more:
        message = await receive()
        body += message.get("body", b"")
        more = message.get("more_body", False)
    try:
        json.loads(body)
    except ValueError:
        status, answer = 400, b'{"error": "malformed"}'
    else:
        cursor = _DB.execute("INSERT INTO report (body) VALUES (?)", (body.decode(),))
        status, answer = 201, json.dumps({"id": cursor.lastrowid}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": answer})
