"""Tests: fast hashers and cheap KDF parameters."""

from config.settings.base import *  # noqa: F403  # settings modules extend the base namespace

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # INSECURE_FAST: tests only
if not env.DATABASE_URL:  # noqa: F405
    # In-memory SQLite per xdist worker; the WAL pragma is meaningless there.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE"}  # noqa: F405

POW_DIFFICULTY = 0  # tests that need proof-of-work set it themselves

# Background jobs run at once, in the test's own transaction.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
