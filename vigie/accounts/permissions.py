"""Who may do what in the back office: one capability per action, one table per role.

Every access function and template reads `can`; `tests/accounts/test_permissions.py` pins the
table and `tests/web/backoffice/test_roles.py` the role × page matrix. A role never gets a
right because a view forgot to check.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from vigie.accounts.models import CELL_ROLES, Role


class Capability(StrEnum):
    CHAT = "chat"  # answer the live chats of the cell's département
    HANDLE_REPORTS = "handle_reports"  # read, search, qualify and answer the cell's reports
    # Départements, cells, units, agents and roles, second factors, retention (everywhere).
    ADMINISTER = "administer"
    # The audit log: a cell head reads their cell's, the administrator all of it
    # (vigie.audit.selectors.audit_scope).
    READ_AUDIT_LOG = "read_audit_log"
    # A unit officer's « remontée terrain » straight to their cell (vigie.field).
    SUBMIT_FIELD_REPORTS = "submit_field_reports"
    # Pass a dossier or a report to a unit of the cell, answer its questions, close for the
    # citizen (vigie.operations).
    DISPATCH = "dispatch"
    # A unit member's side of the dispatches to their own unit (vigie.operations.access).
    WORK_DISPATCHES = "work_dispatches"
    # The cell's dashboard, meeting brief and early warnings for its département
    # (vigie.analytics.access).
    READ_CELL_FIGURES = "read_cell_figures"
    # Every département's figures and alerts, never a report's contents.
    READ_NATIONAL_FIGURES = "read_national_figures"


CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.AGENT: frozenset({Capability.CHAT}),
    Role.ANALYST: frozenset(
        {
            Capability.CHAT,
            Capability.HANDLE_REPORTS,
            Capability.DISPATCH,
            Capability.READ_CELL_FIGURES,
        }
    ),
    Role.CELL_HEAD: frozenset(
        {
            Capability.CHAT,
            Capability.HANDLE_REPORTS,
            Capability.READ_AUDIT_LOG,
            Capability.DISPATCH,
            Capability.READ_CELL_FIGURES,
        }
    ),
    Role.UNIT_MEMBER: frozenset({Capability.SUBMIT_FIELD_REPORTS, Capability.WORK_DISPATCHES}),
    Role.NATIONAL: frozenset({Capability.READ_NATIONAL_FIGURES}),
    Role.ADMIN: frozenset({Capability.ADMINISTER, Capability.READ_AUDIT_LOG}),
}

# The page each role lands on after logging in (URL names).
LANDING_PAGES: dict[str, str] = {
    Role.AGENT: "console:console",
    Role.ANALYST: "backoffice:triage",
    Role.CELL_HEAD: "backoffice:triage",
    Role.UNIT_MEMBER: "backoffice:unit_space",
    Role.NATIONAL: "analytics:national",
    Role.ADMIN: "administration:home",
}


def can(agent: Any, capability: Capability) -> bool:
    """A cell role's capabilities need an active agent of an active cell, the others an active
    agent; the role decides the rest."""
    if not getattr(agent, "is_authenticated", False) or not agent.is_active:
        return False
    if agent.role in CELL_ROLES and not agent.works_in_a_cell:
        return False
    if agent.role == Role.UNIT_MEMBER and not _works_in_a_unit(agent):
        return False
    return capability in CAPABILITIES.get(agent.role, frozenset())


def _works_in_a_unit(agent: Any) -> bool:
    unit = agent.unit if agent.unit_id is not None else None
    return unit is not None and unit.is_active and unit.cell.is_active


def landing_page(agent: Any) -> str:
    return LANDING_PAGES.get(agent.role, "backoffice:login")
