"""A frightened neighbour reports on a phone: without JavaScript, with it, and in an emergency.

Every page is checked with axe-core, screenshots are taken at 360 px and 1280 px wide, and
no request may leave the site's origin.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from vigie.evidence.selectors import iter_evidence
from vigie.reports.models import Report
from vigie.reports.selectors import report_content

PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}
DESCRIPTION = (
    "Tous les soirs entre 18h et 21h, deux jeunes vendent devant le hall B. "
    "Un guetteur surveille depuis le parking ; des acheteurs font la queue."
)
EMERGENCY = "Un homme sort une arme maintenant devant le hall, venez vite"
CAMERA = "VigieTestCamera"


def _photo_with_gps(folder: Path) -> Path:
    image = Image.new("RGB", (320, 240), "teal")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (47.0, 14.0, 24.0), 3: "E", 4: (6.0, 1.0, 30.0)}
    exif[0x010F] = CAMERA
    path = folder / "hall-b.jpg"
    image.save(path, "JPEG", exif=exif)
    with Image.open(path) as check:
        assert check.getexif().get_ifd(0x8825)  # the test photo does carry a GPS position
    return path


def _assert_photo_cleaned(report: Report) -> None:
    attachment = report.attachments.get()
    stored = b"".join(iter_evidence(attachment.file))
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (320, 240)
        exif = image.getexif()
        assert not exif.get_ifd(0x8825)
        assert not exif
    assert CAMERA.encode() not in stored


def _no_horizontal_scroll(page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    limit = page.viewport_size["width"]
    wide = page.evaluate(
        f"() => [...document.querySelectorAll('body *')]"
        f".filter((e) => e.getBoundingClientRect().right > {limit} + 1)"
        ".slice(0, 8).map((e) => `${e.tagName}.${e.className}#${e.id}`)"
    )
    assert width <= limit, f"{page.url} scrolls sideways ({width} px): {wide}"


def _next(page) -> None:
    page.locator(".vigie-step-nav button[value=next]").click()


def _fill_steps(page, *, screenshots=None, axe=None, prefix="", javascript=False) -> None:
    def look(name: str) -> None:
        if screenshots:
            screenshots.take(page, f"{prefix}{name}")
        if axe:
            axe.check(page, name)
        _no_horizontal_scroll(page)

    page.get_by_text("Étape 1 sur 6").wait_for()
    look("1-quoi")
    page.locator("label", has_text="Point de vente fixe (point de deal)").click()
    _next(page)

    page.get_by_text("Étape 2 sur 6").wait_for()
    page.get_by_label("Commune ou code postal").fill("Besançon")
    page.get_by_label("Adresse ou lieu précis").fill("12 rue de Dole, hall B")
    page.get_by_label("Type de lieu").select_option("hall")
    look("2-ou")
    _next(page)

    page.get_by_text("Étape 3 sur 6").wait_for()
    seen = timezone.localdate() - timedelta(days=1)
    page.get_by_label("Date des faits").fill(seen.isoformat())
    page.get_by_label("Heure").fill("19:15")
    page.get_by_label("Est-ce que cela se répète ? Quand ?").fill("tous les soirs entre 18h et 21h")
    look("3-quand")
    _next(page)

    page.get_by_text("Étape 4 sur 6").wait_for()
    page.locator("[name='people-0-description']").fill("homme, blouson noir, 1m80, guetteur")
    if javascript:
        page.evaluate("() => { window.__samePage = true; }")
    page.get_by_role("button", name="Ajouter une personne").click()
    page.locator("[name='people-1-description']").fill("femme, doudoune rouge, vendeuse")
    if javascript:
        assert page.evaluate("() => window.__samePage === true")  # added in place
    page.locator("[name='vehicles-0-kind']").select_option("voiture")
    page.locator("[name='vehicles-0-make']").fill("Renault Clio")
    page.locator("[name='vehicles-0-colour']").fill("grise")
    page.locator("[name='vehicles-0-plate']").fill("AB-12?-CD")
    page.locator("[name='ids-0-kind']").select_option("snapchat")
    page.locator("[name='ids-0-value']").fill("menu_25")
    look("4-qui")
    _next(page)

    page.get_by_text("Étape 5 sur 6").wait_for()
    page.get_by_label("Décrivez ce que vous avez vu").fill(DESCRIPTION)
    page.locator("label", has_text="Des enfants à proximité").click()
    look("5-recit")
    _next(page)
    page.get_by_text("Étape 6 sur 6").wait_for()


def _check_report(reference: str) -> None:
    report = Report.objects.get(reference=reference)
    assert report.commune_id == "25056"
    content = report_content(report)
    assert content.description == DESCRIPTION
    assert [p.description for p in content.people] == [
        "homme, blouson noir, 1m80, guetteur",
        "femme, doudoune rouge, vendeuse",
    ]
    assert content.vehicles[0].plate == "AB-12?-CD"
    assert content.identifiers[0].value == "menu_25"
    assert content.risks == ("enfants",)
    _assert_photo_cleaned(report)


def test_a_full_report_without_javascript_with_a_photo_cleaned_of_its_gps(
    browser, live_server, doubs_geography, origin_guard, screenshots, tmp_path
) -> None:
    photo = _photo_with_gps(tmp_path)
    context = browser.new_context(java_script_enabled=False, locale="fr-FR", viewport=PHONE)
    origin_guard.watch(context)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Faire un signalement").first.click()
    _fill_steps(page, screenshots=screenshots, prefix="nojs-360-")

    assert page.get_by_text("Qualité de votre signalement").is_visible()
    assert page.get_by_text("AB-12?-CD").is_visible()  # the recap
    page.get_by_label("Joindre des photos ou des vidéos").set_input_files(str(photo))
    screenshots.take(page, "nojs-360-6-relecture")
    _no_horizontal_scroll(page)
    page.get_by_role("button", name="Envoyer le signalement").click()

    reference = page.get_by_test_id("reference").inner_text().strip()
    assert re.fullmatch(r"VG-\w{4}-\w{4}", reference)
    screenshots.take(page, "nojs-360-7-recepisse")
    context.close()
    _check_report(reference)
    assert origin_guard.foreign == []


def test_a_full_report_with_javascript_coach_map_and_upload_progress(
    browser, live_server, doubs_geography, origin_guard, screenshots, axe, tmp_path
) -> None:
    photo = _photo_with_gps(tmp_path)
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    origin_guard.watch(context)
    page = context.new_page()
    page.goto(live_server.url + "/")
    axe.check(page, "home")
    screenshots.take(page, "js-360-0-accueil")
    page.get_by_role("link", name="Faire un signalement").first.click()

    # Commune suggestions from the offline list, then a point dropped on the map.
    page.locator("label", has_text="Point de vente fixe (point de deal)").click()
    _next(page)
    page.get_by_label("Commune ou code postal").press_sequentially("Besan", delay=30)
    page.wait_for_function(
        "() => [...document.querySelectorAll('#commune-suggestions option')]"
        ".some((option) => option.value === 'Besançon')"
    )
    page.get_by_label("Commune ou code postal").fill("Besançon")  # the suggestion chosen
    page.locator("#report-map").wait_for(state="visible")
    # The map is now on Besançon: the point goes in the commune (a point far from it would
    # be questioned).
    page.locator(".vigie-map-label", has_text="Besançon").wait_for()
    box = page.locator("#report-map").bounding_box()
    page.locator("#report-map").click(position={"x": box["width"] / 2, "y": box["height"] / 2 + 30})
    expect(page.locator("#id_latitude")).not_to_have_value("")  # set by the map's handler
    page.get_by_role("button", name="Précédent").click()
    _fill_steps(page, screenshots=screenshots, axe=axe, prefix="js-360-", javascript=True)

    # The proof-of-work was solved while the citizen typed (difficulty 0 in tests).
    expect(page.locator("input[name=pow_nonce]")).not_to_have_value("")
    axe.check(page, "review")
    screenshots.take(page, "js-360-6-relecture")
    page.get_by_label("Joindre des photos ou des vidéos").set_input_files(str(photo))
    page.evaluate("() => { window.__sentByScript = true; }")
    page.get_by_role("button", name="Envoyer le signalement").click()
    page.get_by_test_id("reference").wait_for()
    reference = page.get_by_test_id("reference").inner_text().strip()
    # The progress bar was shown by the script's upload (the page was written in place).
    assert page.url.endswith("/signaler/?etape=6")
    axe.check(page, "receipt")
    screenshots.take(page, "js-360-7-recepisse")
    context.close()
    _check_report(reference)
    assert origin_guard.foreign == []


def test_the_coach_updates_live_as_the_citizen_writes(
    browser, live_server, doubs_geography, origin_guard, screenshots
) -> None:
    context = browser.new_context(locale="fr-FR", viewport=DESKTOP)
    origin_guard.watch(context)
    page = context.new_page()
    page.goto(live_server.url + "/signaler/")
    page.locator("label", has_text="Point de vente fixe (point de deal)").click()
    coach = page.locator("#coach")
    coach.wait_for(state="visible")
    page.wait_for_function("() => document.querySelector('[data-coach-missing] li')")
    first = int(page.locator("#coach-meter").get_attribute("value") or 0)
    expect(coach).to_contain_text("Précisez quand")
    screenshots.take(page, "coach-1280-1-empty")
    _next(page)
    page.get_by_label("Commune ou code postal").fill("Besançon")
    page.get_by_label("Adresse ou lieu précis").fill("12 rue de Dole, devant le hall B")
    page.wait_for_function(f"() => Number(document.querySelector('#coach-meter').value) > {first}")
    _next(page)
    page.get_by_label("Est-ce que cela se répète ? Quand ?").fill("tous les soirs entre 18h et 21h")
    page.wait_for_function(
        "() => !document.querySelector('[data-coach-missing]')"
        ".textContent.includes('Précisez quand')"
    )
    expect(coach).to_contain_text("/ 100")
    screenshots.take(page, "coach-1280-2-better")
    context.close()
    assert origin_guard.foreign == []


def test_emergency_wording_stops_the_flow_with_the_17(
    browser, live_server, doubs_geography, origin_guard, screenshots, axe
) -> None:
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    origin_guard.watch(context)
    page = context.new_page()
    page.goto(live_server.url + "/signaler/")
    page.locator("label", has_text="Point de vente fixe (point de deal)").click()
    for _ in range(4):
        _next(page)
        if page.get_by_text("Étape 2 sur 6").is_visible():
            page.get_by_label("Commune ou code postal").fill("Besançon")
    page.get_by_text("Étape 5 sur 6").wait_for()
    page.get_by_label("Décrivez ce que vous avez vu").fill(EMERGENCY)
    alert = page.get_by_test_id("emergency")
    alert.wait_for(state="visible")  # live, before the review
    assert alert.get_by_role("link", name=re.compile("^17")).get_attribute("href") == "tel:17"
    assert alert.locator("a[href='sms:114']").count() == 1
    axe.check(page, "emergency live")
    screenshots.take(page, "emergency-360-live")

    _next(page)
    page.get_by_text("Étape 6 sur 6").wait_for()
    alert = page.get_by_test_id("emergency")
    assert alert.get_by_role("link", name="Appeler le 17").get_attribute("href") == "tel:17"
    # The alert comes before everything else in the page.
    assert page.evaluate(
        "() => document.querySelector('[data-testid=emergency]').compareDocumentPosition("
        "document.querySelector('h1')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    axe.check(page, "emergency review")
    screenshots.take(page, "emergency-360-review")
    page.set_viewport_size(DESKTOP)
    screenshots.take(page, "emergency-1280-review")
    # The citizen may still send it.
    page.get_by_role("button", name="Envoyer le signalement").click()
    page.get_by_test_id("reference").wait_for()
    context.close()
    assert Report.objects.get().triage_suggestion == "urgence"
    assert origin_guard.foreign == []


def test_pages_at_1280_and_the_service_worker_registers(
    browser, live_server, doubs_geography, origin_guard, screenshots, axe
) -> None:
    context = browser.new_context(locale="fr-FR", viewport=DESKTOP)
    origin_guard.watch(context)
    page = context.new_page()
    page.goto(live_server.url + "/")
    script = page.evaluate("async () => (await navigator.serviceWorker.ready).active.scriptURL")
    assert script == live_server.url + "/sw.js"
    screenshots.take(page, "desktop-1280-accueil")
    page.goto(live_server.url + "/signaler/")
    axe.check(page, "step 1 desktop")
    screenshots.take(page, "desktop-1280-1-quoi")
    page.locator("label", has_text="Livraison à domicile").click()
    _next(page)
    page.get_by_text("Étape 2 sur 6").wait_for()
    screenshots.take(page, "desktop-1280-2-ou")
    # A wrong commune: the error summary takes the focus and links to the field.
    page.get_by_label("Commune ou code postal").fill("Trifouilly-les-Oies")
    _next(page)
    summary = page.locator("#form-errors")
    summary.wait_for()
    assert page.evaluate("() => document.activeElement.id") == "form-errors"
    assert page.get_by_label("Commune ou code postal").input_value() == "Trifouilly-les-Oies"
    axe.check(page, "errors")
    screenshots.take(page, "desktop-1280-2-erreur")
    page.goto(live_server.url + "/hors-ligne/")
    axe.check(page, "offline")
    context.close()
    assert origin_guard.foreign == []
