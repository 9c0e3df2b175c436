"""The list of all the cell's reports: search, filters, sorting, pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vigie.audit.models import AuditAction
from vigie.audit.services import record_event
from vigie.reports.access import access_report_space
from vigie.reports.selectors import search_reports
from vigie.web.backoffice.forms import ReportSearchForm

PAGE_SIZE = 25


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    cell = access_report_space(request.user)
    form = ReportSearchForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # errors are shown; the valid filters still apply
    filters = form.filters()
    record_event(
        actor=request.user,
        action=AuditAction.VIEW_TRIAGE_LIST,
        details={"list": "all", "searched": bool(filters.words.strip())},
    )
    page = Paginator(search_reports(cell=cell, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "cell": cell,
        "form": form,
        "page": page,
        "reports": page.object_list,
        "query": query.urlencode(),
    }
    return render(request, "backoffice/report_list.html", context)
