"""Issue 9 items 11 and 12 in Chromium: an urgent report reaches the analyst's open page at once
(alert, optional sound kept in the browser, queue refreshed in place), and the list of all
the cell's reports at 360 px and 1280 px."""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_chat import live_server  # noqa: F401  # the ASGI live server (WebSockets)
from tests.e2e.test_report_path import _agent_logs_in
from tests.factories import AgentFactory, report
from tests.login_support import totp_code
from vigie.reports.services import post_citizen_message

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
URGENT = "Un homme armé d'un pistolet tire en ce moment devant le hall, un blessé au sol !"

pytestmark = pytest.mark.filterwarnings(
    "ignore:StreamingHttpResponse must consume synchronous iterators"
)


def _urgent_report_through_the_api(page, base_url: str) -> str:
    """A citizen's report sent to the running server, as the public API receives it."""
    response = page.request.post(
        base_url + "/api/v1/reports",
        data=json.dumps(
            {
                "submission_id": str(uuid.uuid4()),
                "category": "point_de_deal",
                "description": URGENT,
                "location": {"address": "12 rue de Dole", "commune": "25056"},
            }
        ),
        headers={"Content-Type": "application/json"},
    )
    assert response.status == 201, response.text()
    return str(response.json()["reference"])


def test_an_urgent_report_reaches_the_open_triage_page_at_once(
    browser,
    live_server,  # noqa: F811  # the ASGI live server imported above
    doubs_geography,
    origin_guard,
    screenshots,
) -> None:
    analyst = AgentFactory(analyst=True, departement="25", username="analyste.alerte")
    report()  # an ordinary report already waiting
    context, page = _agent_logs_in(browser, live_server.url, origin_guard, analyst.username)
    alerts = page.locator("#vigie-alerts")
    expect(alerts).to_be_visible()
    expect(alerts).to_have_attribute("data-state", "open")
    toggle = page.get_by_label("Son des alertes")
    expect(toggle).not_to_be_checked()  # off by default
    page.locator("label[for=vigie-alert-sound]").click()
    expect(toggle).to_be_checked()
    assert page.evaluate("localStorage.getItem('vigie.alerts.sound')") == "on"
    page.reload()
    expect(page.get_by_label("Son des alertes")).to_be_checked()  # kept in this browser
    page.locator("label[for=vigie-alert-sound]").click()
    expect(page.get_by_label("Son des alertes")).not_to_be_checked()
    expect(page.locator("#vigie-alerts")).to_have_attribute("data-state", "open")
    expect(page.get_by_test_id("awaiting-count")).to_have_text("1")
    page.evaluate("window.vigieNotReloaded = true")

    reference = _urgent_report_through_the_api(context, live_server.url)

    expect(page.get_by_test_id("alert-list").get_by_role("link", name=reference)).to_be_visible()
    expect(page.get_by_test_id("alert-count")).to_have_text("1")
    queue = page.get_by_test_id("triage-table")
    # The queue refetches itself after the alert (a whole page render: slow on a loaded machine).
    expect(queue.get_by_role("link", name=reference)).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("awaiting-count")).to_have_text("2")
    assert page.evaluate("window.vigieNotReloaded === true")  # refreshed in place
    screenshots.take(page, "urgent-alert-1280")
    assert origin_guard.foreign == []
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_the_list_of_all_reports_reads_on_a_phone_and_a_desktop(
    browser,
    live_server,  # noqa: F811  # the ASGI live server imported above
    doubs_geography,
    origin_guard,
    axe,
    width: int,
) -> None:
    analyst = AgentFactory(analyst=True, departement="25", username=f"analyste.{width}")
    for index in range(30):
        each = report(commune_code=("25056", "25462", "25388")[index % 3])
        if index % 7 == 0:
            post_citizen_message(report=each, text="Ils sont revenus.")
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    origin_guard.watch(context)
    page = context.new_page()
    page.goto(live_server.url + "/cellule/connexion/")
    page.get_by_label("Nom d’utilisateur").fill(analyst.username)
    page.get_by_label("Mot de passe").fill("correct horse battery staple")
    page.get_by_role("button", name="Se connecter").click()
    # The second factor: the code the agent's authenticator shows now.
    page.get_by_label("Code de vérification").fill(totp_code(analyst))
    page.get_by_role("button", name="Vérifier").click()
    page.get_by_test_id("all-reports").click()
    rows = page.get_by_test_id("report-row")
    expect(rows).to_have_count(25)
    expect(page.get_by_test_id("result-count")).to_have_text("30")
    # Nothing scrolls sideways on a phone: the rows become cards.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    axe.check(page, f"report list {width}")
    page.get_by_label("Rechercher").fill("Pontarlier")
    page.get_by_role("button", name="Filtrer").click()
    expect(rows).to_have_count(10)
    page.get_by_role("link", name="Effacer").click()
    expect(rows).to_have_count(25)
    shot = ARTIFACTS / f"reports-list-{width}.png"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot), full_page=width == 360)
    DOCS.mkdir(parents=True, exist_ok=True)
    shutil.copy(shot, DOCS / f"reports-list-{width}.png")
    assert origin_guard.foreign == []
    context.close()
