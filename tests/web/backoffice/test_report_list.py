"""Issue 9 item 11: the list of all the cell's reports, searched, filtered, sorted, paged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from tests.engine.media.samples import jpeg_with_everything
from tests.factories import AgentFactory, report
from vigie.evidence.services import store_evidence
from vigie.reports.models import ReportSearchToken
from vigie.reports.services import attach_file, post_citizen_message, qualify_report

pytestmark = pytest.mark.django_db

URGENT = "Un homme armé d'un pistolet tire en ce moment devant le hall, un blessé au sol !"


def _listed(client, **query) -> list[str]:
    response = client.get(reverse("backoffice:report_list"), query)
    assert response.status_code == 200
    return [each.reference for each in response.context["reports"]]


@pytest.fixture
def analyst(client):
    agent = AgentFactory(analyst=True)
    client.force_login(agent)
    return agent


def test_the_list_holds_every_report_of_the_cell_qualified_or_not(client, analyst) -> None:
    waiting = report()
    qualified = report()
    qualify_report(
        report=qualified, agent=analyst, qualification="exploitable", reason="precise_facts"
    )
    jura = report(commune_code="39300")
    listed = _listed(client)
    assert set(listed) == {waiting.reference, qualified.reference}
    assert jura.reference not in listed


def test_a_plate_is_found_however_it_is_typed_without_being_stored_in_clear(
    client, analyst
) -> None:
    clio = report()  # its text names « AB-123-CD »
    other = report(description="Vente tous les soirs au 3 rue Battant, un guetteur au coin.")
    assert _listed(client, q="ab 123 cd") == [clio.reference]
    assert other.reference not in _listed(client, q="AB123CD")
    stored = list(ReportSearchToken.objects.filter(report=clio).values_list("kind", "token"))
    assert ("plate", stored[0][1]) in stored
    assert all(len(token) == 64 and set(token) <= set("0123456789abcdef") for _k, token in stored)


def test_a_phone_number_is_found_in_any_format(client, analyst) -> None:
    caller = report(
        description="Livraison à domicile au 5 rue de Dole, commande au 06 12 34 56 78 le soir."
    )
    report()
    assert _listed(client, q="+33612345678") == [caller.reference]
    assert _listed(client, q="06.12.34.56.78") == [caller.reference]


def test_the_search_finds_a_reference_and_a_commune(client, analyst) -> None:
    besancon = report(commune_code="25056")
    pontarlier = report(commune_code="25462")
    assert _listed(client, q=besancon.reference.lower().replace("-", " ")) == [besancon.reference]
    assert _listed(client, q="pontarl") == [pontarlier.reference]
    assert _listed(client, commune="25462") == [pontarlier.reference]


def test_the_filters_narrow_the_list(client, analyst) -> None:
    urgent = report(description=URGENT)
    with_file = report()
    attach_file(
        report=with_file, file=store_evidence(SimpleUploadedFile("x", jpeg_with_everything()))
    )
    unread = report()
    post_citizen_message(report=unread, text="Ils sont revenus.")
    closed = report()
    qualify_report(report=closed, agent=analyst, qualification="out_of_scope", reason="nuisance")
    assert _listed(client, triage="urgence") == [urgent.reference]
    assert _listed(client, evidence="yes") == [with_file.reference]
    assert with_file.reference not in _listed(client, evidence="no")
    assert _listed(client, unread="on") == [unread.reference]
    assert _listed(client, status="closed") == [closed.reference]
    assert _listed(client, category="en_ligne") == []
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert _listed(client, received_from=tomorrow) == []
    assert len(_listed(client, received_to=tomorrow)) == 4


def test_a_wrong_filter_is_explained_in_french_and_kept(client, analyst) -> None:
    report()
    response = client.get(
        reverse("backoffice:report_list"),
        {"received_from": "2026-11-20", "received_to": "2026-11-01", "q": "clio grise"},
    )
    html = response.content.decode()
    assert "La fin de la période précède son début." in html
    assert 'value="clio grise"' in html


def test_the_list_is_sorted_and_paged(client, analyst) -> None:
    # An hour apart: within an hour, reports have no order (times are kept to the hour and
    # ids are random, so that a stolen database does not order them either).
    start = timezone.now() - timedelta(hours=30)
    reports = [report(received_at=start + timedelta(hours=n)) for n in range(27)]
    first = _listed(client)
    assert len(first) == 25
    second = client.get(reverse("backoffice:report_list"), {"page": 2, "sort": "oldest"})
    assert len(second.context["reports"]) == 2
    oldest_first = _listed(client, sort="oldest")
    assert oldest_first[0] == reports[0].reference
    assert (
        'data-testid="pagination"' in client.get(reverse("backoffice:report_list")).content.decode()
    )


@pytest.mark.parametrize("count", [1, 50])
def test_a_page_costs_a_fixed_number_of_queries(
    client, analyst, django_assert_num_queries, count: int
) -> None:
    for index in range(count):
        each = report()
        if index % 2:
            post_citizen_message(report=each, text="Encore là.")
    client.get(reverse("backoffice:report_list"))  # warms the session and the user
    expected = QUERIES_PER_PAGE + (1 if connection.vendor == "postgresql" else 0)
    with django_assert_num_queries(expected):
        response = client.get(reverse("backoffice:report_list"), {"q": "AB-123-CD"})
    assert len(response.context["reports"]) == min(count, 25)


# Whatever the number of reports. On PostgreSQL the audit event of the visit takes one more:
# the advisory lock that serialises the audit chain across processes. Two are the header's
# badges (overdue dispatches, unread notifications: issue 13).
QUERIES_PER_PAGE = 12
