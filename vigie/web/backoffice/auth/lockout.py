"""Throttling and lockout of agents' logins (django-axes), per account and per source.

Failures count per login name and, separately, per client address (agents are not
anonymous: the back office keeps its request metadata). Wrong passwords are counted by
Django's `authenticate()` (axes' backend and its `user_login_failed` receiver); wrong second
factors are reported the same way (`second_factor_failed`). Citizens never reach axes: the
public side never authenticates anybody, and its requests carry no address anyway
(vigie.core.privacy.ScrubClientMetadata).
"""

from __future__ import annotations

import math
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_description(
    username: str, ip_address: str, user_agent: str, path_info: str, request: HttpRequest
) -> str:
    """How axes names a client in its log lines (AXES_CLIENT_STR_CALLABLE): by nothing. Its
    default wrote the address, the user agent and the path of each login (vigie.core.logs)."""
    return "[client]"


def agent_address(request: HttpRequest) -> str | None:
    """The address axes counts (AXES_CLIENT_IP_CALLABLE): an agent's, never a citizen's.

    Outside the back office the scope was scrubbed already; this refuses to hand axes an
    address even if a request there ever carried one.
    """
    prefix = "/" + settings.VIGIE_BACKOFFICE_PREFIX if settings.VIGIE_INTERFACE == "all" else "/"
    if settings.VIGIE_INTERFACE == "public" or not request.path.startswith(prefix):
        return None
    address = request.META.get("REMOTE_ADDR")
    return str(address) if address else None


def is_locked(request: HttpRequest, username: str) -> bool:
    if getattr(request, "axes_locked_out", False):
        return True
    return not AxesProxyHandler.is_allowed(request, credentials={"username": username})


def second_factor_failed(request: HttpRequest, username: str) -> None:
    """A wrong code counts as a failed login: same lockout, same audit line."""
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)


def cool_off_minutes() -> int:
    return max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def lockout_response(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """The French page of a blocked login: when to retry, who unlocks (AXES_LOCKOUT_CALLABLE)."""
    context = {"failures": settings.AXES_FAILURE_LIMIT, "minutes": cool_off_minutes()}
    response = render(request, "backoffice/auth/locked.html", context, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response
