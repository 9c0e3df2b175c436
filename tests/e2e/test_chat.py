"""The live chat in Chromium: a citizen and an agent in two browser contexts, then the same
conversation read and answered without JavaScript.

pytest-django's live server speaks WSGI (no WebSocket): this module serves the real ASGI
application with uvicorn, in a thread of the test process (so it shares the test database),
and overrides `live_server` so that `origin_guard` watches this origin.
"""

from __future__ import annotations

import asyncio
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import expect

from tests.e2e.test_report_path import _agent_logs_in
from tests.factories import AgentFactory
from vigie.chat.models import ChatMessage, Conversation


class _NoSettings:
    """pytest-django enables its live server's settings around each test; there are none."""

    def enable(self) -> None:
        pass

    def disable(self) -> None:
        pass


@dataclass
class AsgiLiveServer:
    url: str
    _live_server_modified_settings: _NoSettings = field(default_factory=_NoSettings)


@pytest.fixture
def live_server(transactional_db: Any) -> Iterator[AsgiLiveServer]:
    from config.asgi import application

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        application, host="127.0.0.1", port=port, lifespan="off", ws="websockets-sansio",
        log_level="warning", access_log=False, server_header=False, proxy_headers=False,
    )  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield AsgiLiveServer(url=f"http://127.0.0.1:{port}")
    server.should_exit = True
    thread.join(timeout=10)


def _agent_console(
    browser: Any, base_url: str, origin_guard: Any, username: str
) -> tuple[Any, Any]:
    context, page = _agent_logs_in(browser, base_url, origin_guard, username)
    page.locator(".fr-header__tools-links").get_by_test_id("nav-chat").click()
    page.get_by_text("Connecté : la file se met à jour toute seule.").wait_for()
    return context, page


# WhiteNoise serves static files with a synchronous iterator; under ASGI Django warns (and
# the suite turns warnings into errors). Production serves a collected copy the same way.
@pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume synchronous iterators")
def test_a_citizen_and_an_agent_chat_live_then_without_javascript(
    browser, live_server, doubs_geography, origin_guard, screenshots
):
    base_url = live_server.url
    agent = AgentFactory(departement="25", first_name="Léa", username="lea.doubs")

    # The agent is on duty: the console is open and live.
    agent_context, console = _agent_console(browser, base_url, origin_guard, agent.username)
    assert console.get_by_test_id("queue-count").inner_text() == "0"

    # A citizen on a phone opens a conversation from the home page.
    citizen_context = browser.new_context(locale="fr-FR", viewport={"width": 360, "height": 780})
    origin_guard.watch(citizen_context)
    phone = citizen_context.new_page()
    phone.goto(base_url + "/")
    phone.get_by_role("link", name="Discuter avec un agent").click()
    phone.get_by_label("Votre commune ou code postal").fill("Besançon")
    phone.get_by_role("button", name="Commencer la discussion").click()
    reference = phone.get_by_test_id("reference").inner_text().strip()
    secret = phone.get_by_test_id("secret").inner_text().strip()
    assert re.fullmatch(r"VC-\w{4}-\w{4}", reference)
    expect(phone.locator("[data-chat-refresh]")).to_be_hidden()  # JavaScript took over
    phone.get_by_label("Votre message").fill(
        "Bonjour, il y a un point de deal devant le 12 rue de Dole."
    )
    phone.get_by_role("button", name="Envoyer").click()
    phone.locator(".vigie-chat__message--citizen[data-seq]").wait_for()

    # The queue updates itself; the agent takes the conversation.
    console.get_by_test_id("chat-queue").get_by_role("link", name=reference).wait_for()
    assert console.get_by_test_id("queue-count").inner_text() == "1"
    screenshots.take(console, "1-console-queue")
    console.get_by_test_id("chat-queue").get_by_role("button", name="Prendre").click()
    console.get_by_test_id("chat-thread").get_by_text("point de deal devant le 12").wait_for()

    phone.get_by_test_id("chat-thread").get_by_text(
        "Un agent de la cellule a rejoint la discussion."
    ).wait_for()
    console.get_by_label("Votre réponse").press_sequentially("Merci. À quelle heure ?", delay=20)
    phone.get_by_test_id("chat-status").get_by_text("L’agent écrit…").wait_for()
    console.get_by_role("button", name="Envoyer").click()
    phone.get_by_test_id("chat-thread").get_by_text("Merci. À quelle heure ?").wait_for()
    phone.get_by_label("Votre message").fill("Tous les soirs vers 18 h.")
    phone.get_by_label("Votre message").press("Control+Enter")  # keyboard only
    console.get_by_test_id("chat-thread").get_by_text("Tous les soirs vers 18 h.").wait_for()
    screenshots.take(phone, "2-citizen-live-360px")
    screenshots.take(console, "3-console-conversation")
    phone_width = phone.evaluate("document.documentElement.scrollWidth")
    assert phone_width <= 360
    citizen_context.close()

    # Later, without JavaScript, the citizen comes back with the receipt.
    plain = browser.new_context(
        java_script_enabled=False, locale="fr-FR", viewport={"width": 360, "height": 780}
    )
    origin_guard.watch(plain)
    page = plain.new_page()
    page.goto(base_url + "/discuter/")
    page.get_by_label("Référence de la discussion").fill(reference)
    page.get_by_label("Code secret").fill(secret)
    page.get_by_role("button", name="Reprendre la discussion").click()
    thread = page.get_by_test_id("chat-thread")
    assert "Merci. À quelle heure ?" in thread.inner_text()
    page.get_by_label("Votre message").fill("Une Clio grise AB-123-CD les dépose.")
    page.get_by_role("button", name="Envoyer").click()
    assert "Une Clio grise AB-123-CD les dépose." in page.get_by_test_id("chat-thread").inner_text()
    console.get_by_test_id("chat-thread").get_by_text("Une Clio grise").wait_for()
    console.get_by_label("Votre réponse").fill("Bien noté, merci.")
    console.get_by_role("button", name="Envoyer").click()
    console.get_by_test_id("chat-thread").get_by_text("Bien noté, merci.").wait_for()
    page.get_by_role("button", name="Actualiser").click()
    assert "Bien noté, merci." in page.get_by_test_id("chat-thread").inner_text()
    screenshots.take(page, "4-citizen-without-javascript")
    plain.close()
    agent_context.close()

    conversation = Conversation.objects.get(reference=reference)
    authors = list(
        ChatMessage.objects.filter(conversation=conversation).values_list("author", flat=True)
    )
    assert authors == ["citizen", "system", "agent", "citizen", "citizen", "agent"]
    assert origin_guard.foreign == []
