"""« Saisir des suites ». Targets are reached only through vigie.outcomes.access."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from vigie.accounts.permissions import Capability, can
from vigie.outcomes.access import OutcomeTarget, outcome_target_for
from vigie.outcomes.services import record_outcome
from vigie.web.backoffice.outcomes.forms import OutcomeEntry
from vigie.web.backoffice.outcomes.panel import record_url


def _cell_only(request: HttpRequest) -> None:
    """These pages name a report by its reference: a unit records its outcomes from its
    dispatch's page (unit:outcomes), which names the dispatch only."""
    if not can(request.user, Capability.HANDLE_REPORTS):
        raise Http404


@login_required
def record_on_dossier(request: HttpRequest, public_id: UUID) -> HttpResponse:
    _cell_only(request)
    target = outcome_target_for(request.user, dossier_id=public_id)
    if target.dossier is not None and target.dossier.public_id != public_id:  # merged since
        return redirect(record_url(target))
    return record(request, target, label=target.label, back_url=_back_url(target))


@login_required
def record_on_report(request: HttpRequest, public_id: UUID) -> HttpResponse:
    _cell_only(request)
    target = outcome_target_for(request.user, report_id=public_id)
    return record(request, target, label=target.label, back_url=_back_url(target))


def _back_url(target: OutcomeTarget) -> str:
    if target.dossier is not None:
        return reverse("dossiers:detail", args=[target.dossier.public_id]) + "#suites"
    return reverse("backoffice:report_detail", args=[target.subject.public_id]) + "#suites"


def record(
    request: HttpRequest, target: OutcomeTarget, *, label: str, back_url: str
) -> HttpResponse:
    """The « Saisir des suites » form on a target the caller reached through its access
    function; `label` names it on the page (a unit sees its dispatch's label, never a
    report's reference) and `back_url` is where it returns."""
    if request.method != "POST":
        return _render(request, target, OutcomeEntry(), label=label, back_url=back_url)
    add_row = request.POST.get("add_row", "")
    entry = OutcomeEntry(request.POST, add_row=add_row)
    if add_row:  # « Ajouter une ligne »: everything typed, one more blank row
        return _render(request, target, entry, label=label, back_url=back_url)
    if entry.is_valid():
        try:
            record_outcome(agent=request.user, target=target, data=entry.outcome_data())
        except ValidationError as error:
            entry.add_rule_errors(error.message_dict)
        else:
            messages.success(request, _("Suites enregistrées pour %(label)s.") % {"label": label})
            return redirect(back_url)
    return _render(request, target, entry, label=label, back_url=back_url, status=422)


def _render(
    request: HttpRequest,
    target: OutcomeTarget,
    entry: OutcomeEntry,
    *,
    label: str,
    back_url: str,
    status: int = 200,
) -> HttpResponse:
    context = {
        "label": label,
        "entry": entry,
        "form": entry.form,
        "back_url": back_url,
        "earliest": target.earliest(),
    }
    return render(request, "backoffice/outcomes/record.html", context, status=status)
