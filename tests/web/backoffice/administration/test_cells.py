"""Départements and cells in the administration (issue 12, administration)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import AgentFactory, CellFactory
from vigie.audit.models import AuditAction, AuditEvent
from vigie.cells.models import Cell
from vigie.geo.models import Departement

pytestmark = pytest.mark.django_db


def test_the_list_shows_the_cells_and_offers_the_departements_without_one(admin_client) -> None:
    CellFactory(departement=Departement.objects.get(code="25"), name="CROSS du Doubs")
    page = admin_client.get(reverse("administration:departements"))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('data-testid="departement-') == 1
    assert "CROSS du Doubs" in html
    without = Departement.objects.count() - 1
    assert f"{without} départements n’ont pas de cellule" in html
    assert '<option value="39">Jura (39)</option>' in html
    assert '<option value="25">' not in html


def test_the_cell_form_starts_on_the_departement_chosen(admin_client) -> None:
    page = admin_client.get(reverse("administration:create_cell"), {"departement": "39"})
    assert '<option value="39" selected>' in page.content.decode()


def test_the_list_takes_two_queries_whatever_the_number_of_cells(
    admin_client, django_assert_max_num_queries
) -> None:
    for code in ("25", "39", "70", "90"):
        AgentFactory(departement=code)
    # session, agent, cells with their counts, départements without a cell, and the header's
    # unread notifications (issue 13)
    with django_assert_max_num_queries(5):
        admin_client.get(reverse("administration:departements"))


def test_creating_a_cell_is_audited(admin_client, administrator) -> None:
    answer = admin_client.post(
        reverse("administration:create_cell"),
        {"departement": "39", "name": "CROSS du Jura", "contact": "cross39@interieur.gouv.fr"},
    )
    assert answer.status_code == 302
    cell = Cell.objects.get(departement_id="39")
    assert (cell.name, cell.contact, cell.is_active) == (
        "CROSS du Jura",
        "cross39@interieur.gouv.fr",
        True,
    )
    event = AuditEvent.objects.get(action=AuditAction.CELL_CREATE)
    assert (event.actor, event.target_type, event.target_id) == (administrator, "cell", "39")


def test_a_departement_that_has_a_cell_cannot_get_a_second_one(admin_client) -> None:
    CellFactory(departement=Departement.objects.get(code="25"))
    answer = admin_client.post(
        reverse("administration:create_cell"), {"departement": "25", "name": "Doublon"}
    )
    assert answer.status_code == 422
    assert Cell.objects.filter(departement_id="25").count() == 1


def test_editing_a_cell_is_audited_with_the_fields_changed(admin_client) -> None:
    CellFactory(departement=Departement.objects.get(code="25"), name="CROSS 25")
    answer = admin_client.post(
        reverse("administration:cell", args=["25"]),
        {"name": "CROSS du Doubs", "contact": "03 81 00 00 00"},
    )
    assert answer.status_code == 302
    assert Cell.objects.get(departement_id="25").name == "CROSS du Doubs"
    event = AuditEvent.objects.get(action=AuditAction.CELL_UPDATE)
    assert event.details == {"fields": ["contact", "name"]}


def test_a_deactivated_cell_closes_its_pages_to_its_agents(admin_client, client) -> None:
    analyst = AgentFactory(analyst=True)
    answer = admin_client.post(
        reverse("administration:cell_activation", args=["25"]), {"is_active": "0"}
    )
    assert answer.status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.CELL_ACTIVATION).count() == 1
    analyst_client = client
    analyst_client.force_login(analyst)
    assert analyst_client.get(reverse("backoffice:report_list")).status_code == 404
    admin_client.post(reverse("administration:cell_activation", args=["25"]), {"is_active": "1"})
    assert analyst_client.get(reverse("backoffice:report_list")).status_code == 200


def test_a_cell_head_gets_404_on_the_cells(client) -> None:
    client.force_login(AgentFactory(cell_head=True))
    assert client.get(reverse("administration:departements")).status_code == 404
    answer = client.post(reverse("administration:cell_activation", args=["25"]), {"is_active": "0"})
    assert answer.status_code == 404
    assert Cell.objects.get(departement_id="25").is_active
    assert not AuditEvent.objects.filter(action=AuditAction.CELL_ACTIVATION).exists()
