"""Issue 9 item 15: a qualification whose reason fits, names its report, and says what changed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import AgentFactory, report, submitted_report
from vigie.reports.enums import ReportStatus
from vigie.reports.selectors import report_for_receipt

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(client):
    agent = AgentFactory(analyst=True)
    client.force_login(agent)
    return agent


def _qualify(client, target, **data):
    return client.post(reverse("backoffice:qualify", args=[target.public_id]), data)


def test_exploitable_cannot_be_a_rumour(client, analyst) -> None:
    doubs = report()
    response = _qualify(client, doubs, qualification="exploitable", reason="rumour", note="vu")
    assert response.status_code == 422
    html = response.content.decode()
    assert "Le motif « Rumeur ou ouï-dire » ne convient pas à « Exploitable »." in html
    assert "vu</textarea>" in html  # nothing typed is lost
    doubs.refresh_from_db()
    assert doubs.qualification == ""


def test_other_needs_a_text(client, analyst) -> None:
    doubs = report()
    response = _qualify(client, doubs, qualification="not_exploitable", reason="other")
    assert response.status_code == 422
    assert "Précisez le motif « Autre »." in response.content.decode()
    response = _qualify(
        client, doubs, qualification="not_exploitable", reason="other", note="Signalé 3 fois"
    )
    assert response.status_code == 302
    doubs.refresh_from_db()
    assert doubs.qualification_note == "Signalé 3 fois"


def test_a_duplicate_names_another_report_of_the_departement(client, analyst) -> None:
    first, second = report(), report()
    jura = report(commune_code="39300")
    data = {"qualification": "not_exploitable", "reason": "duplicate"}
    assert "Indiquez la référence" in _qualify(client, second, **data).content.decode()
    refused = _qualify(client, second, **data, related_reference=jura.reference)
    assert refused.status_code == 422
    assert "dans votre département" in refused.content.decode()
    itself = _qualify(client, second, **data, related_reference=second.reference)
    assert itself.status_code == 422
    typed = first.reference.lower().replace("-", " ")
    assert _qualify(client, second, **data, related_reference=typed).status_code == 302
    second.refresh_from_db()
    assert second.related_report == first


def test_a_cross_reference_names_its_report_too(client, analyst) -> None:
    first, second = report(), report()
    response = _qualify(client, second, qualification="exploitable", reason="corroborates")
    assert response.status_code == 422
    response = _qualify(
        client,
        second,
        qualification="exploitable",
        reason="corroborates",
        related_reference=first.reference,
    )
    assert response.status_code == 302


def test_the_history_says_what_changed(client, analyst) -> None:
    doubs = report()
    _qualify(client, doubs, qualification="exploitable", reason="precise_facts")
    _qualify(client, doubs, qualification="not_exploitable", reason="rumour")
    html = client.get(reverse("backoffice:report_detail", args=[doubs.public_id])).content.decode()
    history = html.split('data-testid="history"')[1]
    assert "Qualifié : exploitable (lieu précis et faits vérifiables)" in history
    assert "Qualifié : exploitable → non exploitable (rumeur ou ouï-dire)" in history


def test_re_qualifying_does_not_show_the_citizen_the_same_status_twice(client, analyst) -> None:
    submitted = submitted_report()
    doubs = submitted.report
    _qualify(client, doubs, qualification="exploitable", reason="precise_facts")
    _qualify(
        client,
        doubs,
        qualification="exploitable",
        reason="corroborates",
        related_reference=report().reference,
    )
    assert submitted.secret is not None
    view = report_for_receipt(reference=doubs.reference, secret=submitted.secret)
    assert view is not None
    assert [status for _at, status in view.status_history] == [
        ReportStatus.RECEIVED,
        ReportStatus.IN_ANALYSIS,
    ]
