"""The demo's units of the Doubs (vigie.demo.units): jurisdiction, members, dispatches."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from vigie.accounts.models import Agent
from vigie.cells.models import UnitKind
from vigie.demo.services import create_demo
from vigie.geo.models import Commune
from vigie.operations.jurisdiction import suggest_unit
from vigie.operations.models import Dispatch, DispatchStatus, Jurisdiction

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)


@pytest.fixture
def demo():
    return create_demo(report_count=60, now=NOW)


def test_every_commune_of_the_doubs_has_a_unit_and_towns_are_police_zones(demo) -> None:
    communes = Commune.objects.filter(departement_id="25")
    covered = Jurisdiction.objects.filter(unit__cell__departement_id="25")
    assert set(covered.values_list("commune_id", flat=True)) == set(
        communes.exclude(latitude=None).values_list("code", flat=True)
    )
    police = covered.filter(unit__kind=UnitKind.POLICE_ZONE).values_list("commune_id", flat=True)
    assert len(set(police)) == 11
    assert {"25056", "25388", "25031", "25580", "25462"} <= set(police)


def test_the_demo_suggestions_read_as_the_issue_says(demo) -> None:
    from vigie.cells.models import Cell

    doubs = Cell.objects.get(departement_id="25")
    morteau = suggest_unit(cell=doubs, commune_codes=["25411"])
    assert morteau.lines == ["Morteau → Compagnie de gendarmerie de Morteau, zone gendarmerie"]
    montbeliard = suggest_unit(cell=doubs, commune_codes=["25388"])
    assert len(montbeliard.units) == 2  # the police zone and the municipal police
    jura = Cell.objects.get(departement_id="39")
    assert suggest_unit(cell=jura, commune_codes=["39300"]).units == []  # no table: it chooses


def test_the_demo_has_dispatches_in_every_state_and_unit_members(demo) -> None:
    statuses = set(Dispatch.objects.values_list("status", flat=True))
    assert statuses == set(DispatchStatus.values)
    assert Dispatch.objects.filter(citizen_closed_at__isnull=False).exists()
    assert Dispatch.objects.filter(status=DispatchStatus.SENT, acknowledge_by__lt=NOW).exists()
    assert Agent.objects.get(username="unite.pontarlier").unit.name == (
        "Compagnie de gendarmerie de Pontarlier"
    )
