"""Without JavaScript, a page answering with errors puts the focus on its error summary (the
HTML autofocus of a tabindex=-1 summary), so a screen reader starts there, as with the script.
"""

from __future__ import annotations

from tests.e2e.test_report_form import PHONE, _next


def test_the_error_summary_takes_the_focus_without_javascript(
    browser, live_server, doubs_geography, origin_guard, screenshots
) -> None:
    context = browser.new_context(java_script_enabled=False, locale="fr-FR", viewport=PHONE)
    origin_guard.watch(context)
    page = context.new_page()
    page.goto(live_server.url + "/signaler/")
    page.locator("label", has_text="Livraison à domicile").click()
    _next(page)
    page.get_by_label("Commune ou code postal").fill("Trifouilly-les-Oies")
    _next(page)
    page.locator("#form-errors").wait_for()
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.id === 'form-errors'"
    )
    # The summary's links lead to the field, with what was typed kept.
    page.locator("#form-errors a").first.click()
    assert page.get_by_label("Commune ou code postal").input_value() == "Trifouilly-les-Oies"
    screenshots.take(page, "360")

    # The chat's start page too.
    page.goto(live_server.url + "/discuter/")
    page.get_by_label("Votre commune ou code postal").fill("Trifouilly-les-Oies")
    page.get_by_role("button", name="Commencer la discussion").click()
    page.locator("#start-errors").wait_for()
    page.wait_for_function("() => document.activeElement.id === 'start-errors'")
    assert page.get_by_label("Votre commune ou code postal").input_value() == "Trifouilly-les-Oies"
    context.close()
    assert origin_guard.foreign == []
