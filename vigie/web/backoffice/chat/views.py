"""Agent console of the live chat. Conversations are reached only through vigie.chat.access.

Every action is a plain form (it works without JavaScript); console-chat.js makes the queue
and the thread live over the agent socket.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vigie.audit.models import AuditAction
from vigie.audit.services import record_event
from vigie.cells.access import access_own_cell
from vigie.chat import presence, selectors, services
from vigie.chat.access import (
    access_canned_replies_editor,
    access_canned_reply,
    access_colleague,
    access_conversation,
    can_edit_canned_replies,
)
from vigie.chat.models import Conversation
from vigie.web.backoffice.chat.forms import (
    CannedReplyForm,
    CloseForm,
    HandOverForm,
    ReplyForm,
    ToReportForm,
    prefill,
)


@login_required
def console(request: HttpRequest) -> HttpResponse:
    cell = access_own_cell(request.user)
    record_event(actor=request.user, action=AuditAction.VIEW_CHAT_QUEUE)
    context = {
        "cell": cell,
        "queue": selectors.waiting_queue(departement_code=cell.departement_id),
        "mine": selectors.conversations_of(request.user),
        "can_edit_canned_replies": can_edit_canned_replies(request.user),
    }
    return render(request, "backoffice/chat/console.html", context)


def _render_conversation(
    request: HttpRequest, conversation: Conversation, *, status: int = 200, **forms: Any
) -> HttpResponse:
    agent: Any = request.user
    colleagues = selectors.colleagues_for_hand_over(agent)
    online = presence.connected_among(colleague.pk for colleague in colleagues)
    thread = selectors.cell_thread(conversation)
    context = {
        "conversation": conversation,
        "thread": thread,
        "last_seq": thread[-1].seq if thread else 0,
        "is_mine": conversation.agent_id == agent.pk,
        "canned_replies": selectors.canned_replies_of(agent.cell),
        "reply_form": forms.get("reply_form") or ReplyForm(),
        "close_form": forms.get("close_form") or CloseForm(),
        "hand_over_form": forms.get("hand_over_form")
        or HandOverForm(colleagues=colleagues, online=online),
        "report_form": forms.get("report_form") or _conversion_form(conversation),
    }
    return render(request, "backoffice/chat/conversation.html", context, status=status)


def _conversion_form(conversation: Conversation) -> ToReportForm | None:
    """Pre-filled from the analysis of what the citizen wrote; None once converted."""
    if conversation.report_id is not None:
        return None
    return ToReportForm(initial=prefill(services.citizen_words(conversation)))


@login_required
def conversation(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _render_conversation(request, access_conversation(request.user, public_id))


def _refused(request: HttpRequest, error: services.ChatError, public_id: UUID) -> HttpResponse:
    messages.error(request, error.message)
    return redirect("console:conversation", public_id=public_id)


@login_required
@require_POST
def take(request: HttpRequest, public_id: UUID) -> HttpResponse:
    conversation = access_conversation(request.user, public_id, audit=False)
    try:
        services.take_conversation(conversation=conversation, agent=request.user)
    except services.ChatError as error:
        return _refused(request, error, public_id)
    return redirect("console:conversation", public_id=public_id)


@login_required
@require_POST
def reply(request: HttpRequest, public_id: UUID) -> HttpResponse:
    conversation = access_conversation(request.user, public_id, audit=False)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _render_conversation(request, conversation, reply_form=form, status=422)
    try:
        services.post_agent_message(
            conversation=conversation,
            agent=request.user,
            text=form.cleaned_data["text"],
            client_id=form.cleaned_data["message_id"],
        )
    except services.ChatError as error:
        form.add_error("text", error.message)
        return _render_conversation(request, conversation, reply_form=form, status=422)
    return redirect("console:conversation", public_id=public_id)


@login_required
@require_POST
def close(request: HttpRequest, public_id: UUID) -> HttpResponse:
    conversation = access_conversation(request.user, public_id, audit=False)
    form = CloseForm(request.POST)
    if not form.is_valid():
        return _render_conversation(request, conversation, close_form=form, status=422)
    services.close_conversation(
        conversation=conversation, agent=request.user, reason=form.cleaned_data["reason"]
    )
    messages.success(
        request, _("Discussion %(reference)s clôturée.") % {"reference": conversation.reference}
    )
    return redirect("console:console")


@login_required
@require_POST
def hand_over(request: HttpRequest, public_id: UUID) -> HttpResponse:
    conversation = access_conversation(request.user, public_id, audit=False)
    colleagues = selectors.colleagues_for_hand_over(request.user)
    form = HandOverForm(request.POST, colleagues=colleagues, online=set())
    if not form.is_valid():
        return _render_conversation(request, conversation, hand_over_form=form, status=422)
    colleague = access_colleague(request.user, form.cleaned_data["colleague"])
    try:
        services.hand_over_conversation(
            conversation=conversation, agent=request.user, to_agent=colleague
        )
    except services.ChatError as error:
        return _refused(request, error, public_id)
    messages.success(
        request,
        _("Discussion %(reference)s transmise à %(name)s.")
        % {"reference": conversation.reference, "name": colleague.get_full_name()},
    )
    return redirect("console:console")


@login_required
@require_POST
def to_report(request: HttpRequest, public_id: UUID) -> HttpResponse:
    conversation = access_conversation(request.user, public_id, audit=False)
    action = request.POST.get("action", "")
    if action.startswith("add-"):
        # « Ajouter » without JavaScript: the same form again, one more row, nothing lost.
        data = request.POST.copy()
        prefix = action.removeprefix("add-")
        total = f"{prefix}-TOTAL_FORMS"
        if total in data and data[total].isdigit():
            data[total] = str(min(int(data[total]) + 1, 10))
        return _render_conversation(request, conversation, report_form=ToReportForm(data))
    form = ToReportForm(request.POST)
    if not form.is_valid():
        return _render_conversation(request, conversation, report_form=form, status=422)
    report = services.convert_to_report(
        conversation=conversation,
        agent=request.user,
        category=form.cleaned_data["category"],
        details=form.details(),
    )
    messages.success(
        request,
        _("Signalement %(report)s créé à partir de la discussion %(reference)s.")
        % {"report": report.reference, "reference": conversation.reference},
    )
    return redirect("backoffice:report_detail", public_id=report.public_id)


@login_required
@require_http_methods(["GET", "POST"])
def canned_replies(request: HttpRequest, reply_id: int | None = None) -> HttpResponse:
    """List, add and edit the cell's canned replies (analysts and the head of the cell)."""
    cell = access_canned_replies_editor(request.user)
    reply_obj = access_canned_reply(request.user, reply_id) if reply_id is not None else None
    form = CannedReplyForm(request.POST or None, instance=reply_obj)
    if request.method == "POST" and form.is_valid():
        services.save_canned_reply(
            cell=cell,
            agent=request.user,
            title=form.cleaned_data["title"],
            text=form.cleaned_data["text"],
            reply=reply_obj,
        )
        messages.success(request, _("Réponse type enregistrée."))
        return redirect("console:canned_replies")
    context = {
        "replies": selectors.canned_replies_of(cell),
        "form": form,
        "editing": reply_obj,
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "backoffice/chat/canned_replies.html", context, status=status)


@login_required
@require_POST
def delete_canned_reply(request: HttpRequest, reply_id: int) -> HttpResponse:
    services.delete_canned_reply(
        reply=access_canned_reply(request.user, reply_id), agent=request.user
    )
    messages.success(request, _("Réponse type supprimée."))
    return redirect("console:canned_replies")
