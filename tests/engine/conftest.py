"""The engine's tests are pure Python: they also run without pytest-django (``-p no:django``)."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    # pyproject.toml sets pytest-django's ini key; without the plugin, declare it so that the
    # "unknown config option" warning (an error under filterwarnings=error) does not fire.
    if not pluginmanager.has_plugin("django"):
        parser.addini("DJANGO_SETTINGS_MODULE", "read by pytest-django when it is enabled")
