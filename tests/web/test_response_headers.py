"""Every response keeps the same headers whatever carries the request through the stack.

The public side's middleware was made async (no thread hop per middleware, issue 15); this
snapshot was taken from the stack before that change, through the real ASGI application
(ScrubClientMetadata, BodyLimit, Django's async handler), and must not move: security headers
(CSP, Permissions-Policy, CORP, COOP, nosniff, Referrer-Policy, X-Frame-Options), caching,
cookies and Vary, on the main public pages, a static file, the API and errors.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.api.conftest import asgi_call, report_payload

pytestmark = pytest.mark.django_db

# Values that change from one response to the next: only their presence is compared.
_VOLATILE = {"date", "expires", "content-length", "etag", "last-modified"}


def headers_of(response: Any) -> dict[str, str]:
    seen: dict[str, str] = {}
    for name, value in response.headers.multi_items():
        name = name.lower()
        if name == "set-cookie":
            # The cookie's name and attributes, not its random value.
            cookie_name, _equals, rest = value.partition("=")
            value = cookie_name + "=…;" + rest.partition(";")[2]
        elif name in _VOLATILE:
            value = "…"
        seen[name] = f"{seen[name]} | {value}" if name in seen else value
    return seen


def request(method: str, path: str, **kwargs: Any) -> dict[str, str]:
    response = asgi_call(method, path, **kwargs)
    return {"status": str(response.status_code), **headers_of(response)}


CASES: dict[str, tuple[str, str, dict[str, Any]]] = {
    "home": ("GET", "/", {}),
    "report_form": ("GET", "/signaler/", {}),
    "follow_up": ("GET", "/suivi/", {}),
    "offline": ("GET", "/hors-ligne/", {}),
    "manifest": ("GET", "/manifest.webmanifest", {}),
    "service_worker": ("GET", "/sw.js", {}),
    "static": ("GET", "/static/vigie/pow.js", {}),
    "not_found": ("GET", "/pas-de-page/", {}),
    "no_slash": ("GET", "/signaler", {}),
    "english": ("GET", "/", {"headers": {"Accept-Language": "en"}}),
    "challenge": ("GET", "/api/v1/challenge", {}),
    "openapi": ("GET", "/api/v1/openapi.json", {}),
    "api_created": ("POST", "/api/v1/reports", {"json_body": "report"}),
    "api_invalid": ("POST", "/api/v1/reports", {"json_body": {"category": "x"}}),
    "api_status_no_receipt": ("GET", "/api/v1/reports/VG-AAAA-AAAA/status", {}),
    "form_post_without_csrf": ("POST", "/signaler/", {}),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_headers_are_those_of_the_stack_before_it_went_async(case: str) -> None:
    method, path, options = CASES[case]
    if options.get("json_body") == "report":
        options = {**options, "json_body": report_payload()}
    assert request(method, path, **options) == SNAPSHOT[case]


SNAPSHOT: dict[str, dict[str, str]] = json.loads(
    (Path(__file__).parent / "response_headers.json").read_text(encoding="utf-8")
)
