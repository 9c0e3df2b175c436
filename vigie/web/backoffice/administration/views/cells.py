"""The administration's home, départements and cells, and units."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vigie.accounts.access import require_administrator
from vigie.cells import selectors, services
from vigie.cells.access import access_cell, access_unit
from vigie.web.backoffice.administration.forms import CellForm, NewCellForm, UnitForm


def render_form(request: HttpRequest, form: Form, title: str, active: str) -> HttpResponse:
    """The administration's one form page: 422 when a submitted form comes back."""
    context = {"form": form, "active": active, "title": title}
    status = 422 if form.is_bound else 200
    return render(request, "backoffice/administration/form.html", context, status=status)


def _is_active(request: HttpRequest) -> bool:
    return request.POST.get("is_active") == "1"


@login_required
def home(request: HttpRequest) -> HttpResponse:
    require_administrator(request.user)
    return render(request, "backoffice/administration/home.html", {"active": "home"})


@login_required
def departements(request: HttpRequest) -> HttpResponse:
    require_administrator(request.user)
    context = {
        "cells": selectors.cells_with_agent_counts(),
        "without_cell": selectors.departements_without_cell(),
        "active": "cells",
    }
    return render(request, "backoffice/administration/departements.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create_cell(request: HttpRequest) -> HttpResponse:
    require_administrator(request.user)
    initial = {"departement": request.GET.get("departement")}
    form = NewCellForm(request.POST or None, initial=initial)
    if form.is_valid():
        cell = services.create_cell(by=request.user, **form.cleaned_data)
        messages.success(request, _("Cellule « %(name)s » créée.") % {"name": cell.name})
        return redirect("administration:departements")
    return render_form(request, form, _("Nouvelle cellule"), "cells")


@login_required
@require_http_methods(["GET", "POST"])
def edit_cell(request: HttpRequest, code: str) -> HttpResponse:
    cell = access_cell(request.user, code)
    form = CellForm(request.POST or None, initial={"name": cell.name, "contact": cell.contact})
    if form.is_valid():
        services.update_cell(by=request.user, cell=cell, **form.cleaned_data)
        messages.success(request, _("Cellule « %(name)s » enregistrée.") % {"name": cell.name})
        return redirect("administration:departements")
    title = _("Cellule du département %(departement)s") % {"departement": cell.departement}
    return render_form(request, form, title, "cells")


@login_required
@require_POST
def cell_activation(request: HttpRequest, code: str) -> HttpResponse:
    cell = access_cell(request.user, code)
    services.set_cell_active(by=request.user, cell=cell, is_active=_is_active(request))
    on, off = _("Cellule « %(name)s » activée."), _("Cellule « %(name)s » désactivée.")
    messages.success(request, (on if cell.is_active else off) % {"name": cell.name})
    return redirect("administration:departements")


@login_required
def units(request: HttpRequest) -> HttpResponse:
    require_administrator(request.user)
    context = {"units": selectors.units(), "active": "units"}
    return render(request, "backoffice/administration/units.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create_unit(request: HttpRequest) -> HttpResponse:
    require_administrator(request.user)
    form = UnitForm(request.POST or None)
    if form.is_valid():
        unit = services.create_unit(by=request.user, **form.cleaned_data)
        messages.success(request, _("Unité « %(name)s » créée.") % {"name": unit.name})
        return redirect("administration:units")
    return render_form(request, form, _("Nouvelle unité"), "units")


@login_required
@require_http_methods(["GET", "POST"])
def edit_unit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    unit = access_unit(request.user, public_id)
    initial = {
        "name": unit.name,
        "kind": unit.kind,
        "cell": unit.cell,
        "contact_email": unit.contact_email,
    }
    form = UnitForm(request.POST or None, initial=initial)
    if form.is_valid():
        services.update_unit(by=request.user, unit=unit, **form.cleaned_data)
        messages.success(request, _("Unité « %(name)s » enregistrée.") % {"name": unit.name})
        return redirect("administration:units")
    return render_form(request, form, unit.name, "units")


@login_required
@require_POST
def unit_activation(request: HttpRequest, public_id: UUID) -> HttpResponse:
    unit = access_unit(request.user, public_id)
    services.set_unit_active(by=request.user, unit=unit, is_active=_is_active(request))
    on, off = _("Unité « %(name)s » activée."), _("Unité « %(name)s » désactivée.")
    messages.success(request, (on if unit.is_active else off) % {"name": unit.name})
    return redirect("administration:units")
