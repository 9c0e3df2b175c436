"""Back-office pages. Reports are reached only through vigie.reports.access."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vigie.audit.models import AuditAction
from vigie.audit.services import record_event
from vigie.cells.access import access_own_cell
from vigie.reports.access import access_report
from vigie.reports.models import Report
from vigie.reports.selectors import (
    recently_qualified_reports,
    report_content,
    reports_awaiting_triage,
)
from vigie.reports.services import qualify_report
from vigie.web.backoffice.forms import LoginForm, QualifyForm


class LoginView(auth_views.LoginView):
    template_name = "backoffice/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


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


def _render_detail(
    request: HttpRequest, report: Report, form: QualifyForm, *, status: int = 200
) -> HttpResponse:
    context = {
        "report": report,
        "content": report_content(report),
        "form": form,
        "events": report.events.select_related("actor"),
    }
    return render(request, "backoffice/report_detail.html", context, status=status)


@login_required
def report_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    report = access_report(request.user, public_id)
    initial = {"qualification": report.qualification, "reason": report.qualification_reason}
    return _render_detail(request, report, QualifyForm(initial=initial))


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
