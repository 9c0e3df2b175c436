"""An agent's first login in the browser: password, enrolment of an authenticator (QR code
drawn by us), recovery codes shown once, then the landing page; the next login asks for the
code (issue 12, #6)."""

from __future__ import annotations

import base64
import re

from tests.factories import AGENT_PASSWORD, AgentFactory
from tests.login_support import code_for, totp_code


def _password(page, base_url: str, username: str) -> None:
    page.goto(base_url + "/cellule/connexion/")
    page.get_by_test_id("session-rules").wait_for()
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(AGENT_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def test_first_login_enrols_then_the_next_asks_for_the_code(
    browser, live_server, doubs_geography, origin_guard, screenshots
) -> None:
    base_url = live_server.url
    agent = AgentFactory(analyst=True, enrolled=False, username="nouvel.analyste")

    for width, height in ((360, 780), (1280, 900)):
        context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": height})
        origin_guard.watch(context)
        page = context.new_page()
        _password(page, base_url, agent.username)
        page.get_by_test_id("otp-qr").locator("svg").wait_for()
        screenshots.take(page, f"1-enrol-{width}")
        context.close()

    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    origin_guard.watch(context)
    page = context.new_page()
    _password(page, base_url, agent.username)
    key = page.get_by_test_id("otp-key").inner_text().replace(" ", "")
    key_hex = base64.b32decode(key + "=" * (-len(key) % 8)).hex()
    page.get_by_label("Code affiché par l’application").fill(code_for(key_hex))
    page.get_by_role("button", name="Activer").click()
    codes = page.get_by_test_id("recovery-codes").inner_text().split()
    assert len(codes) == 10 and all(re.fullmatch(r"\w{4}-\w{4}-\w{4}", c) for c in codes)
    screenshots.take(page, "2-recovery-codes")
    page.get_by_role("link", name="J’ai noté mes codes, continuer").click()
    page.wait_for_url(base_url + "/cellule/")
    page.get_by_test_id("agent").wait_for(state="attached")  # logged in (menu at 360 px)
    context.close()

    # The next login: password, then the code of the moment, then the landing page.
    context = browser.new_context(locale="fr-FR", viewport={"width": 360, "height": 780})
    origin_guard.watch(context)
    page = context.new_page()
    _password(page, base_url, agent.username)
    page.get_by_label("Code de vérification").wait_for()
    screenshots.take(page, "3-verify-360")
    page.get_by_label("Code de vérification").fill(totp_code(agent))
    page.get_by_role("button", name="Vérifier").click()
    page.wait_for_url(base_url + "/cellule/")
    page.get_by_test_id("agent").wait_for(state="attached")  # logged in (menu at 360 px)
    context.close()
    assert origin_guard.foreign == []
