"""Citizen pages. Thin adapters: parse, call one service or selector, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods

from vigie.reports.content import ReportContent
from vigie.reports.services import submit_report
from vigie.web.public.forms import ReportForm


def _private(response: HttpResponse) -> HttpResponse:
    """Pages holding a receipt or a report's status are never cached anywhere."""
    add_never_cache_headers(response)
    response.headers["Cache-Control"] = "no-store"
    return response


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "public/home.html")


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "public/report_form.html", {"form": ReportForm()})
    form = ReportForm(request.POST)
    if not form.is_valid() or form.place is None or form.place.departement is None:
        return render(request, "public/report_form.html", {"form": form}, status=422)
    data = form.cleaned_data
    commune = form.place.commune
    submitted = submit_report(
        category=data["category"],
        departement=form.place.departement,
        commune=commune,
        content=ReportContent(
            description=data["description"],
            address=data["address"],
            latitude=data["latitude"],
            longitude=data["longitude"],
            observed_at=form.observed_at(),
            commune_name=commune.name if commune else "",
        ),
        submission_id=data["submission_id"],
    )
    context = {"report": submitted.report, "secret": submitted.secret}
    return _private(render(request, "public/receipt.html", context))
