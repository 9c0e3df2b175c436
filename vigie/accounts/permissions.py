"""Who may do what in the back office: one capability per action, one table per role.

Every access function and template reads `can`; `tests/accounts/test_permissions.py` pins the
table and `tests/web/backoffice/test_roles.py` the role × page matrix. A role never gets a
right because a view forgot to check.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from vigie.accounts.models import Role


class Capability(StrEnum):
    CHAT = "chat"  # answer the live chats of the cell's département
    HANDLE_REPORTS = "handle_reports"  # read, search, qualify and answer the cell's reports


CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.AGENT: frozenset({Capability.CHAT}),
    Role.ANALYST: frozenset({Capability.CHAT, Capability.HANDLE_REPORTS}),
    Role.CELL_HEAD: frozenset({Capability.CHAT, Capability.HANDLE_REPORTS}),
    # Their spaces come with later work (dispatch, national figures, administration).
    Role.UNIT_MEMBER: frozenset(),
    Role.NATIONAL: frozenset(),
    Role.ADMIN: frozenset(),
}

# The page each role lands on after logging in (URL names).
LANDING_PAGES: dict[str, str] = {
    Role.AGENT: "console:console",
    Role.ANALYST: "backoffice:triage",
    Role.CELL_HEAD: "backoffice:triage",
    Role.UNIT_MEMBER: "backoffice:unit_space",
    Role.NATIONAL: "backoffice:national_space",
    Role.ADMIN: "backoffice:admin_space",
}


def can(agent: Any, capability: Capability) -> bool:
    """Cell capabilities need an active agent of a cell; the role decides the rest."""
    if not getattr(agent, "is_authenticated", False) or not agent.works_in_a_cell:
        return False
    return capability in CAPABILITIES.get(agent.role, frozenset())


def landing_page(agent: Any) -> str:
    return LANDING_PAGES.get(agent.role, "backoffice:login")
