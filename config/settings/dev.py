"""Local development: debug on, everything embedded."""

from config.settings.base import *  # noqa: F403  # settings modules extend the base namespace

DEBUG = True
