"""« Saisir des suites ». Targets are reached only through vigie.outcomes.access."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from vigie.outcomes.access import OutcomeTarget, outcome_target_for
from vigie.outcomes.services import record_outcome
from vigie.web.backoffice.outcomes.forms import OutcomeEntry
from vigie.web.backoffice.outcomes.panel import record_url


@login_required
def record_on_dossier(request: HttpRequest, public_id: UUID) -> HttpResponse:
    target = outcome_target_for(request.user, dossier_id=public_id)
    if target.dossier is not None and target.dossier.public_id != public_id:  # merged since
        return redirect(record_url(target))
    return _record(request, target)


@login_required
def record_on_report(request: HttpRequest, public_id: UUID) -> HttpResponse:
    return _record(request, outcome_target_for(request.user, report_id=public_id))


def _back_url(target: OutcomeTarget) -> str:
    if target.dossier is not None:
        return reverse("dossiers:detail", args=[target.dossier.public_id]) + "#suites"
    return reverse("backoffice:report_detail", args=[target.subject.public_id]) + "#suites"


def _record(request: HttpRequest, target: OutcomeTarget) -> HttpResponse:
    if request.method != "POST":
        return _render(request, target, OutcomeEntry())
    add_row = request.POST.get("add_row", "")
    entry = OutcomeEntry(request.POST, add_row=add_row)
    if add_row:  # « Ajouter une ligne »: everything typed, one more blank row
        return _render(request, target, entry)
    if entry.is_valid():
        try:
            record_outcome(agent=request.user, target=target, data=entry.outcome_data())
        except ValidationError as error:
            entry.add_rule_errors(error.message_dict)
        else:
            messages.success(
                request, _("Suites enregistrées pour %(label)s.") % {"label": target.label}
            )
            return redirect(_back_url(target))
    return _render(request, target, entry, status=422)


def _render(
    request: HttpRequest, target: OutcomeTarget, entry: OutcomeEntry, status: int = 200
) -> HttpResponse:
    context = {
        "target": target,
        "entry": entry,
        "form": entry.form,
        "back_url": _back_url(target),
        "earliest": target.earliest(),
    }
    return render(request, "backoffice/outcomes/record.html", context, status=status)
