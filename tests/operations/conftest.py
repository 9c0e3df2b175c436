"""Operations tests: a Doubs cell with two units, a Jura cell with one, and their people."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.factories import AgentFactory, CellFactory, UnitFactory
from vigie.cells.models import UnitKind
from vigie.geo.models import Departement


@pytest.fixture
def world(db) -> SimpleNamespace:
    doubs = CellFactory()
    jura = CellFactory(departement=Departement.objects.get(code="39"))
    besancon = UnitFactory(cell=doubs, name="Commissariat de Besançon", kind=UnitKind.POLICE_ZONE)
    pontarlier = UnitFactory(
        cell=doubs, name="Compagnie de gendarmerie de Pontarlier", kind=UnitKind.GENDARMERIE_ZONE
    )
    lons = UnitFactory(cell=jura, name="Commissariat de Lons-le-Saunier")
    return SimpleNamespace(
        doubs=doubs,
        jura=jura,
        besancon=besancon,
        pontarlier=pontarlier,
        lons=lons,
        analyst=AgentFactory(analyst=True),
        head=AgentFactory(cell_head=True),
        chat_agent=AgentFactory(),
        member=AgentFactory(unit_member=True, unit=besancon),
        other_member=AgentFactory(unit_member=True, unit=pontarlier),
        jura_member=AgentFactory(unit_member=True, unit=lons),
        jura_analyst=AgentFactory(analyst=True, departement="39"),
        national=AgentFactory(national=True),
    )
