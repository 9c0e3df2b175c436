"""Units in the administration: list, create, edit, deactivate (issue 12, administration)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import AgentFactory, CellFactory, UnitFactory
from vigie.audit.models import AuditAction, AuditEvent
from vigie.cells.models import Unit, UnitKind
from vigie.geo.models import Departement

pytestmark = pytest.mark.django_db


def test_the_list_shows_units_with_kind_departement_and_contact(admin_client) -> None:
    UnitFactory(name="Commissariat de Besançon", contact_email="csp.besancon@interieur.gouv.fr")
    html = admin_client.get(reverse("administration:units")).content.decode()
    assert "Commissariat de Besançon" in html
    assert "Zone police" in html
    assert "Doubs (25)" in html
    assert "csp.besancon@interieur.gouv.fr" in html


def test_creating_a_unit_is_audited(admin_client, administrator) -> None:
    cell = CellFactory(departement=Departement.objects.get(code="39"))
    answer = admin_client.post(
        reverse("administration:create_unit"),
        {
            "name": "Brigade de Dole",
            "kind": UnitKind.GENDARMERIE_ZONE,
            "cell": cell.pk,
            "contact_email": "bta.dole@gendarmerie.interieur.gouv.fr",
        },
    )
    assert answer.status_code == 302
    unit = Unit.objects.get(name="Brigade de Dole")
    assert unit.cell == cell and unit.is_active
    event = AuditEvent.objects.get(action=AuditAction.UNIT_CREATE)
    assert (event.actor, event.target_id) == (administrator, str(unit.public_id))
    assert event.details["departement"] == "39"


def test_a_unit_needs_a_valid_contact_address(admin_client) -> None:
    cell = CellFactory()
    answer = admin_client.post(
        reverse("administration:create_unit"),
        {
            "name": "X",
            "kind": UnitKind.CUSTOMS,
            "cell": cell.pk,
            "contact_email": "pas-une-adresse",
        },
    )
    assert answer.status_code == 422
    assert not Unit.objects.exists()


def test_editing_and_deactivating_a_unit_are_audited(admin_client) -> None:
    unit = UnitFactory(name="Commissariat")
    other = CellFactory(departement=Departement.objects.get(code="70"))
    edited = admin_client.post(
        reverse("administration:unit", args=[unit.public_id]),
        {
            "name": "Commissariat de Vesoul",
            "kind": unit.kind,
            "cell": other.pk,
            "contact_email": "",
        },
    )
    assert edited.status_code == 302
    unit.refresh_from_db()
    assert (unit.name, unit.cell, unit.contact_email) == ("Commissariat de Vesoul", other, "")
    assert AuditEvent.objects.get(action=AuditAction.UNIT_UPDATE).details == {
        "fields": ["cell", "contact_email", "name"]
    }
    admin_client.post(
        reverse("administration:unit_activation", args=[unit.public_id]), {"is_active": "0"}
    )
    unit.refresh_from_db()
    assert not unit.is_active
    assert AuditEvent.objects.get(action=AuditAction.UNIT_ACTIVATION).details == {
        "is_active": False
    }


def test_an_analyst_gets_404_on_a_unit(client) -> None:
    unit = UnitFactory()
    client.force_login(AgentFactory(analyst=True))
    assert client.get(reverse("administration:unit", args=[unit.public_id])).status_code == 404
    assert client.get(reverse("administration:units")).status_code == 404
