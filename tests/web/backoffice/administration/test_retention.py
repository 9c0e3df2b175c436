"""The retention policy page (issue 12, administration): maximum durations from the
deployment, shorter ones stored in the database, last purge and counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import AgentFactory
from vigie.audit.models import AuditAction, AuditEvent
from vigie.retention.models import PurgedKind, PurgeTally, RetentionOverride
from vigie.retention.services import purge_expired, retention_days

pytestmark = pytest.mark.django_db

URL = reverse("administration:retention")


def _durations(**overrides: int) -> dict[str, int]:
    return {
        "report_out_of_scope": 90,
        "report_not_exploitable": 365,
        "report_exploitable": 1095,
        "conversation_closed": 180,
        **overrides,
    }


def test_the_page_shows_each_status_with_its_duration_and_maximum(admin_client) -> None:
    html = admin_client.get(URL).content.decode()
    assert "Signalement hors champ" in html
    assert "90 jours" in html and "1095 jours" in html
    assert "Aucune purge n’a encore eu lieu." in html
    assert "fixées par la configuration de déploiement" in html


def test_a_shorter_duration_is_stored_applied_and_audited(admin_client, administrator) -> None:
    answer = admin_client.post(URL, _durations(report_out_of_scope=30))
    assert answer.status_code == 302
    assert RetentionOverride.objects.get(rule="report_out_of_scope").days == 30
    assert retention_days("report_out_of_scope") == 30
    event = AuditEvent.objects.get(action=AuditAction.RETENTION_POLICY)
    assert (event.actor, event.details) == (administrator, {"days": {"report_out_of_scope": 30}})
    assert "réduite" in admin_client.get(URL).content.decode()


def test_a_duration_beyond_the_maximum_is_refused(admin_client) -> None:
    answer = admin_client.post(URL, _durations(conversation_closed=181))
    assert answer.status_code == 422
    assert not RetentionOverride.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.RETENTION_POLICY).exists()


def test_an_override_never_outlives_a_lowered_maximum(settings) -> None:
    RetentionOverride.objects.create(rule="report_exploitable", days=500)
    settings.RETENTION = {**settings.RETENTION, "report_exploitable": 400}
    assert retention_days("report_exploitable") == 400


def test_the_page_shows_the_last_purge_and_the_totals(admin_client) -> None:
    PurgeTally.objects.create(
        departement_id="25", month="2026-01-01", kind=PurgedKind.REPORT, count=7
    )
    purge_expired(now=timezone.now() - timedelta(days=1))
    html = admin_client.get(URL).content.decode()
    assert "0 signalements," in html  # the last run purged nothing
    assert "7 signalements" in html


def test_an_analyst_gets_404_on_retention(client) -> None:
    client.force_login(AgentFactory(analyst=True))
    assert client.get(URL).status_code == 404
    assert client.post(URL, _durations(report_out_of_scope=1)).status_code == 404
    assert not RetentionOverride.objects.exists()
