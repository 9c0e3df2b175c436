"""Issue 14 in Chromium, on the demo as `make run` creates it: the Doubs analyst reads the
cell's dashboard (1280 and 360 px) and downloads the meeting brief; the national level reads
the map of France and drills down to the Vaucluse, whose page names no case; the Vaucluse
analyst is told of the Pertuis alert and opens it. Screenshots go to the README."""

from __future__ import annotations

import re

from django.core.management import call_command
from django.utils import timezone

from tests.e2e.chrome import document_screenshot
from tests.e2e.test_report_path import _agent_logs_in
from tests.e2e.test_unit_dispatch import _no_horizontal_scroll
from tests.factories import AGENT_PASSWORD
from vigie.accounts.models import Agent
from vigie.demo.services import create_demo


def _demo() -> None:
    call_command("load_geography", departements="13,25,39,84", verbosity=0)
    create_demo(now=timezone.now())
    for agent in Agent.objects.all():  # the demo's shared password, the tests' one
        agent.set_password(AGENT_PASSWORD)
        agent.save(update_fields=["password"])


def test_the_cell_the_national_level_and_an_alert(
    browser, live_server, origin_guard, screenshots, axe
):
    _demo()
    base_url = live_server.url

    # The Doubs analyst: the dashboard from the header, the figures and their tables.
    context, page = _agent_logs_in(browser, base_url, origin_guard, "analyste.doubs")
    page.get_by_test_id("nav-figures").click()
    page.get_by_test_id("dashboard-title").wait_for()
    assert "Doubs (25)" in page.get_by_test_id("dashboard-title").inner_text()
    assert re.fullmatch(r"\d+", page.get_by_test_id("figure-reports").inner_text().strip())
    for chart in ("weekly", "monthly", "categories", "sources", "communes"):
        assert page.get_by_test_id(f"chart-{chart}").locator("svg title").count() >= 1
    assert page.get_by_test_id("table-communes").get_by_text("Besançon").count() == 1
    axe.check(page, "dashboard")
    screenshots.take(page, "dashboard-1280")
    page.get_by_role("heading", name="L’essentiel").scroll_into_view_if_needed()
    page.set_viewport_size({"width": 1280, "height": 1500})
    page.get_by_role("heading", name="L’essentiel").evaluate("(h) => h.scrollIntoView()")
    document_screenshot(page, "figures-dashboard")
    page.set_viewport_size({"width": 1280, "height": 900})

    # A period nobody can read: a French message, the typed text kept, this month shown.
    page.get_by_role("textbox", name=re.compile("^Période")).fill("octobre")
    page.get_by_role("button", name="Afficher").click()
    assert "Période inconnue" in page.get_by_test_id("period-error").inner_text()
    assert "dernier mois complet" in page.get_by_test_id("period-error").inner_text()
    assert page.get_by_role("textbox", name=re.compile("^Période")).input_value() == "octobre"

    # The meeting brief, one click.
    page.get_by_role("link", name="Mois précédent").click()
    with page.expect_download() as download:
        page.get_by_test_id("brief-pdf").click()
    path = download.value.path()
    assert path.read_bytes()[:5] == b"%PDF-"
    assert download.value.suggested_filename.startswith("vigie-note-25-")

    page.set_viewport_size({"width": 360, "height": 800})
    page.reload()
    _no_horizontal_scroll(page)
    # On a phone a chart keeps legible labels (it scrolls in its box, never shrinks to 7 px).
    width = (
        page.get_by_test_id("chart-weekly")
        .locator("svg")
        .evaluate("(svg) => svg.getBoundingClientRect().width")
    )
    assert width >= 540
    screenshots.take(page, "dashboard-360")
    context.close()

    # The national level lands on the map of France and drills down to the Vaucluse.
    context, page = _agent_logs_in(browser, base_url, origin_guard, "national")
    page.get_by_test_id("national-title").wait_for()
    assert page.get_by_test_id("national-map").locator("path[data-code]").count() == 101
    assert page.get_by_test_id("departement-table").locator("tr[data-code]").count() == 101
    assert "Pertuis" in page.get_by_test_id("national-alerts").inner_text()
    axe.check(page, "national")
    page.set_viewport_size({"width": 1280, "height": 1500})
    page.get_by_role("heading", name="Carte des départements").evaluate("(h) => h.scrollIntoView()")
    document_screenshot(page, "figures-national")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshots.take(page, "national-1280")
    page.get_by_test_id("departement-table").get_by_role("link", name="Vaucluse (84)").click()
    assert "Vaucluse (84)" in page.get_by_test_id("dashboard-title").inner_text()
    assert page.get_by_test_id("overdue-dispatches").count() == 0  # no case, nationally
    assert page.get_by_test_id("new-dossiers").count() == 0
    assert page.get_by_test_id("brief-links").count() == 0
    context.close()

    # The Vaucluse analyst is told, and opens the alert.
    context, page = _agent_logs_in(browser, base_url, origin_guard, "analyste.vaucluse")
    page.get_by_test_id("nav-notifications").click()
    page.get_by_role("link", name=re.compile("Pertuis")).first.click()
    explanation = page.get_by_test_id("alert-explanation").inner_text()
    assert "Pertuis" in explanation and "Marseille" in explanation
    assert page.get_by_test_id("alert-chart").locator("svg").count() == 1
    axe.check(page, "alert")
    document_screenshot(page, "figures-alert")
    screenshots.take(page, "alert-1280")
    context.close()
    assert origin_guard.foreign == []
