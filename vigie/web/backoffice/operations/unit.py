"""The unit's space: the dispatches to the member's own unit, and what they do with them.

Reached only through vigie.operations.access: another unit's or another cell's dispatch is a
404, like a missing one. Each view of a dispatch or of its evidence is audited there.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from vigie.notifications.services import mark_read
from vigie.operations import selectors
from vigie.operations.access import (
    access_dispatch_evidence,
    access_own_unit,
    access_unit_dispatch,
)
from vigie.operations.models import ClosingReason, Dispatch
from vigie.operations.services import (
    DispatchRefused,
    acknowledge_dispatch,
    add_note,
    ask_cell,
    close_dispatch,
    hand_back,
)
from vigie.outcomes.access import OutcomeTarget, outcome_target_of
from vigie.outcomes.selectors import outcomes_of
from vigie.web.backoffice.evidence import file_response, thumbnail_response
from vigie.web.backoffice.operations.forms import CloseForm, HandBackForm, TextForm
from vigie.web.backoffice.outcomes.panel import outcomes_panel
from vigie.web.backoffice.outcomes.views import record


@login_required
def space(request: HttpRequest) -> HttpResponse:
    unit = access_own_unit(request.user)
    dispatches = list(selectors.unit_dispatches(unit))
    context = {
        "unit": unit,
        "open": [d for d in dispatches if d.is_open],
        "finished": [d for d in dispatches if not d.is_open],
        "now": timezone.now(),
    }
    return render(request, "backoffice/operations/unit_space.html", context)


def _render(
    request: HttpRequest, dispatch: Dispatch, *, status: int = 200, **forms: Any
) -> HttpResponse:
    context = {
        "dispatch": dispatch,
        "outcomes": _outcomes_panel(request, dispatch),
        "instructions": selectors.instructions(dispatch),
        "material": selectors.unit_material(dispatch),
        "entries": selectors.entries(dispatch),
        "question_form": forms.get("question_form") or TextForm(prefix="question"),
        "note_form": forms.get("note_form") or TextForm(prefix="note"),
        "hand_back_form": forms.get("hand_back_form") or HandBackForm(),
        "close_form": forms.get("close_form") or CloseForm(),
        "now": timezone.now(),
    }
    return render(request, "backoffice/operations/unit_detail.html", context, status=status)


def _outcome_target(request: HttpRequest, dispatch: Dispatch) -> OutcomeTarget | None:
    """The dossier or report the unit's outcomes of this dispatch go on (vigie.outcomes'
    rule: a dispatch the unit has not handed back), else None."""
    subject = selectors.outcome_subject(dispatch)
    return None if subject is None else outcome_target_of(request.user, subject)


def _outcomes_url(dispatch: Dispatch) -> str:
    return reverse("unit:outcomes", args=[dispatch.public_id])


def _outcomes_panel(request: HttpRequest, dispatch: Dispatch) -> Any:
    """The « Suites » section, its button leading to the unit's own form (which names the
    dispatch, never a report's reference)."""
    subject = selectors.outcome_subject(dispatch)
    panel = None if subject is None else outcomes_panel(request.user, subject)
    return None if panel is None else replace(panel, record_url=_outcomes_url(dispatch))


@login_required
def outcomes(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """« Saisir des suites » for a dispatch: interpellations, seizures… (vigie.outcomes)."""
    dispatch = access_unit_dispatch(request.user, public_id, audit=False)
    target = _outcome_target(request, dispatch)
    if target is None:  # handed back: the unit no longer works on it
        raise Http404
    back_url = reverse("unit:detail", args=[dispatch.public_id]) + "#suites"
    return record(request, target, label=dispatch.label, back_url=back_url)


@login_required
def detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    dispatch = access_unit_dispatch(request.user, public_id)
    mark_read(agent=request.user, target_type="dispatch", target_id=str(dispatch.public_id))
    return _render(request, dispatch)


def _back(dispatch: Dispatch) -> HttpResponse:
    return redirect("unit:detail", dispatch.public_id)


@login_required
@require_POST
def acknowledge(request: HttpRequest, public_id: UUID) -> HttpResponse:
    dispatch = access_unit_dispatch(request.user, public_id, audit=False)
    try:
        acknowledge_dispatch(agent=request.user, dispatch=dispatch)
    except DispatchRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Accusé de réception envoyé à la cellule."))
    return _back(dispatch)


def _text_action(
    request: HttpRequest, public_id: UUID, *, prefix: str, action: Any, done: str
) -> HttpResponse:
    dispatch = access_unit_dispatch(request.user, public_id, audit=False)
    form = TextForm(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            action(agent=request.user, dispatch=dispatch, text=form.cleaned_data["text"])
        except DispatchRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, done)
            return _back(dispatch)
    return _render(request, dispatch, status=422, **{f"{prefix}_form": form})


@login_required
@require_POST
def question(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _text_action(
        request,
        public_id,
        prefix="question",
        action=ask_cell,
        done=_("Question envoyée à la cellule."),
    )


@login_required
@require_POST
def note(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _text_action(request, public_id, prefix="note", action=add_note, done=_("Note ajoutée."))


@login_required
@require_POST
def give_back(request: HttpRequest, public_id: UUID) -> HttpResponse:
    dispatch = access_unit_dispatch(request.user, public_id, audit=False)
    form = HandBackForm(request.POST)
    if form.is_valid():
        try:
            hand_back(agent=request.user, dispatch=dispatch, reason=form.cleaned_data["reason"])
        except DispatchRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("Transmission rendue à la cellule."))
            return _back(dispatch)
    return _render(request, dispatch, hand_back_form=form, status=422)


@login_required
@require_POST
def close(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Close with a reason; « action menée » needs its outcomes recorded first (« Saisir des
    suites »: vigie.outcomes), which stay open to later results after the closure."""
    dispatch = access_unit_dispatch(request.user, public_id, audit=False)
    form = CloseForm(request.POST)
    if form.is_valid() and form.cleaned_data["reason"] == ClosingReason.ACTION_TAKEN:
        target = _outcome_target(request, dispatch)
        if target is None or not outcomes_of(target):
            form.add_error(
                "reason",
                _(
                    "Une action a été menée : saisissez d’abord ses suites (interpellations, "
                    "saisies…) avec « Saisir des suites », puis clôturez."
                ),
            )
    if form.is_valid():
        try:
            close_dispatch(
                agent=request.user,
                dispatch=dispatch,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except DispatchRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("Transmission clôturée. La cellule est prévenue."))
            return _back(dispatch)
    return _render(request, dispatch, close_form=form, status=422)


@login_required
@require_GET
def evidence_file(request: HttpRequest, public_id: UUID, file_id: UUID) -> StreamingHttpResponse:
    dispatch, stored, position = access_dispatch_evidence(request.user, public_id, file_id)
    # A neutral name: the dispatch's label and the report's number, never a receipt reference.
    return file_response(stored, f"piece-{dispatch.label}-{position}.{stored.extension}")


@login_required
@require_GET
def evidence_thumbnail(request: HttpRequest, public_id: UUID, file_id: UUID) -> HttpResponse:
    _dispatch, stored, _position = access_dispatch_evidence(
        request.user, public_id, file_id, variant="thumbnail"
    )
    return thumbnail_response(stored)
