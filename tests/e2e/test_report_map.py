"""The report map finds the commune, draws it, and works with the keyboard (issue 9 item 3).

No tile server: the commune's outline comes from our origin. Screenshots of the map zoomed on
Besançon at 360 and 1280 px are kept in docs/screenshots/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.test_report_form import DESKTOP, PHONE, _next

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _to_the_place_step(page, url: str) -> None:
    page.goto(url + "/signaler/")
    page.locator("label", has_text="Point de vente fixe (point de deal)").click()
    _next(page)
    page.get_by_text("Étape 2 sur 6").wait_for()
    page.locator("#report-map").wait_for(state="visible")


def _choose_besancon(page) -> None:
    field = page.get_by_label("Commune ou code postal")
    field.press_sequentially("Besan", delay=30)
    page.wait_for_function(
        "() => [...document.querySelectorAll('#commune-suggestions option')]"
        ".some((option) => option.value === 'Besançon')"
    )
    field.fill("Besançon")  # what choosing the suggestion does
    page.locator(".vigie-map-label", has_text="Besançon").wait_for()


@pytest.mark.parametrize(("viewport", "width"), [(PHONE, 360), (DESKTOP, 1280)])
def test_choosing_a_commune_centres_the_map_on_its_outline(
    browser, live_server, doubs_geography, origin_guard, axe, viewport, width
) -> None:
    context = browser.new_context(locale="fr-FR", viewport=viewport)
    origin_guard.watch(context)
    page = context.new_page()
    _to_the_place_step(page, live_server.url)
    clear = page.locator("[data-map-clear]")
    assert not clear.is_visible()  # « Retirer le point » only once there is a point
    _choose_besancon(page)
    # The outline fills the map: Besançon is about 10 km across, France 1000.
    page.wait_for_function(
        "() => { const r = document.querySelector('.leaflet-overlay-pane path:last-child')"
        ".getBoundingClientRect(); const m = document.querySelector('#report-map')"
        ".getBoundingClientRect(); return r.width > m.width * 0.5 || r.height > m.height * 0.5; }"
    )
    # Leaflet's controls speak French.
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "Zoomer"
    assert page.locator(".leaflet-control-zoom-out").get_attribute("title") == "Dézoomer"
    page.locator("#report-map").evaluate("(map) => map.scrollIntoView({block: 'center'})")
    DOCS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS / f"map-commune-{width}.png"))
    axe.check(page, f"map {width}")
    context.close()
    assert origin_guard.foreign == []


def test_the_map_is_usable_with_the_keyboard(
    browser, live_server, doubs_geography, origin_guard, screenshots
) -> None:
    context = browser.new_context(locale="fr-FR", viewport=DESKTOP)
    origin_guard.watch(context)
    page = context.new_page()
    _to_the_place_step(page, live_server.url)
    _choose_besancon(page)
    map_element = page.locator("#report-map")
    map_element.focus()
    assert page.locator(".vigie-map-crosshair").is_visible()  # where the point will go
    page.keyboard.press("Enter")
    lat = float(page.locator("#id_latitude").input_value())
    lon = float(page.locator("#id_longitude").input_value())
    assert 47.18 < lat < 47.30 and 5.94 < lon < 6.09  # in Besançon, the map's centre
    assert page.locator("[data-map-status]").inner_text().startswith("Point placé :")
    marker = page.locator(".leaflet-marker-icon")
    assert marker.get_attribute("alt") == "Point du signalement (déplaçable)"  # not "Marker"
    screenshots.take(page, "map-1280-keyboard")
    # The arrows move the map; Space places the point at the new centre.
    pane = "document.querySelector('.leaflet-map-pane').style.transform"
    before = page.evaluate(f"() => {pane}")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"(before) => {pane} !== before", arg=before)
    page.keyboard.press(" ")
    page.wait_for_function(f"() => Number(document.querySelector('#id_longitude').value) > {lon}")
    clear = page.get_by_role("button", name="Retirer le point")
    clear.click()
    assert page.locator("#id_latitude").input_value() == ""
    assert not clear.is_visible()
    # A postcode typed whole (no suggestion chosen) finds its commune when the field is left.
    page.get_by_label("Commune ou code postal").fill("39100")
    page.keyboard.press("Tab")
    page.locator(".vigie-map-label", has_text="Dole").wait_for()
    context.close()
    assert origin_guard.foreign == []


def test_a_point_far_from_the_commune_asks_which_is_right_without_javascript(
    browser, live_server, doubs_geography, origin_guard, screenshots
) -> None:
    context = browser.new_context(java_script_enabled=False, locale="fr-FR", viewport=PHONE)
    origin_guard.watch(context)
    page = context.new_page()
    page.goto(live_server.url + "/signaler/")
    page.locator("label", has_text="Point de vente fixe (point de deal)").click()
    _next(page)
    page.get_by_text("Étape 2 sur 6").wait_for()
    page.get_by_label("Commune ou code postal").fill("Besançon")
    page.locator("[data-point-details] summary").click()
    page.get_by_label("Latitude").fill("47.0925")  # Dole, in the Jura: 45 km away
    page.get_by_label("Longitude").fill("5.4897")
    _next(page)
    question = page.locator("[data-place-check]")
    question.wait_for()
    assert "dans la commune de Dole (39)" in question.inner_text()
    assert page.locator("#form-errors").is_visible()
    screenshots.take(page, "nojs-360-point-or-commune")
    page.locator("label", has_text="Le point est juste : la commune est Dole (39)").click()
    _next(page)
    page.get_by_text("Étape 3 sur 6").wait_for()
    page.locator(".vigie-step-nav button[value=back]").click()
    page.get_by_text("Étape 2 sur 6").wait_for()
    assert page.get_by_label("Commune ou code postal").input_value() == "Dole"
    context.close()
    assert origin_guard.foreign == []
