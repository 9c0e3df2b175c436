"""Agents' second factor: TOTP (django-otp's devices) and single-use recovery codes.

Every back-office account has one: the password alone never opens a session (see
vigie.web.backoffice.auth). An agent without a confirmed authenticator enrols at their first
login; recovery codes are generated then, shown once, stored hashed and spent on use.
"""

from __future__ import annotations

import secrets

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from vigie.accounts.models import Agent, RecoveryCode
from vigie.core.receipts import ALPHABET

ISSUER = "Vigie"
RECOVERY_CODE_COUNT = 10
RECOVERY_CODE_GROUPS = 3  # 3 x 4 characters x 5 bits = 60 bits each
DEVICE_NAME = "authenticator"


def agent_between_factors(agent_id: object) -> Agent | None:
    """The active agent whose password was just proven (the login's pending step)."""
    if not isinstance(agent_id, int):
        return None
    return Agent.objects.filter(pk=agent_id, is_active=True).first()


def has_second_factor(agent: Agent) -> bool:
    return TOTPDevice.objects.filter(user=agent, confirmed=True).exists()


def enrolment_device(agent: Agent) -> TOTPDevice:
    """The authenticator being enrolled: the pending one, or a new random key."""
    device = TOTPDevice.objects.filter(user=agent, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=agent, name=DEVICE_NAME, confirmed=False)
    return device


def provisioning_uri(device: TOTPDevice) -> str:
    """otpauth:// URI for an authenticator app (the QR code), issued as Vigie."""
    uri: str = device.config_url
    return uri


def secret_for_typing(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for an app that cannot scan."""
    from base64 import b32encode

    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def _compact(value: str) -> str:
    return "".join(value.split())


@transaction.atomic
def confirm_enrolment(*, agent: Agent, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the authenticator with its first code; the new recovery codes, or None."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=agent)
    if device.confirmed or not device.verify_token(_compact(token)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=agent).exclude(pk=device.pk).delete()
    return new_recovery_codes(agent=agent)


def verify_second_factor(*, agent: Agent, token: str) -> bool:
    """A code of a confirmed authenticator (throttled and never replayed: django-otp), or an
    unused recovery code, which is spent."""
    compact = _compact(token)
    if len(compact) == 6 and compact.isdigit():
        devices = TOTPDevice.objects.filter(user=agent, confirmed=True)
        return any(device.verify_token(compact) for device in devices)
    return use_recovery_code(agent=agent, code=token)


# --------------------------------------------------------------------------- recovery codes


def _normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum()).translate(
        str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
    )


def _new_code() -> str:
    groups = [
        "".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(RECOVERY_CODE_GROUPS)
    ]
    return "-".join(groups)


@transaction.atomic
def new_recovery_codes(*, agent: Agent) -> list[str]:
    """Replace the agent's recovery codes; the codes are returned once and stored hashed."""
    RecoveryCode.objects.filter(agent=agent).delete()
    codes = [_new_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(
        RecoveryCode(agent=agent, code_hash=make_password(_normalise_code(code))) for code in codes
    )
    return codes


@transaction.atomic
def use_recovery_code(*, agent: Agent, code: str) -> bool:
    """True once per code: the matching code is marked used under a row lock."""
    normalised = _normalise_code(code)
    if len(normalised) != 4 * RECOVERY_CODE_GROUPS:
        return False
    unused = RecoveryCode.objects.select_for_update().filter(agent=agent, used_at__isnull=True)
    for recovery in unused:
        if check_password(normalised, recovery.code_hash):
            recovery.used_at = timezone.now()
            recovery.save(update_fields=["used_at"])
            return True
    return False


def recovery_codes_left(agent: Agent) -> int:
    return RecoveryCode.objects.filter(agent=agent, used_at__isnull=True).count()
