"""After a refused file the review says which file was refused and that it is not attached,
lists only the others to choose again, and shows DSFR's upload component (issue 9 item 8)."""

from __future__ import annotations

from tests.e2e.test_report_form import PHONE, _fill_steps, _photo_with_gps


def test_a_refused_file_is_named_as_refused_not_as_one_to_choose_again(
    browser, live_server, doubs_geography, origin_guard, screenshots, tmp_path
) -> None:
    good = _photo_with_gps(tmp_path)
    fake = tmp_path / "photo.jpg"
    fake.write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n")
    context = browser.new_context(java_script_enabled=False, locale="fr-FR", viewport=PHONE)
    origin_guard.watch(context)
    page = context.new_page()
    page.goto(live_server.url + "/signaler/")
    _fill_steps(page)
    assert page.get_by_text("Voiture · Renault Clio · grise · AB-12?-CD").is_visible()
    upload = page.locator(".fr-upload-group")
    assert upload.locator("input.fr-upload[type=file]").count() == 1
    page.get_by_label("Joindre des photos ou des vidéos").set_input_files([str(good), str(fake)])
    page.get_by_role("button", name="Envoyer le signalement").click()

    page.get_by_text("Le signalement n’a pas encore été envoyé").wait_for()
    messages = page.locator("#id_evidence-messages")
    assert "« photo.jpg » est refusé et n’est pas joint" in messages.inner_text()
    to_choose_again = page.get_by_test_id("files-lost").inner_text()
    assert "hall-b.jpg" in to_choose_again and "photo.jpg" not in to_choose_again
    assert page.locator(".fr-upload-group--error").count() == 1
    page.locator(".fr-upload-group").scroll_into_view_if_needed()
    screenshots.take(page, "nojs-360-refused-file")
    context.close()
    assert origin_guard.foreign == []
