"""Agents' second factor in tests: a known TOTP key, its current code, a real login.

Unit tests that are not about logging in keep `client.force_login(agent)` (a session opened
as if both factors had passed). Tests about the login itself go through the real steps with
`log_in(client, agent)`, and the browser tests type the code `totp_code(agent)` gives.
"""

from __future__ import annotations

import time
from typing import Any

from django_otp.oath import hotp

# Test agents' authenticator key (hex, as django-otp stores it). Public: tests only.
TEST_TOTP_KEY = "3132333435363738393031323334353637383930"


def code_for(key_hex: str, *, step: int | None = None) -> str:
    """What an authenticator with this key shows at a 30-second step (now by default)."""
    step = int(time.time()) // 30 if step is None else step
    return f"{hotp(bytes.fromhex(key_hex), step, digits=6):06d}"


def totp_code(agent: Any) -> str:
    """A code the agent's authenticator shows now, or the next one if this one was used
    (django-otp refuses a replayed step and accepts one step of drift)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=agent, confirmed=True)
    step = int(time.time()) // 30
    if device.last_t is not None and device.last_t >= step:
        step = device.last_t + 1
    return code_for(device.key, step=step)


def give_authenticator(agent: Any, key_hex: str = TEST_TOTP_KEY) -> Any:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=agent, name="authenticator", key=key_hex, confirmed=True)


def log_in(client: Any, agent: Any, password: str) -> Any:
    """The real two steps through the test client; the answer to the second one."""
    from django.urls import reverse

    answer = client.post(
        reverse("backoffice:login"), {"username": agent.username, "password": password}
    )
    assert answer.status_code == 302, answer.status_code
    return client.post(reverse("backoffice:login_verify"), {"code": totp_code(agent)})
