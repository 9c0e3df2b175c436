"""The channel layer and cache configured for this run (in-process, or Redis with REDIS_URL)
really carry messages: a second server process relies on them for the live chat."""

import asyncio
import uuid

from channels import DEFAULT_CHANNEL_LAYER
from channels.layers import channel_layers
from django.conf import settings
from django.core.cache import cache

from config import env
from tests import asyncio_support


def test_the_configured_channel_layer_delivers_a_group_message() -> None:
    async def round_trip() -> dict:
        # A layer instance of its own, built from the same settings: the process-wide one may
        # still be receiving in a browser test's server loop (channels-redis refuses a second
        # loop on one instance).
        layer = channel_layers.make_backend(DEFAULT_CHANNEL_LAYER)
        channel = await layer.new_channel()
        group = f"test-{uuid.uuid4().hex}"
        await layer.group_add(group, channel)
        await layer.group_send(group, {"type": "chat.message", "body": "bonjour"})
        message = await asyncio.wait_for(layer.receive(channel), timeout=5)
        await layer.group_discard(group, channel)
        return message

    assert asyncio_support.run(round_trip()) == {"type": "chat.message", "body": "bonjour"}


def test_the_layer_and_cache_follow_redis_url() -> None:
    layer_backend = settings.CHANNEL_LAYERS["default"]["BACKEND"]
    cache_backend = settings.CACHES["default"]["BACKEND"]
    if env.REDIS_URL:
        assert layer_backend == "vigie.chat.layers.RedisChannelLayer"
        assert cache_backend == "vigie.core.cache.RedisCache"
    else:
        assert layer_backend == "vigie.chat.layers.InMemoryChannelLayer"
        assert cache_backend == "django.core.cache.backends.locmem.LocMemCache"
    key = f"test-{uuid.uuid4().hex}"
    cache.set(key, "valeur", timeout=30)
    assert cache.get(key) == "valeur"
