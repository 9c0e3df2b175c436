"""The administrator's landing page, in French and in English."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import AgentFactory

pytestmark = pytest.mark.django_db

URL = reverse("administration:home")


def test_the_administrator_lands_on_the_administration_with_its_five_sections(admin_client):
    html = admin_client.get(URL).content.decode()
    for section in ("departements", "units", "agents", "retention", "audit_log"):
        assert reverse(f"administration:{section}") in html
    assert 'data-testid="nav-administration"' in html
    assert "Cet espace est en préparation" not in html


def test_the_administration_speaks_english_too(admin_client):
    admin_client.cookies["django_language"] = "en"
    html = admin_client.get(URL).content.decode()
    assert "Agents and roles" in html
    assert "Every action taken here is written to the audit log" in html


def test_a_cell_head_gets_404_on_the_administrations_home(client):
    client.force_login(AgentFactory(cell_head=True))
    assert client.get(URL).status_code == 404
