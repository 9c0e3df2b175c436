"""Writes of the live chat: each function is one business action with its side effects
(system message in the thread, audit row, events published after commit)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from vigie.audit.models import AuditAction
from vigie.audit.services import record_event
from vigie.cells.models import Cell
from vigie.chat import events
from vigie.chat.models import (
    Author,
    CannedReply,
    ChatMessage,
    CloseReason,
    Conversation,
    ConversationStatus,
)
from vigie.chat.selectors import ThreadMessage, cell_thread, thread_message, waiting_queue
from vigie.core import abuse, receipts, sealing
from vigie.engine.analysis import analyse
from vigie.geo.models import Commune, Departement
from vigie.notifications.events import announce_urgent_conversation
from vigie.reports.content import ReportContent
from vigie.reports.enums import Category, ReportSource
from vigie.reports.models import Report
from vigie.reports.services import attach_file, submit_report


class ChatError(Exception):
    """A refusal the citizen or agent is told about, with a stable code and a French text."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class StartedConversation:
    conversation: Conversation
    # None when a retried start form returned the existing conversation (secret shown once).
    secret: str | None
    created: bool


@dataclass(frozen=True)
class PostedMessage:
    message: ThreadMessage
    created: bool


def _minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


def _publish_queue(departement_code: str) -> None:
    """Every console of the département gets the whole queue (small: one cell's waiting list)."""

    def send() -> None:
        queue = [item.as_dict() for item in waiting_queue(departement_code=departement_code)]
        events._send(
            events.queue_group(departement_code),
            {"type": "chat.queue", "count": len(queue), "queue": queue},
        )

    transaction.on_commit(send)


def _publish_status(conversation: Conversation, *, agent_name: str = "") -> None:
    events.publish(
        conversation.group_name,
        {
            "type": "chat.status",
            "conversation": str(conversation.public_id),
            "status": conversation.status,
            "agent": agent_name,
            "agent_id": conversation.agent_id,
        },
    )


def start_conversation(
    *,
    departement: Departement,
    commune: Commune | None,
    client_key: str,
    start_id: uuid.UUID | None = None,
) -> StartedConversation:
    """`client_key`: the request's rotating keyed bucket (`vigie.core.abuse.client_bucket`),
    never an address; starts are limited per client, so a flood from one place cannot close
    a département's chat to everybody else."""
    if start_id is not None:
        existing = Conversation.objects.filter(start_id=start_id).first()
        if existing is not None:
            return StartedConversation(conversation=existing, secret=None, created=False)
    if not abuse.hit("chat_start", client_key).allowed:
        raise ChatError(
            "rate_limited",
            gettext(
                "Trop de discussions ont été ouvertes depuis cette connexion ces dernières "
                "minutes. Réessayez un peu plus tard, ou faites un signalement."
            ),
        )
    secret = receipts.new_secret()
    now = _minute(timezone.now())
    for _attempt in range(5):
        reference = receipts.new_reference(receipts.CONVERSATION_PREFIX)
        conversation = Conversation(
            reference=reference,
            secret_hash=receipts.hash_secret(secret),
            citizen_key=receipts.citizen_public_key(secret, reference=reference),
            start_id=start_id,
            departement=departement,
            commune=commune,
            started_at=now,
            waiting_since=now,
        )
        try:
            with transaction.atomic():
                conversation.save()
                _publish_queue(departement.code)
        except IntegrityError:
            if start_id is not None:
                raced = Conversation.objects.filter(start_id=start_id).first()
                if raced is not None:
                    return StartedConversation(conversation=raced, secret=None, created=False)
            continue  # a reference collision: draw another one
        return StartedConversation(conversation=conversation, secret=secret, created=True)
    raise RuntimeError("could not allocate a unique conversation reference")


def check_message_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise ChatError("empty", gettext("Le message est vide."))
    limit = settings.CHAT_MESSAGE_MAX_LENGTH
    if len(text) > limit:
        raise ChatError(
            "too_long",
            gettext(
                "Votre message fait %(length)s caractères ; la limite est de %(limit)s. "
                "Coupez-le en plusieurs messages."
            )
            % {"length": len(text), "limit": limit},
        )
    return text


def _append(
    conversation: Conversation,
    *,
    author: Author,
    text: str,
    client_id: uuid.UUID,
    agent: Any = None,
    attachment: Any = None,
) -> ChatMessage:
    """Caller holds the conversation row lock: the sequence number is taken under it."""
    conversation.last_seq += 1
    message = ChatMessage(
        conversation=conversation,
        seq=conversation.last_seq,
        client_id=client_id,
        author=author,
        agent=agent,
        at=_minute(timezone.now()),
        attachment=attachment,
    )
    message.sealed_for_cell, message.sealed_for_citizen = sealing.seal_for_both(
        text.encode(),
        citizen_public=bytes(conversation.citizen_key),
        associated_data=message.associated_data,
    )
    message.save()
    Conversation.objects.filter(pk=conversation.pk).update(last_seq=conversation.last_seq)
    thread = thread_message(message, text)
    events.publish(
        conversation.group_name,
        {**thread.as_frame(conversation=str(conversation.public_id)), "type": "chat.message"},
    )
    return message


def _locked(conversation: Conversation) -> Conversation:
    return Conversation.objects.select_for_update().get(pk=conversation.pk)


def _existing(conversation: Conversation, client_id: uuid.UUID) -> PostedMessage | None:
    """A message already stored under this client id (a resend after a dropped connection)."""
    message = (
        ChatMessage.objects.select_related("agent")
        .filter(conversation=conversation, client_id=client_id)
        .first()
    )
    if message is None:
        return None
    # The resender wrote it: its text is what they sent; only the sequence number matters.
    return PostedMessage(message=thread_message(message, ""), created=False)


def _system(conversation: Conversation, text: str) -> None:
    _append(conversation, author=Author.SYSTEM, text=text, client_id=uuid.uuid4())


def _post_once(
    conversation: Conversation,
    client_id: uuid.UUID,
    text: str,
    write: Callable[[Conversation], ChatMessage],
    *,
    before: Callable[[], None] = lambda: None,
) -> PostedMessage:
    """Store a message once per client id: a resend is acknowledged with the first `seq`.

    The common case (a new message) costs no lookup: a resend is caught by the unique
    constraint on (conversation, client_id), and answered with the stored message.
    """
    before()
    try:
        with transaction.atomic():
            locked = _locked(conversation)
            if locked.is_closed:
                raise ChatError(
                    "closed",
                    gettext(
                        "Cette discussion est close. Vous pouvez en ouvrir une nouvelle ou "
                        "faire un signalement."
                    ),
                )
            message = write(locked)
    except IntegrityError:
        raced = _existing(conversation, client_id)
        if raced is None:
            raise
        return raced
    return PostedMessage(message=thread_message(message, text), created=True)


def post_citizen_message(
    *,
    conversation: Conversation,
    text: str,
    client_id: uuid.UUID,
    attachment: Any = None,
) -> PostedMessage:
    """Idempotent on `client_id`; limited in size and rate (per conversation, never per IP)."""
    text = text.strip()
    if attachment is None or text:
        text = check_message_text(text)

    def count() -> None:
        if not abuse.hit("chat_message", str(conversation.public_id)).allowed:
            raise ChatError(
                "rate_limited",
                gettext(
                    "Vous envoyez beaucoup de messages en peu de temps. Patientez une minute : "
                    "votre message n’a pas été envoyé, il est toujours dans la zone de saisie."
                ),
            )

    def write(locked: Conversation) -> ChatMessage:
        message = _append(
            locked, author=Author.CITIZEN, text=text, client_id=client_id, attachment=attachment
        )
        if locked.status == ConversationStatus.WAITING:
            _publish_queue(locked.departement_id)
        if text and analyse(text).triage == "urgence":
            # Not only the agent holding it: the whole cell sees an emergency at once.
            announce_urgent_conversation(locked)
        return message

    return _post_once(conversation, client_id, text, write, before=count)


def post_agent_message(
    *, conversation: Conversation, agent: Any, text: str, client_id: uuid.UUID
) -> PostedMessage:
    text = check_message_text(text)

    def write(locked: Conversation) -> ChatMessage:
        if locked.agent_id != agent.pk:
            raise ChatError(
                "not_yours",
                gettext("Prenez d’abord cette discussion en charge pour y répondre."),
            )
        return _append(locked, author=Author.AGENT, text=text, client_id=client_id, agent=agent)

    return _post_once(conversation, client_id, text, write)


def _agent_name(agent: Any) -> str:
    """What the citizen sees of an agent: nothing personal. The person at the other end may
    be the trafficker the report is about; an officer's name, even a first name, is not
    theirs to collect. Agents see each other's names in the console."""
    return gettext("Un agent de la cellule")


def take_conversation(*, conversation: Conversation, agent: Any) -> Conversation:
    """The agent answers this conversation; several may be held at once."""
    with transaction.atomic():
        locked = _locked(conversation)
        if locked.is_closed:
            raise ChatError("closed", gettext("Cette discussion est close."))
        if locked.agent_id == agent.pk:
            return locked
        if locked.agent_id is not None:
            raise ChatError(
                "taken",
                gettext("Un collègue a déjà pris cette discussion en charge."),
            )
        locked.agent = agent
        locked.status = ConversationStatus.ACTIVE
        locked.waiting_since = None
        locked.save(update_fields=["agent", "status", "waiting_since"])
        _system(
            locked,
            gettext("%(name)s a rejoint la discussion.") % {"name": _agent_name(agent)},
        )
        record_event(
            actor=agent,
            action=AuditAction.TAKE_CONVERSATION,
            target_type="conversation",
            target_id=locked.reference,
        )
        _publish_status(locked, agent_name=_agent_name(agent))
        _publish_queue(locked.departement_id)
    return locked


def hand_over_conversation(
    *, conversation: Conversation, agent: Any, to_agent: Any
) -> Conversation:
    """Pass a conversation to a colleague of the same cell (end of shift, a specialist)."""
    if (
        to_agent is None
        or to_agent.pk == agent.pk
        or not to_agent.works_in_a_cell
        or to_agent.cell_id != agent.cell_id
    ):
        raise ChatError("bad_colleague", gettext("Choisissez un collègue de votre cellule."))
    with transaction.atomic():
        locked = _locked(conversation)
        if locked.is_closed or locked.agent_id != agent.pk:
            raise ChatError(
                "not_yours", gettext("Seul l’agent qui tient la discussion peut la transmettre.")
            )
        locked.agent = to_agent
        locked.save(update_fields=["agent"])
        _system(
            locked,
            gettext("La discussion est transmise à un collègue de la même cellule."),
        )
        record_event(
            actor=agent,
            action=AuditAction.HAND_OVER_CONVERSATION,
            target_type="conversation",
            target_id=locked.reference,
            details={"to": to_agent.username},
        )
        _publish_status(locked, agent_name=_agent_name(to_agent))
        events.publish(
            events.queue_group(locked.departement_id),
            {
                "type": "chat.handed_over",
                "conversation": str(locked.public_id),
                "reference": locked.reference,
                "to_agent_id": to_agent.pk,
            },
        )
    return locked


def _closing_message(conversation: Conversation) -> str:
    if conversation.report_id is not None:
        # Never invite a second report of what the cell already holds as one.
        return gettext(
            "La cellule a clôturé la discussion. Merci. Votre témoignage est enregistré comme "
            "un signalement : suivez-le avec ce même récépissé (« Suivre mon signalement »), "
            "inutile d’en faire un autre."
        )
    return gettext(
        "La cellule a clôturé la discussion. Merci. Vous pouvez toujours relire ce "
        "fil avec votre récépissé, ou faire un signalement."
    )


def close_conversation(
    *, conversation: Conversation, agent: Any, reason: CloseReason | str
) -> Conversation:
    reason = CloseReason(reason)
    with transaction.atomic():
        locked = _locked(conversation)
        if locked.is_closed:
            return locked
        was_waiting = locked.status == ConversationStatus.WAITING
        locked.status = ConversationStatus.CLOSED
        locked.close_reason = reason
        locked.closed_at = timezone.now()
        locked.waiting_since = None
        locked.save(update_fields=["status", "close_reason", "closed_at", "waiting_since"])
        _system(locked, _closing_message(locked))
        record_event(
            actor=agent,
            action=AuditAction.CLOSE_CONVERSATION,
            target_type="conversation",
            target_id=locked.reference,
            details={"reason": reason.value},
        )
        _publish_status(locked)
        if was_waiting:
            _publish_queue(locked.departement_id)
    return locked


def _transcript_line(message: ThreadMessage) -> str:
    who = {
        Author.CITIZEN: gettext("Citoyen"),
        Author.AGENT: gettext("Agent"),
        Author.SYSTEM: gettext("Information"),
    }[message.author]
    text = message.text
    if message.has_attachment:
        text = (text + " " if text else "") + gettext("[photo jointe]")
    return f"[{message.at:%d/%m/%Y %H:%M}] {who} : {text}"


def transcript(conversation: Conversation) -> str:
    """The whole conversation, each line dated and attributed: what a report made of it
    carries (sealed) and is analysed on. Callers reach the conversation through access.py."""
    return "\n".join(_transcript_line(message) for message in cell_thread(conversation))


def citizen_words(conversation: Conversation) -> str:
    """The citizen's own words, in order: what the structured form is pre-filled from (an
    agent's question naming a plate is not a witness's statement)."""
    return "\n\n".join(
        message.text
        for message in cell_thread(conversation)
        if message.author == Author.CITIZEN and message.text
    )


def convert_to_report(
    *, conversation: Conversation, agent: Any, category: Category | str, details: ReportContent
) -> Report:
    """File the conversation as a report of the cell (analysed, triaged, scored).

    `details`: the structured fields the agent filled (place, time, vehicles, identifiers…);
    its description is replaced by the whole transcript, so the report carries everything
    said, sealed like any report's content, and is analysed on it plus those fields.

    The report follows the conversation's receipt: its citizen key is the conversation's, so
    the citizen reads the cell's questions and adds information on the follow-up page with
    the ``VC-…`` receipt they hold; the report's own secret is never shown to anybody.
    Converting twice returns the same report (the submission id derives from the
    conversation).
    """
    with transaction.atomic():
        locked = _locked(conversation)
        if locked.report_id is not None:
            return Report.objects.get(pk=locked.report_id)
        commune = locked.commune
        content = replace(
            details,
            description=transcript(locked),
            commune_name=details.commune_name or (commune.name if commune else ""),
            commune_code=details.commune_code or (commune.code if commune else ""),
            extra={**details.extra, "conversation": locked.reference},
        )
        submitted = submit_report(
            category=category,
            departement=locked.departement,
            commune=commune,
            content=content,
            submission_id=uuid.uuid5(uuid.NAMESPACE_URL, f"vigie:chat:{locked.public_id}"),
            received_at=locked.started_at,
            source=ReportSource.CHAT,
        )
        report = submitted.report
        # Before anything is sealed to the citizen on this report: one receipt, one key.
        report.citizen_key = bytes(locked.citizen_key)
        report.save(update_fields=["citizen_key"])
        for message in locked.messages.exclude(attachment=None).select_related("attachment"):
            attach_file(report=report, file=message.attachment)
        locked.report = report
        locked.save(update_fields=["report"])
        if not locked.is_closed:
            _system(
                locked,
                gettext(
                    "La cellule a enregistré votre témoignage comme un signalement. Suivez-le "
                    "avec ce même récépissé (« Suivre mon signalement ») : vous y lirez son "
                    "état et pourrez ajouter des informations. Inutile d’en faire un autre."
                ),
            )
        record_event(
            actor=agent,
            action=AuditAction.CONVERSATION_TO_REPORT,
            target_type="conversation",
            target_id=locked.reference,
            details={"report": report.reference},
        )
    return report


def save_canned_reply(
    *, cell: Cell, agent: Any, title: str, text: str, reply: CannedReply | None = None
) -> CannedReply:
    reply = reply or CannedReply(cell=cell)
    reply.title, reply.text = title, text
    with transaction.atomic():
        reply.save()
        record_event(
            actor=agent,
            action=AuditAction.EDIT_CANNED_REPLIES,
            target_type="canned_reply",
            target_id=str(reply.pk),
            details={"title": title},
        )
    return reply


def delete_canned_reply(*, reply: CannedReply, agent: Any) -> None:
    with transaction.atomic():
        record_event(
            actor=agent,
            action=AuditAction.EDIT_CANNED_REPLIES,
            target_type="canned_reply",
            target_id=str(reply.pk),
            details={"deleted": reply.title},
        )
        reply.delete()
