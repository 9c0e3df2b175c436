"""Abuse limits of the live chat, counted in the shared cache, never per client address.

A citizen's messages are counted per conversation (its receipt is the only identity there
is). Starts have no conversation yet: they are counted per département, a ceiling that
keeps a flood from filling a cell's queue (the report form's proof-of-work is the better
tool once it is shared; see the report of issue 5).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache


def allow(name: str, key: str) -> bool:
    """Count one event of `name` for `key` in the current window; False beyond the limit."""
    count, seconds = settings.RATE_LIMITS[name]
    window = int(time.time() // seconds)
    cache_key = f"chat:limit:{name}:{key}:{window}"
    cache.add(cache_key, 0, timeout=seconds + 5)
    try:
        used = cache.incr(cache_key)
    except ValueError:  # evicted between add and incr: count this one as the first
        cache.set(cache_key, 1, timeout=seconds + 5)
        used = 1
    return used <= count
