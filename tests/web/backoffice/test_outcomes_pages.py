"""« Suites » in the back office: the section on the dossier and report pages, and the form."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import AgentFactory, report
from tests.outcomes.conftest import dossier  # noqa: F401  # the fixture
from vigie.audit.models import AuditAction, AuditEvent
from vigie.outcomes.models import Outcome

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _form(**fields: str) -> dict[str, str]:
    data = {
        "occurred_on": str(TODAY - timedelta(days=1)),
        "drugs-TOTAL_FORMS": "3",
        "drugs-INITIAL_FORMS": "0",
        "assets-TOTAL_FORMS": "1",
        "assets-INITIAL_FORMS": "0",
    }
    data.update(fields)
    return data


def _url(target) -> str:
    return f"/cellule/suites/dossier/{target.public_id}/"


def test_the_dossier_page_shows_its_outcomes_and_their_totals(client, dossier):  # noqa: F811
    client.force_login(AgentFactory(analyst=True))
    response = client.post(
        _url(dossier),
        _form(
            arrests="2",
            custodies="2",
            committals="1",
            **{
                "drugs-0-drug": "cocaine",
                "drugs-0-quantity": "35,5",
                "drugs-0-unit": "g",
                "drugs-1-drug": "synthetic",
                "drugs-1-quantity": "12",
                "drugs-1-unit": "g",
                "drugs-1-label": "kétamine",
                "weapons_handgun": "1",
                "cash_eur": "550",
                "comment": "Vendeur interpellé dans le hall.",
            },
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/cellule/dossiers/{dossier.public_id}/#suites"
    page = client.get(response["Location"]).content.decode()
    assert "Saisie : Cocaïne, 35,5 g" in page
    assert "Drogues de synthèse (MDMA, ecstasy, kétamine…) (kétamine), 12 g" in page
    assert "2 interpellations, 2 gardes à vue, 1 écrou" in page
    assert "47,5 g de stupéfiants saisis" in page  # under a kilogram, in grams
    assert "1 arme dont 1 à feu" in page
    assert "550 € saisis" in page
    assert "Vendeur interpellé dans le hall." in page
    assert AuditEvent.objects.filter(action=AuditAction.RECORD_OUTCOME).count() == 1
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW_OUTCOMES, target_id=str(dossier.public_id)
    ).exists()


def test_bad_input_re_renders_everything_typed_with_french_messages(client, dossier):  # noqa: F811
    client.force_login(AgentFactory(analyst=True))
    response = client.post(
        _url(dossier),
        _form(
            occurred_on=str(TODAY + timedelta(days=2)),
            arrests="1",
            custodies="3",
            **{
                "drugs-0-drug": "cocaine",
                "drugs-0-quantity": "4",
                "drugs-0-unit": "plants",
                "drugs-2-drug": "cannabis_resin",
                "drugs-2-quantity": "-1",
                "drugs-2-unit": "g",
                "comment": "à garder",
            },
        ),
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Cette date est dans le futur" in page
    assert "Plus de gardes à vue (3) que d’interpellations (1)" in page
    assert "ne convient pas à ce produit : choisissez g, kg" in page
    assert "La quantité doit être supérieure à zéro." in page
    assert 'value="-1"' in page and "à garder" in page and 'value="3"' in page
    assert not Outcome.objects.exists()


def test_a_row_left_half_typed_says_what_is_missing(client, dossier):  # noqa: F811
    client.force_login(AgentFactory(analyst=True))
    response = client.post(_url(dossier), _form(**{"drugs-0-quantity": "12"}))
    assert response.status_code == 422
    page = response.content.decode()
    assert "Choisissez le produit." in page and "Choisissez l’unité." in page


def test_adding_a_line_keeps_what_was_typed_without_javascript(client, dossier):  # noqa: F811
    client.force_login(AgentFactory(analyst=True))
    response = client.post(
        _url(dossier),
        _form(add_row="drugs", arrests="3", **{"drugs-0-drug": "crack", "drugs-0-quantity": "7"}),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('data-testid="drug-row"') == 4
    assert 'name="drugs-TOTAL_FORMS" value="4"' in page
    assert 'value="7"' in page
    assert not Outcome.objects.exists()


def test_no_result_with_a_seizure_is_refused(client, dossier):  # noqa: F811
    client.force_login(AgentFactory(analyst=True))
    response = client.post(_url(dossier), _form(no_result_reason="nothing_observed", vehicles="1"))
    assert response.status_code == 422
    assert "« Sans résultat » exclut" in response.content.decode()


def test_another_cell_gets_the_same_404_as_a_missing_dossier(client, dossier):  # noqa: F811
    client.force_login(AgentFactory(analyst=True, departement="39"))
    assert client.get(_url(dossier)).status_code == 404
    assert client.post(_url(dossier), _form(arrests="1")).status_code == 404
    missing = "/cellule/suites/dossier/00000000-0000-4000-8000-000000000000/"
    assert client.get(missing).status_code == 404
    assert not Outcome.objects.exists()


def test_the_report_page_has_its_section_and_its_form(client):
    lone = report(received_at=timezone.now() - timedelta(days=3))
    client.force_login(AgentFactory(analyst=True))
    page = client.get(f"/cellule/signalements/{lone.public_id}/").content.decode()
    assert "Aucune suite enregistrée pour l’instant." in page
    url = f"/cellule/suites/signalement/{lone.public_id}/"
    assert f'href="{url}"' in page
    assert client.get(url).status_code == 200
    response = client.post(url, _form(no_result_reason="activity_stopped"))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Sans résultat : Activité arrêtée ou déplacée" in page


def test_the_chat_only_agent_sees_no_section(client):
    lone = report()
    agent = AgentFactory()
    client.force_login(agent)
    assert client.get(f"/cellule/suites/signalement/{lone.public_id}/").status_code == 404


def test_the_totals_say_grams_under_a_kilogram_and_kilograms_from_one() -> None:
    from decimal import Decimal

    from vigie.outcomes.selectors import OutcomeTotals
    from vigie.outcomes.text import summary

    small, large = OutcomeTotals(), OutcomeTotals()
    small.add_drug("cocaine", "g", Decimal("12"))
    large.add_drug("cannabis_resin", "kg", Decimal("2.5"))
    large.add_drug("cocaine", "g", Decimal("500"))
    assert "12 g de stupéfiants saisis" in summary(small)
    assert "3 kg de stupéfiants saisis" in summary(large)
