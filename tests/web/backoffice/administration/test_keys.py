"""The administration's key page: versions and counts, a rotation started and audited."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from tests.factories import report
from vigie.audit.models import AuditAction, AuditEvent
from vigie.core.models import KeyRotation
from vigie.reports.selectors import report_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_keys(settings: Any, tmp_path: Path) -> Path:
    """A copy of the keys for this test alone: a rotation writes and shreds files."""
    keys_dir = tmp_path / "keys"
    shutil.copytree(settings.KEYS_DIR, keys_dir)
    settings.KEYS_DIR = keys_dir
    return keys_dir


def test_the_page_shows_each_key_with_its_versions_and_counts(admin_client, own_keys) -> None:
    report()
    html = admin_client.get(reverse("administration:keys")).content.decode()
    assert 'data-testid="key-reports"' in html and 'data-testid="key-blind_index"' in html
    assert "Version en service : 1." in html
    assert "version 1 :" in html
    assert "Lancer une rotation" in html


def test_an_administrator_rotates_the_report_key_and_it_is_audited(
    admin_client, administrator, own_keys
) -> None:
    made = report()
    response = admin_client.post(
        reverse("administration:rotate_key"), {"kind": "reports", "action": "start"}
    )
    assert response.status_code == 302
    rotation = KeyRotation.objects.get()
    rotation.refresh_from_db()
    assert rotation.finished_at is not None  # the tests' tasks run at once
    assert (own_keys / "reports.v2.key").exists()
    assert AuditEvent.objects.filter(
        actor=administrator, action=AuditAction.KEY_ROTATION_STARTED
    ).exists()
    html = admin_client.get(reverse("administration:keys")).content.decode()
    assert "Version en service : 2." in html
    made.refresh_from_db()
    assert report_content(made).description  # still readable, under the new key


def test_an_unknown_key_is_refused_without_a_rotation(admin_client, own_keys) -> None:
    response = admin_client.post(
        reverse("administration:rotate_key"), {"kind": "nope"}, follow=True
    )
    assert "Clé inconnue." in response.content.decode()
    assert not KeyRotation.objects.exists()
