"""Citizen follow-up: the receipt opens the report's status and its thread with the cell.

Nothing about the citizen is kept between requests: no session, no cookie, no secret in a
URL. The status page carries the reference and the secret in hidden fields of its POST
forms, and every answer is `no-store`. Each POST presents the receipt again.

Wrong receipts are rate-limited per client bucket and per reference (see `open_receipt`),
and the answers never tell whether a reference exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from vigie.chat import selectors as chat_selectors
from vigie.chat.models import Conversation
from vigie.core import abuse, receipts
from vigie.core.receipt_attempts import too_many_attempts, try_receipt
from vigie.evidence.services import EvidenceRejected, rejections_from_request, store_evidence
from vigie.reports.enums import MessageKind
from vigie.reports.models import Report
from vigie.reports.selectors import report_by_receipt, report_for_receipt
from vigie.reports.services import attach_file, post_citizen_message
from vigie.web.public.chat.views import thread_page
from vigie.web.public.follow_up_forms import AdditionForm, FollowUpForm, MessageForm

WRONG_RECEIPT = gettext_lazy(
    "Référence ou code secret incorrect. Vérifiez votre récépissé "
    "(les lettres O et I se lisent aussi 0 et 1)."
)


def private(response: HttpResponse) -> HttpResponse:
    """Pages holding a receipt or a report's status are never cached anywhere."""
    add_never_cache_headers(response)
    response.headers["Cache-Control"] = "no-store"
    return response


@dataclass
class OpenedReceipt:
    form: FollowUpForm
    report: Report | None = None
    retry_after: int = 0  # seconds; > 0 when too many wrong attempts
    # A conversation's receipt (VC-…) not (yet) made into a report: its thread is shown.
    conversation: Conversation | None = None

    @property
    def secret(self) -> str:
        return str(self.form.cleaned_data["secret"])

    @property
    def reference(self) -> str:
        """The reference as the citizen's receipt has it (VG-… or VC-…), normalised."""
        if self.conversation is not None:
            return self.conversation.reference
        return receipts.normalise_reference(str(self.form.cleaned_data["reference"]))


def open_receipt(request: HttpRequest) -> OpenedReceipt:
    """The report for the posted reference and secret, or why not, in identical words.

    Limited as every door a receipt opens (`vigie.core.receipt_attempts`): wrong receipts
    count per client bucket and per reference; a stranger who knows the reference never
    locks its citizen out.
    """
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        return OpenedReceipt(form=form)
    reference, secret = form.cleaned_data["reference"], form.cleaned_data["secret"]

    def lookup() -> Report | Conversation | None:
        # A report, or a conversation not made into a report (yet): its thread is the answer.
        return report_by_receipt(
            reference=reference, secret=secret
        ) or chat_selectors.conversation_by_receipt(reference=reference, secret=secret)

    attempt = try_receipt(bucket=abuse.client_bucket(request), reference=reference, lookup=lookup)
    if isinstance(attempt.found, Report):
        return OpenedReceipt(form=form, report=attempt.found)
    if isinstance(attempt.found, Conversation):
        return OpenedReceipt(form=form, conversation=attempt.found)
    if attempt.refused:
        form.add_error(None, too_many_attempts(attempt.retry_after))
        return OpenedReceipt(form=form, retry_after=attempt.retry_after)
    form.add_error(None, WRONG_RECEIPT)
    return OpenedReceipt(form=form)


def render_follow_up_form(request: HttpRequest, opened: OpenedReceipt) -> HttpResponse:
    """The answer to a receipt that opens no report: a conversation's thread, or the form
    again with why (wrong receipt, too many attempts)."""
    if opened.conversation is not None:
        return thread_page(request, opened.conversation, opened.secret)
    status = 429 if opened.retry_after else 422
    response = render(request, "public/follow_up.html", {"form": opened.form}, status=status)
    if opened.retry_after:
        response["Retry-After"] = str(opened.retry_after)
    return private(response)


@dataclass
class StatusPage:
    """What the status page shows besides the report: its two forms and a notice."""

    message_form: MessageForm | None = None
    addition_form: AdditionForm | None = None
    sent: str = ""
    refused_files: list[str] = field(default_factory=list)


def _render_status(
    request: HttpRequest, opened: OpenedReceipt, page: StatusPage, *, status: int = 200
) -> HttpResponse:
    assert opened.report is not None  # noqa: S101  # callers render the form page otherwise
    view = report_for_receipt(reference=opened.reference, secret=opened.secret)
    assert view is not None  # noqa: S101  # the same receipt opened the report just before
    context: dict[str, Any] = {
        "view": view,
        "reference": view.reference,
        "secret": opened.secret,
        "message_form": page.message_form or MessageForm(),
        "addition_form": page.addition_form or AdditionForm(),
        "sent": page.sent,
        "refused_files": page.refused_files,
        "max_files": settings.EVIDENCE_MAX_FILES_PER_REPORT,
    }
    return private(render(request, "public/status.html", context, status=status))


@sensitive_post_parameters("secret")
@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return private(render(request, "public/follow_up.html", {"form": FollowUpForm()}))
    opened = open_receipt(request)
    if opened.report is None:
        return render_follow_up_form(request, opened)
    return _render_status(request, opened, StatusPage())


@sensitive_post_parameters("secret")
@require_POST
def write(request: HttpRequest) -> HttpResponse:
    """A message to the cell; posted twice (double click, reload), it is stored once."""
    opened = open_receipt(request)
    if opened.report is None:
        return render_follow_up_form(request, opened)
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _render_status(request, opened, StatusPage(message_form=form), status=422)
    post_citizen_message(
        report=opened.report,
        text=form.cleaned_data["text"],
        kind=MessageKind.MESSAGE,
        message_id=form.cleaned_data["message_id"],
    )
    return _render_status(
        request, opened, StatusPage(sent=_("Votre message a été transmis à la cellule."))
    )


def _refusal(rejection: EvidenceRejected) -> str:
    if not rejection.file_name:
        return str(rejection.message)
    return _("« %(name)s » : %(reason)s") % {
        "name": rejection.file_name,
        "reason": rejection.message,
    }


@sensitive_post_parameters("secret")
@require_POST
def complete(request: HttpRequest) -> HttpResponse:
    """Add information and files to the report (one addition in the thread)."""
    opened = open_receipt(request)
    if opened.report is None:
        return render_follow_up_form(request, opened)
    report = opened.report
    skipped = [_refusal(rejection) for rejection in rejections_from_request(request)]
    form = AdditionForm(
        request.POST,
        request.FILES,
        attachment_count=report.attachments.count(),
        skipped=len(skipped),
    )
    if not form.is_valid():
        return _render_status(request, opened, StatusPage(addition_form=form), status=422)
    message_id = form.cleaned_data["message_id"]
    if report.messages.filter(public_id=message_id).exists():
        # The same form posted again: its files and text were stored the first time.
        return _render_status(request, opened, StatusPage(sent=_("Votre complément a été ajouté.")))
    refused = list(skipped)
    attached = 0
    for upload in form.cleaned_data["files"]:
        try:
            stored = store_evidence(upload)
        except EvidenceRejected as rejection:
            refused.append(_refusal(rejection))
            continue
        attach_file(report=report, file=stored)
        attached += 1
    text = form.cleaned_data["text"]
    if not text and not attached:
        form.add_error("files", _("Aucun fichier n’a pu être ajouté."))
        page = StatusPage(addition_form=form, refused_files=refused)
        return _render_status(request, opened, page, status=422)
    # A files-only addition is an empty text: the thread still shows when files came.
    post_citizen_message(report=report, text=text, kind=MessageKind.ADDITION, message_id=message_id)
    sent = _("Votre complément a été ajouté.")
    if attached:
        sent += " " + ngettext(
            "%(count)s fichier joint.", "%(count)s fichiers joints.", attached
        ) % {"count": attached}
    return _render_status(request, opened, StatusPage(sent=sent, refused_files=refused))
