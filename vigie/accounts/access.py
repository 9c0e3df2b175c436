"""The administration's way to reach agents' accounts: administrators only, 404 otherwise."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from vigie.accounts.models import Agent
from vigie.accounts.permissions import Capability, can


def require_administrator(agent: Any) -> None:
    """404 for anyone but an active administrator (a page's existence is not disclosed)."""
    if not can(agent, Capability.ADMINISTER):
        raise Http404


def access_agent(administrator: Any, username: str) -> Agent:
    require_administrator(administrator)
    found = Agent.objects.select_related("cell__departement").filter(username=username).first()
    if found is None:
        raise Http404
    return found
