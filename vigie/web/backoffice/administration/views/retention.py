"""The retention policy: maximum durations from the deployment, shorter ones set here."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vigie.accounts.access import require_administrator
from vigie.retention import selectors
from vigie.retention.services import set_retention_days
from vigie.web.backoffice.administration.forms import RetentionForm


@login_required
@require_http_methods(["GET", "POST"])
def retention(request: HttpRequest) -> HttpResponse:
    require_administrator(request.user)
    rules = selectors.retention_rules()
    form = RetentionForm(request.POST or None, current={row.rule: row.days for row in rules})
    if form.is_valid():
        set_retention_days(
            by=request.user,
            durations={rule: form.cleaned_data[rule] for rule in settings.RETENTION},
        )
        messages.success(request, _("Durées de conservation enregistrées."))
        return redirect("administration:retention")
    context = {
        "rules": rules,
        "form": form,
        "last_purge": selectors.last_purge(),
        "totals": selectors.purged_totals(),
        "active": "retention",
    }
    status = 422 if form.is_bound else 200
    return render(request, "backoffice/administration/retention.html", context, status=status)
