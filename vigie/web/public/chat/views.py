"""Citizen side of the live chat. Pages holding a receipt are never cached.

Without JavaScript, the thread is a plain page: each POST carries the receipt in hidden
fields (never a URL, never a session) and shows the thread; « Actualiser » posts it again.
With JavaScript, chat-citizen.js opens the socket and authenticates it with the same fields.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vigie.chat import selectors
from vigie.chat.models import Conversation
from vigie.chat.services import (
    ChatError,
    check_message_text,
    post_citizen_message,
    start_conversation,
)
from vigie.core import abuse
from vigie.core.receipt_attempts import ReceiptAttempt, too_many_attempts, try_receipt
from vigie.core.receipts import CONVERSATION_PREFIX
from vigie.evidence.services import EvidenceRejected, rejections_from_request, store_evidence
from vigie.web.public.chat.forms import MessageForm, ReceiptForm, StartForm


def _private(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    response.headers["Cache-Control"] = "no-store"
    return response


def _start_page(
    request: HttpRequest, form: StartForm, resume: ReceiptForm, status: int = 200
) -> HttpResponse:
    context = {"form": form, "resume": resume}
    return _private(render(request, "public/chat/start.html", context, status=status))


def thread_page(
    request: HttpRequest,
    conversation: Conversation,
    secret: str,
    *,
    show_receipt: bool = False,
    form: MessageForm | None = None,
    status: int = 200,
) -> HttpResponse:
    thread = selectors.citizen_thread(conversation, secret=secret)
    context: dict[str, Any] = {
        "conversation": conversation,
        "secret": secret,
        # Shown on every page of the thread until the citizen says they have kept it.
        "show_receipt": show_receipt,
        "thread": thread,
        "last_seq": thread[-1].seq if thread else 0,
        "agents_online": selectors.agents_online(departement_code=conversation.departement_id),
        "form": form or MessageForm(),
        "message_id": uuid.uuid4(),
    }
    return _private(render(request, "public/chat/thread.html", context, status=status))


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _start_page(request, StartForm(), ReceiptForm())
    form = StartForm(request.POST)
    if not form.is_valid() or form.place is None or form.place.departement is None:
        return _start_page(request, form, ReceiptForm(), status=422)
    try:
        started = start_conversation(
            departement=form.place.departement,
            commune=form.place.commune,
            client_key=abuse.client_bucket(request),
            start_id=form.cleaned_data["start_id"],
        )
    except ChatError as error:
        form.add_error(None, error.message)
        return _start_page(request, form, ReceiptForm(), status=429)
    if started.secret is None:
        # A retried form: the receipt was shown on the first answer and cannot be again.
        form.add_error(
            None,
            _(
                "Cette discussion a déjà été ouverte (référence %(reference)s). Reprenez-la "
                "avec le code secret affiché alors."
            )
            % {"reference": started.conversation.reference},
        )
        return _start_page(request, form, ReceiptForm(), status=409)
    return thread_page(request, started.conversation, started.secret, show_receipt=True)


@require_POST
def thread(request: HttpRequest) -> HttpResponse:
    """Open (resume) a conversation with its receipt, post a message, or refresh."""
    form = MessageForm(request.POST, request.FILES)
    attempt: ReceiptAttempt[Conversation] = ReceiptAttempt(found=None)
    if form.is_valid():
        reference, secret = form.cleaned_data["reference"], form.cleaned_data["secret"]
        attempt = try_receipt(
            bucket=abuse.client_bucket(request),
            reference=reference,
            lookup=lambda: selectors.conversation_by_receipt(reference=reference, secret=secret),
            default_prefix=CONVERSATION_PREFIX,
        )
    conversation = attempt.found
    if conversation is None:
        resume = ReceiptForm(request.POST)
        if attempt.refused:
            resume.add_error(None, too_many_attempts(attempt.retry_after))
            response = _start_page(request, StartForm(), resume, status=429)
            response["Retry-After"] = str(attempt.retry_after)
            return response
        if resume.is_valid():
            resume.add_error(
                None,
                _(
                    "Référence ou code secret incorrect. Vérifiez votre récépissé "
                    "(les lettres O et I se lisent aussi 0 et 1)."
                ),
            )
        return _start_page(request, StartForm(), resume, status=422)
    return _answer(request, form, conversation)


def _answer(request: HttpRequest, form: MessageForm, conversation: Conversation) -> HttpResponse:
    secret = form.cleaned_data["secret"]
    if "receipt_kept" in request.POST:
        # « J'ai conservé mon récépissé » submits the message form: what was typed stays.
        return thread_page(request, conversation, secret, form=form)
    show_receipt = form.cleaned_data.get("receipt_pending", False)
    text = form.cleaned_data.get("text") or ""
    photo = form.cleaned_data.get("photo")
    dropped = rejections_from_request(request)  # too large: stopped while uploading
    if "refresh" in request.POST or not (text.strip() or photo or dropped):
        return thread_page(request, conversation, secret, show_receipt=show_receipt)
    try:
        if text.strip() or photo is None:
            check_message_text(text)  # before storing a photo that would then be orphaned
        if dropped:
            raise dropped[0]
        post_citizen_message(
            conversation=conversation,
            text=text,
            client_id=form.cleaned_data["message_id"] or uuid.uuid4(),
            attachment=store_evidence(photo) if photo is not None else None,
        )
    except ChatError as error:
        form.add_error("text", error.message)
        return thread_page(
            request, conversation, secret, show_receipt=show_receipt, form=form, status=422
        )
    except EvidenceRejected as error:
        form.add_error("photo", error.message)
        return thread_page(
            request, conversation, secret, show_receipt=show_receipt, form=form, status=422
        )
    return thread_page(request, conversation, secret, show_receipt=show_receipt)
