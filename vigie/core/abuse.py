"""Abuse resistance that never learns who the client is: rate limits and proof-of-work.

Rate limits count per *bucket*, an opaque HMAC of the client's address under a random key
that lives only in the cache and is replaced every hour. `ScrubClientMetadata` computes the
bucket at the edge, before it throws the address away, and hands only the bucket on
(``scope["vigie.client_bucket"]``). Once the key has rotated, nobody — not us, not someone
who seizes the server — can tell which address a past bucket stood for: the key is gone and
was never written anywhere durable nor logged.

Proof-of-work is hashcash: find a nonce such that SHA-256(``challenge:nonce``) starts with
`difficulty` zero bits. The challenge is self-contained (signed, time-stamped), so issuing one
stores nothing; a solved challenge is remembered in the cache until it expires so it serves
once. A browser solves it with ``vigie/web/static/vigie/pow.js``.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache

SCOPE_KEY = "vigie.client_bucket"
# Requests that reach Django without a bucket (WSGI, the test client, a Unix socket) share
# this one: limits then apply to all of them together, which errs on the side of refusing.
FALLBACK_BUCKET = "shared"
BUCKET_KEY_TTL_SECONDS = 3600
_BUCKET_KEY_CACHE_KEY = "vigie:abuse:bucket-key"
# Each process keeps the shared key a short while to spare a cache round trip per request;
# after a rotation, processes agree again within this delay.
_BUCKET_KEY_LOCAL_SECONDS = 30.0

POW_SALT = "vigie.abuse.pow"
POW_ALGORITHM = "sha256-leading-zero-bits"
POW_MAX_NONCE_LENGTH = 64
_POW_SEEN_PREFIX = "vigie:pow:seen:"
_RATE_PREFIX = "vigie:rate:"


# --------------------------------------------------------------------------- buckets

_local_key: tuple[bytes, float] | None = None


def _bucket_key() -> bytes:
    """The current rotating key: random, shared through the cache, gone after an hour."""
    global _local_key
    now = time.monotonic()
    if _local_key is not None and now - _local_key[1] < _BUCKET_KEY_LOCAL_SECONDS:
        return _local_key[0]
    # add() is atomic: when several processes race, one key wins and all read it back.
    cache.add(_BUCKET_KEY_CACHE_KEY, secrets.token_hex(32), timeout=BUCKET_KEY_TTL_SECONDS)
    shared = cache.get(_BUCKET_KEY_CACHE_KEY)
    key = bytes.fromhex(shared) if isinstance(shared, str) else secrets.token_bytes(32)
    _local_key = (key, now)
    return key


def bucket_for_address(address: str) -> str:
    """HMAC-SHA256 of the address under the rotating key; the address is not kept."""
    digest = hmac.new(_bucket_key(), address.encode(), hashlib.sha256).hexdigest()
    return "b" + digest[:32]


def bucket_for_scope(scope: Any) -> str:
    client = scope.get("client")
    if client and client[0]:
        return bucket_for_address(str(client[0]))
    return FALLBACK_BUCKET


def bucket_in_scope(scope: Any) -> str:
    """The opaque rate-limit bucket ScrubClientMetadata put in an ASGI scope (HTTP or socket)."""
    if isinstance(scope, dict):
        bucket = scope.get(SCOPE_KEY)
        if isinstance(bucket, str) and bucket:
            return bucket
    return FALLBACK_BUCKET


def client_bucket(request: Any) -> str:
    """The request's opaque rate-limit bucket (put in the ASGI scope by ScrubClientMetadata)."""
    return bucket_in_scope(getattr(request, "scope", None))


# --------------------------------------------------------------------------- rate limits


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    retry_after: int  # seconds until the current window ends (0 when allowed)


def _window(name: str, key: str) -> tuple[str, int, int, int]:
    count, period = settings.RATE_LIMITS[name]
    now = time.time()
    window = int(now // period)
    # The key may be a reference or a bucket: hash it so no caller's value lands in the cache.
    hashed = hashlib.sha256(f"{name}\x00{key}".encode()).hexdigest()[:32]
    retry_after = max(1, math.ceil((window + 1) * period - now))
    return f"{_RATE_PREFIX}{name}:{hashed}:{window}", count, period, retry_after


def hit(name: str, key: str) -> RateDecision:
    """Count one event of kind `name` for `key`; refused beyond settings.RATE_LIMITS[name]."""
    cache_key, count, period, retry_after = _window(name, key)
    counter = getattr(cache, "count_in_window", None)  # vigie.core.cache.RedisCache: one trip
    if counter is not None:
        used = counter(cache_key, period + 1)
    else:
        # add + incr are atomic under the local-memory cache's lock.
        cache.add(cache_key, 0, timeout=period + 1)
        try:
            used = cache.incr(cache_key)
        except ValueError:  # expired between add and incr: the first event of a window
            cache.set(cache_key, 1, timeout=period + 1)
            used = 1
    if used > count:
        return RateDecision(allowed=False, retry_after=retry_after)
    return RateDecision(allowed=True, retry_after=0)


def peek(name: str, key: str) -> RateDecision:
    """Whether `key` is already over the limit, without counting an event."""
    cache_key, count, _period, retry_after = _window(name, key)
    used = cache.get(cache_key) or 0
    if used >= count:
        return RateDecision(allowed=False, retry_after=retry_after)
    return RateDecision(allowed=True, retry_after=0)


# --------------------------------------------------------------------------- proof-of-work


@dataclass(frozen=True)
class Challenge:
    challenge: str
    difficulty: int
    expires_in: int


def issue_challenge() -> Challenge:
    """A signed, time-stamped challenge at the configured difficulty; nothing is stored."""
    difficulty = int(settings.POW_DIFFICULTY)
    payload = {"r": secrets.token_urlsafe(16), "d": difficulty}
    token = signing.dumps(payload, salt=POW_SALT, compress=False)
    return Challenge(
        challenge=token, difficulty=difficulty, expires_in=int(settings.POW_CHALLENGE_TTL_SECONDS)
    )


def leading_zero_bits(digest: bytes) -> int:
    bits = 0
    for byte in digest:
        if byte == 0:
            bits += 8
            continue
        return bits + 8 - byte.bit_length()
    return bits


def solution_digest(challenge: str, nonce: str) -> bytes:
    return hashlib.sha256(f"{challenge}:{nonce}".encode()).digest()


def verify_solution(challenge: str, nonce: str) -> bool:
    """True once for a valid, unexpired, unused solution; difficulty 0 accepts anything."""
    required = int(settings.POW_DIFFICULTY)
    if required <= 0:
        return True
    if not isinstance(challenge, str) or not isinstance(nonce, str):
        return False
    if not nonce or len(nonce) > POW_MAX_NONCE_LENGTH or not nonce.isascii():
        return False
    try:
        payload = signing.loads(
            challenge, salt=POW_SALT, max_age=settings.POW_CHALLENGE_TTL_SECONDS
        )
        difficulty = int(payload["d"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return False
    # A challenge issued before the difficulty was raised is not enough any more.
    if difficulty < required:
        return False
    if leading_zero_bits(solution_digest(challenge, nonce)) < difficulty:
        return False
    seen_key = _POW_SEEN_PREFIX + hashlib.sha256(challenge.encode()).hexdigest()
    # Single use: the first valid presentation wins, a replay finds the mark.
    return bool(cache.add(seen_key, 1, timeout=int(settings.POW_CHALLENGE_TTL_SECONDS) + 1))


def solve(challenge: str, difficulty: int) -> str:
    """Reference solver, the same loop as pow.js (tests and non-browser clients)."""
    counter = 0
    while True:
        nonce = format(counter, "x")
        if leading_zero_bits(solution_digest(challenge, nonce)) >= difficulty:
            return nonce
        counter += 1
