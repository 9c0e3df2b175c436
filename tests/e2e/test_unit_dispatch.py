"""A unit member acknowledges a dispatch on a 360 px phone; the unit's dispatch page at 360 and
1280 px (screenshots in test-artifacts/screenshots)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.test_report_path import _agent_logs_in
from tests.factories import AgentFactory, UnitFactory, dispatched, report
from vigie.operations.models import DispatchStatus


def _no_horizontal_scroll(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow} px"


def test_a_unit_member_acknowledges_a_dispatch_on_a_phone(
    browser, live_server, doubs_geography, origin_guard, screenshots
):
    analyst = AgentFactory(analyst=True, username="analyste.doubs")
    unit = UnitFactory(name="Compagnie de gendarmerie de Pontarlier")
    member = AgentFactory(unit_member=True, unit=unit, username="gendarme.pontarlier")
    target = report(commune_code="25462")
    dispatch = dispatched(by=analyst, unit=unit, reports=[target], priority="urgente")

    context, page = _agent_logs_in(
        browser, live_server.url, origin_guard, member.username, width=360
    )
    # The unit's landing page lists the dispatch; the header's menu holds notifications.
    page.get_by_test_id("unit-dispatch-link").click()
    expect(page.get_by_test_id("dispatch-title")).to_contain_text(dispatch.label)
    expect(page.get_by_test_id("fact-description")).to_contain_text("hall B")
    _no_horizontal_scroll(page)
    acknowledge = page.get_by_role("button", name="Accuser réception")
    box = acknowledge.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
    screenshots.take(page, "1-unit-dispatch-360")
    acknowledge.click()
    expect(page.get_by_text("Accusé de réception envoyé à la cellule.")).to_be_visible()
    expect(page.get_by_test_id("entry").first).to_contain_text("Accusé de réception")
    _no_horizontal_scroll(page)
    screenshots.take(page, "2-acknowledged-360")
    # The menu button opens the header's tools on a phone.
    page.get_by_role("button", name="Menu").click()
    expect(page.locator("#header-menu").get_by_text("Notifications")).to_be_visible()
    screenshots.take(page, "3-menu-360")
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.ACKNOWLEDGED
    assert target.reference not in page.content()
    context.close()

    context, page = _agent_logs_in(
        browser, live_server.url, origin_guard, member.username, width=1280
    )
    page.goto(live_server.url + f"/cellule/espace/unite/transmissions/{dispatch.public_id}/")
    expect(page.get_by_test_id("dispatch-title")).to_be_visible()
    screenshots.take(page, "4-unit-dispatch-1280")
    context.close()
    assert origin_guard.foreign == []
