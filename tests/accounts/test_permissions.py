"""The role × capability table (vigie.accounts.permissions), one line per role."""

from __future__ import annotations

import pytest

from tests.factories import AgentFactory, UnitFactory
from vigie.accounts.models import CELL_ROLES, Role
from vigie.accounts.permissions import Capability, can

pytestmark = pytest.mark.django_db

C = Capability
TABLE = {
    Role.AGENT: {C.CHAT},
    Role.ANALYST: {C.CHAT, C.HANDLE_REPORTS, C.DISPATCH, C.READ_CELL_FIGURES},
    Role.CELL_HEAD: {C.CHAT, C.HANDLE_REPORTS, C.READ_AUDIT_LOG, C.DISPATCH, C.READ_CELL_FIGURES},
    Role.UNIT_MEMBER: {C.SUBMIT_FIELD_REPORTS, C.WORK_DISPATCHES},
    Role.NATIONAL: {C.READ_NATIONAL_FIGURES},
    Role.ADMIN: {C.ADMINISTER, C.READ_AUDIT_LOG},
}


def _agent(role: Role, **kwargs: object):
    if role == Role.UNIT_MEMBER:
        return AgentFactory(role=role, cell=None, unit=UnitFactory(), **kwargs)
    return AgentFactory(role=role, **({} if role in CELL_ROLES else {"cell": None}), **kwargs)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_has_exactly_its_capabilities(role: Role) -> None:
    agent = _agent(role)
    assert {capability for capability in Capability if can(agent, capability)} == TABLE[role]


@pytest.mark.parametrize("role", list(Role))
def test_a_deactivated_agent_can_do_nothing(role: Role) -> None:
    agent = _agent(role, is_active=False)
    assert not any(can(agent, capability) for capability in Capability)


@pytest.mark.parametrize("role", sorted(CELL_ROLES))
def test_the_agents_of_a_deactivated_cell_can_do_nothing(role: Role) -> None:
    agent = _agent(role)
    agent.cell.is_active = False
    agent.cell.save()
    agent.refresh_from_db()
    assert not any(can(agent, capability) for capability in Capability)


@pytest.mark.parametrize("inactive", ["unit", "cell"])
def test_the_members_of_a_deactivated_unit_or_its_cell_can_do_nothing(inactive: str) -> None:
    agent = _agent(Role.UNIT_MEMBER)
    deactivated = agent.unit if inactive == "unit" else agent.unit.cell
    deactivated.is_active = False
    deactivated.save()
    agent.refresh_from_db()
    assert not any(can(agent, capability) for capability in Capability)


def test_a_unit_member_without_a_unit_can_do_nothing() -> None:
    agent = AgentFactory(role=Role.UNIT_MEMBER, cell=None)
    assert not any(can(agent, capability) for capability in Capability)
