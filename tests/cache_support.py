"""Forgetting a test's cache entries without touching anybody else's.

Every test gets its own cache namespace (tests/conftest.py::own_cache). On Redis,
`cache.clear()` is FLUSHDB: it would also wipe the other xdist worker's rate counters in the
middle of its test. `fresh_cache()` deletes this namespace's keys only.
"""

from __future__ import annotations

from django.core.cache import cache


def fresh_cache() -> None:
    prefix = cache.key_prefix
    backend = getattr(cache, "_cache", None)
    if prefix and hasattr(backend, "get_client"):  # Django's Redis backend
        client = backend.get_client(None, write=True)
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)
    else:  # local memory: the namespace has its own storage (LOCATION = prefix)
        cache.clear()
