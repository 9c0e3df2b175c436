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
import sys
import threading
import time
import traceback
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
    _forget_channel_layers()
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
    if thread.is_alive():  # a connection that does not close: stop without waiting for it
        server.force_exit = True
        thread.join(timeout=30)
    _forget_channel_layers()
    assert not thread.is_alive(), "the test server did not stop:\n" + _stack_of(thread)


def _forget_channel_layers() -> None:
    """Each test server gets channel layers of its own. channels keeps one layer object per
    process, and channels-redis binds its receive lock to the event loop that first receives
    on it: a server stopping slowly (its loop still receiving) made the next test's server
    fail every receive with « Two event loops are trying to receive() on one channel layer at
    once! » (CI on PostgreSQL + Redis, 2026-12-01)."""
    from channels.layers import channel_layers

    channel_layers.backends.clear()


def _stack_of(thread: threading.Thread) -> str:
    """Where a thread is stuck, to say why a server did not stop."""
    frame = sys._current_frames().get(thread.ident or 0)
    return "".join(traceback.format_stack(frame)) if frame is not None else "(no frame)"


def _ready(page: Any) -> None:
    """The page's socket is welcomed (citizen) or holds its queue or thread (console): what
    a test waits on before typing, never a delay."""
    page.locator("[data-chat-state=ready]").wait_for()


def _agent_console(
    browser: Any, base_url: str, origin_guard: Any, username: str
) -> tuple[Any, Any]:
    context, page = _agent_logs_in(browser, base_url, origin_guard, username)
    page.locator(".fr-header__tools-links").get_by_test_id("nav-chat").click()
    _ready(page)
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
    _ready(phone)
    phone.get_by_label("Votre message").fill(
        "Bonjour, il y a un point de deal devant le 12 rue de Dole."
    )
    phone.get_by_role("button", name="Envoyer").click()
    phone.locator(".vigie-chat__message--citizen[data-seq]").wait_for()

    # The queue updates itself; the agent takes the conversation.
    console.get_by_test_id("chat-queue").get_by_role("link", name=reference).wait_for()
    expect(console.get_by_test_id("queue-count")).to_have_text("1")
    screenshots.take(console, "1-console-queue")
    console.get_by_test_id("chat-queue").get_by_role("button", name="Prendre").click()
    console.get_by_test_id("chat-thread").get_by_text("point de deal devant le 12").wait_for()

    phone.get_by_test_id("chat-thread").get_by_text(
        "Un agent de la cellule a rejoint la discussion."
    ).wait_for()
    # The banner follows: nobody says an agent "will answer" once one has joined.
    expect(phone.get_by_test_id("chat-availability")).to_have_text(
        "Un agent de la cellule suit cette discussion."
    )
    # Typing counts once the console's socket has opened the conversation (not before).
    _ready(console)
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
    expect(thread).to_contain_text("Merci. À quelle heure ?")
    page.get_by_label("Votre message").fill("Une Clio grise AB-123-CD les dépose.")
    page.get_by_role("button", name="Envoyer").click()
    # Each answer is a new page: wait for its content, never read the page being left.
    expect(page.get_by_test_id("chat-thread")).to_contain_text(
        "Une Clio grise AB-123-CD les dépose."
    )
    console.get_by_test_id("chat-thread").get_by_text("Une Clio grise").wait_for()
    console.get_by_label("Votre réponse").fill("Bien noté, merci.")
    console.get_by_role("button", name="Envoyer").click()
    console.get_by_test_id("chat-thread").get_by_text("Bien noté, merci.").wait_for()
    page.get_by_role("button", name="Actualiser").click()
    expect(page.get_by_test_id("chat-thread")).to_contain_text("Bien noté, merci.")
    screenshots.take(page, "4-citizen-without-javascript")
    plain.close()
    agent_context.close()

    conversation = Conversation.objects.get(reference=reference)
    authors = list(
        ChatMessage.objects.filter(conversation=conversation).values_list("author", flat=True)
    )
    assert authors == ["citizen", "system", "agent", "citizen", "citizen", "agent"]
    assert origin_guard.foreign == []


def _photo(tmp_path: Any) -> str:
    from PIL import Image

    path = tmp_path / "point.jpg"
    Image.new("RGB", (64, 48), (120, 90, 60)).save(path, "JPEG")
    return str(path)


# The character before each line break of an element's text, as laid out.
_LINE_BREAKS = """(element) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const chars = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      chars.push([node.data[i], range.getBoundingClientRect().top]);
    }
  }
  const breaks = [];
  for (let i = 1; i < chars.length; i++) {
    if (chars[i][1] > chars[i - 1][1] + 1) { breaks.push(chars[i - 1][0]); }
  }
  return breaks;
}"""


def _start(page: Any, base_url: str) -> tuple[str, str]:
    page.goto(base_url + "/discuter/")
    page.get_by_label("Votre commune ou code postal").fill("Besançon")
    page.get_by_role("button", name="Commencer la discussion").click()
    card = page.get_by_test_id("chat-receipt")
    return (
        card.get_by_test_id("reference").inner_text().strip(),
        card.get_by_test_id("secret").inner_text().strip(),
    )


_TITLE_AND_REFERENCE_TOPS = """card => {
  const title = [...card.querySelectorAll("h1, h2, h3, h4")]
    .find(heading => heading.textContent.includes("Votre récépissé"));
  const reference = card.querySelector("[data-testid=reference]");
  return [title.getBoundingClientRect().top, reference.getBoundingClientRect().top];
}"""


@pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume synchronous iterators")
def test_the_chat_receipt_stays_until_the_citizen_has_kept_it_with_and_without_javascript(
    browser, live_server, doubs_geography, origin_guard, screenshots, tmp_path
):
    base_url = live_server.url
    # With JavaScript, on a phone: a message over the socket, then a photo (a page reload).
    context = browser.new_context(locale="fr-FR", viewport={"width": 360, "height": 780})
    origin_guard.watch(context)
    page = context.new_page()
    _reference, secret = _start(page, base_url)
    card = page.get_by_test_id("chat-receipt")
    # The report receipt's card: title first, QR code, print and download.
    assert card.get_by_role("heading", name="Votre récépissé").is_visible()
    # Both read in one frame: a notice arriving between two reads moved the card (CI, loaded).
    title_y, reference_y = card.evaluate(_TITLE_AND_REFERENCE_TOPS)
    assert title_y < reference_y
    expect(card.get_by_test_id("receipt-qr").locator("svg")).to_be_visible()
    expect(card.get_by_role("button", name="Imprimer le récépissé")).to_be_visible()
    with page.expect_download() as download:
        card.get_by_role("button", name="Télécharger (fichier texte)").click()
    assert secret in download.value.path().read_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # At 360 px the secret wraps between its groups only (a split group is misread).
    breaks = card.get_by_test_id("secret").evaluate(_LINE_BREAKS)
    assert breaks and set(breaks) == {"-"}, breaks
    screenshots.take(page, "receipt-card-360px")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshots.take(page, "receipt-card-1280px")
    page.set_viewport_size({"width": 360, "height": 780})

    _ready(page)
    page.get_by_label("Votre message").fill("Un point de deal devant le 12 rue de Dole.")
    page.get_by_role("button", name="Envoyer").click()
    page.locator(".vigie-chat__message--citizen[data-seq]").wait_for()
    expect(page.get_by_test_id("chat-receipt").get_by_test_id("secret")).to_have_text(secret)
    page.get_by_label("Ajouter une photo").set_input_files(_photo(tmp_path))
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_test_id("chat-thread").get_by_text("Photo jointe").wait_for()
    expect(page.get_by_test_id("chat-receipt").get_by_test_id("secret")).to_have_text(secret)
    _ready(page)
    page.get_by_label("Votre message").fill("Une Clio grise.")
    page.get_by_role("button", name="J’ai conservé mon récépissé").click()
    expect(page.get_by_test_id("chat-receipt")).to_have_count(0)
    expect(page.get_by_label("Votre message")).to_have_value("Une Clio grise.")
    page.get_by_role("button", name="Envoyer").click()
    page.locator(".vigie-chat__message--citizen[data-seq]").get_by_text(
        "Une Clio grise."
    ).wait_for()
    expect(page.get_by_test_id("chat-receipt")).to_have_count(0)
    context.close()

    # Without JavaScript: every message reloads the page; the receipt stays until kept.
    plain = browser.new_context(
        java_script_enabled=False, locale="fr-FR", viewport={"width": 360, "height": 780}
    )
    origin_guard.watch(plain)
    page = plain.new_page()
    _reference, secret = _start(page, base_url)
    page.get_by_label("Votre message").fill("Un guetteur au parc.")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_test_id("chat-thread")).to_contain_text("Un guetteur au parc.")
    expect(page.get_by_test_id("chat-receipt").get_by_test_id("secret")).to_have_text(secret)
    expect(page.get_by_test_id("chat-receipt").get_by_test_id("receipt-qr")).to_be_visible()
    # Printing needs the script: without it the button is not offered (the hint is).
    expect(page.get_by_role("button", name="Imprimer le récépissé")).to_be_hidden()
    screenshots.take(page, "receipt-card-nojs-360px")
    page.get_by_label("Votre message").fill("Il porte un sweat rouge.")
    page.get_by_role("button", name="J’ai conservé mon récépissé").click()
    expect(page.get_by_test_id("chat-receipt")).to_have_count(0)
    expect(page.get_by_label("Votre message")).to_have_value("Il porte un sweat rouge.")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_test_id("chat-thread")).to_contain_text("Il porte un sweat rouge.")
    expect(page.get_by_test_id("chat-receipt")).to_have_count(0)
    plain.close()
    assert origin_guard.foreign == []


def _a_citizen_in_the_queue(browser: Any, base_url: str, origin_guard: Any) -> tuple[Any, ...]:
    """An agent's console open and live, a citizen's first message waiting in its queue."""
    agent = AgentFactory(departement="25", username="lea.doubs")
    agent_context, console = _agent_console(browser, base_url, origin_guard, agent.username)
    citizen_context = browser.new_context(locale="fr-FR")
    origin_guard.watch(citizen_context)
    phone = citizen_context.new_page()
    reference, _secret = _start(phone, base_url)
    _ready(phone)
    phone.get_by_label("Votre message").fill("Un point de deal rue de Dole.")
    phone.get_by_role("button", name="Envoyer").click()
    console.get_by_test_id("chat-queue").get_by_role("link", name=reference).wait_for()
    return agent_context, console, citizen_context, phone


@pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume synchronous iterators")
def test_an_agent_typing_before_the_console_socket_is_ready_is_still_seen_typing(
    browser, live_server, doubs_geography, origin_guard, monkeypatch
):
    """Issue 9 item 17: under load the console's socket opened after the agent began to type;
    that first keystroke silenced the typing notice for three seconds. Here the handshake is
    held until the agent has typed (a server-side gate, not a delay)."""
    from vigie.chat.consumers import AgentConsoleConsumer

    gate, opened = threading.Event(), threading.Event()
    gate.set()
    original_connect, original_open = AgentConsoleConsumer.connect, AgentConsoleConsumer.open

    async def held_connect(self: Any) -> None:
        # Polled on the server's own loop: no executor thread left waiting when the server
        # stops (CI once lost its browser worker while a connection was held this way).
        deadline = time.monotonic() + 30
        while not gate.is_set() and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        await original_connect(self)

    async def open_then_tell(self: Any, public_id: str, content: dict[str, Any]) -> None:
        await original_open(self, public_id, content)
        opened.set()

    monkeypatch.setattr(AgentConsoleConsumer, "connect", held_connect)
    monkeypatch.setattr(AgentConsoleConsumer, "open", open_then_tell)

    agent_context, console, citizen_context, phone = _a_citizen_in_the_queue(
        browser, live_server.url, origin_guard
    )

    gate.clear()  # the conversation page's socket will wait at the handshake
    try:
        console.get_by_test_id("chat-queue").get_by_role("button", name="Prendre").click()
        console.get_by_test_id("chat-thread").get_by_text("point de deal").wait_for()
        console.get_by_label("Votre réponse").press_sequentially("Merci", delay=20)
    finally:
        gate.set()  # never leave a handshake held past the test, even a failed one
    assert opened.wait(30), "the console never opened the conversation"
    _ready(console)
    console.get_by_label("Votre réponse").press_sequentially(". À quelle heure ?", delay=20)
    phone.get_by_test_id("chat-status").get_by_text("L’agent écrit…").wait_for(timeout=10_000)
    citizen_context.close()
    agent_context.close()
    assert origin_guard.foreign == []


def _lose_live_events(monkeypatch: Any, text: str) -> None:
    """From now on, a message with this text is stored but its live event is never sent
    (what an overloaded channel layer does)."""
    from vigie.chat import events

    original_publish = events.publish

    def lossy_publish(group: str, event: dict[str, Any]) -> None:
        if event.get("text") == text:
            return
        original_publish(group, event)

    monkeypatch.setattr(events, "publish", lossy_publish)


@pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume synchronous iterators")
def test_the_console_recovers_a_message_whose_live_event_was_lost(
    browser, live_server, doubs_geography, origin_guard, monkeypatch
):
    """A live event dropped on the way (channel layer overloaded): the console sees the gap in
    `seq` and asks for what it missed, as the citizen page does, without a reload."""
    agent_context, console, citizen_context, phone = _a_citizen_in_the_queue(
        browser, live_server.url, origin_guard
    )
    console.get_by_test_id("chat-queue").get_by_role("button", name="Prendre").click()
    _ready(console)

    _lose_live_events(monkeypatch, "Ce message-ci se perd en route.")
    phone.get_by_label("Votre message").fill("Ce message-ci se perd en route.")
    phone.get_by_role("button", name="Envoyer").click()
    phone.locator(".vigie-chat__message--citizen[data-seq]").get_by_text("se perd").wait_for()
    phone.get_by_label("Votre message").fill("Et celui-ci arrive.")
    phone.get_by_role("button", name="Envoyer").click()
    thread = console.get_by_test_id("chat-thread")
    thread.get_by_text("Et celui-ci arrive.").wait_for()
    thread.get_by_text("Ce message-ci se perd en route.").wait_for(timeout=10_000)
    texts = thread.locator(".vigie-chat__text").all_inner_texts()
    assert texts.index("Ce message-ci se perd en route.") < texts.index("Et celui-ci arrive.")
    citizen_context.close()
    agent_context.close()
    assert origin_guard.foreign == []


@pytest.mark.filterwarnings("ignore:StreamingHttpResponse must consume synchronous iterators")
def test_the_citizen_recovers_a_lost_message_even_when_its_own_ack_comes_next(
    browser, live_server, doubs_geography, origin_guard, monkeypatch
):
    """The agent's message is stored but its live event is lost; the citizen's next message is
    acknowledged with the sequence number after it. The acknowledgement must not hide the
    gap (it moved the page's last seen number past the lost message, which then never showed
    until a reload): the page asks for what it missed."""
    agent_context, console, citizen_context, phone = _a_citizen_in_the_queue(
        browser, live_server.url, origin_guard
    )
    console.get_by_test_id("chat-queue").get_by_role("button", name="Prendre").click()
    _ready(console)
    phone.get_by_test_id("chat-thread").get_by_text("a rejoint la discussion").wait_for()

    _lose_live_events(monkeypatch, "Ce message-ci se perd en route.")
    console.get_by_label("Votre réponse").fill("Ce message-ci se perd en route.")
    console.get_by_role("button", name="Envoyer").click()
    console.locator(".vigie-chat__message--agent[data-seq]").get_by_text("se perd").wait_for()
    phone.get_by_label("Votre message").fill("Vous êtes là ?")
    phone.get_by_role("button", name="Envoyer").click()
    thread = phone.get_by_test_id("chat-thread")
    thread.locator(".vigie-chat__message--citizen[data-seq]").get_by_text("Vous êtes là").wait_for()
    thread.get_by_text("Ce message-ci se perd en route.").wait_for(timeout=10_000)
    texts = thread.locator(".vigie-chat__text").all_inner_texts()
    assert texts.index("Ce message-ci se perd en route.") < texts.index("Vous êtes là ?")
    citizen_context.close()
    agent_context.close()
    assert origin_guard.foreign == []
