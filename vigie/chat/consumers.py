"""WebSocket adapters of the live chat: authenticate, call a service, relay events.

Protocol (JSON text frames; every frame has a ``type``)
=======================================================

Citizen socket — ``/discuter/ws/`` (public side: no client address or user agent reaches it)
------------------------------------------------------------------------------------------
The receipt is never in the URL: the first frame authenticates the socket.

client → server
  {"type": "hello", "reference": "VC-…", "secret": "…", "last_seq": 12}
      ``last_seq``: the highest sequence number this client has shown (0 at first).
  {"type": "message", "id": "<uuid4 chosen by the client>", "text": "…"}
      Idempotent on ``id``: after a dropped connection the client resends every message it
      has not seen acknowledged; a message already stored is acknowledged again, not stored
      twice.
  {"type": "typing"}                      (the client sends at most one every 3 seconds)
  {"type": "resume", "last_seq": 12}
      The client saw a gap in the sequence numbers (under overload a channel layer may drop
      a live event; the message itself is stored): the server answers with a new
      ``welcome`` holding everything after ``last_seq``, without reconnecting.

server → client
  {"type": "welcome", "conversation": {"reference", "status", "agent", "agents_online"},
   "messages": [<message>…], "last_seq": 14}
      ``messages``: everything after the client's ``last_seq``, in order.
  {"type": "ack", "id": "<uuid>", "seq": 15}
  <message> = {"type": "message", "seq": 15, "id": "<uuid>", "author":
               "citizen"|"agent"|"system", "at": "<ISO 8601, to the minute>", "text": "…",
               "attachment": false}
      Every message of the conversation, the client's own included (several tabs stay in
      step); clients de-duplicate on ``seq``.
  {"type": "typing", "author": "agent"}
  {"type": "status", "status": "waiting"|"active"|"closed", "agent": "<first name>"}
  {"type": "error", "code": "bad_receipt"|"bad_frame"|"empty"|"too_long"|"rate_limited"|
   "closed", "message": "<French, to show as is>", "id": "<uuid, when about a message>"}
      ``bad_receipt`` is followed by closing the socket (code 4403); so is a ``hello``
      refused for too many wrong receipts (``rate_limited`` with ``retry_after`` seconds).

Agent socket — ``<back office>/discussions/ws/`` (session cookie of the back office)
-------------------------------------------------------------------------------------------
An agent who does not work in a cell is refused at the handshake (403).

client → server
  {"type": "open", "conversation": "<public id>", "last_seq": 0}   read (audited) and follow
  {"type": "take", "conversation": "<public id>"}                  answer it (audited)
  {"type": "message", "conversation": "<public id>", "id": "<uuid>", "text": "…"}
  {"type": "typing", "conversation": "<public id>"}

server → client
  {"type": "queue", "count": 3, "queue": [{"id", "reference", "waiting_since", "commune",
   "messages"}…]}          on connect, then each time the département's queue changes
  {"type": "mine", "conversations": [{"id", "reference", "commune"}…]}      on connect
  {"type": "thread", "conversation": "<id>", "reference", "status", "agent_id",
   "messages": [<message>…]}                       answer to open/take (after last_seq)
  {"type": "ack", "conversation": "<id>", "id": "<uuid>", "seq": 15}
  <message> with a "conversation" key; {"type": "typing", "author": "citizen",
  "conversation": "<id>"}; {"type": "status", "conversation": "<id>", "status", "agent",
  "agent_id"}; {"type": "assigned", "conversation", "reference"} (a colleague handed a
  conversation over to this agent); {"type": "error", "code", "message", …}
      ``not_found`` answers a conversation of another département exactly as a missing one.

Closing, handing over, converting into a report and canned replies go through the console's
HTTP forms (they work without JavaScript); the events they cause reach the sockets.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.http import Http404
from django.utils.translation import gettext

from vigie.audit.models import AuditAction
from vigie.audit.services import record_event_once_per_session
from vigie.chat import events, presence, selectors, services
from vigie.chat.access import access_conversation
from vigie.chat.models import Conversation
from vigie.core import abuse, metrics
from vigie.core.receipt_attempts import too_many_attempts, try_receipt
from vigie.core.receipts import CONVERSATION_PREFIX

T = TypeVar("T")
TYPING_INTERVAL_SECONDS = 2.0
REFUSED = 4403


def _uuid(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _last_seq(value: Any) -> int:
    return value if isinstance(value, int) and value > 0 else 0


def _relayed(event: dict[str, Any], frame_type: str) -> dict[str, Any]:
    return {**event, "type": frame_type}


class _ChatConsumer(AsyncJsonWebsocketConsumer):  # type: ignore[misc]  # untyped base
    last_typing = 0.0
    side = ""  # the metrics label: "citizen" or "agent"
    counted = False

    async def websocket_connect(self, message: Any) -> None:
        metrics.socket_opened(self.side)
        self.counted = True
        await super().websocket_connect(message)

    async def websocket_disconnect(self, message: Any) -> None:
        if self.counted:
            self.counted = False
            metrics.socket_closed(self.side)
        await super().websocket_disconnect(message)

    async def in_database(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a service in the database thread, then send the events it published."""
        published: list[events.Event] = []
        call = events.collecting(function, published)
        result = await database_sync_to_async(call)(*args, **kwargs)
        for group, event in published:
            await self.channel_layer.group_send(group, event)
        return result

    async def send_error(self, code: str, message: str, **extra: Any) -> None:
        await self.send_json({"type": "error", "code": code, "message": message, **extra})

    async def bad_frame(self) -> None:
        await self.send_error("bad_frame", gettext("Message illisible : rechargez la page."))

    def typing_allowed(self) -> bool:
        now = time.monotonic()
        if now - self.last_typing < TYPING_INTERVAL_SECONDS:
            return False
        self.last_typing = now
        return True


class CitizenChatConsumer(_ChatConsumer):
    side = "citizen"
    conversation: Conversation | None = None
    secret = ""

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if not isinstance(content, dict):
            await self.bad_frame()
            return
        kind = content.get("type")
        if self.conversation is None:
            if kind == "hello":
                await self.hello(content)
            else:
                await self.bad_frame()
        elif kind == "message":
            await self.message(content)
        elif kind == "resume":
            await self.hello(
                {
                    "reference": self.conversation.reference,
                    "secret": self.secret,
                    "last_seq": content.get("last_seq"),
                }
            )
        elif kind == "typing":
            if self.typing_allowed():
                await self.channel_layer.group_send(
                    self.conversation.group_name,
                    {
                        "type": "chat.typing",
                        "author": "citizen",
                        "conversation": str(self.conversation.public_id),
                    },
                )
        else:
            await self.bad_frame()

    async def hello(self, content: dict[str, Any]) -> None:
        reference, secret = content.get("reference"), content.get("secret")
        if not isinstance(reference, str) or not isinstance(secret, str):
            await self.bad_frame()
            return
        checked = await self.in_database(self._check_receipt, reference, secret)
        if checked is not None and checked["type"] == "refused":
            # Too many wrong receipts (vigie.core.receipt_attempts), like the other doors.
            retry_after = checked["retry_after"]
            await self.send_error(
                "rate_limited", too_many_attempts(retry_after), retry_after=retry_after
            )
            await self.close(code=REFUSED)
            return
        if checked is None:
            await self.send_error(
                "bad_receipt",
                gettext("Référence ou code secret incorrect. Vérifiez votre récépissé."),
            )
            await self.close(code=REFUSED)
            return
        # Subscribed before the thread is read: a message posted in between is then in the
        # thread, or delivered live, or both (the page ignores a number it has shown), never
        # neither. Read first, it could be neither, and the citizen would not see the
        # agent's answer until another message came.
        await self.channel_layer.group_add(checked["group"], self.channel_name)
        welcome = await self.in_database(self._welcome, _last_seq(content.get("last_seq")))
        await self.send_json(welcome)

    def _check_receipt(self, reference: str, secret: str) -> dict[str, Any] | None:
        """The conversation of this receipt (kept on the socket), or None, or refused."""
        if self.conversation is None:  # the first hello; a resume presents a checked receipt
            attempt = try_receipt(
                bucket=abuse.bucket_in_scope(self.scope),
                reference=reference,
                lookup=lambda: selectors.conversation_by_receipt(
                    reference=reference, secret=secret
                ),
                default_prefix=CONVERSATION_PREFIX,
            )
            if attempt.refused:
                return {"type": "refused", "retry_after": attempt.retry_after}
            conversation = attempt.found
        else:
            conversation = selectors.conversation_by_receipt(reference=reference, secret=secret)
        if conversation is None:
            return None
        self.conversation, self.secret = conversation, secret
        return {"type": "found", "group": conversation.group_name}

    def _welcome(self, last_seq: int) -> dict[str, Any]:
        conversation = self.conversation
        if conversation is None:  # _check_receipt sets it before any welcome
            raise RuntimeError("welcome before the receipt was checked")
        messages = selectors.citizen_thread(conversation, secret=self.secret, after_seq=last_seq)
        agent = conversation.agent
        return {
            "type": "welcome",
            "conversation": {
                "reference": conversation.reference,
                "status": conversation.status,
                "agent": gettext("Un agent de la cellule") if agent else "",
                "agents_online": selectors.agents_online(
                    departement_code=conversation.departement_id
                ),
            },
            "messages": [message.as_frame() for message in messages],
            "last_seq": conversation.last_seq,
        }

    async def message(self, content: dict[str, Any]) -> None:
        client_id, text = _uuid(content.get("id")), content.get("text")
        if client_id is None or not isinstance(text, str):
            await self.bad_frame()
            return
        try:
            posted = await self.in_database(
                services.post_citizen_message,
                conversation=self.conversation,
                text=text,
                client_id=client_id,
            )
        except services.ChatError as error:
            await self.send_error(error.code, error.message, id=str(client_id))
            return
        await self.send_json({"type": "ack", "id": str(client_id), "seq": posted.message.seq})

    async def disconnect(self, code: int) -> None:
        if self.conversation is not None:
            await self.channel_layer.group_discard(self.conversation.group_name, self.channel_name)

    # Events published by the services.
    async def chat_message(self, event: dict[str, Any]) -> None:
        frame = _relayed(event, "message")
        frame.pop("conversation", None)
        await self.send_json(frame)

    async def chat_typing(self, event: dict[str, Any]) -> None:
        if event["author"] != "citizen":
            await self.send_json({"type": "typing", "author": event["author"]})

    async def chat_status(self, event: dict[str, Any]) -> None:
        await self.send_json({"type": "status", "status": event["status"], "agent": event["agent"]})


class AgentConsoleConsumer(_ChatConsumer):
    side = "agent"
    heartbeat_task: asyncio.Task[None] | None = None

    @property
    def agent(self) -> Any:
        return self.scope["user"]

    async def connect(self) -> None:
        if not await database_sync_to_async(self._works_in_a_cell)():
            await self.close(code=REFUSED)  # before accept: the handshake gets a 403
            return
        self.departement = self.agent.cell.departement_id
        # Conversations this socket opened (scope checked and audited then), by public id.
        self.opened: dict[str, Conversation] = {}
        await self.accept()
        await self.channel_layer.group_add(events.queue_group(self.departement), self.channel_name)
        await sync_to_async(presence.agent_connected, thread_sensitive=False)(self.agent.pk)
        self.heartbeat_task = asyncio.create_task(self._heartbeat())
        queue, mine = await database_sync_to_async(self._initial_state)()
        await self.send_json({"type": "queue", "count": len(queue), "queue": queue})
        await self.send_json({"type": "mine", "conversations": mine})

    def _works_in_a_cell(self) -> bool:
        agent = self.scope.get("user")
        if agent is None or not agent.is_authenticated or not agent.works_in_a_cell:
            return False
        agent.cell  # noqa: B018  # loaded here, in a sync thread, for later use
        return True

    @property
    def session_key(self) -> str | None:
        session = self.scope.get("session")
        return session.session_key if session is not None else None

    def _initial_state(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        record_event_once_per_session(
            self.session_key, actor=self.agent, action=AuditAction.VIEW_CHAT_QUEUE
        )
        queue = [
            item.as_dict() for item in selectors.waiting_queue(departement_code=self.departement)
        ]
        return queue, selectors.conversations_of_summary(self.agent)

    async def _heartbeat(self) -> None:
        while True:
            await asyncio.sleep(presence.HEARTBEAT_SECONDS)
            await sync_to_async(presence.heartbeat, thread_sensitive=False)(self.agent.pk)

    async def disconnect(self, code: int) -> None:
        if self.heartbeat_task is None:
            return  # refused at the handshake
        self.heartbeat_task.cancel()
        # The heartbeat's own cancellation comes back as a result; a cancellation of this
        # consumer (a server shutting down) still propagates. Suppressing CancelledError
        # around `await self.heartbeat_task` swallowed both, and a task that swallows its
        # cancellation can keep `asyncio.run` from ever returning.
        await asyncio.gather(self.heartbeat_task, return_exceptions=True)
        await sync_to_async(presence.agent_disconnected, thread_sensitive=False)(self.agent.pk)
        await self.channel_layer.group_discard(
            events.queue_group(self.departement), self.channel_name
        )
        for public_id in self.opened:
            await self.channel_layer.group_discard(
                events.conversation_group(uuid.UUID(public_id).hex), self.channel_name
            )

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if not isinstance(content, dict) or not isinstance(content.get("conversation"), str):
            await self.bad_frame()
            return
        kind, public_id = content.get("type"), content["conversation"]
        handlers = {"open": self.open, "take": self.open, "message": self.message}
        if kind == "typing":
            if public_id in self.opened and self.typing_allowed():
                await self.channel_layer.group_send(
                    events.conversation_group(uuid.UUID(public_id).hex),
                    {"type": "chat.typing", "author": "agent", "conversation": public_id},
                )
        elif kind in handlers:
            await handlers[kind](public_id, content)
        else:
            await self.bad_frame()

    async def open(self, public_id: str, content: dict[str, Any]) -> None:
        group, subscribed_now = "", False
        try:
            if public_id not in self.opened:
                # Subscribed before the thread is read, as the citizen's hello: a message
                # posted in between is then in the thread or live, never neither. The scope is
                # checked first: nothing of a conversation reaches a socket not allowed it.
                await self.in_database(access_conversation, self.agent, public_id, audit=False)
                group = events.conversation_group(uuid.UUID(public_id).hex)
                await self.channel_layer.group_add(group, self.channel_name)
                subscribed_now = True
            thread = await self.in_database(
                self._open,
                public_id,
                take=content["type"] == "take",
                last_seq=_last_seq(content.get("last_seq")),
            )
        except (Http404, services.ChatError) as error:
            if subscribed_now:
                await self.channel_layer.group_discard(group, self.channel_name)
            if isinstance(error, Http404):
                await self.send_error(
                    "not_found", gettext("Discussion introuvable."), conversation=public_id
                )
            else:
                await self.send_error(error.code, error.message, conversation=public_id)
            return
        self.opened.setdefault(public_id, thread.pop("object"))
        await self.send_json(thread)

    def _open(self, public_id: str, *, take: bool, last_seq: int) -> dict[str, Any]:
        conversation = access_conversation(self.agent, public_id, audit=False)
        # Once per session and conversation: the page that opens this socket wrote its own
        # row, and a reconnection or a gap recovery opens it again (audit/services.py).
        record_event_once_per_session(
            self.session_key,
            actor=self.agent,
            action=AuditAction.VIEW_CONVERSATION,
            target_type="conversation",
            target_id=conversation.reference,
        )
        if take:
            conversation = services.take_conversation(conversation=conversation, agent=self.agent)
        messages = selectors.cell_thread(conversation, after_seq=last_seq)
        return {
            "object": conversation,
            "type": "thread",
            "conversation": str(conversation.public_id),
            "reference": conversation.reference,
            "status": conversation.status,
            "agent_id": conversation.agent_id,
            "messages": [message.as_frame(conversation=public_id) for message in messages],
        }

    async def message(self, public_id: str, content: dict[str, Any]) -> None:
        client_id, text = _uuid(content.get("id")), content.get("text")
        if client_id is None or not isinstance(text, str) or public_id not in self.opened:
            await self.bad_frame()
            return
        try:
            # Scope was checked when this socket opened it; the service re-checks, under the
            # row lock, that the agent still holds it (a hand-over may have happened since).
            posted = await self.in_database(
                services.post_agent_message,
                conversation=self.opened[public_id],
                agent=self.agent,
                text=text,
                client_id=client_id,
            )
        except services.ChatError as error:
            await self.send_error(
                error.code, error.message, id=str(client_id), conversation=public_id
            )
            return
        await self.send_json(
            {
                "type": "ack",
                "conversation": public_id,
                "id": str(client_id),
                "seq": posted.message.seq,
            }
        )

    # Events published by the services.
    async def chat_queue(self, event: dict[str, Any]) -> None:
        await self.send_json(_relayed(event, "queue"))

    async def chat_message(self, event: dict[str, Any]) -> None:
        await self.send_json(_relayed(event, "message"))

    async def chat_typing(self, event: dict[str, Any]) -> None:
        if event["author"] == "citizen":
            await self.send_json(
                {"type": "typing", "author": "citizen", "conversation": event.get("conversation")}
            )

    async def chat_status(self, event: dict[str, Any]) -> None:
        await self.send_json(_relayed(event, "status"))

    async def chat_handed_over(self, event: dict[str, Any]) -> None:
        if event["to_agent_id"] == self.agent.pk:
            await self.send_json(
                {
                    "type": "assigned",
                    "conversation": event["conversation"],
                    "reference": event["reference"],
                }
            )
