"""Back, forward and the language switch in the middle of the report form lose nothing.

Each step is a post answered with a redirect to the step's page (vigie.reports.drafts), so the
browser's history holds plain pages: no « Confirmer le renvoi du formulaire », on a phone.
"""

from __future__ import annotations

from tests.e2e.test_report_form import DESKTOP, PHONE, _next


def _start(page, url: str) -> None:
    page.goto(url + "/signaler/")
    page.locator("label", has_text="Point de vente fixe (point de deal)").click()
    _next(page)
    page.get_by_text("Étape 2 sur 6").wait_for()
    page.get_by_label("Commune ou code postal").fill("Besançon")
    page.get_by_label("Adresse ou lieu précis").fill("12 rue de Dole, hall B")


def test_back_and_forward_on_a_phone_without_javascript_keep_every_value(
    browser, live_server, doubs_geography, origin_guard, screenshots
) -> None:
    context = browser.new_context(java_script_enabled=False, locale="fr-FR", viewport=PHONE)
    origin_guard.watch(context)
    page = context.new_page()
    _start(page, live_server.url)
    _next(page)
    page.get_by_text("Étape 3 sur 6").wait_for()
    page.get_by_label("Est-ce que cela se répète ? Quand ?").fill("tous les soirs")
    _next(page)
    page.get_by_text("Étape 4 sur 6").wait_for()

    page.go_back()  # a plain page: no resubmission, no error page
    page.get_by_text("Étape 3 sur 6").wait_for()
    assert (
        page.get_by_label("Est-ce que cela se répète ? Quand ?").input_value() == "tous les soirs"
    )
    page.go_back()
    page.get_by_text("Étape 2 sur 6").wait_for()
    assert page.get_by_label("Commune ou code postal").input_value() == "Besançon"
    assert page.get_by_label("Adresse ou lieu précis").input_value() == "12 rue de Dole, hall B"
    screenshots.take(page, "nojs-360-back-to-2")
    page.go_forward()
    page.get_by_text("Étape 3 sur 6").wait_for()
    page.go_forward()
    page.get_by_text("Étape 4 sur 6").wait_for()
    # Step 1's choice was carried all along.
    page.go_back()
    page.go_back()
    page.go_back()
    page.get_by_text("Étape 1 sur 6").wait_for()
    assert page.locator("input[name=category][value=point_de_deal]").is_checked()
    context.close()
    assert origin_guard.foreign == []


def test_switching_language_mid_form_keeps_what_was_typed_with_javascript(
    browser, live_server, doubs_geography, origin_guard, screenshots
) -> None:
    # 1280 px: below DSFR's lg breakpoint the header's language switch is in the mobile menu
    # (issue 9 item 2, another change).
    context = browser.new_context(locale="fr-FR", viewport=DESKTOP)
    origin_guard.watch(context)
    page = context.new_page()
    _start(page, live_server.url)  # typed on step 2, not yet posted
    page.locator(".fr-header__tools-links form.vigie-language button[value=en]").click()
    page.get_by_text("Step 2 of 6").wait_for()
    assert page.locator("#id_commune").input_value() == "Besançon"
    assert page.locator("#id_address").input_value() == "12 rue de Dole, hall B"
    screenshots.take(page, "js-1280-language-en")
    page.locator(".vigie-step-nav button[value=back]").click()
    page.get_by_text("Step 1 of 6").wait_for()
    assert page.locator("input[name=category][value=point_de_deal]").is_checked()
    page.locator(".fr-header__tools-links form.vigie-language button[value=fr]").click()
    page.get_by_text("Étape 1 sur 6").wait_for()
    context.close()
    assert origin_guard.foreign == []


def test_switching_language_without_javascript_keeps_the_steps_already_posted(
    browser, live_server, doubs_geography, origin_guard
) -> None:
    context = browser.new_context(java_script_enabled=False, locale="fr-FR", viewport=DESKTOP)
    origin_guard.watch(context)
    page = context.new_page()
    _start(page, live_server.url)
    _next(page)
    page.get_by_text("Étape 3 sur 6").wait_for()
    page.locator(".fr-header__tools-links form.vigie-language button[value=en]").click()
    page.get_by_text("Step 3 of 6").wait_for()
    page.locator(".vigie-step-nav button[value=back]").click()
    page.get_by_text("Step 2 of 6").wait_for()
    assert page.locator("#id_commune").input_value() == "Besançon"
    page.locator(".fr-header__tools-links form.vigie-language button[value=fr]").click()
    page.get_by_text("Étape 2 sur 6").wait_for()
    context.close()
    assert origin_guard.foreign == []
