"""Citizen pages. Thin adapters: parse, call one service or selector, render."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    QueryDict,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
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
from vigie.reports import drafts
from vigie.reports.coaching import Coaching, coaching_for
from vigie.reports.enums import ReportSource
from vigie.reports.services import attach_file, submit_report
from vigie.web.public.forms import LAST_STEP, ROWS, STEPS, ReportFlow

REPORT_TEMPLATE = "public/report_form.html"
DRAFT_COOKIE = "vigie_brouillon"
STEP_PARAMETER = "etape"
# Never kept in a draft: the form's token (renewed by each page) and the button pressed.
DRAFT_LEFT_OUT = frozenset({"csrfmiddlewaretoken", "action"})


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


@require_GET
def commune_geojson(request: HttpRequest, code: str) -> HttpResponse:
    """One commune's outline and point, from the offline reference data (no tile server)."""
    feature = reference.commune_geojson(code[:5])
    if feature is None:
        raise Http404
    response = JsonResponse(feature)
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
    """Each step is posted, kept in the citizen's draft, and answered with a redirect to the
    step's page (post-redirect-get): back and forward never resubmit, and a language switch
    (a redirect back here) finds every value. Only the final post, which carries the files
    and gives the receipt, is answered directly."""
    if request.method == "GET":
        return _show_draft(request)
    action = request.POST.get("action") or "next"
    if action == "submit":
        return _submit_and_settle_draft(request)
    data = request.POST.copy()
    prefix = action.removeprefix("add-")
    added = prefix if prefix in ROWS else ""
    if added:
        data = ReportFlow.data_with_row_added(data, added)
    data, moving_point = ReportFlow.data_with_place_answer(data)
    flow = ReportFlow(data)
    current = flow.current_step
    errors_on = None
    if added or moving_point or action == "save":
        target = current
    elif action == "back":
        target = max(current - 1, 1)
    elif action.startswith("goto-") and action[5:].isdigit():
        target = min(max(int(action[5:]), 1), LAST_STEP)
    elif flow.step_has_errors(STEPS[current - 1]):
        target = errors_on = current
    else:
        target = min(current + 1, LAST_STEP)
    if target == LAST_STEP:
        # The review needs every step valid; otherwise the first faulty step is shown.
        invalid = flow.first_step_with_errors()
        if invalid is not None:
            target = errors_on = invalid.number
    token = _draft_token(request)
    if token is None:
        # No more new drafts from this connection for now: the step is answered as a page,
        # as before drafts existed (nothing typed is lost, nothing is stored).
        if added:
            flow.focus_last_row(added)
        errors = errors_on == target
        return _render(request, flow, step=target, errors=errors, status=422 if errors else 200)
    drafts.save_draft(token, _draft_state(data, errors_on=errors_on, added=added))
    response = HttpResponseRedirect(f"{reverse('public:report')}?{STEP_PARAMETER}={target}")
    response.status_code = 303  # "see other": the browser follows with a GET
    return _with_draft_cookie(_private(response), token)


def _draft_state(data: QueryDict, **state: Any) -> dict[str, Any]:
    fields = {key: data.getlist(key) for key in data if key not in DRAFT_LEFT_OUT}
    return {"data": fields, **state}


def _draft_token(request: HttpRequest) -> str | None:
    """The citizen's draft token, or a new one within the limit of new drafts, or None."""
    token = request.COOKIES.get(DRAFT_COOKIE, "")
    if drafts.is_token(token):
        return token
    if not abuse.hit("report_draft_new", abuse.client_bucket(request)).allowed:
        return None
    return drafts.new_token()


def _with_draft_cookie(response: HttpResponse, token: str) -> HttpResponse:
    # A session cookie (no expiry): gone when the browser closes; the draft itself is
    # deleted on submission and expires after drafts.LIFETIME anyway.
    response.set_cookie(
        DRAFT_COOKIE,
        token,
        path=reverse("public:report"),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )
    return response


def _show_draft(request: HttpRequest) -> HttpResponse:
    try:
        step = min(max(int(request.GET.get(STEP_PARAMETER, "1")), 1), LAST_STEP)
    except ValueError:
        step = 1
    token = request.COOKIES.get(DRAFT_COOKIE, "")
    state = drafts.load_draft(token) if token else None
    if state is None:
        return _render(request, ReportFlow(), step=1, draft_gone=step > 1)
    data = QueryDict(mutable=True)
    for key, values in state.get("data", {}).items():
        data.setlist(key, [str(value) for value in values])
    flow = ReportFlow(data)
    added = state.get("added") or ""
    if added in ROWS and step == flow.current_step:
        flow.focus_last_row(added)
    errors = state.get("errors_on") == step
    return _render(request, flow, step=step, errors=errors, status=422 if errors else 200)


def _submit_and_settle_draft(request: HttpRequest) -> HttpResponse:
    """A sent report deletes its draft; a refused final post keeps everything in it."""
    data, _moving_point = ReportFlow.data_with_place_answer(request.POST)
    response = _submit(request, ReportFlow(data))
    token = request.COOKIES.get(DRAFT_COOKIE, "")
    if response.status_code == 200:  # the receipt
        drafts.delete_draft(token)
        response.delete_cookie(DRAFT_COOKIE, path=reverse("public:report"), samesite="Strict")
        return response
    kept = _draft_token(request)
    if kept is None:
        return response
    drafts.save_draft(kept, _draft_state(data))
    return _with_draft_cookie(response, kept)


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
    file_errors = [rejection.named_message() for rejection in refused]
    if file_errors:
        return _render_review(
            request,
            flow,
            file_errors=file_errors,
            status=422,
            refused_names={rejection.file_name for rejection in refused if rejection.file_name},
        )

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
    stored, rejected_files = [], []
    for upload in uploads:
        try:
            stored.append(store_evidence(upload))
        except EvidenceRejected as rejected:
            rejected.file_name = rejected.file_name or upload.name
            rejected_files.append(rejected)
    if rejected_files:
        discard_evidence(stored)
        return _render_review(
            request,
            flow,
            file_errors=[rejection.named_message() for rejection in rejected_files],
            status=422,
            refused_names={rejection.file_name for rejection in rejected_files},
        )

    place = flow.form.place
    if place is None:  # cannot happen: a valid form has resolved its place
        return _render(request, flow, step=2, errors=True, status=422)
    submitted = submit_report(
        category=data["category"],
        departement=place.departement,
        commune=place.commune,
        content=flow.content(),
        submission_id=data["submission_id"],
        source=ReportSource.WEB_FORM,
    )
    if submitted.created:
        for file in stored:
            attach_file(report=submitted.report, file=file)
    else:  # a retry of a submission already received: its files came with the first one
        discard_evidence(stored)
    context = {"report": submitted.report, "secret": submitted.secret}
    return _private(render(request, "public/receipt.html", context))


def _render_review(
    request: HttpRequest,
    flow: ReportFlow,
    *,
    file_errors: list[str],
    status: int,
    refused_names: set[str] | frozenset[str] = frozenset(),
) -> HttpResponse:
    """The review again: the refused files are named in the errors only; the files to
    choose again are the others (nothing is attached until the report is sent)."""
    return _render(
        request,
        flow,
        step=LAST_STEP,
        status=status,
        file_errors=file_errors,
        files_lost=[name for name in _files_to_choose_again(request) if name not in refused_names],
    )
