"""« Saisir des suites » in Chromium on a 360 px phone: a row added without losing what was
typed, a broken rule explained on its field, then the outcome on the report's page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.test_chat import live_server  # noqa: F401  # the ASGI live server (WebSockets)
from tests.factories import AgentFactory, report
from tests.login_support import totp_code

pytestmark = pytest.mark.filterwarnings(
    "ignore:StreamingHttpResponse must consume synchronous iterators"
)


def test_an_analyst_records_outcomes_on_a_phone(
    browser,
    live_server,  # noqa: F811  # the ASGI live server imported above
    doubs_geography,
    origin_guard,
    axe,
    screenshots,
) -> None:
    analyst = AgentFactory(analyst=True, departement="25", username="analyste.suites")
    lone = report(received_at=timezone.now() - timedelta(days=10))
    context = browser.new_context(locale="fr-FR", viewport={"width": 360, "height": 800})
    origin_guard.watch(context)
    page = context.new_page()
    page.goto(live_server.url + "/cellule/connexion/")
    page.get_by_label("Nom d’utilisateur").fill(analyst.username)
    page.get_by_label("Mot de passe").fill("correct horse battery staple")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_label("Code de vérification").fill(totp_code(analyst))
    page.get_by_role("button", name="Vérifier").click()
    page.goto(f"{live_server.url}/cellule/signalements/{lone.public_id}/")
    page.get_by_test_id("record-outcome").click()

    page.get_by_label("Interpellations").fill("1")
    page.get_by_label("Gardes à vue").fill("2")  # more than arrested: refused
    rows = page.get_by_test_id("drug-row")
    rows.nth(0).get_by_label("Produit").select_option("cocaine")
    rows.nth(0).get_by_label("Quantité").fill("35,5")
    rows.nth(0).get_by_label("Unité").select_option("g")
    page.get_by_label("Numéraire saisi (€)").fill("550")
    page.get_by_role("button", name="Ajouter une ligne de saisie").click()
    expect(rows).to_have_count(4)
    expect(rows.nth(0).get_by_label("Quantité")).to_have_value("35,5")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    axe.check(page, "outcome form 360")
    screenshots.take(page, "outcome-form-360")

    page.get_by_role("button", name="Enregistrer les suites", exact=True).click()
    expect(page.get_by_test_id("outcome-errors")).to_be_visible()
    expect(page.get_by_text("Plus de gardes à vue (2) que d’interpellations (1)")).to_be_visible()
    expect(page.get_by_label("Numéraire saisi (€)")).to_have_value("550")
    page.get_by_label("Gardes à vue").fill("1")
    page.get_by_role("button", name="Enregistrer les suites", exact=True).click()

    section = page.get_by_test_id("outcomes")
    expect(section.get_by_test_id("outcome")).to_have_count(1)
    expect(section).to_contain_text("Saisie : Cocaïne, 35,5 g")
    expect(section).to_contain_text("550 € saisis")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert origin_guard.foreign == []
    context.close()
