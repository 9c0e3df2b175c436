"""Reads of the live chat: receipts, threads (each side with its own key), the queue."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, QuerySet

from vigie.accounts.models import CELL_ROLES, Agent
from vigie.chat import presence
from vigie.chat.models import Author, CannedReply, ChatMessage, Conversation, ConversationStatus
from vigie.core import receipts, sealing
from vigie.geo.models import Departement


@dataclass(frozen=True)
class ThreadMessage:
    seq: int
    client_id: str
    author: Author
    at: datetime
    text: str
    has_attachment: bool
    agent_name: str = ""
    # The StoredFile's public id, for the back office's evidence views (never in a citizen frame).
    attachment_id: str = ""

    def as_frame(self, *, conversation: str | None = None) -> dict[str, Any]:
        frame: dict[str, Any] = {
            "type": "message",
            "seq": self.seq,
            "id": self.client_id,
            "author": str(self.author),
            "at": self.at.isoformat(),
            "text": self.text,
            "attachment": self.has_attachment,
        }
        if conversation is not None:
            frame["conversation"] = conversation
        return frame


@dataclass(frozen=True)
class QueueItem:
    public_id: str
    reference: str
    waiting_since: datetime
    commune: str
    message_count: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.public_id,
            "reference": self.reference,
            "waiting_since": self.waiting_since.isoformat(),
            "commune": self.commune,
            "messages": self.message_count,
        }


def conversation_by_receipt(*, reference: str, secret: str) -> Conversation | None:
    """None for an unknown reference and a wrong secret alike, in the same time."""
    normalised = receipts.normalise_reference(
        reference, default_prefix=receipts.CONVERSATION_PREFIX
    )
    if not normalised.startswith(receipts.CONVERSATION_PREFIX):
        normalised = ""
    conversation = (
        Conversation.objects.select_related("commune", "departement")
        .filter(reference=normalised)
        .first()
        if normalised
        else None
    )
    if not receipts.verify_secret(secret, conversation.secret_hash if conversation else None):
        return None
    return conversation


def thread_message(message: ChatMessage, text: str) -> ThreadMessage:
    agent = message.agent
    return ThreadMessage(
        seq=message.seq,
        client_id=str(message.client_id),
        author=Author(message.author),
        at=message.at,
        text=text,
        has_attachment=message.attachment_id is not None,
        attachment_id=str(message.attachment.public_id) if message.attachment_id else "",
        agent_name=(agent.first_name or agent.username) if agent is not None else "",
    )


def _thread(
    conversation: Conversation, after_seq: int, opened: Callable[[ChatMessage], bytes]
) -> list[ThreadMessage]:
    messages = conversation.messages.filter(seq__gt=after_seq).select_related("agent", "attachment")
    return [thread_message(message, opened(message).decode()) for message in messages]


def citizen_thread(
    conversation: Conversation, *, secret: str, after_seq: int = 0
) -> list[ThreadMessage]:
    """Opened with the key derived from the receipt: the public side holds no other key."""
    key = receipts.citizen_key(secret, reference=conversation.reference)
    return _thread(
        conversation,
        after_seq,
        lambda message: key.open(
            bytes(message.sealed_for_citizen), associated_data=message.associated_data
        ),
    )


def cell_thread(conversation: Conversation, *, after_seq: int = 0) -> list[ThreadMessage]:
    """Opened with the cell's key; callers reach the conversation through access.py (audited)."""
    return _thread(
        conversation,
        after_seq,
        lambda message: sealing.open_for_cell(
            message.sealed_for_cell, associated_data=message.associated_data
        ),
    )


def waiting_queue(*, departement_code: str) -> list[QueueItem]:
    conversations = (
        Conversation.objects.in_departement(departement_code)
        .waiting()
        .select_related("commune")
        .annotate(message_count=Count("messages"))
    )
    return [
        QueueItem(
            public_id=str(conversation.public_id),
            reference=conversation.reference,
            waiting_since=conversation.waiting_since or conversation.started_at,
            commune=conversation.commune.name if conversation.commune else "",
            message_count=conversation.message_count,
        )
        for conversation in conversations
    ]


def waiting_count(*, departement_code: str) -> int:
    return Conversation.objects.in_departement(departement_code).waiting().count()


def _held_by(agent: Any) -> Any:
    """The conversations an agent has taken and not closed (an agent may hold several)."""
    return Conversation.objects.filter(agent=agent, status=ConversationStatus.ACTIVE).order_by(
        "started_at", "id"
    )


def conversations_of(agent: Any) -> list[Conversation]:
    return list(_held_by(agent).select_related("commune"))


def conversations_of_summary(agent: Any) -> list[dict[str, str]]:
    """`conversations_of` as the console's list needs it (id, reference, commune): one row
    each, no model instances (every console socket sends it on connecting)."""
    rows = _held_by(agent).values_list("public_id", "reference", "commune__name")
    return [
        {"id": str(public_id), "reference": reference, "commune": commune or ""}
        for public_id, reference, commune in rows
    ]


def cell_agents(*, departement_code: str) -> list[Agent]:
    return list(
        Agent.objects.filter(
            cell__departement_id=departement_code, is_active=True, role__in=CELL_ROLES
        ).order_by("last_name", "first_name", "username")
    )


def _answering_agents() -> QuerySet[Agent]:
    return Agent.objects.filter(is_active=True, role__in=CELL_ROLES, cell__isnull=False)


def agents_online(*, departement_code: str) -> bool:
    ids = _answering_agents().filter(cell__departement_id=departement_code)
    return bool(presence.connected_among(ids.values_list("id", flat=True)))


def departements_answering_now() -> list[Departement]:
    """The départements where an agent of the cell is connected at this moment (the home page
    tells the citizen, instead of promising an answer at any hour)."""
    agents = list(_answering_agents().values_list("id", "cell__departement_id"))
    online = presence.connected_among(agent_id for agent_id, _ in agents)
    codes = {code for agent_id, code in agents if agent_id in online}
    return list(Departement.objects.filter(code__in=codes).order_by("code"))


def colleagues_for_hand_over(agent: Any) -> list[Agent]:
    """Colleagues of the same cell, connected ones first (they can answer now)."""
    others = [
        colleague
        for colleague in cell_agents(departement_code=agent.cell.departement_id)
        if colleague.pk != agent.pk
    ]
    online = presence.connected_among(colleague.pk for colleague in others)
    return sorted(others, key=lambda colleague: colleague.pk not in online)


def canned_replies_of(cell: Any) -> list[CannedReply]:
    return list(CannedReply.objects.filter(cell=cell))
