"""Agents' login: two factors, throttling and lockout, session expiry (issue 12, #6)."""

from __future__ import annotations

import re
import time

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from tests.factories import AGENT_PASSWORD, AgentFactory
from tests.login_support import code_for, log_in
from vigie.accounts.models import RecoveryCode
from vigie.web.backoffice.auth import session

pytestmark = pytest.mark.django_db

LOGIN = reverse("backoffice:login")
VERIFY = reverse("backoffice:login_verify")
ENROL = reverse("backoffice:login_enrol")
TRIAGE = reverse("backoffice:triage")


def _password(client: Client, username: str, password: str, *, address: str = "10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_the_password_alone_opens_no_session(client: Client) -> None:
    agent = AgentFactory(analyst=True)
    answer = _password(client, agent.username, AGENT_PASSWORD)
    assert answer.status_code == 302 and answer.headers["Location"] == VERIFY
    assert "_auth_user_id" not in client.session
    triage = client.get(TRIAGE)
    assert triage.status_code == 302 and triage.headers["Location"].startswith(LOGIN)


def test_password_then_totp_lands_on_the_triage_list(client: Client) -> None:
    agent = AgentFactory(analyst=True)
    answer = log_in(client, agent, AGENT_PASSWORD)
    assert answer.status_code == 302 and answer.headers["Location"] == TRIAGE
    assert client.get(TRIAGE).status_code == 200


def test_a_wrong_code_is_refused_in_french_and_logs_nobody_in(client: Client) -> None:
    agent = AgentFactory(analyst=True)
    _password(client, agent.username, AGENT_PASSWORD)
    now = int(time.time()) // 30
    window = {code_for(device_key(agent), step=now + d) for d in (-1, 0, 1)}
    wrong = next(c for c in ("123456", "654321", "111111") if c not in window)
    answer = client.post(VERIFY, {"code": wrong})
    assert answer.status_code == 422
    assert "Code incorrect ou expiré" in answer.content.decode()
    assert "_auth_user_id" not in client.session


def device_key(agent) -> str:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.get(user=agent).key


def test_the_second_step_cannot_be_reached_without_the_password(client: Client) -> None:
    assert client.get(VERIFY).headers["Location"] == LOGIN
    assert client.post(VERIFY, {"code": "123456"}).headers["Location"] == LOGIN


def test_a_recovery_code_replaces_the_authenticator_once(client: Client) -> None:
    from vigie.accounts.otp import new_recovery_codes

    agent = AgentFactory(analyst=True)
    codes = new_recovery_codes(agent=agent)
    _password(client, agent.username, AGENT_PASSWORD)
    assert client.post(VERIFY, {"code": codes[0]}).headers["Location"] == TRIAGE
    other = Client()
    _password(other, agent.username, AGENT_PASSWORD)
    assert other.post(VERIFY, {"code": codes[0]}).status_code == 422


def test_a_first_login_enrols_an_authenticator_with_a_local_qr_code(client: Client) -> None:
    agent = AgentFactory(analyst=True, enrolled=False)
    answer = _password(client, agent.username, AGENT_PASSWORD)
    assert answer.headers["Location"] == ENROL
    page = client.get(ENROL).content.decode()
    assert "<svg" in page and "vigie-otp-qr" in page
    # Nothing loaded from another host (plain links, like the footer's, load nothing).
    assert not re.search(r'(src="(https?:)?//|<link[^>]*href="(https?:)?//)', page)
    key = re.search(r'data-testid="otp-key">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    import base64

    code = code_for(base64.b32decode(key + "=" * (-len(key) % 8)).hex())
    shown = client.post(ENROL, {"code": code})
    assert shown.status_code == 200
    codes = re.findall(
        r"<code>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})</code>", shown.content.decode()
    )
    assert len(codes) == 10
    assert shown.headers["Cache-Control"] == "no-store"
    assert RecoveryCode.objects.filter(agent=agent, used_at__isnull=True).count() == 10
    assert client.get(TRIAGE).status_code == 200
    # Shown once: the enrolment page now sends an enrolled agent to the second step.
    again = Client()
    _password(again, agent.username, AGENT_PASSWORD)
    assert again.get(ENROL).headers["Location"] == VERIFY


def test_thirty_wrong_passwords_for_one_account_are_not_all_answered(client: Client) -> None:
    """Issue 12 #6: 30 wrong passwords in a row were all answered. Lockout per account,
    whatever the address the attempts come from."""
    agent = AgentFactory(analyst=True)
    statuses = [
        _password(client, agent.username, f"faux-{n}", address=f"10.0.1.{n}").status_code
        for n in range(30)
    ]
    assert statuses[:4] == [200] * 4
    assert statuses[4:] == [429] * 26
    # Locked: the right password is refused too, with when to retry and who unlocks.
    locked = _password(client, agent.username, AGENT_PASSWORD, address="10.0.2.1")
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Réessayez dans 15 minutes" in text
    assert "chef de cellule ou l’administrateur" in text
    assert int(locked.headers["Retry-After"]) == 900
    assert "_auth_user_id" not in client.session


def test_thirty_wrong_passwords_from_one_source_are_not_all_answered(client: Client) -> None:
    """Lockout per source: one address trying many accounts."""
    agents = [AgentFactory(analyst=True) for _ in range(6)]
    statuses = [
        _password(client, agents[n % 6].username, "faux", address="10.9.9.9").status_code
        for n in range(30)
    ]
    assert statuses.count(429) == 26
    assert (
        _password(client, agents[0].username, AGENT_PASSWORD, address="10.9.9.9").status_code == 429
    )
    # Another address, another account: not affected.
    other = AgentFactory(analyst=True)
    assert (
        _password(Client(), other.username, AGENT_PASSWORD, address="10.8.8.8").status_code == 302
    )
    # The agents' addresses are what is counted (the back office keeps them).
    assert AccessAttempt.objects.filter(ip_address="10.9.9.9").exists()


def test_wrong_second_factors_lock_the_account_too(client: Client) -> None:
    agent = AgentFactory(analyst=True)
    _password(client, agent.username, AGENT_PASSWORD)
    statuses = [client.post(VERIFY, {"code": "000000"}).status_code for _ in range(6)]
    assert statuses == [422] * 4 + [429] * 2
    fresh = Client()
    assert _password(fresh, agent.username, AGENT_PASSWORD, address="10.3.3.3").status_code == 429


def test_an_idle_session_expires_after_thirty_minutes_and_says_so(client: Client) -> None:
    agent = AgentFactory(analyst=True)
    log_in(client, agent, AGENT_PASSWORD)
    assert client.get(TRIAGE).status_code == 200
    stored = client.session
    stored[session.SEEN_AT] = time.time() - 31 * 60
    stored.save()
    answer = client.get(TRIAGE)
    assert answer.status_code == 302
    page = client.get(answer.headers["Location"]).content.decode()
    assert "expiré après 30 minutes sans activité" in page
    assert client.get(TRIAGE).headers["Location"].startswith(LOGIN)


def test_a_session_ends_eight_hours_after_login_even_when_active(client: Client) -> None:
    agent = AgentFactory(analyst=True)
    log_in(client, agent, AGENT_PASSWORD)
    stored = client.session
    stored[session.LOGGED_IN_AT] = time.time() - 8 * 3600 - 1
    stored[session.SEEN_AT] = time.time()
    stored.save()
    answer = client.get(TRIAGE)
    assert "expiree=absolute" in answer.headers["Location"]
    assert "durée maximale de 8 heures" in client.get(answer.headers["Location"]).content.decode()


def test_the_login_page_states_the_session_rules(client: Client) -> None:
    page = client.get(LOGIN).content.decode()
    assert "30 minutes sans" in page and "8 heures" in page
