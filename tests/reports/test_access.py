"""Every access rule, one line per case (Zulip style)."""

import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from tests.factories import AgentFactory, report
from vigie.accounts.models import Role
from vigie.audit.models import AuditAction, AuditEvent
from vigie.reports.access import access_report

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.ANALYST, Role.CELL_HEAD])
def test_cell_members_of_the_reports_departement_can_open_it(role) -> None:
    doubs_report = report()
    agent = AgentFactory(role=role)
    assert access_report(agent, doubs_report.public_id) == doubs_report


def test_a_chat_only_agent_cannot_open_a_report_of_its_own_cell() -> None:
    doubs_report = report()
    with pytest.raises(Http404):
        access_report(AgentFactory(role=Role.AGENT), doubs_report.public_id)


def test_every_access_is_written_to_the_audit_log() -> None:
    doubs_report = report()
    agent = AgentFactory(analyst=True)
    access_report(agent, doubs_report.public_id)
    event = AuditEvent.objects.get(action=AuditAction.VIEW_REPORT)
    assert (event.actor, event.target_id) == (agent, doubs_report.reference)


@pytest.mark.parametrize(
    "make_agent",
    [
        pytest.param(lambda: AgentFactory(analyst=True, departement="39"), id="other-departement"),
        pytest.param(lambda: AgentFactory(national=True), id="national-level"),
        pytest.param(lambda: AgentFactory(role=Role.UNIT_MEMBER), id="unit-member"),
        pytest.param(lambda: AgentFactory(analyst=True, is_active=False), id="deactivated"),
        pytest.param(AnonymousUser, id="anonymous"),
    ],
)
def test_others_get_the_same_404_as_for_a_missing_report(make_agent) -> None:
    doubs_report = report()
    agent = make_agent()
    with pytest.raises(Http404):
        access_report(agent, doubs_report.public_id)
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW_REPORT).exists()


@pytest.mark.parametrize("public_id", [uuid.uuid4(), "not-a-uuid"])
def test_a_missing_report_is_a_404(public_id) -> None:
    with pytest.raises(Http404):
        access_report(AgentFactory(analyst=True), public_id)
