"""The home page tells whether an agent can answer a chat now, from the agents' presence."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories import AgentFactory
from vigie.chat import presence

pytestmark = pytest.mark.django_db


def _presence(client) -> str:
    response = client.get(reverse("public:home"))
    assert "no-cache" in response.headers["Cache-Control"]  # presence is never cached
    html = response.content.decode()
    assert "à toute heure" not in html
    found = re.search(r'data-testid="chat-presence">(.*?)</div>', html, re.DOTALL)
    assert found, "the home page says nothing of who is there"
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def test_the_home_page_says_who_can_answer_a_chat_now(client) -> None:
    doubs = AgentFactory(departement="25")
    AgentFactory(departement="39")  # registered in the Jura, not connected
    assert "En ce moment, aucun agent n’est connecté" in _presence(client)

    presence.agent_connected(doubs.pk)
    said = _presence(client)
    assert "peut répondre en direct pour : Doubs (25)." in said
    assert "Jura" not in said
    assert "Dans les autres départements, personne n’est connecté en ce moment" in said

    presence.agent_disconnected(doubs.pk)
    assert "En ce moment, aucun agent n’est connecté" in _presence(client)
