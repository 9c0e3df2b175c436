"""The administrator, in Chromium, creates a cell, a unit and an agent; the new agent opens
the one-time activation link, chooses a password and reaches the enrolment of their second
factor. Screenshots of each page at 360 and 1280 px (issue 12, administration)."""

from __future__ import annotations

from tests.factories import AgentFactory, CellFactory
from tests.login_support import totp_code
from vigie.accounts.models import Agent, Role
from vigie.audit.models import AuditAction, AuditEvent
from vigie.cells.models import Cell, Unit
from vigie.geo.models import Departement

NEW_PASSWORD = "trois mots bien longs"


def _log_in(browser, base_url, origin_guard, agent, width):
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    origin_guard.watch(context)
    page = context.new_page()
    page.goto(base_url + "/cellule/connexion/")
    page.get_by_label("Nom d’utilisateur").fill(agent.username)
    page.get_by_label("Mot de passe").fill("correct horse battery staple")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_label("Code de vérification").fill(totp_code(agent))
    page.get_by_role("button", name="Vérifier").click()
    page.get_by_test_id("space-title").wait_for()
    return context, page


def test_the_administrator_creates_a_cell_a_unit_and_an_agent(
    browser, live_server, doubs_geography, origin_guard, screenshots, axe
) -> None:
    base_url = live_server.url
    CellFactory(departement=Departement.objects.get(code="25"), name="CROSS du Doubs")
    administrator = AgentFactory(role=Role.ADMIN, cell=None, username="admin.national")

    context, page = _log_in(browser, base_url, origin_guard, administrator, 1280)
    assert page.url == base_url + "/cellule/administration/"
    screenshots.take(page, "1-home-1280")
    axe.check(page, "administration home")

    # A cell for the Jura.
    page.get_by_role("link", name="Départements et cellules").first.click()
    page.get_by_test_id("cell-for-departement").locator("select").select_option("39")
    page.get_by_test_id("new-cell").click()
    assert page.locator("#id_departement").input_value() == "39"
    page.locator("#id_name").fill("CROSS du Jura")
    page.locator("#id_contact").fill("cross39@interieur.gouv.fr")
    screenshots.take(page, "2-cell-form-1280")
    axe.check(page, "cell form")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_test_id("departement-39").get_by_role("link", name="CROSS du Jura").wait_for()
    screenshots.take(page, "3-departements-1280")
    axe.check(page, "départements")
    jura = Cell.objects.get(departement_id="39")

    # A unit of the Jura.
    page.get_by_test_id("admin-nav").get_by_role("link", name="Unités").click()
    page.get_by_test_id("new-unit").click()
    page.locator("#id_name").fill("Brigade de recherches de Dole")
    page.locator("#id_kind").select_option("gendarmerie_zone")
    page.locator("#id_cell").select_option(str(jura.pk))
    page.locator("#id_contact_email").fill("br.dole@gendarmerie.interieur.gouv.fr")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_test_id("units").get_by_role(
        "link", name="Brigade de recherches de Dole"
    ).wait_for()
    screenshots.take(page, "4-units-1280")
    axe.check(page, "units")
    assert Unit.objects.get(name="Brigade de recherches de Dole").cell == jura

    # An analyst for the Jura, and their one-time activation link.
    page.get_by_test_id("admin-nav").get_by_role("link", name="Agents et rôles").click()
    page.get_by_test_id("new-agent").click()
    page.locator("#id_username").fill("l.morel")
    page.locator("#id_first_name").fill("Léa")
    page.locator("#id_last_name").fill("Morel")
    page.locator("#id_email").fill("lea.morel@interieur.gouv.fr")
    page.locator("#id_role").select_option(Role.ANALYST)
    page.locator("#id_cell").select_option(str(jura.pk))
    screenshots.take(page, "5-agent-form-1280")
    page.get_by_role("button", name="Enregistrer").click()
    link = page.get_by_test_id("enrolment-link").inner_text().strip()
    assert link.startswith(base_url + "/cellule/connexion/activation/")
    screenshots.take(page, "6-enrolment-link-1280")
    axe.check(page, "enrolment link")
    page.get_by_role("link", name="Voir le compte").click()
    page.get_by_test_id("assignment-form").wait_for()
    screenshots.take(page, "7-agent-1280")
    axe.check(page, "agent")
    page.get_by_test_id("admin-nav").get_by_role("link", name="Journal d’audit").click()
    page.get_by_test_id("chain-ok").wait_for()
    screenshots.take(page, "8-audit-1280")
    axe.check(page, "audit log")
    page.get_by_test_id("admin-nav").get_by_role("link", name="Conservation").click()
    page.get_by_test_id("retention-rules").wait_for()
    screenshots.take(page, "10-retention-1280")
    axe.check(page, "retention")
    page.get_by_test_id("admin-nav").get_by_role("link", name="Clés").click()
    page.get_by_test_id("key-reports").get_by_role("button", name="Lancer une rotation").wait_for()
    screenshots.take(page, "11-keys-1280")
    axe.check(page, "keys")
    context.close()

    # The new agent, on a phone: the link, a password, then the enrolment of the authenticator.
    agent_context = browser.new_context(locale="fr-FR", viewport={"width": 360, "height": 780})
    origin_guard.watch(agent_context)
    agent_page = agent_context.new_page()
    agent_page.goto(link)
    agent_page.locator("#id_new_password1").fill(NEW_PASSWORD)
    agent_page.locator("#id_new_password2").fill(NEW_PASSWORD)
    screenshots.take(agent_page, "9-activation-360")
    agent_page.get_by_role("button", name="Enregistrer le mot de passe").click()
    agent_page.get_by_test_id("otp-qr").locator("svg").wait_for()
    agent_context.close()
    assert Agent.objects.get(username="l.morel").check_password(NEW_PASSWORD)

    # The same pages on a phone.
    context, page = _log_in(browser, base_url, origin_guard, administrator, 360)
    screenshots.take(page, "1-home-360")
    for path, name in (
        ("departements/", "3-departements-360"),
        ("cellules/nouvelle/", "2-cell-form-360"),
        ("unites/", "4-units-360"),
        ("agents/", "5-agents-360"),
        ("agents/l.morel/", "7-agent-360"),
        ("journal/", "8-audit-360"),
        ("conservation/", "10-retention-360"),
        ("cles/", "11-keys-360"),
    ):
        page.goto(base_url + "/cellule/administration/" + path)
        screenshots.take(page, name)
    context.close()

    done = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        AuditAction.CELL_CREATE,
        AuditAction.UNIT_CREATE,
        AuditAction.AGENT_CREATE,
        AuditAction.AGENT_ACCOUNT_ACTIVATED,
        AuditAction.VIEW_AUDIT_LOG,
    } <= done
    assert origin_guard.foreign == []
