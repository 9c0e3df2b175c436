"""Citizen follow-up: the receipt opens the report's status and its thread with the cell."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vigie.reports.selectors import report_for_receipt
from vigie.web.public.follow_up_forms import FollowUpForm


def _private(response: HttpResponse) -> HttpResponse:
    """Pages holding a receipt or a report's status are never cached anywhere."""
    add_never_cache_headers(response)
    response.headers["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _private(render(request, "public/follow_up.html", {"form": FollowUpForm()}))
    form = FollowUpForm(request.POST)
    view = None
    if form.is_valid():
        view = report_for_receipt(
            reference=form.cleaned_data["reference"], secret=form.cleaned_data["secret"]
        )
        if view is None:
            form.add_error(
                None,
                _(
                    "Référence ou code secret incorrect. Vérifiez votre récépissé "
                    "(les lettres O et I se lisent aussi 0 et 1)."
                ),
            )
    if view is None:
        return _private(render(request, "public/follow_up.html", {"form": form}, status=422))
    return _private(render(request, "public/status.html", {"view": view}))
