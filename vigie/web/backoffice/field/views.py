"""A unit officer's field reports: the form, their own list, each one they sent."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from vigie.evidence.services import (
    EvidenceRejected,
    check_file_count,
    discard_evidence,
    rejections_from_request,
    store_evidence,
)
from vigie.field.access import access_field_space, access_own_field_report
from vigie.field.selectors import own_field_reports
from vigie.field.services import submit_field_report
from vigie.geo import reference
from vigie.reports.selectors import report_content
from vigie.web.backoffice.field.forms import FieldReportForm

PAGE_SIZE = 30


def _render_form(
    request: HttpRequest,
    form: FieldReportForm,
    *,
    file_errors: Sequence[str] = (),
    photos_to_choose_again: Sequence[str] = (),
    status: int = 200,
) -> HttpResponse:
    context = {
        "form": form,
        "unit": form.unit,
        "file_errors": file_errors,
        "photos_to_choose_again": photos_to_choose_again,
        "map_tile_url": settings.MAP_TILE_URL,
    }
    return render(request, "backoffice/field/form.html", context, status=status)


@login_required
def new_field_report(request: HttpRequest) -> HttpResponse:
    unit = access_field_space(request.user)
    if request.method != "POST":
        now = timezone.localtime()
        initial = {
            "submission_id": uuid.uuid4(),
            "observed_date": now.date(),
            "observed_time": now.time().replace(second=0, microsecond=0),
        }
        return _render_form(request, FieldReportForm(initial=initial, unit=unit))
    form = FieldReportForm(request.POST, unit=unit)
    uploads = request.FILES.getlist("photos")
    names = [upload.name for upload in uploads if upload.name]
    if not form.is_valid():
        # A browser cannot give chosen files back to a page: they are named, to choose again.
        return _render_form(request, form, photos_to_choose_again=names, status=422)
    rejected = rejections_from_request(request)
    try:
        check_file_count(existing=0, adding=len(uploads))
    except EvidenceRejected as too_many:
        rejected.append(too_many)
    stored = []
    if not rejected:
        for upload in uploads:
            try:
                stored.append(store_evidence(upload))
            except EvidenceRejected as rejection:
                rejection.file_name = rejection.file_name or upload.name or ""
                rejected.append(rejection)
    if rejected:
        discard_evidence(stored)
        refused = {rejection.file_name for rejection in rejected}
        return _render_form(
            request,
            form,
            file_errors=[rejection.named_message() for rejection in rejected],
            photos_to_choose_again=[name for name in names if name not in refused],
            status=422,
        )
    place = form.place
    if place is None:  # cannot happen: a valid form has resolved its place
        return _render_form(request, form, status=422)
    report = submit_field_report(
        officer=request.user,
        place=place,
        content=form.content(),
        category=form.cleaned_data["category"],
        photos=stored,
        submission_id=form.submission_uuid,
    )
    messages.success(
        request,
        _("Remontée %(reference)s envoyée à la %(cell)s.")
        % {"reference": report.reference, "cell": unit.cell},
    )
    return redirect("field:detail", public_id=report.public_id)


@login_required
def outline(request: HttpRequest) -> HttpResponse:
    """The outline of the officer's département, drawn under the form's map."""
    unit = access_field_space(request.user)
    geojson = reference.departement_geojson(unit.cell.departement_id)
    if geojson is None:
        raise Http404
    response = HttpResponse(json.dumps(geojson), content_type="application/geo+json")
    response["Cache-Control"] = "private, max-age=86400"
    return response


@login_required
def field_report_list(request: HttpRequest) -> HttpResponse:
    unit = access_field_space(request.user)
    page = Paginator(own_field_reports(officer=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"unit": unit, "page": page, "reports": page.object_list}
    return render(request, "backoffice/field/list.html", context)


@login_required
def field_report_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    report = access_own_field_report(request.user, public_id)
    context = {
        "report": report,
        "content": report_content(report),
        "photo_count": report.attachments.count(),
    }
    return render(request, "backoffice/field/detail.html", context)
