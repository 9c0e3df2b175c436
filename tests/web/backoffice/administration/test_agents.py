"""Agents and roles in the administration (issue 12, administration): create with a one-time
activation link, change role and cell, deactivate, reset the second factor, unlock."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import AGENT_PASSWORD, AgentFactory, CellFactory
from tests.login_support import code_for
from vigie.accounts.models import Agent, RecoveryCode, Role
from vigie.accounts.otp import new_recovery_codes
from vigie.audit.models import AuditAction, AuditEvent
from vigie.geo.models import Departement

pytestmark = pytest.mark.django_db

LOGIN = reverse("backoffice:login")
NEW_PASSWORD = "une phrase de passe assez longue"


def _password(client: Client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def _create(admin_client: Client, **fields: object):
    data = {
        "username": "c.durand",
        "first_name": "Claire",
        "last_name": "Durand",
        "email": "claire.durand@interieur.gouv.fr",
        "role": Role.ANALYST,
        "cell": CellFactory().pk,
        **fields,
    }
    return admin_client.post(reverse("administration:create_agent"), data)


def _link(answer) -> str:
    match = re.search(r'data-testid="enrolment-link"><code>([^<]+)</code>', answer.content.decode())
    assert match, answer.content.decode()
    return match.group(1).replace("http://testserver", "")


def test_the_list_filters_by_cell_role_and_state(admin_client) -> None:
    jura = CellFactory(departement=Departement.objects.get(code="39"))
    AgentFactory(analyst=True, last_name="Doubs-analyste")
    AgentFactory(analyst=True, cell=jura, last_name="Jura-analyste")
    AgentFactory(cell=jura, last_name="Jura-agent")
    AgentFactory(analyst=True, cell=jura, last_name="Jura-parti", inactive=True)
    url = reverse("administration:agents")
    page = admin_client.get(url, {"cell": jura.pk, "role": Role.ANALYST, "status": "active"})
    html = page.content.decode()
    assert "Jura-analyste" in html
    assert "Doubs-analyste" not in html and "Jura-agent" not in html and "Jura-parti" not in html
    inactive = admin_client.get(url, {"status": "inactive"}).content.decode()
    assert "Jura-parti" in inactive and "Jura-analyste" not in inactive


def test_creating_an_agent_gives_a_one_time_link_then_enrolment(admin_client, client) -> None:
    answer = _create(admin_client)
    assert answer.status_code == 200
    assert answer.headers["Cache-Control"] == "no-store"
    agent = Agent.objects.get(username="c.durand")
    assert not agent.has_usable_password()
    event = AuditEvent.objects.get(action=AuditAction.AGENT_CREATE)
    assert event.target_id == "c.durand" and event.details["role"] == Role.ANALYST
    link = _link(answer)
    # The new agent chooses a password under the deployment's rules (ANSSI: 12 characters).
    too_short = client.post(link, {"new_password1": "court", "new_password2": "court"})
    assert too_short.status_code == 422
    assert "12" in too_short.content.decode()
    chosen = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert chosen.status_code == 302
    assert chosen.headers["Location"] == reverse("backoffice:login_enrol")
    assert "_auth_user_id" not in client.session  # nobody is logged in before the second factor
    client.get(chosen.headers["Location"])
    device = TOTPDevice.objects.get(user=agent, confirmed=False)
    enrolled = client.post(reverse("backoffice:login_enrol"), {"code": code_for(device.key)})
    assert enrolled.status_code == 200
    assert client.get(reverse("backoffice:triage")).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.AGENT_ACCOUNT_ACTIVATED).count() == 1
    # The link served once.
    again = Client().get(link)
    assert again.status_code == 404
    assert 'data-testid="activation-invalid"' in again.content.decode()


def test_a_cell_role_needs_a_cell(admin_client) -> None:
    answer = _create(admin_client, role=Role.AGENT, cell="")
    assert answer.status_code == 422
    assert not Agent.objects.filter(username="c.durand").exists()
    assert _create(admin_client, role=Role.NATIONAL, cell="").status_code == 200


def test_a_username_is_taken_once(admin_client) -> None:
    AgentFactory(username="c.durand")
    assert _create(admin_client, username="C.Durand").status_code == 422


def test_changing_role_and_cell_is_audited(admin_client) -> None:
    agent = AgentFactory(username="m.petit")
    jura = CellFactory(departement=Departement.objects.get(code="39"))
    answer = admin_client.post(
        reverse("administration:agent", args=["m.petit"]),
        {"role": Role.CELL_HEAD, "cell": jura.pk},
    )
    assert answer.status_code == 302
    agent.refresh_from_db()
    assert (agent.role, agent.cell) == (Role.CELL_HEAD, jura)
    event = AuditEvent.objects.get(action=AuditAction.AGENT_UPDATE)
    assert event.details == {"role": Role.CELL_HEAD, "cell": "39"}


def test_a_deactivated_agent_cannot_log_in(admin_client, client) -> None:
    agent = AgentFactory(analyst=True, username="parti")
    answer = admin_client.post(
        reverse("administration:agent_activation", args=["parti"]), {"is_active": "0"}
    )
    assert answer.status_code == 302
    assert AuditEvent.objects.get(action=AuditAction.AGENT_ACTIVATION).details == {
        "is_active": False
    }
    refused = _password(client, agent.username, AGENT_PASSWORD)
    assert refused.status_code == 200  # the login form again, with its error
    assert "backoffice:login_verify" not in refused.headers.get("Location", "")
    assert "vigie.login.pending" not in client.session


def test_a_deactivated_agent_loses_an_open_session(admin_client, client) -> None:
    agent = AgentFactory(analyst=True, username="parti")
    client.force_login(agent)
    assert client.get(reverse("backoffice:report_list")).status_code == 200
    admin_client.post(
        reverse("administration:agent_activation", args=["parti"]), {"is_active": "0"}
    )
    assert client.get(reverse("backoffice:report_list")).status_code == 302  # to the login


def test_an_administrator_cannot_deactivate_themselves(admin_client, administrator) -> None:
    admin_client.post(
        reverse("administration:agent_activation", args=[administrator.username]),
        {"is_active": "0"},
    )
    administrator.refresh_from_db()
    assert administrator.is_active


def test_an_administrator_cannot_change_their_own_role(admin_client, administrator) -> None:
    answer = admin_client.post(
        reverse("administration:agent", args=[administrator.username]),
        {"role": Role.NATIONAL, "cell": ""},
    )
    assert answer.status_code == 422
    administrator.refresh_from_db()
    assert administrator.role == Role.ADMIN
    assert not AuditEvent.objects.filter(action=AuditAction.AGENT_UPDATE).exists()


def test_a_second_factor_reset_forces_enrolment_at_next_login(admin_client, client) -> None:
    agent = AgentFactory(analyst=True, username="telephone.perdu")
    new_recovery_codes(agent=agent)
    assert _password(client, agent.username, AGENT_PASSWORD).headers["Location"] == reverse(
        "backoffice:login_verify"
    )
    answer = admin_client.post(reverse("administration:reset_second_factor", args=[agent.username]))
    assert answer.status_code == 302
    assert not TOTPDevice.objects.filter(user=agent).exists()
    assert not RecoveryCode.objects.filter(agent=agent).exists()
    event = AuditEvent.objects.get(action=AuditAction.AGENT_SECOND_FACTOR_RESET)
    assert event.details == {"devices": 1, "recovery_codes": 10}
    next_login = _password(Client(), agent.username, AGENT_PASSWORD)
    assert next_login.headers["Location"] == reverse("backoffice:login_enrol")


def test_unlocking_lets_a_locked_agent_log_in_again(admin_client, client) -> None:
    agent = AgentFactory(analyst=True, username="distrait")
    for n in range(5):
        _password(client, agent.username, f"faux-{n}", address=f"10.0.3.{n}")
    assert _password(client, agent.username, AGENT_PASSWORD, "10.0.4.1").status_code == 429
    detail = admin_client.get(reverse("administration:agent", args=["distrait"]))
    assert 'data-testid="unlock"' in detail.content.decode()
    answer = admin_client.post(reverse("administration:unlock", args=["distrait"]))
    assert answer.status_code == 302
    # Six addresses tried (five wrong passwords, then the right one while locked): six rows.
    assert AuditEvent.objects.get(action=AuditAction.AGENT_UNLOCK).details == {"attempts": 6}
    again = _password(Client(), agent.username, AGENT_PASSWORD, "10.0.4.2")
    assert again.headers["Location"] == reverse("backoffice:login_verify")


def test_a_new_link_ends_the_old_password(admin_client, client) -> None:
    agent = AgentFactory(analyst=True, username="oubli")
    answer = admin_client.post(reverse("administration:enrolment_link", args=["oubli"]))
    assert answer.status_code == 200
    assert _password(client, agent.username, AGENT_PASSWORD).status_code == 200  # refused
    assert Client().get(_link(answer)).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.AGENT_ENROLMENT_LINK).count() == 1


def test_a_national_agent_gets_404_on_the_agents(client) -> None:
    agent = AgentFactory(username="cible")
    client.force_login(AgentFactory(national=True))
    assert client.get(reverse("administration:agents")).status_code == 404
    answer = client.post(reverse("administration:reset_second_factor", args=["cible"]))
    assert answer.status_code == 404
    assert TOTPDevice.objects.filter(user=agent).exists()
