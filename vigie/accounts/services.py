"""Writes on agents' accounts (the administration); each one is written to the audit log.

A new agent has no password: the administrator hands them a one-time activation link
(`enrolment_token`), where they choose a password under the deployment's rules
(AUTH_PASSWORD_VALIDATORS, ANSSI's guidance) and then enrol their authenticator. The link
is Django's password-reset token: it stops working once a password is set, and after
PASSWORD_RESET_TIMEOUT.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from axes.utils import reset as reset_axes_attempts
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from vigie.accounts.models import CELL_ROLES, Agent, RecoveryCode
from vigie.audit.models import AuditAction
from vigie.audit.services import record_event
from vigie.cells.models import Cell


class AssignmentError(ValueError):
    """A role and a cell that do not go together (a cell role needs a cell)."""


@dataclass(frozen=True)
class Enrolment:
    """What the activation link is made of (vigie.web.backoffice.auth: `activate`)."""

    uid: str
    token: str


def _check_assignment(role: str, cell: Cell | None) -> None:
    if role in CELL_ROLES and cell is None:
        raise AssignmentError(role)


def enrolment_token(agent: Agent) -> Enrolment:
    return Enrolment(
        uid=urlsafe_base64_encode(force_bytes(agent.pk)),
        token=default_token_generator.make_token(agent),
    )


def _target(agent: Agent) -> dict[str, str]:
    return {"target_type": "agent", "target_id": agent.username}


@transaction.atomic
def create_agent(
    *,
    by: Any,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    role: str,
    cell: Cell | None,
) -> tuple[Agent, Enrolment]:
    """A new account without a password, and the one-time link that lets its owner in."""
    _check_assignment(role, cell)
    agent = Agent(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        role=role,
        cell=cell,
    )
    agent.set_unusable_password()
    agent.save()
    record_event(
        actor=by,
        action=AuditAction.AGENT_CREATE,
        **_target(agent),
        details={"role": role, "cell": cell.departement_id if cell else None},
    )
    return agent, enrolment_token(agent)


@transaction.atomic
def new_enrolment_link(*, by: Any, agent: Agent) -> Enrolment:
    """A fresh link for an agent who lost theirs or forgot their password: the old
    password stops working (and with it every link given before)."""
    agent.set_unusable_password()
    agent.save(update_fields=["password"])
    record_event(actor=by, action=AuditAction.AGENT_ENROLMENT_LINK, **_target(agent))
    return enrolment_token(agent)


@transaction.atomic
def activate_account(*, agent: Agent, password: str) -> Agent:
    """The agent, through their link, chose a password (already validated by the form)."""
    agent.set_password(password)
    agent.save(update_fields=["password"])
    record_event(actor=agent, action=AuditAction.AGENT_ACCOUNT_ACTIVATED, **_target(agent))
    return agent


@transaction.atomic
def change_assignment(*, by: Any, agent: Agent, role: str, cell: Cell | None) -> Agent:
    _check_assignment(role, cell)
    before = {"role": agent.role, "cell": agent.cell_id}
    agent.role, agent.cell = role, cell
    if before != {"role": agent.role, "cell": agent.cell_id}:
        agent.save(update_fields=["role", "cell"])
        record_event(
            actor=by,
            action=AuditAction.AGENT_UPDATE,
            **_target(agent),
            details={"role": role, "cell": cell.departement_id if cell else None},
        )
    return agent


@transaction.atomic
def set_agent_active(*, by: Any, agent: Agent, is_active: bool) -> Agent:
    """A deactivated agent cannot log in, and their open sessions end at their next request
    (Django's ModelBackend refuses an inactive user)."""
    if agent.is_active != is_active:
        agent.is_active = is_active
        agent.save(update_fields=["is_active"])
        record_event(
            actor=by,
            action=AuditAction.AGENT_ACTIVATION,
            **_target(agent),
            details={"is_active": is_active},
        )
    return agent


@transaction.atomic
def reset_second_factor(*, by: Any, agent: Agent) -> None:
    """Delete the agent's authenticators and recovery codes: their next login enrols anew."""
    devices, _ = TOTPDevice.objects.filter(user=agent).delete()
    codes, _ = RecoveryCode.objects.filter(agent=agent).delete()
    record_event(
        actor=by,
        action=AuditAction.AGENT_SECOND_FACTOR_RESET,
        **_target(agent),
        details={"devices": devices, "recovery_codes": codes},
    )


@transaction.atomic
def unlock_agent(*, by: Any, agent: Agent) -> int:
    """Forget the failed logins that locked the account (django-axes); how many were kept."""
    removed = reset_axes_attempts(username=agent.username)
    record_event(
        actor=by,
        action=AuditAction.AGENT_UNLOCK,
        **_target(agent),
        details={"attempts": removed},
    )
    return removed
