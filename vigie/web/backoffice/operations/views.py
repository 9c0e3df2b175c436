"""The cell's dispatch pages: pass a dossier or a report to a unit, follow, answer, close.

Dispatches are reached only through vigie.operations.access (404 outside the cell); dossiers
and reports through their own access functions.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vigie.crossref.access import access_dossier
from vigie.notifications.services import mark_read
from vigie.operations import selectors
from vigie.operations.access import (
    access_cell_dispatch,
    access_cell_dispatch_item,
    access_dispatch_space,
)
from vigie.operations.jurisdiction import suggest_unit
from vigie.operations.models import Dispatch, DispatchStatus
from vigie.operations.services import (
    DispatchRefused,
    answer_unit,
    close_for_citizen,
    dispatch_to_unit,
    share_contact,
)
from vigie.reports.access import access_report
from vigie.web.backoffice.operations.forms import CitizenCloseForm, DispatchForm, TextForm

PAGE_SIZE = 50


def _target(request: HttpRequest, kind: str, public_id: UUID) -> dict[str, Any]:
    """What is being dispatched: a dossier's reports of the cell, or one report."""
    cell = access_dispatch_space(request.user)
    if kind == "dossier":
        dossier = access_dossier(request.user, public_id)
        reports = selectors.cell_reports_of_dossier(dossier, cell)
        return {"cell": cell, "dossier": dossier, "report": None, "reports": reports}
    report = access_report(request.user, public_id)
    return {"cell": cell, "dossier": None, "report": report, "reports": [report]}


def _new(request: HttpRequest, kind: str, public_id: UUID) -> HttpResponse:
    target = _target(request, kind, public_id)
    cell = target["cell"]
    suggestion = suggest_unit(cell=cell, commune_codes=selectors.commune_codes(target["reports"]))
    busy = selectors.open_dispatch_for(target["reports"])
    if request.method == "POST":
        form = DispatchForm(request.POST, cell=cell)
        if form.is_valid():
            try:
                dispatch = dispatch_to_unit(
                    agent=request.user,
                    cell=cell,
                    unit=form.cleaned_data["unit"],
                    reports=target["reports"],
                    dossier=target["dossier"],
                    priority=form.cleaned_data["priority"],
                    instructions=form.cleaned_data["instructions"],
                    suggestion=suggestion,
                )
            except DispatchRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(
                    request,
                    _("Transmis à %(unit)s (%(label)s). Le citoyen lit « Transmis à un service ».")
                    % {"unit": dispatch.unit.name, "label": dispatch.label},
                )
                return redirect("operations:detail", dispatch.public_id)
    else:
        form = DispatchForm(cell=cell, initial={"unit": suggestion.unit})
    context = {
        **target,
        "form": form,
        "suggestion": suggestion,
        "busy": busy,
        "kind": kind,
        "delays": settings.DISPATCH_ACKNOWLEDGE_HOURS,
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "backoffice/operations/new.html", context, status=status)


@login_required
def new_from_dossier(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _new(request, "dossier", public_id)


@login_required
def new_from_report(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _new(request, "report", public_id)


@login_required
def dispatch_list(request: HttpRequest) -> HttpResponse:
    cell = access_dispatch_space(request.user)
    status = request.GET.get("statut", "")
    page = Paginator(selectors.cell_dispatches(cell, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "status": status,
        "statuses": DispatchStatus.choices,
        "overdue": selectors.overdue_count(cell),
        "now": timezone.now(),
        "query": f"statut={status}" if status else "",
    }
    return render(request, "backoffice/operations/list.html", context)


def _render_detail(
    request: HttpRequest, dispatch: Dispatch, *, status: int = 200, **forms: Any
) -> HttpResponse:
    context = {
        "dispatch": dispatch,
        "instructions": selectors.instructions(dispatch),
        "items": selectors.cell_items(dispatch),
        "entries": selectors.entries(dispatch),
        "answer_form": forms.get("answer_form") or TextForm(),
        "citizen_form": forms.get("citizen_form") or CitizenCloseForm(),
        "now": timezone.now(),
    }
    return render(request, "backoffice/operations/detail.html", context, status=status)


@login_required
def dispatch_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    dispatch = access_cell_dispatch(request.user, public_id)
    mark_read(agent=request.user, target_type="dispatch", target_id=str(dispatch.public_id))
    return _render_detail(request, dispatch)


def _back(dispatch: Dispatch) -> HttpResponse:
    return redirect("operations:detail", dispatch.public_id)


@login_required
@require_POST
def answer(request: HttpRequest, public_id: UUID) -> HttpResponse:
    dispatch = access_cell_dispatch(request.user, public_id)
    form = TextForm(request.POST)
    if form.is_valid():
        try:
            answer_unit(agent=request.user, dispatch=dispatch, text=form.cleaned_data["text"])
        except DispatchRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("Réponse envoyée à l’unité."))
            return _back(dispatch)
    return _render_detail(request, dispatch, answer_form=form, status=422)


@login_required
@require_POST
def share(request: HttpRequest, public_id: UUID, position: int) -> HttpResponse:
    """Show the citizen's contact to the unit: an explicit, audited choice of the cell."""
    item = access_cell_dispatch_item(request.user, public_id, position)
    items = selectors.cell_items(item.dispatch)
    if not any(view.has_contact for view in items if view.item.position == position):
        messages.error(request, _("Aucun contact laissé par le citoyen."))
        return _back(item.dispatch)
    try:
        share_contact(agent=request.user, item=item)
    except DispatchRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _("Contact du signalement n° %(n)s transmis à l’unité (inscrit au journal d’audit).")
            % {"n": position},
        )
    return _back(item.dispatch)


@login_required
@require_POST
def close_citizen(request: HttpRequest, public_id: UUID) -> HttpResponse:
    dispatch = access_cell_dispatch(request.user, public_id)
    form = CitizenCloseForm(request.POST)
    if form.is_valid():
        try:
            count = close_for_citizen(
                agent=request.user, dispatch=dispatch, message=form.cleaned_data["message"]
            )
        except DispatchRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                _("%(count)s signalement(s) clôturé(s) : le citoyen lit « Clôturé ».")
                % {"count": count},
            )
            return _back(dispatch)
    return _render_detail(request, dispatch, citizen_form=form, status=422)
