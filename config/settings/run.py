"""`make run`: the embedded default served by uvicorn, not in debug mode."""

from config.settings.base import *  # noqa: F403  # settings modules extend the base namespace
