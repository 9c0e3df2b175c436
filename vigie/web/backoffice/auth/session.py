"""Back-office sessions: a pending login between the two factors, and expiry.

A session ends after BACKOFFICE_IDLE_SECONDS without a request (30 minutes) and, whatever the
activity, BACKOFFICE_SESSION_MAX_SECONDS after the login (8 hours). Both are said on the
login page.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from vigie.accounts import otp
from vigie.accounts.models import Agent
from vigie.core.chain import AsyncCapable

PENDING_KEY = "vigie.login.pending"
LOGGED_IN_AT = "vigie.login.at"
SEEN_AT = "vigie.login.seen"
# Between the password and the second factor; long enough to open an authenticator app.
PENDING_SECONDS = 5 * 60
# Writing the session on every request would cost a database write each time.
_SEEN_RESOLUTION_SECONDS = 30


@dataclass(frozen=True)
class Pending:
    agent: Agent
    next_url: str


def set_pending(request: HttpRequest, agent: Agent, next_url: str) -> None:
    request.session.cycle_key()  # a new session id once the password is proven
    request.session[PENDING_KEY] = {"agent": agent.pk, "at": time.time(), "next": next_url}


def pending(request: HttpRequest) -> Pending | None:
    """The agent whose password was just proven, if still within PENDING_SECONDS."""
    data = request.session.get(PENDING_KEY)
    if not isinstance(data, dict) or time.time() - float(data.get("at", 0)) > PENDING_SECONDS:
        return None
    agent = otp.agent_between_factors(data.get("agent"))
    if agent is None:
        return None
    return Pending(agent=agent, next_url=str(data.get("next") or ""))


def clear_pending(request: HttpRequest) -> None:
    request.session.pop(PENDING_KEY, None)


@receiver(user_logged_in)
def _start_clocks(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        mark_logged_in(request)


def mark_logged_in(request: HttpRequest) -> None:
    now = time.time()
    request.session[LOGGED_IN_AT] = now
    request.session[SEEN_AT] = now


def expired_reason(request: HttpRequest, now: float) -> str:
    """'idle', 'absolute' or '' for an agent's session."""
    logged_in_at = request.session.get(LOGGED_IN_AT)
    seen_at = request.session.get(SEEN_AT)
    if not isinstance(logged_in_at, (int, float)) or not isinstance(seen_at, (int, float)):
        # Opened before these clocks (and before the second factor): not trusted.
        return "absolute"
    if now - logged_in_at > settings.BACKOFFICE_SESSION_MAX_SECONDS:
        return "absolute"
    if now - seen_at > settings.BACKOFFICE_IDLE_SECONDS:
        return "idle"
    return ""


class BackofficeSessionExpiry(AsyncCapable):
    """Logs an agent out after idling or past the maximum length, then back to the login.

    Async-capable: a request without a session cookie (every citizen's) is checked on the event
    loop (nothing to read); one with a session reads it in a thread (the database).
    """

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response
        self.follow_chain_mode()

    def sync_call(self, request: HttpRequest) -> HttpResponse:
        return self.check(request) or self.get_response(request)

    async def __acall__(self, request: HttpRequest) -> HttpResponse:
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            early = await sync_to_async(self.check)(request)  # the session, the agent: the database
        else:
            # No session key: the session loads empty and the user is anonymous without a
            # query. Checked all the same, so the session is marked as read (Vary: Cookie).
            early = self.check(request)
        return early or await self.get_response(request)

    def check(self, request: HttpRequest) -> HttpResponse | None:
        """The redirection to the login page for an expired session, else None."""
        user: Any = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            reason = expired_reason(request, now)
            if reason:
                logout(request)
                login_url = reverse("backoffice:login")
                return redirect(f"{login_url}?{urlencode({'expiree': reason})}")
            if now - request.session[SEEN_AT] > _SEEN_RESOLUTION_SECONDS:
                request.session[SEEN_AT] = now
        return None
