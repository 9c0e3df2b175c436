"""The whole path: a citizen without JavaScript reports, the cell qualifies, the citizen sees it."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.factories import AGENT_PASSWORD, AgentFactory
from tests.login_support import totp_code
from vigie.accounts.models import Agent
from vigie.reports.models import Report

DESCRIPTION = (
    "Tous les soirs entre 18h et 21h, deux jeunes vendent devant le hall B. "
    "Un guetteur surveille depuis le parking ; une Clio grise AB-123-CD passe déposer."
)


def _citizen_reports(
    browser,
    base_url,
    origin_guard,
    screenshots=None,
    *,
    commune="Besançon",
    address="12 rue de Dole, hall B",
    description=DESCRIPTION,
    viewport=None,
):
    """The real form, step by step, without JavaScript on a phone; returns the receipt."""
    context = browser.new_context(
        java_script_enabled=False,
        locale="fr-FR",
        viewport=viewport or {"width": 390, "height": 844},
    )
    origin_guard.watch(context)
    page = context.new_page()

    def take(name: str) -> None:
        if screenshots:
            screenshots.take(page, name)

    page.goto(base_url + "/")
    take("1-home")
    page.get_by_role("link", name="Faire un signalement").first.click()
    page.locator("label", has_text="Point de vente fixe (point de deal)").click()
    next_step = page.locator(".vigie-step-nav button[value=next]")
    next_step.click()
    page.get_by_label("Commune ou code postal").fill(commune)
    page.get_by_label("Adresse ou lieu précis").fill(address)
    next_step.click()
    page.get_by_text("Étape 3 sur 6").wait_for()
    next_step.click()
    page.get_by_text("Étape 4 sur 6").wait_for()
    next_step.click()
    page.get_by_label("Décrivez ce que vous avez vu").fill(description)
    next_step.click()
    take("2-report-form")
    page.get_by_role("button", name="Envoyer le signalement").click()
    reference = page.get_by_test_id("reference").inner_text().strip()
    secret = page.get_by_test_id("secret").inner_text().strip()
    assert re.fullmatch(r"VG-\w{4}-\w{4}", reference)
    take("3-receipt")
    context.close()
    return reference, secret


def _agent_logs_in(browser, base_url, origin_guard, username, *, width=1280):
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    origin_guard.watch(context)
    page = context.new_page()
    page.goto(base_url + "/cellule/connexion/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(AGENT_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    # The second factor: the code the agent's authenticator shows now.
    page.get_by_label("Code de vérification").fill(totp_code(Agent.objects.get(username=username)))
    page.get_by_role("button", name="Vérifier").click()
    return context, page


def test_report_qualified_by_its_cell_and_followed_by_the_citizen(
    browser, live_server, doubs_geography, origin_guard, screenshots
):
    base_url = live_server.url
    analyst = AgentFactory(analyst=True, departement="25", username="analyste.doubs")
    outsider = AgentFactory(analyst=True, departement="39", username="analyste.jura")

    reference, secret = _citizen_reports(browser, base_url, origin_guard, screenshots)

    # The Doubs analyst sees it in the triage list, opens it, qualifies it.
    context, page = _agent_logs_in(browser, base_url, origin_guard, analyst.username)
    page.get_by_test_id("triage-table").get_by_role("link", name=reference).wait_for()
    screenshots.take(page, "4-triage-list")
    page.get_by_role("link", name=reference).click()
    expect(page.get_by_test_id("description")).to_contain_text(DESCRIPTION)
    screenshots.take(page, "5-report-detail")
    page.locator("label", has_text="Exploitable").first.click()
    page.get_by_label("Motif", exact=True).select_option("precise_facts")
    page.get_by_role("button", name="Enregistrer la qualification").click()
    page.get_by_text(f"Signalement {reference} qualifié.").wait_for()
    context.close()

    # An analyst of another département sees nothing of it, not even by its address.
    context, page = _agent_logs_in(browser, base_url, origin_guard, outsider.username)
    page.get_by_test_id("triage-table").wait_for()
    assert reference not in page.content()
    public_id = Report.objects.get(reference=reference).public_id
    response = page.goto(f"{base_url}/cellule/signalements/{public_id}/")
    assert response.status == 404
    screenshots.take(page, "6-other-departement-404")
    context.close()

    # The citizen, without JavaScript, sees the new status with the receipt.
    context = browser.new_context(
        java_script_enabled=False, locale="fr-FR", viewport={"width": 390, "height": 844}
    )
    origin_guard.watch(context)
    page = context.new_page()
    page.goto(base_url + "/suivi/")
    page.get_by_label("Référence du signalement").fill(reference.lower().replace("-", " "))
    page.get_by_label("Code secret").fill(secret)
    page.get_by_role("button", name="Consulter").click()
    expect(page.get_by_test_id("status")).to_have_text("En cours d’analyse")
    screenshots.take(page, "7-follow-up-status")
    context.close()

    assert origin_guard.foreign == []
