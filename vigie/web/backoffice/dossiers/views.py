"""Dossier pages. Dossiers are reached only through vigie.crossref.access (404 outside scope)."""

from __future__ import annotations

import json
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vigie.audit.models import AuditAction
from vigie.audit.services import record_event
from vigie.crossref import selectors, services
from vigie.crossref.access import (
    access_dossier,
    access_pair,
    access_watchlist,
    dossier_members,
    scope_of,
    visible_dossiers,
)
from vigie.crossref.models import (
    SHORT_CODE_SPACE,
    DecisionKind,
    Dossier,
    DossierStatus,
    WatchKind,
    parse_short_code,
)
from vigie.crossref.selectors import dossier_page
from vigie.geo import reference
from vigie.reports.enums import Category, ReportStatus
from vigie.web.backoffice.dossiers import chart
from vigie.web.backoffice.dossiers.forms import (
    DossierForm,
    EntityForm,
    MergeForm,
    PairForm,
    SplitForm,
    WatchForm,
)
from vigie.web.backoffice.outcomes.panel import outcomes_panel

PAGE_SIZE = 50


def _render(
    request: HttpRequest, template: str, context: dict[str, object], status: int = 200
) -> HttpResponse:
    """Every page of the section shows the watch alerts not seen yet in its navigation."""
    context["alert_count"] = selectors.unseen_alert_count(scope_of(request.user))
    return render(request, template, context, status=status)


@login_required
def dossier_list(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    status = request.GET.get("statut", "")
    dossiers = visible_dossiers(scope).select_related("departement")
    if status in DossierStatus.values:
        dossiers = dossiers.filter(status=status)
    page = Paginator(dossiers.order_by("-last_report_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "statuses": DossierStatus.choices,
        "status": status,
        "scope": scope,
    }
    return _render(request, "backoffice/dossiers/list.html", context)


def _render_dossier(
    request: HttpRequest, dossier: Dossier, *, status: int = 200, **forms: object
) -> HttpResponse:
    scope = scope_of(request.user)
    page = dossier_page(dossier, covers=scope.covers)
    own_members = [m for m in page.members if m.own]
    context = {
        "dossier": dossier,
        "page": page,
        "notes": services.dossier_notes(dossier),
        "chart": chart.link_chart(page.members, page.links, services.linking.LINK_THRESHOLD),
        "points": [
            {"reference": m.report.reference, "lat": m.point[0], "lon": m.point[1]}
            for m in own_members
            if m.point
        ],
        "outline_codes": page.departements if scope.national else sorted(scope.departements or []),
        "form": forms.get("form")
        or DossierForm(
            initial={"status": dossier.status, "notes": services.dossier_notes(dossier)}
        ),
        "merge_form": forms.get("merge_form") or MergeForm(),
        "split_form": forms.get("split_form")
        or SplitForm(choices=[(m.report.reference, m.report.reference) for m in own_members]),
        "threshold": services.linking.LINK_THRESHOLD,
        "outcomes": outcomes_panel(request.user, dossier),
        "scope_home": scope.home,
    }
    return _render(request, "backoffice/dossiers/detail.html", context, status=status)


@login_required
def dossier_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    dossier = access_dossier(request.user, public_id)
    if dossier.public_id != public_id:
        return redirect("dossiers:detail", dossier.public_id)
    return _render_dossier(request, dossier)


def _back(dossier: Dossier) -> HttpResponse:
    return redirect(reverse("dossiers:detail", args=[dossier.public_id]))


@login_required
@require_POST
def update(request: HttpRequest, public_id: UUID) -> HttpResponse:
    dossier = access_dossier(request.user, public_id, audit=False)
    form = DossierForm(request.POST)
    if not form.is_valid():
        return _render_dossier(request, dossier, form=form, status=422)
    services.update_dossier(
        agent=request.user,
        dossier=dossier,
        status=form.cleaned_data["status"],
        notes=form.cleaned_data["notes"],
    )
    messages.success(request, _("Dossier mis à jour."))
    return _back(dossier)


@login_required
@require_POST
def decide(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Confirm or reject a link between two reports (at least one of the agent's scope)."""
    dossier = access_dossier(request.user, public_id, audit=False)
    form = PairForm(request.POST)
    if not form.is_valid():
        raise Http404
    first, second = access_pair(request.user, form.cleaned_data["a"], form.cleaned_data["b"])
    kind = DecisionKind(form.cleaned_data["decision"])
    services.decide_pair(
        agent=request.user, kind=kind, report_a=first, report_b=second, dossier=dossier
    )
    if kind == DecisionKind.CONFIRM:
        messages.success(
            request, _("Lien confirmé : il sera gardé quels que soient les nouveaux signalements.")
        )
    else:
        messages.success(request, _("Lien rejeté : il ne sera plus jamais refait."))
    return _back(dossier)


def _find_dossier(request: HttpRequest, text: str) -> Dossier | None:
    text = text.strip().upper().removeprefix("D-")
    scope = scope_of(request.user)
    code = parse_short_code(text)
    if code is not None:  # the label shown; compared here, not in SQL (SQLite's MOD is a
        # float: wrong on 62-bit ids), over the scope's dossier ids (a few thousand at most)
        visible = visible_dossiers(scope)
        for pk in visible.values_list("pk", flat=True).iterator():
            if pk % SHORT_CODE_SPACE == code:
                return visible.filter(pk=pk).first()
        return None
    try:
        return visible_dossiers(scope).filter(public_id=UUID(text.lower())).first()
    except ValueError:
        return None


@login_required
@require_POST
def merge(request: HttpRequest, public_id: UUID) -> HttpResponse:
    dossier = access_dossier(request.user, public_id, audit=False)
    form = MergeForm(request.POST)
    other = _find_dossier(request, form.data.get("other", "")) if form.is_valid() else None
    if other is None or other.pk == dossier.pk:
        form.add_error("other", _("Aucun autre dossier de votre périmètre ne porte ce numéro."))
        return _render_dossier(request, dossier, merge_form=form, status=422)
    merged = services.merge_dossiers(agent=request.user, dossier=dossier, other=other)
    messages.success(
        request,
        _("Dossiers %(a)s et %(b)s fusionnés.") % {"a": dossier.label, "b": other.label},
    )
    return _back(merged)


@login_required
@require_POST
def split(request: HttpRequest, public_id: UUID) -> HttpResponse:
    dossier = access_dossier(request.user, public_id, audit=False)
    scope = scope_of(request.user)
    own = dossier_members(dossier)
    choices = [(ref, ref) for _pk, ref, code in own if scope.covers(code)]
    form = SplitForm(request.POST, choices=choices)
    if form.is_valid() and len(form.cleaned_data["references"]) < len(own):
        chosen = set(form.cleaned_data["references"])
        services.split_dossier(
            agent=request.user,
            dossier=dossier,
            report_ids=[pk for pk, ref, _code in own if ref in chosen],
        )
        messages.success(request, _("Dossier scindé : les signalements choisis en sont sortis."))
        return _back(dossier)
    if form.is_valid():
        form.add_error("references", _("Laissez au moins un signalement dans ce dossier."))
    return _render_dossier(request, dossier, split_form=form, status=422)


@login_required
def entity(request: HttpRequest) -> HttpResponse:
    """Every report and dossier naming a plate, a phone or a handle (through the blind index
    of the normalised query: the value itself is searched nowhere)."""
    scope = scope_of(request.user)
    form = EntityForm(request.GET or None)
    found = None
    if form.is_valid():
        record_event(
            actor=request.user,
            action=AuditAction.VIEW_ENTITY,
            target_type="entity",
            target_id=form.cleaned_data["kind"],
        )
        found = selectors.entity_reports(
            kind=form.cleaned_data["kind"], value=form.cleaned_data["q"], scope=scope
        )
    return _render(request, "backoffice/dossiers/entity.html", {"form": form, "found": found})


@login_required
def watchlists(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    if scope.home is None:
        raise Http404  # a watchlist belongs to a cell
    form = WatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.watch(agent=request.user, departement=scope.home, **form.cleaned_data)
        messages.success(
            request,
            _(
                "Surveillance enregistrée : vous serez alerté à chaque nouveau signalement "
                "qui correspond."
            ),
        )
        return redirect("dossiers:watchlists")
    context = {
        "form": form,
        "watchlists": selectors.watchlists_of(scope.home),
        "alerts": selectors.recent_alerts(scope.home),
        "kinds": WatchKind,
    }
    response = _render(
        request,
        "backoffice/dossiers/watchlists.html",
        context,
        status=422 if request.method == "POST" else 200,
    )
    selectors.mark_alerts_seen(scope.home)
    return response


@login_required
@require_POST
def stop_watching(request: HttpRequest, public_id: UUID) -> HttpResponse:
    watch = access_watchlist(request.user, public_id)
    services.stop_watching(agent=request.user, watch=watch)
    messages.success(request, _("Surveillance arrêtée."))
    return redirect("dossiers:watchlists")


@login_required
def cell_map(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    context = {
        "categories": Category.choices,
        "statuses": ReportStatus.choices,
        "outline_codes": sorted(scope.departements) if scope.departements else [],
    }
    return _render(request, "backoffice/dossiers/map.html", context)


@login_required
def map_data(request: HttpRequest) -> JsonResponse:
    """Counts per grid cell (server-side aggregation: never one marker per report)."""
    scope = scope_of(request.user)
    data = selectors.map_cells(
        scope=scope,
        days=request.GET.get("jours", ""),
        category=request.GET.get("categorie", ""),
        status=request.GET.get("statut", ""),
        zoom=request.GET.get("zoom", ""),
    )
    return JsonResponse(data)


@login_required
def outline(request: HttpRequest, code: str) -> HttpResponse:
    scope_of(request.user)
    geojson = reference.departement_geojson(code)
    if geojson is None:
        raise Http404
    response = HttpResponse(json.dumps(geojson), content_type="application/geo+json")
    response["Cache-Control"] = "private, max-age=86400"
    return response
