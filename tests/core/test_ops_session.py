"""A scripted session (submission, follow-up, chat, back-office pages) with every log line
captured as the console handler writes it (JSON) and /metrics read afterwards: neither holds
a client address, a user agent, a receipt reference or secret, a path, nor what was written.

Loggers are opened up to DEBUG for the session (Django's request logger too, which the
settings keep at ERROR): what an operator turning up verbosity would see is searched.
"""

from __future__ import annotations

import io
import json
import logging
import re
import uuid
from collections.abc import Iterator

import pytest
from asgiref.sync import async_to_sync
from django.test import Client
from prometheus_client.parser import text_string_to_metric_families

# Imported now: loading it runs django.setup(), whose logging configuration would otherwise
# replace the capturing handler in the middle of the test.
import config.asgi  # noqa: F401
from tests.api.conftest import asgi_call, report_payload
from tests.chat.communicator import WebsocketCommunicator
from tests.chat.conftest import (
    CITIZEN_PATH,
    ORIGIN,
    agent_console,
    application,
    chat_db,  # noqa: F401  # the fixture, used by name
    session_cookie,
    started,
    until,
)
from tests.factories import AGENT_PASSWORD, AgentFactory
from tests.login_support import log_in
from vigie.core.logs import JsonFormatter
from vigie.core.privacy import DropRequestMetadata
from vigie.reports.models import Report

CLIENT_ADDRESS = "203.0.113.77"
FORWARDED_ADDRESS = "198.51.100.23"
USER_AGENT = f"UA-CANARY-{uuid.uuid4().hex}"
REPORT_TEXT = f"Texte-canari-signalement-{uuid.uuid4().hex[:8]}"
FOLLOW_UP_TEXT = f"Texte-canari-suivi-{uuid.uuid4().hex[:8]}"
CHAT_TEXT = f"Texte-canari-discussion-{uuid.uuid4().hex[:8]}"
REPLY_TEXT = f"Texte-canari-reponse-{uuid.uuid4().hex[:8]}"
pytestmark = pytest.mark.usefixtures("chat_db")
IP_PATTERN = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")


@pytest.fixture
def captured_logs() -> Iterator[io.StringIO]:
    """Every record, from every logger, through the console handler's filter and formatter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(DropRequestMetadata())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    opened = [logging.getLogger(name) for name in ("django.request", "django.security")]
    levels = [root.level, *(logger.level for logger in opened)]
    root.addHandler(handler)
    for logger in (root, *opened):
        logger.setLevel(logging.DEBUG)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        for logger, level in zip((root, *opened), levels, strict=True):
            logger.setLevel(level)


def _session() -> dict[str, str]:
    """Submission, follow-up, chat and back office, as citizens and an agent do them."""
    headers = {"User-Agent": USER_AGENT, "X-Forwarded-For": FORWARDED_ADDRESS}
    payload = report_payload(description=REPORT_TEXT + " " + report_payload()["description"])
    created = asgi_call(
        "POST", "/api/v1/reports", client_address=CLIENT_ADDRESS, headers=headers,
        json_body=payload,
    )  # fmt: skip
    assert created.status_code == 201, created.text
    reference, secret = created.json()["reference"], created.json()["secret"]
    receipt = {**headers, "Authorization": f"Receipt {secret}"}
    path = f"/api/v1/reports/{reference}"
    written = asgi_call(
        "POST", f"{path}/messages", client_address=CLIENT_ADDRESS, headers=receipt,
        json_body={"text": FOLLOW_UP_TEXT},
    )  # fmt: skip
    assert written.status_code == 201, written.text
    assert asgi_call("GET", f"{path}/status", headers=receipt).status_code == 200
    wrong = {**headers, "Authorization": "Receipt faux"}
    assert asgi_call("GET", f"{path}/status", headers=wrong).status_code == 404
    # A path that names the reference and matches no route: Django logs "Not Found: <path>".
    assert asgi_call("GET", f"/suivi/{reference}/", headers=headers).status_code == 404

    conversation = started()
    agent = AgentFactory(departement="25", analyst=True)  # the chat and the reports
    cookie = session_cookie(agent)
    public_id = str(conversation.conversation.public_id)

    async def chat() -> None:
        person = WebsocketCommunicator(
            application(), CITIZEN_PATH, headers=[ORIGIN, (b"user-agent", USER_AGENT.encode())]
        )
        assert (await person.connect())[0]
        await person.send_json_to(
            {
                "type": "hello",
                "reference": conversation.conversation.reference,
                "secret": conversation.secret,
                "last_seq": 0,
            }
        )
        await until(person, "welcome")
        message = {"type": "message", "id": str(uuid.uuid4()), "text": CHAT_TEXT}
        await person.send_json_to(message)
        await until(person, "ack")
        console, _queue = await agent_console(cookie)
        await console.send_json_to({"type": "take", "conversation": public_id})
        await until(console, "thread")
        reply = {"type": "message", "conversation": public_id, "id": str(uuid.uuid4())}
        await console.send_json_to({**reply, "text": REPLY_TEXT})
        await until(person, "message", author="agent")
        await person.disconnect()
        await console.disconnect()

    async_to_sync(chat)()

    staff = Client(HTTP_USER_AGENT=USER_AGENT)
    log_in(staff, agent, AGENT_PASSWORD)
    assert staff.get("/cellule/").status_code == 200
    report = Report.objects.get(reference=reference)
    assert staff.get(f"/cellule/signalements/{report.public_id}/").status_code == 200
    return {
        "reference": reference,
        "secret": secret,
        "conversation": conversation.conversation.reference,
        "conversation_secret": conversation.secret,
    }


def _forbidden(receipts: dict[str, str]) -> list[str]:
    return [
        CLIENT_ADDRESS, FORWARDED_ADDRESS, USER_AGENT, "UA-CANARY",
        REPORT_TEXT, FOLLOW_UP_TEXT, CHAT_TEXT, REPLY_TEXT, "Texte-canari",
        *receipts.values(),
        # The same references typed without their dashes.
        receipts["reference"].replace("-", ""), receipts["conversation"].replace("-", ""),
    ]  # fmt: skip


def test_a_whole_session_logs_no_address_user_agent_receipt_path_nor_content(
    captured_logs: io.StringIO,
) -> None:
    receipts = _session()
    lines = captured_logs.getvalue().splitlines()
    # The search has something to search: the 404s and the analysis were logged.
    assert any('"logger": "django.request"' in line for line in lines), lines
    records = [json.loads(line) for line in lines]  # every line is one JSON object
    assert all({"time", "level", "logger", "message"} <= set(record) for record in records)
    text = captured_logs.getvalue()
    for forbidden in _forbidden(receipts):
        assert forbidden not in text, forbidden
    assert not IP_PATTERN.search(text), IP_PATTERN.search(text)
    # Paths: none from the server side (the test's own HTTP client, httpx, logs its requests;
    # even there the reference is masked, which the loop above checked).
    server_side = [r for r in records if not r["logger"].startswith(("httpx", "httpcore"))]
    for record in server_side:
        assert "/suivi/" not in record["message"], record
        assert "/api/v1/reports/" not in record["message"], record


def test_a_whole_session_leaves_no_reference_path_address_nor_user_agent_in_metric_labels() -> None:
    receipts = _session()
    scraped = Client().get("/metrics")
    assert scraped.status_code == 200
    labels: dict[str, set[str]] = {}
    for family in text_string_to_metric_families(scraped.content.decode()):
        for sample in family.samples:
            for name, value in sample.labels.items():
                labels.setdefault(name, set()).add(value)
    # The session was recorded, by route name.
    assert {"api-v1:report_create", "api-v1:report_status", "backoffice:report_detail"} <= labels[
        "route"
    ]
    assert "unmatched" in labels["route"]  # /suivi/<reference>/ matched nothing
    assert {"citizen", "agent"} <= labels["side"]
    values = set().union(*labels.values())
    for value in values:
        assert re.fullmatch(r"[A-Za-z0-9_:.+-]+", value), value
        assert "/" not in value
        assert not IP_PATTERN.search(value), value
        for forbidden in _forbidden(receipts):
            assert forbidden not in value, (forbidden, value)
