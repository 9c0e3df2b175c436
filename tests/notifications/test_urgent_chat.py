"""Issue 9 item 12: an urgent chat, like an urgent report, reaches the whole cell at once."""

from __future__ import annotations

import uuid

import pytest

from tests.chat.conftest import started
from vigie.chat.events import collecting
from vigie.chat.services import post_citizen_message
from vigie.notifications.events import departement_group

pytestmark = pytest.mark.django_db


def _urgent_events(text: str, django_capture_on_commit_callbacks) -> list[dict]:
    conversation = started().conversation
    sent: list = []

    def post() -> None:  # events are published once the transaction commits
        with django_capture_on_commit_callbacks(execute=True):
            post_citizen_message(conversation=conversation, text=text, client_id=uuid.uuid4())

    collecting(post, sent)()
    group = departement_group(conversation.departement_id)
    return [event for name, event in sent if name == group and event["type"] == "notify.urgent"]


def test_a_chat_message_that_reads_as_an_emergency_alerts_the_cell(
    django_capture_on_commit_callbacks,
) -> None:
    events = _urgent_events(
        "Ils viennent de poignarder un jeune devant le hall, il saigne beaucoup",
        django_capture_on_commit_callbacks,
    )
    assert len(events) == 1
    assert events[0]["kind"] == "chat"
    assert events[0]["reference"].startswith("VC-")
    assert "poignarder" not in str(events[0])  # where, never what


def test_an_ordinary_chat_message_alerts_nobody(django_capture_on_commit_callbacks) -> None:
    events = _urgent_events(
        "Il y a un point de vente au parking de la rue de Dole tous les soirs",
        django_capture_on_commit_callbacks,
    )
    assert events == []
