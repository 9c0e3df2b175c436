"""ScrubClientMetadata hands on an anonymous rate-limit bucket, never the address."""

from __future__ import annotations

from tests import asyncio_support
from tests.cache_support import fresh_cache
from vigie.core import abuse
from vigie.core.privacy import ScrubClientMetadata


def _seen(path: str, address: str) -> dict:
    seen: dict = {}

    async def app(scope, receive, send) -> None:
        seen.update(scope)

    scope = {
        "type": "http",
        "path": path,
        "client": (address, 51234),
        "headers": [(b"user-agent", b"UA-CANARY")],
    }
    asyncio_support.run(ScrubClientMetadata(app, keep_for_prefix="/cellule/")(scope, None, None))
    return seen


def test_the_scope_carries_a_bucket_and_no_address() -> None:
    fresh_cache()
    seen = _seen("/api/v1/reports", "203.0.113.77")
    assert seen["client"] is None
    bucket = seen[abuse.SCOPE_KEY]
    assert bucket.startswith("b") and len(bucket) == 33
    assert "203.0.113.77" not in repr(seen)
    assert "UA-CANARY" not in repr(seen)


def test_one_address_one_bucket_two_addresses_two_buckets() -> None:
    fresh_cache()
    first = _seen("/", "203.0.113.77")[abuse.SCOPE_KEY]
    again = _seen("/signaler/", "203.0.113.77")[abuse.SCOPE_KEY]
    other = _seen("/", "203.0.113.78")[abuse.SCOPE_KEY]
    assert first == again != other


def test_the_back_office_keeps_its_metadata_and_gets_no_bucket() -> None:
    seen = _seen("/cellule/connexion/", "203.0.113.77")
    assert seen["client"] == ("203.0.113.77", 51234)
    assert abuse.SCOPE_KEY not in seen
