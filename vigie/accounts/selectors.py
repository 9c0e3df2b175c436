"""Reads for the administration of agents."""

from __future__ import annotations

from collections.abc import Iterable

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django_otp.plugins.otp_totp.models import TOTPDevice

from vigie.accounts.models import Agent
from vigie.cells.models import Cell


def agents(
    *, cell: Cell | None = None, role: str = "", is_active: bool | None = None
) -> QuerySet[Agent]:
    found = Agent.objects.select_related("cell__departement").order_by("last_name", "username")
    if cell is not None:
        found = found.filter(cell=cell)
    if role:
        found = found.filter(role=role)
    if is_active is not None:
        found = found.filter(is_active=is_active)
    return found


def locked_usernames(usernames: Iterable[str]) -> set[str]:
    """Those of these accounts that django-axes locks now (failures within the cool-off)."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    rows = (
        AccessAttempt.objects.filter(username__in=list(usernames), attempt_time__gte=since)
        .values("username")
        .annotate(failures=Sum("failures_since_start"))
    )
    return {row["username"] for row in rows if row["failures"] >= settings.AXES_FAILURE_LIMIT}


def enrolled_agent_ids(agent_ids: Iterable[int]) -> set[int]:
    """Those of these agents who have a confirmed authenticator."""
    return set(
        TOTPDevice.objects.filter(user_id__in=list(agent_ids), confirmed=True).values_list(
            "user_id", flat=True
        )
    )


def username_is_taken(username: str) -> bool:
    return Agent.objects.filter(username__iexact=username).exists()


def agent_from_enrolment_link(uid: str, token: str) -> Agent | None:
    """The active agent a valid activation link names (vigie.accounts.services), or None."""
    try:
        agent_id = int(force_str(urlsafe_base64_decode(uid)))
    except (TypeError, ValueError, OverflowError):
        return None
    agent = Agent.objects.filter(pk=agent_id, is_active=True).first()
    if agent is None or not default_token_generator.check_token(agent, token):
        return None
    return agent
