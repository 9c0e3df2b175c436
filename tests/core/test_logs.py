"""vigie.core.logs.JsonFormatter: one JSON object a line, receipts and addresses masked."""

from __future__ import annotations

import json
import logging

from vigie.core.logs import JsonFormatter, redact


def _record(message: str, *args: object, exc_info: object = None) -> logging.LogRecord:
    return logging.LogRecord("vigie.test", logging.ERROR, __file__, 1, message, args, exc_info)  # type: ignore[arg-type]


def test_references_secrets_and_addresses_are_masked_wherever_they_appear() -> None:
    text = redact(
        "ref VG-7K3M-9QXD, typed vc 7k3m9qxd, secret ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345, "
        "from 203.0.113.7 and 2001:db8::1 at 12:30"
    )
    assert text == (
        "ref [référence masquée], typed [référence masquée], secret [secret masqué], "
        "from [adresse masquée] and [adresse masquée] at 12:30"
    )


def test_an_exception_is_logged_by_class_and_frames_without_its_message() -> None:
    try:
        raise ValueError("le texte du témoin : rue de Dole")
    except ValueError:
        import sys

        line = JsonFormatter().format(
            _record("failed for %s", "VG-7K3M-9QXD", exc_info=sys.exc_info())
        )
    parsed = json.loads(line)
    assert parsed["message"] == "failed for [référence masquée]"
    assert parsed["exception"] == "ValueError"
    assert parsed["frames"] and "test_logs.py" in parsed["frames"][0]
    assert "rue de Dole" not in line
