"""DSFR's header on a phone: the menu button opens the menu with every header link, on the
citizen side and in the back office; without JavaScript the links stay in the header; DSFR's
script throws on no page. Screenshots of the open menu go to docs/screenshots/.
"""

from __future__ import annotations

import pytest

from tests.e2e.chrome import PageErrors, document_screenshot
from tests.e2e.test_chat import live_server  # noqa: F401  # the ASGI live server: back-office pages open the alerts socket
from tests.e2e.test_report_form import DESKTOP, PHONE, _no_horizontal_scroll
from tests.e2e.test_report_path import _agent_logs_in
from tests.factories import AgentFactory, CellFactory

CITIZEN_PAGES = ["/", "/signaler/", "/suivi/", "/discuter/", "/hors-ligne/"]

# WhiteNoise serves static files with a synchronous iterator; under ASGI Django warns.
pytestmark = pytest.mark.filterwarnings(
    "ignore:StreamingHttpResponse must consume synchronous iterators"
)


def test_the_citizen_header_menu_opens_on_a_phone_and_no_page_throws(
    browser,
    live_server,  # noqa: F811  # the ASGI live server imported above
    doubs_geography,
    origin_guard,
    screenshots,
) -> None:
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    origin_guard.watch(context)
    errors = PageErrors(context)
    page = context.new_page()
    for path in CITIZEN_PAGES:
        page.goto(live_server.url + path)
        page.wait_for_function("() => document.documentElement.dataset.frJs === 'true'")
    assert errors.seen == []

    page.goto(live_server.url + "/suivi/")
    page.wait_for_function("() => document.documentElement.dataset.frJs === 'true'")
    header = page.locator(".fr-header__tools-links")
    assert not header.is_visible()  # below DSFR's lg breakpoint, the links live in the menu
    page.get_by_role("button", name="Menu").click()
    menu = page.locator(".fr-header__menu")
    menu.get_by_role("link", name="Signaler").wait_for(state="visible")
    assert menu.get_by_role("link", name="Suivre mon signalement").is_visible()
    assert menu.get_by_role("button", name="English").is_visible()
    screenshots.take(page, "menu-open")
    document_screenshot(page, "menu-360")
    menu.get_by_role("link", name="Signaler").click()
    page.get_by_text("Étape 1 sur 6").wait_for()

    # The language switch works from the menu too.
    page.get_by_role("button", name="Menu").click()
    page.locator(".fr-header__menu").get_by_role("button", name="English").click()
    page.get_by_text("Step 1 of 6").wait_for()

    page.get_by_role("button", name="Menu").click()
    page.locator(".fr-header__menu").get_by_role("button", name="Français").click()
    page.get_by_text("Étape 1 sur 6").wait_for()

    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/")
    page.locator(".fr-header__tools-links").get_by_role("link", name="Signaler").wait_for()
    assert not page.get_by_role("button", name="Menu").is_visible()
    document_screenshot(page, "menu-1280")
    context.close()
    assert errors.seen == []
    assert origin_guard.foreign == []


def test_without_javascript_the_header_links_stay_reachable_on_a_phone(
    browser,
    live_server,  # noqa: F811  # the ASGI live server imported above
    doubs_geography,
    screenshots,
) -> None:
    context = browser.new_context(java_script_enabled=False, locale="fr-FR", viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/")
    tools = page.locator(".fr-header__tools-links")
    assert tools.get_by_role("link", name="Signaler").is_visible()
    assert tools.get_by_role("link", name="Suivre mon signalement").is_visible()
    assert tools.get_by_role("button", name="English").is_visible()
    assert not page.get_by_role("button", name="Menu").is_visible()  # it would do nothing
    screenshots.take(page, "header")
    _no_horizontal_scroll(page)
    context.close()


def test_the_back_office_header_menu_opens_on_a_phone_and_no_page_throws(
    browser,
    live_server,  # noqa: F811  # the ASGI live server imported above
    doubs_geography,
    origin_guard,
    screenshots,
) -> None:
    agent = AgentFactory(cell=CellFactory(is_demo=True))
    context, page = _agent_logs_in(browser, live_server.url, origin_guard, agent.username)
    errors = PageErrors(context)
    page.set_viewport_size(PHONE)
    page.reload()
    page.wait_for_function("() => document.documentElement.dataset.frJs === 'true'")
    page.get_by_role("button", name="Menu").click()
    menu = page.locator(".fr-header__menu")
    menu.get_by_role("link", name="Discussions").wait_for(state="visible")
    assert menu.get_by_role("button", name="Se déconnecter").is_visible()
    screenshots.take(page, "menu-open")
    document_screenshot(page, "menu-backoffice-360")
    menu.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url("**/cellule/connexion/**")
    context.close()
    assert errors.seen == []
    assert origin_guard.foreign == []
