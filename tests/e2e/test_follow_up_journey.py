"""The receipt, then the two-way thread: citizen (with and without JavaScript) and the cell."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import expect

from tests.cache_support import fresh_cache
from tests.e2e.test_report_path import _agent_logs_in
from tests.factories import AgentFactory
from tests.web.test_report_form import payload
from vigie.reports.models import Report
from vigie.reports.selectors import cell_messages
from vigie.reports.services import post_cell_message

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = {"serious", "critical"}

# Submits the report form's final step with every field filled (the form is tested on its own
# in tests/web/test_report_form.py); the receipt page is then the real answer of the real view.
SUBMIT_REPORT = """(fields) => {
  const form = document.createElement("form");
  form.method = "post";
  form.action = "/signaler/";
  const csrf = document.querySelector("input[name=csrfmiddlewaretoken]").value;
  for (const [name, value] of [["csrfmiddlewaretoken", csrf], ...fields]) {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    form.appendChild(input);
  }
  document.body.appendChild(form);
  form.submit();
}"""


def _serious_violations(page) -> list[dict]:
    """axe-core run in the page (evaluated over the DevTools protocol, so the CSP stays on)."""
    page.evaluate(AXE.read_text())
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
            .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target)}))"""
    )
    return [violation for violation in found if violation["impact"] in SERIOUS]


def _fields() -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for name, value in payload().items():
        values = value if isinstance(value, list) else [value]
        pairs.extend((name, str(item)) for item in values)
    return pairs


def _citizen(browser, origin_guard, *, javascript: bool, width: int):
    context = browser.new_context(
        java_script_enabled=javascript,
        locale="fr-FR",
        viewport={"width": width, "height": 900},
        accept_downloads=True,
    )
    origin_guard.watch(context)
    return context, context.new_page()


def _receipt(browser, base_url, origin_guard, screenshots):
    context, page = _citizen(browser, origin_guard, javascript=True, width=360)
    page.goto(base_url + "/signaler/")
    with page.expect_navigation() as navigation:
        page.evaluate(SUBMIT_REPORT, _fields())
    assert navigation.value.headers["cache-control"] == "no-store"
    reference = page.get_by_test_id("reference").inner_text().strip()
    secret = page.get_by_test_id("secret").inner_text().strip()
    qr = page.get_by_test_id("receipt-qr").locator("svg")
    assert qr.is_visible()
    assert qr.get_attribute("class") == "vigie-receipt-qr"
    assert "pas même la police" in page.get_by_test_id("receipt-warning").inner_text()
    screenshots.take(page, "receipt-360")
    assert _serious_violations(page) == []

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Télécharger (fichier texte)").click()
    download = download_info.value
    assert download.suggested_filename == f"recepisse-{reference}.txt"
    text = Path(download.path()).read_text()
    assert reference in text and secret in text

    page.set_viewport_size({"width": 1280, "height": 900})
    screenshots.take(page, "receipt-1280")
    page.emulate_media(media="print")
    assert not page.locator("header").is_visible()
    assert not page.get_by_role("button", name="Télécharger (fichier texte)").is_visible()
    screenshots.take(page, "receipt-print")
    context.close()
    return reference, secret


def _open_follow_up(page, base_url, reference, secret):
    page.goto(base_url + "/suivi/")
    page.get_by_label("Référence du signalement").fill(reference)
    page.get_by_label("Code secret").fill(secret)
    page.get_by_role("button", name="Consulter").click()


def test_the_citizen_and_the_cell_write_to_each_other_with_the_receipt(
    browser, live_server, doubs_geography, origin_guard, screenshots
):
    fresh_cache()  # rate-limit counters from other tests
    base_url = live_server.url
    analyst = AgentFactory(analyst=True, departement="25", username="analyste.doubs")
    reference, secret = _receipt(browser, base_url, origin_guard, screenshots)
    report = Report.objects.get(reference=reference)
    post_cell_message(report=report, agent=analyst, text="Les ventes ont-elles lieu le dimanche ?")

    # Without JavaScript: a wrong secret gets the generic answer, the right one the thread.
    context, page = _citizen(browser, origin_guard, javascript=False, width=360)
    _open_follow_up(page, base_url, reference, "AAAA-BBBB-CCCC")
    assert "Référence ou code secret incorrect" in page.content()
    screenshots.take(page, "follow-up-wrong-secret-360")
    page.get_by_label("Code secret").fill(secret)
    page.get_by_role("button", name="Consulter").click()
    thread = page.get_by_test_id("thread")
    # Each answer is a new page: wait for its content, never read the page being left.
    expect(thread).to_contain_text("Les ventes ont-elles lieu le dimanche ?")
    expect(thread).to_contain_text("La cellule")
    assert analyst.last_name not in page.content()
    page.get_by_label("Votre message à la cellule").fill("Oui, surtout le dimanche soir.")
    page.get_by_role("button", name="Envoyer le message").click()
    expect(page.get_by_test_id("sent")).to_contain_text("Votre message a été transmis")
    page.get_by_label("Ce que vous voulez ajouter").fill("Un scooter rouge fait le guet.")
    page.get_by_role("button", name="Ajouter au signalement").click()
    expect(page.get_by_test_id("thread")).to_contain_text("Un scooter rouge fait le guet.")
    screenshots.take(page, "follow-up-status-360")
    context.close()

    # With JavaScript, wide screen: the same page, accessible.
    context, page = _citizen(browser, origin_guard, javascript=True, width=1280)
    page.goto(base_url + "/suivi/")
    assert _serious_violations(page) == []
    _open_follow_up(page, base_url, reference, secret)
    page.get_by_test_id("thread").wait_for()
    screenshots.take(page, "follow-up-status-1280")
    assert _serious_violations(page) == []
    context.close()

    # The cell sees the reply and the addition, answers; the citizen reads the answer.
    context, page = _agent_logs_in(browser, base_url, origin_guard, analyst.username)
    row = page.get_by_test_id("triage-table").get_by_role("row").filter(has_text=reference)
    assert "2 messages non lus" in row.text_content()
    row.get_by_role("link", name=reference).click()
    thread = page.get_by_test_id("thread")
    expect(thread).to_contain_text("Oui, surtout le dimanche soir.")
    assert thread.get_by_test_id("addition").count() == 1
    page.get_by_label("Message au citoyen").fill("Merci, c’est noté.")
    page.get_by_role("button", name="Envoyer au citoyen").click()
    page.get_by_text("Message envoyé.").wait_for()
    screenshots.take(page, "backoffice-thread-1280")
    context.close()
    assert [m.text for m in cell_messages(report)][-1] == "Merci, c’est noté."

    context, page = _citizen(browser, origin_guard, javascript=False, width=360)
    _open_follow_up(page, base_url, reference, secret)
    expect(page.get_by_test_id("thread")).to_contain_text("Merci, c’est noté.")
    context.close()

    assert origin_guard.foreign == [], json.dumps(origin_guard.foreign)
