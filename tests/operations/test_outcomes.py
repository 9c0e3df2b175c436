"""A unit records what came of a dispatch (vigie.outcomes) from the dispatch's own page:
its outcomes go on the dispatch's report or dossier, the page names the dispatch and never a
report's reference, « action menée » closes only once they are recorded, and a dispatch
handed back takes no more."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import dispatched, report
from vigie.operations.models import DispatchStatus
from vigie.operations.services import hand_back
from vigie.outcomes.models import Outcome


def _form(**fields: str) -> dict[str, str]:
    return {
        "occurred_on": str(timezone.localdate() - timedelta(days=0)),
        "drugs-TOTAL_FORMS": "3",
        "drugs-INITIAL_FORMS": "0",
        "assets-TOTAL_FORMS": "1",
        "assets-INITIAL_FORMS": "0",
        **fields,
    }


@pytest.fixture
def reported(world):
    return report(received_at=timezone.now() - timedelta(days=3))


@pytest.fixture
def dispatch(world, reported):
    return dispatched(by=world.analyst, unit=world.besancon, reports=[reported])


def test_a_unit_member_records_outcomes_on_the_dispatched_report(
    client, world, dispatch, reported
) -> None:
    client.force_login(world.member)
    url = reverse("unit:outcomes", args=[dispatch.public_id])
    page = client.get(url)
    assert page.status_code == 200
    assert dispatch.label in page.content.decode()
    assert reported.reference not in page.content.decode()

    response = client.post(
        url,
        _form(arrests="2", custodies="2", **{"drugs-0-drug": "cocaine", "drugs-0-quantity": "35",
                                              "drugs-0-unit": "g"}),
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("unit:detail", args=[dispatch.public_id]))
    outcome = Outcome.objects.get()
    assert outcome.unit == world.besancon and outcome.departement_id == "25"
    assert outcome.arrests == 2 and outcome.recorded_by == world.member
    detail = client.get(response["Location"]).content.decode()
    assert "Saisie : Cocaïne, 35 g" in detail and reported.reference not in detail


def test_the_cells_outcome_pages_stay_the_cells(client, world, dispatch, reported) -> None:
    """They name the report by its reference: a unit member gets a 404, as anyone else."""
    client.force_login(world.member)
    url = reverse("outcomes:record_on_report", args=[reported.public_id])
    assert client.get(url).status_code == 404
    client.force_login(world.analyst)
    assert client.get(url).status_code == 200


def test_an_action_taken_closes_only_once_its_outcomes_are_recorded(
    client, world, dispatch
) -> None:
    client.force_login(world.member)
    close = reverse("unit:close", args=[dispatch.public_id])
    refused = client.post(close, {"reason": "action", "note": "Vendeur interpellé."})
    assert refused.status_code == 422
    assert "saisissez d’abord ses suites" in refused.content.decode()
    assert "Vendeur interpellé." in refused.content.decode()  # nothing typed is lost
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.SENT

    client.post(reverse("unit:outcomes", args=[dispatch.public_id]), _form(arrests="1"))
    assert client.post(close, {"reason": "action", "note": ""}).status_code == 302
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.CLOSED
    # Later results (an écrou weeks after) are still recorded after the closure.
    later = client.post(reverse("unit:outcomes", args=[dispatch.public_id]), _form(committals="1"))
    assert later.status_code == 302 and Outcome.objects.count() == 2


def test_a_dispatch_handed_back_takes_no_more_outcomes(client, world, dispatch) -> None:
    hand_back(agent=world.member, dispatch=dispatch, reason="Hors de notre secteur.")
    client.force_login(world.member)
    url = reverse("unit:outcomes", args=[dispatch.public_id])
    assert client.get(url).status_code == 404
    assert client.post(url, _form(arrests="1")).status_code == 404
    assert not Outcome.objects.exists()


def test_another_units_member_cannot_record_on_it(client, world, dispatch) -> None:
    client.force_login(world.other_member)
    url = reverse("unit:outcomes", args=[dispatch.public_id])
    assert client.post(url, _form(arrests="1")).status_code == 404
    assert not Outcome.objects.exists()
