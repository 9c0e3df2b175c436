"""The landing page of the role whose space comes with later work (national).

Until those spaces exist, each says what the role will find there; the header keeps the
logout within reach. Each page is for its role only: any other agent gets a 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from vigie.accounts.models import Role

SPACES = {
    Role.NATIONAL: {
        "title": _("Espace national (OFAST)"),
        "lead": _(
            "Vous trouverez ici les chiffres nationaux et par département, les points de "
            "deal actifs et démantelés, et les alertes sur les déplacements de réseaux vers "
            "les villes moyennes. Aucun signalement individuel n’y est lisible."
        ),
    },
}


def _space(request: HttpRequest, role: Role) -> HttpResponse:
    if not request.user.is_active or getattr(request.user, "role", None) != role:
        raise Http404
    return render(request, "backoffice/space.html", SPACES[role])


@login_required
def national_space(request: HttpRequest) -> HttpResponse:
    return _space(request, Role.NATIONAL)
