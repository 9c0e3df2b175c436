import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import AGENT_PASSWORD, AgentFactory, report
from tests.login_support import log_in
from vigie.audit.models import AuditAction, AuditEvent
from vigie.reports.enums import ReportStatus

pytestmark = pytest.mark.django_db


def test_the_back_office_requires_a_login(client) -> None:
    response = client.get(reverse("backoffice:triage"))
    assert response.status_code == 302
    assert reverse("backoffice:login") in response.headers["Location"]


def test_logging_in_is_audited_and_so_is_a_failed_attempt(client) -> None:
    analyst = AgentFactory(analyst=True)
    client.post(reverse("backoffice:login"), {"username": analyst.username, "password": "nope"})
    response = log_in(client, analyst, AGENT_PASSWORD)
    assert response.status_code == 302
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions == [AuditAction.LOGIN_FAILED, AuditAction.LOGIN]


def test_the_triage_list_shows_only_the_agents_departement(client) -> None:
    doubs = report(commune_code="25056")
    jura = report(commune_code="39300")
    client.force_login(AgentFactory(analyst=True, departement="39"))
    html = client.get(reverse("backoffice:triage")).content.decode()
    assert jura.reference in html
    assert doubs.reference not in html


def test_the_triage_list_puts_emergencies_first(client) -> None:
    ordinary = report()
    urgent = report(
        description=(
            "Il y a un homme armé d'un pistolet qui tire en ce moment devant le hall, "
            "un blessé au sol !"
        )
    )
    assert urgent.triage_suggestion == "urgence"
    client.force_login(AgentFactory(analyst=True))
    awaiting = list(client.get(reverse("backoffice:triage")).context["awaiting"])
    assert awaiting.index(urgent) < awaiting.index(ordinary)


def test_the_triage_list_costs_a_constant_number_of_queries(client) -> None:
    client.force_login(AgentFactory(analyst=True))

    def queries_for_the_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("backoffice:triage")).status_code == 200
        return len(captured)

    report()
    with_one = queries_for_the_list()
    for _ in range(6):
        report()
    assert queries_for_the_list() == with_one


def test_another_departements_report_is_a_404_like_a_missing_one(client) -> None:
    doubs = report()
    client.force_login(AgentFactory(analyst=True, departement="39"))
    response = client.get(reverse("backoffice:report_detail", args=[doubs.public_id]))
    assert response.status_code == 404
    response = client.post(
        reverse("backoffice:qualify", args=[doubs.public_id]),
        {"qualification": "out_of_scope", "reason": "other"},
    )
    assert response.status_code == 404
    doubs.refresh_from_db()
    assert doubs.qualification == ""


def test_an_analyst_reads_and_qualifies_a_report(client) -> None:
    doubs = report()
    client.force_login(AgentFactory(analyst=True))
    detail = client.get(reverse("backoffice:report_detail", args=[doubs.public_id]))
    assert "hall B du 12 rue de Dole" in detail.content.decode()
    response = client.post(
        reverse("backoffice:qualify", args=[doubs.public_id]),
        {"qualification": "exploitable", "reason": "precise_facts"},
    )
    assert response.status_code == 302
    doubs.refresh_from_db()
    assert doubs.status == ReportStatus.IN_ANALYSIS


def test_an_invalid_qualification_is_explained(client) -> None:
    doubs = report()
    client.force_login(AgentFactory(analyst=True))
    response = client.post(
        reverse("backoffice:qualify", args=[doubs.public_id]), {"qualification": "maybe"}
    )
    assert response.status_code == 422
    doubs.refresh_from_db()
    assert doubs.qualification == ""
