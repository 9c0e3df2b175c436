"""The audit-log viewer (issue 12, administration): the administrator reads all of it, a cell
head their cell's; filters, pages, and whether the keyed chain verifies."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import AgentFactory, CellFactory
from vigie.audit.models import AuditAction, AuditEvent
from vigie.audit.services import record_event
from vigie.geo.models import Departement

pytestmark = pytest.mark.django_db

URL = reverse("administration:audit_log")


def _rows(page) -> int:
    return page.content.decode().count('data-testid="audit-event"')


@pytest.fixture
def two_cells():
    doubs = AgentFactory(analyst=True, username="analyste.doubs")
    jura_cell = CellFactory(departement=Departement.objects.get(code="39"))
    jura = AgentFactory(analyst=True, username="analyste.jura", cell=jura_cell)
    record_event(actor=doubs, action=AuditAction.VIEW_REPORT, target_type="report", target_id="R-1")
    record_event(actor=jura, action=AuditAction.VIEW_REPORT, target_type="report", target_id="R-2")
    record_event(actor=None, action=AuditAction.RETENTION_PURGE, details={"reports": 3})
    return doubs, jura


def test_the_administrator_reads_every_event(admin_client, two_cells) -> None:
    page = admin_client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert _rows(page) == 4  # and the administrator's own login
    assert "analyste.doubs" in html and "analyste.jura" in html
    assert "(tâche automatique)" in html


def test_a_cell_head_reads_only_their_cells_events(client, two_cells) -> None:
    client.force_login(AgentFactory(cell_head=True, username="chef.doubs"))
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert _rows(page) == 2  # the analyst's view and the head's own login
    assert "analyste.doubs" in html and "analyste.jura" not in html
    assert 'data-testid="nav-audit"' in html
    assert reverse("administration:agents") not in html


def test_filters_by_period_actor_action_and_object(admin_client, two_cells) -> None:
    AuditEvent.objects.filter(target_id="R-2").update(at=timezone.now() - timedelta(days=10))
    today = timezone.localdate()
    assert _rows(admin_client.get(URL, {"actor": "analyste.jura"})) == 1
    assert _rows(admin_client.get(URL, {"action": AuditAction.RETENTION_POLICY})) == 0
    assert _rows(admin_client.get(URL, {"action": AuditAction.VIEW_REPORT})) == 2
    assert _rows(admin_client.get(URL, {"target": "R-1"})) == 1
    assert _rows(admin_client.get(URL, {"target": "report"})) == 2
    views = {"action": AuditAction.VIEW_REPORT}
    assert _rows(admin_client.get(URL, {**views, "since": today.isoformat()})) == 1
    before = (today - timedelta(days=5)).isoformat()
    assert _rows(admin_client.get(URL, {**views, "until": before})) == 1
    assert _rows(admin_client.get(URL, {"until": before})) == 1


def test_the_log_is_paginated_and_keeps_the_filters(admin_client) -> None:
    agent = AgentFactory(username="bavard")
    for n in range(51):
        record_event(actor=agent, action=AuditAction.VIEW_REPORT, target_id=f"R-{n}")
    first = admin_client.get(URL, {"actor": "bavard"})
    assert _rows(first) == 50
    assert "actor=bavard&amp;page=2" in first.content.decode()
    assert _rows(admin_client.get(URL, {"actor": "bavard", "page": 2})) == 1


def test_the_page_says_whether_the_chain_verifies(admin_client, two_cells, settings) -> None:
    settings.AUDIT_VIEWER_FULL_CHECK_SECONDS = 0  # every display reads the whole chain
    assert 'data-testid="chain-ok"' in admin_client.get(URL).content.decode()
    AuditEvent.objects.filter(target_id="R-1").update(target_id="R-9")
    assert 'data-testid="chain-broken"' in admin_client.get(URL).content.decode()


def test_reading_the_log_is_itself_audited(admin_client, administrator) -> None:
    admin_client.get(URL, {"actor": "quelqu.un"})
    event = AuditEvent.objects.get(action=AuditAction.VIEW_AUDIT_LOG)
    assert (event.actor, event.details) == (administrator, {"actor": "quelqu.un"})


@pytest.mark.parametrize("role", ["agent", "analyst", "national", "unit_member"])
def test_other_roles_get_404(client, role) -> None:
    agent = (
        AgentFactory(role=role)
        if role in ("agent", "analyst")
        else AgentFactory(role=role, cell=None)
    )
    client.force_login(agent)
    assert client.get(URL).status_code == 404
