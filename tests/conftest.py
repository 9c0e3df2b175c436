"""Shared test set-up: reference geography loaded once per database, strict environment."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command

IN_CI = os.environ.get("CI", "").lower() == "true"


def require(component: str, *, available: bool) -> None:
    """A missing component skips locally but fails in CI: CI never silently skips."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{component} is required in CI and is not available")
    pytest.skip(f"{component} is not available on this machine")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The whole reference geography, loaded once; tests roll back on top of it."""
    with django_db_blocker.unblock():
        call_command("load_geography", verbosity=0)
    yield


@pytest.fixture
def doubs_geography(transactional_db: Any) -> None:
    """For transactional (browser) tests, whose flush empties the tables after each test."""
    call_command("load_geography", departements="25,39", verbosity=0)


@pytest.fixture(autouse=True)
def private_evidence_dir(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Each test stores evidence files in its own folder, never in the checkout's var/."""
    settings.EVIDENCE_DIR = tmp_path_factory.mktemp("evidence")


@pytest.fixture(autouse=True)
def own_cache(settings: Any) -> None:
    """A fresh cache namespace per test: rate limits and presence never leak between tests
    (nor between xdist workers sharing one Redis)."""
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        name: {**config, "KEY_PREFIX": prefix, "LOCATION": config.get("LOCATION") or prefix}
        for name, config in settings.CACHES.items()
    }
