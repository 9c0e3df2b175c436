"""Django's Redis cache with one connection pool per process, not one per request.

Django keeps its cache objects in an asgiref ``Local`` that is not thread-critical: under
ASGI each request and each socket runs in a context of its own (uvicorn starts each in a
fresh task), so each got a fresh ``RedisCache``, hence a fresh redis-py ``ConnectionPool``
and a new TCP connection to Redis the first time it touched the cache (rate limits, receipt
attempts, presence, the audit's once-per-session markers: nearly every request). Nothing
closes them (``RedisCache.close`` does nothing): the pool, its connection and its socket
went when the garbage collector found them, and redis-py's pools sit in reference cycles,
which the server's collector policy (vigie/core/collector.py) can keep frozen until its
next thaw. bench/soak/memory.py measured ~20 KiB of such cyclic garbage per chat socket.

Here every cache object of a process draws from the same pools, one per Redis server and
options: redis-py's pools are thread-safe, and connections are reused from request to
request. Behaviour is Django's otherwise.
"""

from __future__ import annotations

import threading
from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

_POOLS: dict[tuple[str, str], Any] = {}
_POOLS_LOCK = threading.Lock()


class SharedPoolRedisCacheClient(RedisCacheClient):  # type: ignore[misc]  # untyped
    def _get_connection_pool(self, write: bool) -> Any:
        index = self._get_connection_pool_index(write)
        server = self._servers[index]
        key = (server, repr(sorted(self._pool_options.items())))
        with _POOLS_LOCK:
            pool = _POOLS.get(key)
            if pool is None:
                pool = _POOLS[key] = self._pool_class.from_url(server, **self._pool_options)
        return pool


class RedisCache(DjangoRedisCache):  # type: ignore[misc]  # untyped
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = SharedPoolRedisCacheClient

    def count_in_window(self, key: str, timeout: int) -> int:
        """Count one event under `key` (created with `timeout` seconds to live): the new count.

        One round trip to Redis (SET NX EX then INCR, in one MULTI/EXEC), where Django's
        ``add`` + ``incr`` took two, three when the key expired in between (vigie.core.abuse).
        A submission counts two limits: four round trips before, two now.
        """
        made = self.make_and_validate_key(key)
        client = self._cache.get_client(made, write=True)
        with client.pipeline(transaction=True) as pipe:
            pipe.set(made, 0, ex=timeout, nx=True)
            pipe.incr(made)
            _created, used = pipe.execute()
        return int(used)
