"""Key rotation: the report key pair and the blind-index key (vigie.core.rotation)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from vigie.accounts.access import require_administrator
from vigie.core.rotation import RotationError, resume_rotation, rotation_status, start_rotation

_KINDS = ("reports", "blind_index")


@login_required
@require_GET
def keys(request: HttpRequest) -> HttpResponse:
    require_administrator(request.user)
    context = {"keys": rotation_status(), "active": "keys"}
    return render(request, "backoffice/administration/keys.html", context)


@login_required
@require_POST
def rotate(request: HttpRequest) -> HttpResponse:
    require_administrator(request.user)
    kind, action = request.POST.get("kind", ""), request.POST.get("action", "start")
    if kind not in _KINDS:
        messages.error(request, _("Clé inconnue."))
        return redirect("administration:keys")
    try:
        if action == "resume":
            resume_rotation(kind, request.user)
        else:
            start_rotation(kind, request.user)
    except RotationError as refused:
        messages.error(request, _("Rotation refusée : %(reason)s.") % {"reason": refused})
        return redirect("administration:keys")
    messages.success(
        request,
        _(
            "Rotation lancée : la nouvelle clé sert dès maintenant ; l’ancienne est effacée "
            "quand plus rien ne l’utilise."
        ),
    )
    return redirect("administration:keys")
