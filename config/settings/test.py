"""Tests: fast hashers and cheap KDF parameters."""

import os
import tempfile
from pathlib import Path

from config.env import env_str
from config.settings.base import *  # noqa: F403  # settings modules extend the base namespace

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # INSECURE_FAST: tests only
# This run (all its xdist workers) and this worker.
_run = (env_str("PYTEST_XDIST_TESTRUNUID") or str(os.getpid()))[:12]
_worker = env_str("PYTEST_XDIST_WORKER") or "main"
if not env.DATABASE_URL:  # noqa: F405
    # A database file per run and xdist worker (pytest-django appends the worker's suffix), not
    # Django's in-memory shared-cache default: live-server tests write from several threads at
    # once, and a shared-cache table lock fails at once ("database table is locked") whatever
    # the busy timeout, where a file in WAL mode waits its turn. Durability is not a test's
    # concern: no fsync.
    DATABASES["default"]["OPTIONS"] = {  # noqa: F405
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA foreign_keys=ON;",
    }
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"vigie-test-{_run}.sqlite3")
    }

# The test process imports config.asgi: its collector stays as it is (tests/core/test_collector).
VIGIE_GC_FREEZE = False
VIGIE_PRELOAD_GEOGRAPHY = False  # each test server would read France's outlines (1.2 s)

POW_DIFFICULTY = 0  # tests that need proof-of-work set it themselves

# Background jobs run at once, in the test's own transaction.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


if env.REDIS_URL:  # noqa: F405
    # Workers (and other runs, from other checkouts with other keys) share one Redis: each its
    # own channel-layer namespace. Group names are alike everywhere (a cell's, a
    # conversation's), and a message sealed under another checkout's layer key cannot be
    # opened: it broke the receiving worker's layer (InvalidToken).
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = f"asgi-{_run}-{_worker}"  # noqa: F405
