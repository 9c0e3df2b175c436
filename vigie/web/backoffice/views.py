"""Back-office pages. Reports are reached only through vigie.reports.access."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vigie.audit.models import AuditAction
from vigie.audit.services import record_event
from vigie.cells.access import access_own_cell
from vigie.reports.access import access_report
from vigie.reports.content import ReportContent
from vigie.reports.enums import IdentifierKind, PlaceKind, Risk
from vigie.reports.models import Report
from vigie.reports.selectors import (
    cell_messages,
    recently_qualified_reports,
    report_content,
    reports_awaiting_triage,
)
from vigie.reports.services import mark_thread_read, post_cell_message, qualify_report
from vigie.web.backoffice.forms import CellMessageForm, QualifyForm


@login_required
def triage(request: HttpRequest) -> HttpResponse:
    cell = access_own_cell(request.user)
    record_event(actor=request.user, action=AuditAction.VIEW_TRIAGE_LIST)
    context = {
        "cell": cell,
        "awaiting": reports_awaiting_triage(cell=cell),
        "qualified": recently_qualified_reports(cell=cell),
    }
    return render(request, "backoffice/triage.html", context)


def _label(choices: type[PlaceKind] | type[Risk] | type[IdentifierKind], value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def _labels(content: ReportContent) -> dict[str, object]:
    """French labels for the content's coded values (an unknown code is shown as is)."""
    return {
        "place_kind": _label(PlaceKind, content.place_kind) if content.place_kind else "",
        "risks": [_label(Risk, risk) for risk in content.risks],
        "identifiers": [
            (_label(IdentifierKind, identifier.kind), identifier.value)
            for identifier in content.identifiers
        ],
    }


def _render_detail(
    request: HttpRequest,
    report: Report,
    form: QualifyForm | None = None,
    *,
    reply_form: CellMessageForm | None = None,
    new_messages: frozenset[str] = frozenset(),
    status: int = 200,
) -> HttpResponse:
    if form is None:
        initial = {"qualification": report.qualification, "reason": report.qualification_reason}
        form = QualifyForm(initial=initial)
    content = report_content(report)
    context = {
        "report": report,
        "content": content,
        "labels": _labels(content),
        "form": form,
        "reply_form": reply_form or CellMessageForm(),
        "thread": cell_messages(report),
        "new_messages": new_messages,
        "attachments": [a.file for a in report.attachments.select_related("file")],
        "events": report.events.select_related("actor"),
    }
    return render(request, "backoffice/report_detail.html", context, status=status)


@login_required
def report_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    report = access_report(request.user, public_id)
    new_messages = frozenset(str(public_id) for public_id in mark_thread_read(report=report))
    return _render_detail(request, report, new_messages=new_messages)


@login_required
@require_POST
def reply(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The cell writes to the citizen, who reads it on the follow-up page with the receipt."""
    report = access_report(request.user, public_id)
    form = CellMessageForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, report, reply_form=form, status=422)
    post_cell_message(report=report, agent=request.user, text=form.cleaned_data["text"])
    messages.success(request, _("Message envoyé. Le citoyen le lira avec son récépissé."))
    return redirect(reverse("backoffice:report_detail", args=[report.public_id]) + "#fil")


@login_required
@require_POST
def qualify(request: HttpRequest, public_id: UUID) -> HttpResponse:
    report = access_report(request.user, public_id)
    form = QualifyForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, report, form, status=422)
    qualify_report(
        report=report,
        agent=request.user,
        qualification=form.cleaned_data["qualification"],
        reason=form.cleaned_data["reason"],
    )
    messages.success(
        request, _("Signalement %(reference)s qualifié.") % {"reference": report.reference}
    )
    return redirect("backoffice:triage")
