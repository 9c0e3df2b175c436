from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.factories import AgentFactory


@pytest.fixture
def administrator(db: Any) -> Any:
    return AgentFactory(admin=True, username="admin.national")


@pytest.fixture
def admin_client(administrator: Any) -> Client:
    """Its own client: tests use `client` for the agent the administrator acts on."""
    client = Client()
    client.force_login(administrator)
    return client
