"""Agents' second factor and password rules (issue 12, finding 6)."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import AgentFactory
from vigie.accounts import otp
from vigie.accounts.models import RecoveryCode

pytestmark = pytest.mark.django_db


def test_recovery_codes_are_stored_hashed_and_each_works_once() -> None:
    agent = AgentFactory()
    codes = otp.new_recovery_codes(agent=agent)
    assert len(codes) == len(set(codes)) == otp.RECOVERY_CODE_COUNT
    stored = list(RecoveryCode.objects.filter(agent=agent).values_list("code_hash", flat=True))
    assert not any(code.replace("-", "") in digest for code in codes for digest in stored)
    # Typed as people type it: lower case, without dashes, O for 0.
    typed = codes[3].lower().replace("-", " ").replace("0", "o")
    assert otp.verify_second_factor(agent=agent, token=typed)
    assert not otp.verify_second_factor(agent=agent, token=codes[3])
    assert otp.recovery_codes_left(agent) == otp.RECOVERY_CODE_COUNT - 1


def test_another_agents_recovery_code_is_refused() -> None:
    codes = otp.new_recovery_codes(agent=AgentFactory())
    assert not otp.verify_second_factor(agent=AgentFactory(), token=codes[0])


def test_a_totp_code_is_never_accepted_twice() -> None:
    from tests.login_support import TEST_TOTP_KEY, code_for

    agent = AgentFactory()
    code = code_for(TEST_TOTP_KEY)
    assert otp.verify_second_factor(agent=agent, token=code)
    assert not otp.verify_second_factor(agent=agent, token=code)


def test_enrolment_needs_a_right_code_and_then_gives_recovery_codes() -> None:
    from tests.login_support import code_for

    agent = AgentFactory(enrolled=False)
    assert not otp.has_second_factor(agent)
    device = otp.enrolment_device(agent)
    assert otp.enrolment_device(agent).pk == device.pk  # a reload shows the same key
    assert otp.confirm_enrolment(agent=agent, device=device, token=_wrong_code(device.key)) is None
    assert not otp.has_second_factor(agent)
    # django-otp throttles a device for a second after a failure: that second passes.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
    codes = otp.confirm_enrolment(agent=agent, device=device, token=code_for(device.key))
    assert codes is not None and len(codes) == otp.RECOVERY_CODE_COUNT
    assert otp.has_second_factor(agent)
    assert otp.provisioning_uri(device).startswith("otpauth://totp/Vigie%3A")


def _wrong_code(key: str) -> str:
    import time

    from tests.login_support import code_for

    now = int(time.time()) // 30
    window = {code_for(key, step=now + drift) for drift in (-1, 0, 1)}
    return next(c for c in (f"{n:06d}" for n in range(10**6)) if c not in window)


@pytest.mark.parametrize(
    ("password", "accepted"),
    [
        ("cheval agrafe", True),  # 13 characters, no composition rule asked
        ("6739184205716", True),  # digits only are not refused for being digits
        ("courtpasswd", False),  # 11 characters
        ("password1234", False),  # on the local list of common passwords
    ],
)
def test_password_rules_follow_anssi(password: str, accepted: bool) -> None:
    agent = AgentFactory(username="camille.martin")
    try:
        validate_password(password, agent)
    except ValidationError:
        assert not accepted
    else:
        assert accepted
