"""Issue 9 item 10: a citizen's unread message stays visible until the cell reads it."""

import pytest
from django.urls import reverse

from tests.factories import AgentFactory, report
from vigie.reports.services import post_citizen_message, qualify_report

pytestmark = pytest.mark.django_db


def _qualified(analyst, count: int) -> list:
    reports = [report() for _ in range(count)]
    for each in reports:
        qualify_report(
            report=each, agent=analyst, qualification="exploitable", reason="precise_facts"
        )
    return reports


def test_an_unread_message_on_an_old_qualified_report_stays_on_the_triage_page(client) -> None:
    analyst = AgentFactory(analyst=True)
    (old,) = _qualified(analyst, 1)
    post_citizen_message(report=old, text="Ils sont revenus ce soir.")
    _qualified(analyst, 21)  # the old report leaves the « recently qualified » list
    client.force_login(analyst)
    response = client.get(reverse("backoffice:triage"))
    html = response.content.decode()
    unread = response.context["unread"]
    assert [each.reference for each in unread] == [old.reference]
    assert 'data-testid="unread-list"' in html
    assert old.reference in html.split('data-testid="unread-list"')[1]


def test_reading_the_thread_removes_the_report_from_the_unread_list(client) -> None:
    analyst = AgentFactory(analyst=True)
    (old,) = _qualified(analyst, 1)
    post_citizen_message(report=old, text="Ils sont revenus ce soir.")
    client.force_login(analyst)
    assert list(client.get(reverse("backoffice:triage")).context["unread"]) == [old]
    client.get(reverse("backoffice:report_detail", args=[old.public_id]))
    assert list(client.get(reverse("backoffice:triage")).context["unread"]) == []


def test_the_unread_list_shows_only_the_agents_departement(client) -> None:
    jura = report(commune_code="39300")
    post_citizen_message(report=jura, text="Encore là.")
    client.force_login(AgentFactory(analyst=True))
    assert list(client.get(reverse("backoffice:triage")).context["unread"]) == []
