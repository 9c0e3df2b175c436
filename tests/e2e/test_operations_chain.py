"""Issue 13's whole chain in Chromium: two citizens report the same phone number in Pontarlier
through the public form; the linking job puts them in one dossier, which the analyst confirms
and dispatches to the unit the commune → unit table names; a unit member acknowledges on a
360 px phone, records the outcomes and closes with « action menée »; the cell closes for the
citizens, whose follow-up page reads « Transmis à un service » then « Clôturé » with a neutral
message, never the unit's name. The unit's pages never show a receipt reference."""

from __future__ import annotations

import io

from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.chrome import document_screenshot
from tests.e2e.test_report_path import _agent_logs_in, _citizen_reports
from tests.e2e.test_unit_dispatch import _no_horizontal_scroll
from tests.factories import AgentFactory
from vigie.cells.models import Unit
from vigie.crossref.models import DossierMember
from vigie.operations.models import Dispatch, DispatchStatus
from vigie.outcomes.models import Outcome
from vigie.reports.enums import ClosingMessage, ReportStatus

# The exact labels the citizen reads (vigie.reports.enums).
PASSED = str(ReportStatus.PASSED_TO_UNIT.label)
CLOSED = str(ReportStatus.CLOSED.label)
MESSAGE = str(ClosingMessage.CONTRIBUTED.label)
PHONE = {"width": 360, "height": 800}
UNIT = "Compagnie de gendarmerie de Pontarlier"
# The commune → unit table as the ministry publishes it (docs/operations.md): Pontarlier's
# INSEE code, the unit, its kind.
TABLE = f"code_insee;unite;type\n25462;{UNIT};zone gendarmerie\n"
IN_PONTARLIER = {"commune": "Pontarlier", "address": "rue des Lilas, hall C", "viewport": PHONE}
FIRST = (
    "Tous les soirs vers 19h, un homme vend devant le hall C de la rue des Lilas. "
    "On commande aussi par téléphone au 06 12 34 56 78."
)
SECOND = (
    "Un livreur en scooter noir dépose des sachets près du parking de la gare ; "
    "le numéro 06.12.34.56.78 circule au lycée."
)
# The elements matching a selector in which `text` spans two lines (a label's « (facultatif) »
# or an identifier broken mid-word on a phone).
SPLIT = """([selector, text]) => [...document.querySelectorAll(selector)].filter((element) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(text);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + text.length);
    if (new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1) {
      return true;
    }
  }
  return false;
}).map((element) => element.textContent.trim())"""


def _split(page, selector: str, text: str) -> list[str]:
    return page.evaluate(SPLIT, [selector, text])


def _within_the_screen(locator, width: int) -> None:
    box = locator.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, box


def _document(page, name: str, *, height: int) -> None:
    """The top `height` px of the page for the README (docs/screenshots/); the whole page is
    in the e2e artifacts (`screenshots.take`)."""
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": height})
    page.evaluate("window.scrollTo(0, 0)")
    document_screenshot(page, name)
    page.set_viewport_size(size)


def _follow_up(browser, base_url, origin_guard, reference: str, secret: str):
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    origin_guard.watch(context)
    page = context.new_page()
    page.goto(base_url + "/suivi/")
    page.get_by_label("Référence du signalement").fill(reference)
    page.get_by_label("Code secret").fill(secret)
    page.get_by_role("button", name="Consulter").click()
    page.get_by_test_id("status").wait_for()
    return context, page


def _unit_page_is_clean(page, references: list[str]) -> None:
    content = page.content()
    for reference in references:
        assert reference not in content, f"{page.url} shows the receipt reference {reference}"


def test_a_report_goes_to_a_unit_and_its_outcome_comes_back_to_the_citizen(
    browser, live_server, doubs_geography, origin_guard, axe, screenshots, tmp_path
):
    base_url = live_server.url
    analyst = AgentFactory(analyst=True, departement="25", username="analyste.doubs")
    table = tmp_path / "competences.csv"
    table.write_text(TABLE, encoding="utf-8")
    call_command("units", "import", str(table), "--no-progress", stdout=io.StringIO())
    unit = Unit.objects.get(name=UNIT)
    member = AgentFactory(unit_member=True, unit=unit, username="gendarme.pontarlier")

    # Two citizens, one phone number: the linking job (run at submission) builds a dossier.
    reference, secret = _citizen_reports(
        browser, base_url, origin_guard, **IN_PONTARLIER, description=FIRST
    )
    other, _other_secret = _citizen_reports(
        browser, base_url, origin_guard, **IN_PONTARLIER, description=SECOND
    )
    references = [reference, other]
    dossier = DossierMember.objects.get(report__reference=reference).dossier
    assert DossierMember.objects.get(report__reference=other).dossier == dossier

    # The analyst finds the dossier from the triage list and confirms the link.
    context, page = _agent_logs_in(browser, base_url, origin_guard, analyst.username)
    row = page.get_by_test_id("triage-table").get_by_role("row").filter(has_text=reference)
    row.get_by_test_id("joined-dossier").click()
    page.wait_for_url(f"**/cellule/dossiers/{dossier.public_id}/")
    link = page.get_by_test_id("link-row")
    expect(link).to_have_count(1)
    expect(page.get_by_test_id("link-table")).to_contain_text("+33612345678")
    link.get_by_role("button", name="Confirmer").click()
    page.get_by_text("Lien confirmé").wait_for()

    # Dispatch: the table's unit is preselected and the reason is on the page.
    page.get_by_test_id("dispatch-dossier").click()
    expect(page.get_by_test_id("suggestion-line")).to_have_text(
        f"Pontarlier → {UNIT}, zone gendarmerie"
    )
    expect(page.get_by_label("Unité", exact=True)).to_have_value(str(unit.pk))
    page.locator("label", has_text="Haute").click()
    page.get_by_role("textbox", name="Consignes pour l’unité").fill(
        "Surveillance du hall C en soirée ; vérifier le numéro de commande."
    )
    _no_horizontal_scroll(page)
    axe.check(page, "dispatch form 1280")
    screenshots.take(page, "1-dispatch-form-1280")
    _document(page, "dispatch-form-1280", height=1180)
    page.get_by_role("button", name="Transmettre").click()
    expect(page.get_by_test_id("dispatch-title")).to_contain_text(UNIT)
    dispatch = Dispatch.objects.get(dossier=dossier)
    assert dispatch.unit == unit and dispatch.followed_suggestion
    context.close()

    # The citizen's follow-up page: « Transmis à un service », never the unit.
    context, page = _follow_up(browser, base_url, origin_guard, reference, secret)
    expect(page.get_by_test_id("status")).to_have_text(PASSED)
    assert _split(page, "h1", reference) == []
    expect(page.get_by_test_id("history")).to_contain_text(PASSED)
    assert UNIT not in page.content() and "gendarmerie" not in page.content().lower()
    _no_horizontal_scroll(page)
    screenshots.take(page, "2-follow-up-passed-360")
    _document(page, "follow-up-passed-360", height=1280)
    context.close()

    # A unit member, on a phone: the dispatch, acknowledged.
    context, page = _agent_logs_in(browser, base_url, origin_guard, member.username, width=360)
    expect(page.get_by_test_id("space-title")).to_contain_text(UNIT)
    _unit_page_is_clean(page, references)
    page.get_by_test_id("unit-dispatch-link").click()
    expect(page.get_by_test_id("dispatch-title")).to_contain_text(dispatch.label)
    expect(page.get_by_test_id("instructions")).to_contain_text("Surveillance du hall C")
    assert _split(page, "h1, .fr-text--sm", dispatch.label) == []
    assert _split(page, "p", dossier.label) == []
    acknowledge = page.get_by_role("button", name="Accuser réception")
    _within_the_screen(acknowledge, 360)
    _no_horizontal_scroll(page)
    _unit_page_is_clean(page, references)
    axe.check(page, "unit dispatch 360")
    screenshots.take(page, "3-unit-dispatch-360")
    _document(page, "unit-dispatch-360", height=1280)
    acknowledge.click()
    expect(page.get_by_text("Accusé de réception envoyé à la cellule.")).to_be_visible()

    # « Saisir des suites »: 1 interpellation, 1 garde à vue, 12 g of cocaine, 550 €.
    page.get_by_test_id("record-outcome").click()
    page.get_by_label("Interpellations").fill("1")
    page.get_by_label("Gardes à vue").fill("1")
    drugs = page.get_by_test_id("drug-row").first
    drugs.get_by_label("Produit").select_option("cocaine")
    drugs.get_by_label("Quantité").fill("12")
    drugs.get_by_label("Unité").select_option("g")
    page.get_by_label("Numéraire saisi (€)").fill("550")
    _no_horizontal_scroll(page)
    assert _split(page, "h1", dispatch.label) == []
    assert _split(page, ".fr-label", "(facultatif)") == []
    _unit_page_is_clean(page, references)
    axe.check(page, "unit outcomes 360")
    screenshots.take(page, "4-unit-outcomes-360")
    _document(page, "unit-outcomes-360", height=1280)
    save = page.get_by_role("button", name="Enregistrer les suites", exact=True)
    _within_the_screen(save, 360)
    save.click()
    section = page.get_by_test_id("outcomes")
    expect(section.get_by_test_id("outcome")).to_have_count(1)
    expect(section).to_contain_text("Saisie : Cocaïne, 12 g")
    expect(section).to_contain_text("550 € saisis")

    # Closed with « action menée », now that its outcomes are in.
    close = page.get_by_test_id("close-form")
    close.locator("label", has_text="Action menée").click()
    close.get_by_role("button", name="Clôturer la transmission").click()
    expect(page.get_by_text("Transmission clôturée. La cellule est prévenue.")).to_be_visible()
    _no_horizontal_scroll(page)
    _unit_page_is_clean(page, references)
    screenshots.take(page, "5-unit-closed-360")
    context.close()
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.CLOSED and dispatch.acknowledged_at is not None
    outcome = Outcome.objects.get()
    assert (outcome.arrests, outcome.custodies, outcome.cash_eur) == (1, 1, 550)

    # The cell closes for the citizens with a neutral message.
    context, page = _agent_logs_in(browser, base_url, origin_guard, analyst.username)
    page.goto(f"{base_url}/cellule/transmissions/{dispatch.public_id}/")
    citizen_close = page.get_by_test_id("citizen-close-form")
    citizen_close.locator("label", has_text=MESSAGE).click()
    citizen_close.get_by_role("button", name="Clôturer les signalements").click()
    expect(page.get_by_test_id("citizen-closed")).to_be_visible()
    screenshots.take(page, "6-cell-closed-for-citizen-1280")
    context.close()

    # The citizen reads « Clôturé » and the message; still no unit.
    context, page = _follow_up(browser, base_url, origin_guard, reference, secret)
    expect(page.get_by_test_id("status")).to_have_text(CLOSED)
    expect(page.get_by_test_id("closing-message")).to_have_text(MESSAGE)
    history = page.get_by_test_id("history")
    expect(history).to_contain_text(PASSED)
    expect(history).to_contain_text(CLOSED)
    assert UNIT not in page.content() and "gendarmerie" not in page.content().lower()
    assert "Cocaïne" not in page.content() and "550" not in page.content()
    _no_horizontal_scroll(page)
    screenshots.take(page, "7-follow-up-closed-360")
    context.close()

    assert origin_guard.foreign == []
