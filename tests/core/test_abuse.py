"""Rate limits keyed on rotating anonymous buckets, and single-use signed proof-of-work."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import override_settings

from tests.cache_support import fresh_cache
from tests.conftest import require
from vigie.core import abuse

POW_JS = Path(__file__).resolve().parents[2] / "vigie" / "web" / "static" / "vigie" / "pow.js"


@pytest.fixture(autouse=True)
def clean_cache() -> Iterator[None]:
    fresh_cache()
    abuse._local_key = None
    yield
    fresh_cache()
    abuse._local_key = None


class _Request:
    def __init__(self, scope: dict | None) -> None:
        if scope is not None:
            self.scope = scope


# --------------------------------------------------------------------------- buckets


def test_a_bucket_is_a_keyed_hash_that_never_contains_the_address() -> None:
    bucket = abuse.bucket_for_address("203.0.113.77")
    assert "203.0.113.77" not in bucket
    assert bucket == abuse.bucket_for_address("203.0.113.77")
    assert bucket != abuse.bucket_for_address("203.0.113.78")
    # Not a plain hash of the address: the key is needed to compute it.
    assert hashlib.sha256(b"203.0.113.77").hexdigest()[:32] not in bucket


def test_the_bucket_key_lives_in_the_cache_for_an_hour_and_is_then_replaced() -> None:
    before = abuse.bucket_for_address("203.0.113.77")
    stored = cache.get(abuse._BUCKET_KEY_CACHE_KEY)
    assert isinstance(stored, str) and len(stored) == 64
    # Expiry of the cache entry (simulated) and of the process' short memo.
    cache.delete(abuse._BUCKET_KEY_CACHE_KEY)
    abuse._local_key = None
    after = abuse.bucket_for_address("203.0.113.77")
    assert after != before


def test_the_bucket_key_is_shared_through_the_cache() -> None:
    first = abuse.bucket_for_address("192.0.2.1")
    abuse._local_key = None  # another process: nothing in memory, same cache
    assert abuse.bucket_for_address("192.0.2.1") == first


def test_client_bucket_reads_the_scope_and_falls_back_to_a_shared_bucket() -> None:
    assert abuse.client_bucket(_Request({abuse.SCOPE_KEY: "b123"})) == "b123"
    assert abuse.client_bucket(_Request({})) == abuse.FALLBACK_BUCKET
    assert abuse.client_bucket(_Request(None)) == abuse.FALLBACK_BUCKET
    assert abuse.bucket_for_scope({"client": None}) == abuse.FALLBACK_BUCKET


# --------------------------------------------------------------------------- rate limits


@override_settings(RATE_LIMITS={"test": (3, 60)})
def test_hit_allows_up_to_the_limit_then_refuses_with_a_delay() -> None:
    decisions = [abuse.hit("test", "k") for _ in range(4)]
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert 0 < decisions[-1].retry_after <= 60
    assert abuse.hit("test", "other").allowed


@override_settings(RATE_LIMITS={"test": (2, 60)})
def test_peek_does_not_count() -> None:
    for _ in range(5):
        assert abuse.peek("test", "k").allowed
    abuse.hit("test", "k")
    abuse.hit("test", "k")
    assert not abuse.peek("test", "k").allowed


@override_settings(RATE_LIMITS={"test": (1, 60)})
def test_counters_do_not_store_the_key_in_clear() -> None:
    abuse.hit("test", "VG-ABCD-EFGH")
    cache_key, *_ = abuse._window("test", "VG-ABCD-EFGH")
    assert "VG-ABCD-EFGH" not in cache_key
    assert cache.get(cache_key) == 1


# --------------------------------------------------------------------------- proof-of-work


@override_settings(POW_DIFFICULTY=0)
def test_difficulty_zero_accepts_anything() -> None:
    assert abuse.verify_solution("", "")


@override_settings(POW_DIFFICULTY=8)
def test_a_solution_verifies_once() -> None:
    challenge = abuse.issue_challenge()
    assert challenge.difficulty == 8
    nonce = abuse.solve(challenge.challenge, challenge.difficulty)
    assert abuse.verify_solution(challenge.challenge, nonce)
    assert not abuse.verify_solution(challenge.challenge, nonce)


@override_settings(POW_DIFFICULTY=8)
def test_a_tampered_challenge_or_an_odd_nonce_is_refused() -> None:
    challenge = abuse.issue_challenge().challenge
    tampered = challenge[:-2] + ("AA" if not challenge.endswith("AA") else "BB")
    assert not abuse.verify_solution(tampered, abuse.solve(tampered, 8))
    assert not abuse.verify_solution(challenge, "")
    assert not abuse.verify_solution(challenge, "é")
    assert not abuse.verify_solution(challenge, "0" * 65)


def test_leading_zero_bits() -> None:
    assert abuse.leading_zero_bits(b"\x00\x00\xff") == 16
    assert abuse.leading_zero_bits(b"\x00\x01") == 15
    assert abuse.leading_zero_bits(b"\x80") == 0
    assert abuse.leading_zero_bits(b"\x00\x00") == 16


@override_settings(POW_DIFFICULTY=12)
def test_pow_js_finds_the_nonce_python_finds_and_the_server_accepts_it() -> None:
    node = shutil.which("node")
    require("node (to run pow.js)", available=node is not None)
    challenge = abuse.issue_challenge()
    script = (
        f"import({json.dumps(POW_JS.as_uri())}).then(async (pow) => {{"
        f"  process.stdout.write(await pow.findNonce({json.dumps(challenge.challenge)}, 12));"
        "});"
    )
    result = subprocess.run(  # noqa: S603  # fixed program, our own script
        [node, "--input-type=module", "-e", script],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    nonce = result.stdout.strip()
    assert nonce == abuse.solve(challenge.challenge, 12)
    assert abuse.verify_solution(challenge.challenge, nonce)
