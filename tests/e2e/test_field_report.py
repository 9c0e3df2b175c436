"""A unit officer sends a field report from a 360 px phone: « ici » from the device's
position (granted), a plate and a phone number; then the Doubs cell sees it tagged with the
unit. Screenshots at 360 and 1280 px; nothing is wider than the screen."""

from __future__ import annotations

from tests.e2e.test_report_path import _agent_logs_in
from tests.factories import AGENT_PASSWORD, AgentFactory
from tests.login_support import totp_code
from vigie.reports.models import Report

# Leaflet's own panes reach past the map by design (the map clips them): not counted.
WIDER_THAN_SCREEN = """() => [...document.querySelectorAll('main *')]
  .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .filter((el) => !el.closest('.leaflet-container') || el.classList.contains('leaflet-container'))
  .map((el) => `${el.tagName}#${el.id} ${Math.round(el.getBoundingClientRect().right)}px`)"""


def _officer_logs_in(browser, base_url, origin_guard, username, width):
    context = browser.new_context(
        locale="fr-FR",
        viewport={"width": width, "height": 780 if width < 500 else 900},
        geolocation={"latitude": 47.2380, "longitude": 6.0243},
        permissions=["geolocation"],
    )
    origin_guard.watch(context)
    page = context.new_page()
    page.goto(base_url + "/cellule/connexion/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(AGENT_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_label("Code de vérification").fill(totp_code(officer_named(username)))
    page.get_by_role("button", name="Vérifier").click()
    return context, page


def officer_named(username):
    from vigie.accounts.models import Agent

    return Agent.objects.get(username=username)


def test_an_officer_sends_a_field_report_from_a_phone(
    browser, live_server, doubs_geography, origin_guard, screenshots, axe
):
    base_url = live_server.url
    officer = AgentFactory(unit_member=True, username="brigadier.martin", last_name="Martin")
    analyst = AgentFactory(analyst=True, username="analyste.doubs")

    # At 1280 px: the header leads to the field reports; the empty form, looked at.
    context, page = _officer_logs_in(browser, base_url, origin_guard, officer.username, 1280)
    page.get_by_test_id("nav-field").click()
    page.get_by_test_id("field-empty").wait_for()
    page.get_by_test_id("field-new").click()
    page.get_by_test_id("field-form").wait_for()
    page.locator("#field-map path").first.wait_for(state="attached")  # the outline drawn
    screenshots.take(page, "1-form-1280")
    axe.check(page, "field form 1280")
    context.close()

    # At 360 px: the whole report, sent with « ici ».
    context, page = _officer_logs_in(browser, base_url, origin_guard, officer.username, 360)
    page.goto(base_url + "/cellule/terrain/nouvelle/")
    page.get_by_test_id("here").click()
    page.wait_for_function("document.getElementById('id_latitude').value !== ''")
    assert page.locator("#id_latitude").input_value().startswith("47.238")
    page.get_by_label("Adresse ou repère").fill("Parking de la rue de Dole")
    page.get_by_label("Ce que vous avez vu").fill(
        "Trois guetteurs, échanges main à main près d’une Clio grise toute la soirée."
    )
    page.get_by_label("Véhicules").fill("AB-123-CD, Clio grise")
    page.get_by_label("Identifiants (téléphones, comptes)").fill("06 12 34 56 78")
    page.get_by_text("Coordonnées du point").click()  # opened: typed coordinates fit too
    screenshots.take(page, "2-filled-360")
    assert page.evaluate(WIDER_THAN_SCREEN) == []
    page.get_by_test_id("field-send").click()
    page.get_by_test_id("field-report").wait_for()
    assert page.evaluate(WIDER_THAN_SCREEN) == []
    screenshots.take(page, "3-sent-360")
    sent = Report.objects.get()
    assert sent.source == "field" and sent.field_officer == officer
    assert sent.departement_id == "25"
    context.close()

    # The cell sees it in its queue, tagged with the unit.
    context, page = _agent_logs_in(browser, base_url, origin_guard, analyst.username)
    tag = page.get_by_test_id("triage-table").get_by_test_id("field-tag")
    assert tag.inner_text() == f"Remontée terrain — {officer.unit.name}"
    context.close()
    assert origin_guard.foreign == []
