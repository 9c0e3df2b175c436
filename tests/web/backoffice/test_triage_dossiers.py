"""Issue 11: the triage list shows the dossier each report joined and orders by what matters
(emergency, then the analysis score plus a bonus for the size and freshness of the dossier)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from tests.factories import AgentFactory, report
from vigie.crossref.models import Dossier, DossierKind, DossierMember, DossierStatus
from vigie.crossref.tasks import deferred_linking
from vigie.reports.enums import Triage
from vigie.reports.models import Report, dossier_bonus
from vigie.web.backoffice.views import TRIAGE_PAGE_SIZE

pytestmark = pytest.mark.django_db


def _scored(score: int, triage: str = Triage.VAGUE, **kwargs) -> Report:
    """A report of this score, left unlinked: the factory's reports all tell the same story,
    so the engine would group them; these tests place them in dossiers themselves."""
    with deferred_linking():
        each = report(**kwargs)
    Report.objects.filter(pk=each.pk).update(score=score, triage_suggestion=triage)
    each.refresh_from_db()
    return each


def _dossier(members: list[Report], *, days_ago: int = 0, **fields) -> Dossier:
    """A dossier as the engine leaves it (size and last report kept on the row)."""
    dossier = Dossier.objects.create(
        departement_id=members[0].departement_id,
        size=len(members),
        last_report_at=timezone.now() - timedelta(days=days_ago),
        **fields,
    )
    for member in members:
        DossierMember.objects.create(
            dossier=dossier, report=member, departement_id=member.departement_id
        )
    return dossier


def _awaiting(client) -> list[Report]:
    response = client.get(reverse("backoffice:triage"))
    assert response.status_code == 200
    return list(response.context["awaiting"])


@pytest.fixture
def analyst(client):
    agent = AgentFactory(analyst=True)
    client.force_login(agent)
    return agent


@pytest.mark.parametrize(
    ("size", "days_ago", "bonus"),
    [
        (0, 0, 0),  # in no dossier
        (2, 1, 10),
        (3, 1, 20),
        (4, 6, 20),
        (5, 0, 30),
        (40, 0, 30),  # capped
        (5, 20, 15),  # 8–30 days: half
        (5, 45, 0),  # older: nothing
    ],
)
def test_the_dossier_bonus_grows_with_its_size_and_fades_with_its_age(
    size: int, days_ago: int, bonus: int
) -> None:
    now = timezone.now()
    last = now - timedelta(days=days_ago) if size else None
    assert dossier_bonus(size=size, last_report_at=last, now=now) == bonus


def test_a_weak_report_joining_a_large_fresh_dossier_goes_before_a_better_lone_one(
    client, analyst
) -> None:
    lone = _scored(40)
    joined = _scored(25)
    others = [_scored(10) for _ in range(4)]
    _dossier([joined, *others], days_ago=1)  # 5 reports, fresh: +30
    awaiting = _awaiting(client)
    assert awaiting.index(joined) < awaiting.index(lone)
    assert awaiting[awaiting.index(joined)].priority == 55


def test_a_stale_dossier_adds_nothing(client, analyst) -> None:
    lone = _scored(40)
    joined = _scored(25)
    others = [_scored(10) for _ in range(4)]
    _dossier([joined, *others], days_ago=60)
    awaiting = _awaiting(client)
    assert awaiting.index(lone) < awaiting.index(joined)


def test_an_emergency_stays_first_whatever_the_dossiers(client, analyst) -> None:
    urgent = _scored(5, Triage.URGENT)
    joined = _scored(100, Triage.EXPLOITABLE)
    _dossier([joined, _scored(90, Triage.EXPLOITABLE), _scored(90)])
    assert _awaiting(client)[0] == urgent


def test_each_report_shows_the_dossier_it_joined_with_its_kind_status_and_size(
    client, analyst
) -> None:
    first, second, third = _scored(30), _scored(30), _scored(30)
    lone = _scored(30)
    dossier = _dossier(
        [first, second, third],
        kind=DossierKind.DELIVERY,
        status=DossierStatus.WATCHED,
    )
    response = client.get(reverse("backoffice:triage"))
    html = response.content.decode()
    url = reverse("dossiers:detail", args=[dossier.public_id])
    assert url.startswith("/cellule/dossiers/")
    assert html.count(f'href="{url}"') == 3
    assert dossier.label in html
    assert "Réseau de livraison" in html
    assert "Sous surveillance" in html
    assert "3 signalements" in html
    rows = {each.reference: each for each in response.context["awaiting"]}
    assert rows[lone.reference].joined_dossier is None
    assert rows[first.reference].joined_dossier == dossier
    # The help text gives the order in French, formula included.
    assert "score de l’analyse" in html and "7 jours" in html


def test_the_list_shows_only_the_cells_departement_even_in_a_cross_border_dossier(
    client,
) -> None:
    doubs = _scored(30)
    jura = _scored(30, commune_code="39300")
    dossier = _dossier([doubs, jura])
    client.force_login(AgentFactory(analyst=True, departement="39"))
    response = client.get(reverse("backoffice:triage"))
    assert [each.reference for each in response.context["awaiting"]] == [jura.reference]
    assert reverse("dossiers:detail", args=[dossier.public_id]) in response.content.decode()
    assert doubs.reference not in response.content.decode()


def test_the_queue_is_paged_and_counts_every_awaiting_report(client, analyst) -> None:
    reports = [_scored(score % 90) for score in range(TRIAGE_PAGE_SIZE + 2)]
    response = client.get(reverse("backoffice:triage"))
    assert len(response.context["awaiting"]) == TRIAGE_PAGE_SIZE
    assert response.context["awaiting_page"].paginator.count == len(reports)
    second = client.get(reverse("backoffice:triage"), {"page": 2})
    assert len(second.context["awaiting"]) == 2


# Whatever the number of reports and dossiers. On PostgreSQL the audit event of the visit
# takes one more: the advisory lock that serialises the audit chain across processes. Two are
# the header's badges (overdue dispatches, unread notifications: issue 13).
QUERIES_FOR_TRIAGE = 14


@pytest.mark.parametrize("dossiers", [0, 1, 6])
def test_the_triage_list_costs_a_fixed_number_of_queries_with_dossiers(
    client, analyst, django_assert_num_queries, dossiers: int
) -> None:
    for _ in range(dossiers):
        _dossier([_scored(30), _scored(20), _scored(10)])
    _scored(50)
    _scored(5, commune_code="39300")  # another département's, not listed
    client.get(reverse("backoffice:triage"))  # warms the session and the user
    expected = QUERIES_FOR_TRIAGE + (1 if connection.vendor == "postgresql" else 0)
    with django_assert_num_queries(expected):
        response = client.get(reverse("backoffice:triage"))
    assert len(response.context["awaiting"]) == 3 * dossiers + 1
