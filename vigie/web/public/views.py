"""Citizen pages. Thin adapters: parse, call one service or selector, render."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from vigie.chat import selectors as chat_selectors
from vigie.core import abuse
from vigie.engine.analysis import analyse
from vigie.evidence.services import (
    EvidenceRejected,
    check_file_count,
    discard_evidence,
    rejections_from_request,
    store_evidence,
)
from vigie.geo import reference
from vigie.reports.coaching import Coaching, coaching_for
from vigie.reports.services import attach_file, submit_report
from vigie.web.public.forms import LAST_STEP, ROWS, STEPS, ReportFlow

REPORT_TEMPLATE = "public/report_form.html"


def _private(response: HttpResponse) -> HttpResponse:
    """Pages holding a receipt or a report's contents are never cached anywhere."""
    add_never_cache_headers(response)
    response.headers["Cache-Control"] = "no-store"
    return response


def home(request: HttpRequest) -> HttpResponse:
    # Who can answer a chat now, from the agents' live presence: never cached anywhere.
    response = render(
        request,
        "public/home.html",
        {"answering": chat_selectors.departements_answering_now()},
    )
    add_never_cache_headers(response)
    return response


@require_GET
def departements_geojson(request: HttpRequest) -> HttpResponse:
    """The map's offline basemap: département outlines from the reference data."""
    response = JsonResponse(reference.departements_geojson())
    patch_cache_control(response, public=True, max_age=7 * 24 * 3600)
    return response


def _coaching(flow: ReportFlow) -> Coaching:
    content = flow.content()
    category = flow.form.cleaned_data["category"]
    return coaching_for(
        analyse(content.description, report=content.as_structured(category=category))
    )


def _render(
    request: HttpRequest,
    flow: ReportFlow,
    *,
    step: int,
    errors: bool = False,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    if step == LAST_STEP:
        # The review needs every step valid; otherwise the first faulty step is shown.
        invalid = flow.first_step_with_errors()
        if invalid is not None:
            step, errors, status = invalid.number, True, 422 if status == 200 else status
        elif "coaching" not in extra:
            extra["coaching"] = _coaching(flow)
    shown = STEPS[step - 1]
    flow.keep_errors_of(shown if errors else None)
    context = {
        "flow": flow,
        "form": flow.form,
        "formsets": flow.formsets,
        "steps": STEPS,
        "step": shown,
        "next_step": STEPS[step] if step < LAST_STEP else None,
        "map_tile_url": settings.MAP_TILE_URL,
        "max_files": settings.EVIDENCE_MAX_FILES_PER_REPORT,
        **extra,
    }
    return _private(render(request, REPORT_TEMPLATE, context, status=status))


def _files_to_choose_again(request: HttpRequest) -> list[str]:
    return [upload.name for upload in request.FILES.getlist("evidence")]


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _render(request, ReportFlow(), step=1)
    action = request.POST.get("action") or "next"
    prefix = action.removeprefix("add-")
    if prefix in ROWS:
        flow = ReportFlow.with_row_added(request.POST, prefix)
        return _render(request, flow, step=flow.current_step, added=prefix)
    flow = ReportFlow(request.POST)
    current = flow.current_step
    if action == "back":
        return _render(request, flow, step=max(current - 1, 1))
    if action.startswith("goto-") and action[5:].isdigit():
        return _render(request, flow, step=min(max(int(action[5:]), 1), LAST_STEP))
    if action == "submit":
        return _submit(request, flow)
    if flow.step_has_errors(STEPS[current - 1]):
        return _render(request, flow, step=current, errors=True, status=422)
    return _render(request, flow, step=min(current + 1, LAST_STEP))


def _submit(request: HttpRequest, flow: ReportFlow) -> HttpResponse:
    """The final post: every step valid, files clean, within limits; then one report."""
    to_choose_again = _files_to_choose_again(request)
    invalid = flow.first_step_with_errors()
    if invalid is not None:
        return _render(
            request,
            flow,
            step=invalid.number,
            errors=True,
            status=422,
            files_lost=to_choose_again,
        )
    uploads = request.FILES.getlist("evidence")
    refused = rejections_from_request(request)
    try:
        check_file_count(existing=0, adding=len(uploads) + len(refused))
    except EvidenceRejected as too_many:
        refused.append(too_many)
    file_errors = [_file_error(rejection) for rejection in refused]
    if file_errors:
        return _render_review(request, flow, file_errors=file_errors, status=422)

    data = flow.form.cleaned_data
    solved = bool(data.get("pow_challenge") and data.get("pow_nonce")) and abuse.verify_solution(
        data["pow_challenge"], data["pow_nonce"]
    )
    limit_name = "report_submit" if solved else "report_submit_without_pow"
    decision = abuse.hit(limit_name, abuse.client_bucket(request))
    if not decision.allowed:
        minutes = max(1, -(-decision.retry_after // 60))
        message = ngettext(
            "Trop de signalements ont été envoyés depuis cette connexion. Réessayez dans "
            "%(minutes)s minute : tout ce que vous avez écrit est conservé ci-dessous.",
            "Trop de signalements ont été envoyés depuis cette connexion. Réessayez dans "
            "%(minutes)s minutes : tout ce que vous avez écrit est conservé ci-dessous.",
            minutes,
        ) % {"minutes": minutes}
        response = _render_review(request, flow, file_errors=[message], status=429)
        response.headers["Retry-After"] = str(decision.retry_after)
        return response

    # Every file is checked and cleaned before the report exists: a refused file never
    # leaves a half report behind.
    stored, refused = [], []
    for upload in uploads:
        try:
            stored.append(store_evidence(upload))
        except EvidenceRejected as rejected:
            refused.append(
                _("« %(name)s » : %(reason)s") % {"name": upload.name, "reason": rejected.message}
            )
    if refused:
        discard_evidence(stored)
        return _render_review(request, flow, file_errors=refused, status=422)

    place = flow.form.place
    if place is None:  # cannot happen: a valid form has resolved its place
        return _render(request, flow, step=2, errors=True, status=422)
    submitted = submit_report(
        category=data["category"],
        departement=place.departement,
        commune=place.commune,
        content=flow.content(),
        submission_id=data["submission_id"],
    )
    if submitted.created:
        for file in stored:
            attach_file(report=submitted.report, file=file)
    else:  # a retry of a submission already received: its files came with the first one
        discard_evidence(stored)
    context = {"report": submitted.report, "secret": submitted.secret}
    return _private(render(request, "public/receipt.html", context))


def _file_error(rejection: EvidenceRejected) -> str:
    if not rejection.file_name:
        return str(rejection.message)
    return _("« %(name)s » : %(reason)s") % {
        "name": rejection.file_name,
        "reason": rejection.message,
    }


def _render_review(
    request: HttpRequest, flow: ReportFlow, *, file_errors: list[str], status: int
) -> HttpResponse:
    return _render(
        request,
        flow,
        step=LAST_STEP,
        status=status,
        file_errors=file_errors,
        files_lost=_files_to_choose_again(request),
    )
