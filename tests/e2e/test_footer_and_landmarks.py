"""Every piece of content in a landmark (axe « region »), the footer's links on a phone."""

from __future__ import annotations

from tests.e2e.test_report_form import DESKTOP, PHONE, _no_horizontal_scroll
from tests.e2e.test_report_path import _agent_logs_in
from tests.factories import AgentFactory, CellFactory


def _violations(axe, page) -> list[str]:
    return [violation["id"] for violation in axe.check(page, page.url)]


def test_no_content_outside_a_landmark_on_either_side(
    browser, live_server, doubs_geography, origin_guard, axe, screenshots
) -> None:
    context = browser.new_context(locale="fr-FR", viewport=DESKTOP)
    origin_guard.watch(context)
    page = context.new_page()
    for path in ("/", "/accessibilite/", "/mentions-legales/", "/donnees-personnelles/"):
        page.goto(live_server.url + path)
        assert "region" not in _violations(axe, page), path
    context.close()
    # The back office's demo notice, the one that was outside every landmark.
    agent = AgentFactory(cell=CellFactory(is_demo=True))
    context, page = _agent_logs_in(browser, live_server.url, origin_guard, agent.username)
    page.get_by_text("Données de démonstration").wait_for()
    assert "region" not in _violations(axe, page)
    context.close()
    assert origin_guard.foreign == []


def test_the_footer_links_reach_the_statements_on_a_phone(
    browser, live_server, doubs_geography, origin_guard, screenshots
) -> None:
    context = browser.new_context(java_script_enabled=False, locale="fr-FR", viewport=PHONE)
    origin_guard.watch(context)
    page = context.new_page()
    page.goto(live_server.url + "/")
    footer = page.locator("footer")
    footer.get_by_role("link", name="Accessibilité : non conforme").click()
    page.get_by_role("heading", name="Déclaration d’accessibilité").wait_for()
    _no_horizontal_scroll(page)
    screenshots.take(page, "accessibility-360")
    page.locator("footer").get_by_role("link", name="Données personnelles").click()
    page.get_by_role("heading", name="Ce que Vigie n’enregistre pas").wait_for()
    _no_horizontal_scroll(page)
    screenshots.take(page, "personal-data-360")
    context.close()
    assert origin_guard.foreign == []
