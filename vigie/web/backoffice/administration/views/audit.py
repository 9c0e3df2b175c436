"""The audit-log viewer: the administrator reads all of it, a cell head their cell's."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vigie.audit.models import AuditAction
from vigie.audit.selectors import audit_events, audit_scope, chain_status
from vigie.audit.services import record_event
from vigie.web.backoffice.administration.forms import AuditFilterForm

PAGE_SIZE = 50


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    scope = audit_scope(request.user)
    filters = AuditFilterForm(request.GET or None)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    events = audit_events(scope=scope, **criteria)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "page": page,
        "query": query.urlencode(),
        "scope": scope,
        "perms_admin": scope.cell is None,
        # Verified before this visit is written, so the answer is about what was shown.
        "chain": chain_status(),
        "active": "audit",
    }
    response = render(request, "backoffice/administration/audit.html", context)
    record_event(
        actor=request.user,
        action=AuditAction.VIEW_AUDIT_LOG,
        details={k: str(v) for k, v in criteria.items() if v},
    )
    return response
