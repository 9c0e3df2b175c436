"""The Redis cache draws from one connection pool per process, whatever the request's context.

Under ASGI every request and socket runs in a task of its own, and Django's cache objects
live in a context-local: each request got its own cache object, pool and Redis connection.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.core.cache import caches

from config import env
from tests import asyncio_support
from tests.chat.processes import redis_available
from tests.conftest import require

REDIS_URL = env.REDIS_URL or "redis://127.0.0.1:6379/12"


@pytest.fixture
def redis_cache(settings: Any) -> None:
    require("Redis (REDIS_URL or 127.0.0.1:6379)", available=redis_available(REDIS_URL))
    settings.CACHES = {
        "default": {
            "BACKEND": "vigie.core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"test-cache-{uuid.uuid4().hex}",
        }
    }


def _request(key: str) -> tuple[Any, Any, Any]:
    """What a view does: the cache object of this context, the pool it used, what it read."""
    cache = caches["default"]
    found = cache.get(key)
    return cache, cache._cache._get_connection_pool(write=False), found


@pytest.mark.usefixtures("redis_cache")
def test_requests_in_tasks_of_their_own_share_one_pool() -> None:
    key = f"clé-{uuid.uuid4().hex}"

    def store() -> None:
        caches["default"].set(key, "valeur", 30)

    async def server() -> list[tuple[Any, Any, Any]]:
        # As uvicorn runs them: each request in a fresh task (a context of its own).
        await asyncio.create_task(sync_to_async(store)())
        return [await asyncio.create_task(sync_to_async(_request)(key)) for _ in range(3)]

    answers = asyncio_support.run(server())
    caches["default"].delete(key)
    assert len({id(cache) for cache, _pool, _found in answers}) == 3  # Django's context-local
    assert len({id(pool) for _cache, pool, _found in answers}) == 1
    assert [found for _cache, _pool, found in answers] == ["valeur"] * 3


@pytest.mark.usefixtures("redis_cache")
def test_a_rate_limit_counts_in_one_round_trip_and_peek_reads_it(
    settings: Any, monkeypatch: Any
) -> None:
    """Issue 15: SET NX EX + INCR in one MULTI/EXEC, where add + incr took two round trips."""
    from redis.client import Pipeline, Redis

    from vigie.core import abuse

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "essai": (2, 60)}
    trips: list[str] = []
    command, execute = Redis.execute_command, Pipeline.execute

    def one_command(self: Any, *args: Any, **kwargs: Any) -> Any:
        trips.append(str(args[0]))  # a command sent on its own (a pipeline has its own)
        return command(self, *args, **kwargs)

    def pipeline(self: Any, *args: Any, **kwargs: Any) -> Any:
        trips.append("pipeline")
        return execute(self, *args, **kwargs)

    monkeypatch.setattr(Redis, "execute_command", one_command)
    monkeypatch.setattr(Pipeline, "execute", pipeline)
    bucket = f"b{uuid.uuid4().hex}"
    assert abuse.hit("essai", bucket).allowed
    assert trips == ["pipeline"]
    assert abuse.peek("essai", bucket).allowed  # peek reads the same counter: 1 of 2
    assert abuse.hit("essai", bucket).allowed
    assert not abuse.peek("essai", bucket).allowed
    refused = abuse.hit("essai", bucket)
    assert not refused.allowed and 0 < refused.retry_after <= 60
    cache_key = abuse._window("essai", bucket)[0]
    ttl = (
        caches["default"]
        ._cache.get_client(write=False)
        .ttl(caches["default"].make_and_validate_key(cache_key))
    )
    assert 0 < ttl <= 61  # the counter expires with its window
