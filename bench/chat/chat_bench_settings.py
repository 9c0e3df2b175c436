"""`make run` settings with the per-conversation message limit lifted for the load test.

At 200 messages/s over 100 conversations, each citizen would send 60 messages a minute,
beyond the production limit (30): the limiter still runs on every message, it just never
refuses. Nothing else differs from `make run`.
"""

import os

from config.settings.run import *  # noqa: F403  # settings modules extend the base namespace

RATE_LIMITS = {**RATE_LIMITS, "chat_message": (10**9, 60)}  # noqa: F405

if _probe_path := os.environ.get("VIGIE_CHAT_PROBE"):  # bench/chat/run.py --probe
    import probe

    probe.install(_probe_path)
