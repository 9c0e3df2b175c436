"""Structured logs: one JSON object per line, for journald, compose and a log shipper.

Stdlib logging and this small formatter, no new dependency. Fields: ``time`` (UTC, to the
second), ``level``, ``logger``, ``message``, and for an exception its class and frames
(``file:line function``) without its message, which may quote what a citizen wrote.

What never reaches a line (docs/security.md): a client address or user agent (none reaches
the application on the public side: vigie.core.privacy), a request object or a path
(DropRequestMetadata, installed before this formatter), a receipt reference or secret, an IP
address written inside a message (both masked here, whatever logger wrote them), and contents
(no code of Vigie logs a report's or a message's text; tests/core/test_logs.py runs a whole
session and looks for them).
"""

from __future__ import annotations

import json
import logging
import re
import traceback
from datetime import UTC, datetime

REFERENCE_MASK = "[référence masquée]"
SECRET_MASK = "[secret masqué]"  # noqa: S105  # a placeholder, not a password
ADDRESS_MASK = "[adresse masquée]"

_CROCKFORD = "[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]"
# Receipt references, as shown ("VG-7K3M-9QXD") or typed loosely ("vg 7k3m9qxd").
_REFERENCE = re.compile(rf"\b[Vv][GgCc][\s-]?{_CROCKFORD}{{4}}[\s-]?{_CROCKFORD}{{4}}\b")
# Receipt secrets: seven groups of four.
_SECRET = re.compile(rf"\b{_CROCKFORD}{{4}}(?:-{_CROCKFORD}{{4}}){{6}}\b")
_IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
# IPv6: at least three groups joined by colons (clock times "12:30" have two).
_IPV6 = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")


def _is_ipv6(candidate: str) -> bool:
    import ipaddress

    try:
        ipaddress.IPv6Address(candidate)
    except ValueError:
        return False
    return True


def redact(text: str) -> str:
    text = _SECRET.sub(SECRET_MASK, text)
    text = _REFERENCE.sub(REFERENCE_MASK, text)
    text = _IPV4.sub(ADDRESS_MASK, text)
    return _IPV6.sub(lambda m: ADDRESS_MASK if _is_ipv6(m.group(0)) else m.group(0), text)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        if record.exc_info and record.exc_info[0] is not None:
            kind, _value, trace = record.exc_info
            line["exception"] = kind.__name__
            line["frames"] = [
                f"{frame.filename}:{frame.lineno} {frame.name}"
                for frame in traceback.extract_tb(trace)
            ]
        return json.dumps(line, ensure_ascii=False)


class QuietTaskRuns(logging.Filter):
    """The task worker writes a line per run (INFO: "Task id=… state=RUNNING"): the run of a
    report's linking starts seconds after it arrives, so those lines would date submissions
    to the second in the journal. Kept from WARNING up (a failed task is still logged)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name.startswith("django_tasks") and record.levelno < logging.WARNING)
