"""Back-office pages. Reports are reached only through vigie.reports.access."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vigie.accounts.permissions import Capability, can, landing_page
from vigie.audit.models import AuditAction
from vigie.audit.services import record_event
from vigie.core import sealing
from vigie.operations.selectors import dispatches_of_report
from vigie.reports import search
from vigie.reports.access import access_report, access_report_space
from vigie.reports.content import ReportContent
from vigie.reports.enums import AnalysisTrigger, IdentifierKind, PlaceKind, Risk
from vigie.reports.models import Report, ReportAnalysis
from vigie.reports.selectors import (
    cell_messages,
    recently_qualified_reports,
    report_content,
    reports_awaiting_triage,
    reports_with_unread_messages,
)
from vigie.reports.services import (
    mark_thread_read,
    post_cell_message,
    qualify_report,
    reanalyse_report,
)
from vigie.web.backoffice.forms import CellMessageForm, QualifyForm
from vigie.web.backoffice.outcomes.panel import outcomes_panel

# The queue shows this many reports at a time, in priority order (ReportQuerySet.by_priority);
# its badge counts them all.
TRIAGE_PAGE_SIZE = 50


@login_required
def triage(request: HttpRequest) -> HttpResponse:
    """The home of the back office: the queue for those who handle reports; every other
    role is sent to its own landing page."""
    if not can(request.user, Capability.HANDLE_REPORTS):
        return redirect(landing_page(request.user))
    cell = access_report_space(request.user)
    record_event(actor=request.user, action=AuditAction.VIEW_TRIAGE_LIST)
    page = Paginator(reports_awaiting_triage(cell=cell), TRIAGE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "cell": cell,
        "awaiting_page": page,
        "awaiting": page.object_list,
        "qualified": recently_qualified_reports(cell=cell),
        "unread": reports_with_unread_messages(cell=cell),
    }
    return render(request, "backoffice/triage.html", context)


def _label(choices: type[PlaceKind] | type[Risk] | type[IdentifierKind], value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


@dataclass(frozen=True)
class ShownValue:
    """An entity as the cell reads it (normalised) and as the citizen typed it."""

    normalised: str
    typed: str

    @property
    def differs(self) -> bool:
        return bool(self.normalised) and self.normalised != self.typed


def _identifier_value(kind: str, typed: str) -> ShownValue:
    normalised = search.normalised_phone(typed) if kind == IdentifierKind.PHONE else ""
    return ShownValue(normalised=normalised, typed=typed)


def _labels(content: ReportContent) -> dict[str, object]:
    """French labels for the content's coded values (an unknown code is shown as is), and
    plates and phone numbers normalised next to what was typed."""
    return {
        "place_kind": _label(PlaceKind, content.place_kind) if content.place_kind else "",
        "risks": [_label(Risk, risk) for risk in content.risks],
        "identifiers": [
            (
                _label(IdentifierKind, identifier.kind),
                _identifier_value(identifier.kind, identifier.value),
            )
            for identifier in content.identifiers
        ],
        "plates": [
            ShownValue(normalised=search.normalised_plate(vehicle.plate), typed=vehicle.plate)
            for vehicle in content.vehicles
        ],
    }


def _opened_entities(run: ReportAnalysis | None) -> dict[str, Any]:
    if run is None or not run.sealed_entities:
        return {}
    opened: dict[str, Any] = json.loads(
        sealing.open_for_cell(run.sealed_entities, associated_data=run.associated_data)
    )
    return opened


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
        initial = {
            "qualification": report.qualification,
            "reason": report.qualification_reason,
            "note": report.qualification_note,
            "related_reference": report.related_report.reference if report.related_report else "",
        }
        form = QualifyForm(initial=initial, report=report)
    content = report_content(report)
    analyses = list(report.analyses.all())
    latest = analyses[-1] if analyses else None
    context = {
        "can_handle": can(request.user, Capability.HANDLE_REPORTS),
        "report": report,
        "content": content,
        "labels": _labels(content),
        "form": form,
        "reply_form": reply_form or CellMessageForm(),
        "thread": cell_messages(report),
        "new_messages": new_messages,
        "attachments": [a.file for a in report.attachments.select_related("file")],
        "events": report.events.select_related("actor", "related_report"),
        "analyses": analyses[::-1],
        "entities": _opened_entities(latest),
        "outcomes": outcomes_panel(request.user, report),
        "can_dispatch": can(request.user, Capability.DISPATCH),
        "dispatches": dispatches_of_report(report),
    }
    return render(request, "backoffice/report_detail.html", context, status=status)


@login_required
def report_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    report = access_report(request.user, public_id, to_handle=False)
    if report.needs_reanalysis:  # an addition came through a host that cannot open it
        reanalyse_report(report_pk=report.pk, trigger=AnalysisTrigger.ADDITION)
        report = access_report(request.user, public_id, to_handle=False)
    # The thread is read for the cell only by those who answer it.
    unread = mark_thread_read(report=report) if can(request.user, Capability.HANDLE_REPORTS) else []
    new_messages = frozenset(str(public_id) for public_id in unread)
    return _render_detail(request, report, new_messages=new_messages)


@login_required
@require_POST
def reply(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The cell writes to the citizen, who reads it on the follow-up page with the receipt."""
    report = access_report(request.user, public_id)
    if report.is_field_report:  # no citizen, no receipt: the page offers no reply form
        raise Http404
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
    form = QualifyForm(request.POST, report=report)
    if not form.is_valid():
        return _render_detail(request, report, form, status=422)
    qualify_report(
        report=report,
        agent=request.user,
        qualification=form.cleaned_data["qualification"],
        reason=form.cleaned_data["reason"],
        note=form.cleaned_data["note"].strip(),
        related_report=form.related_report,
    )
    messages.success(
        request, _("Signalement %(reference)s qualifié.") % {"reference": report.reference}
    )
    return redirect("backoffice:triage")
