"""The back office's notifications: the list behind the header's badge."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from vigie.accounts.models import Role
from vigie.notifications.models import Notification
from vigie.notifications.selectors import notifications_for
from vigie.notifications.services import mark_read

PAGE_SIZE = 50


def _link(agent: object, notification: Notification) -> str:
    """Where a notification leads, for this reader (a unit member and the cell see one
    dispatch through different pages). Other apps add their object types here."""
    if notification.target_type == "dispatch":
        if getattr(agent, "role", None) == Role.UNIT_MEMBER:
            return reverse("unit:detail", args=[notification.target_id])
        return reverse("operations:detail", args=[notification.target_id])
    if notification.target_type == "alert":
        return reverse("analytics:alert", args=[notification.target_id])
    return ""


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    if not request.user.is_active:
        raise Http404
    page = Paginator(notifications_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(notification, _link(request.user, notification)) for notification in page]
    return render(request, "backoffice/notifications.html", {"page": page, "rows": rows})


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    mark_read(agent=request.user)
    return redirect("backoffice:notifications")
