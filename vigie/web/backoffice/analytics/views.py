"""Figures pages: the cell's dashboard and meeting brief, the national view and its
départements, the early warnings. Every figure comes from vigie.analytics.selectors and every
object through vigie.analytics.access (404 for missing and forbidden alike)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vigie.analytics import charts, exports
from vigie.analytics.access import (
    access_alert,
    access_departement,
    cell_departement,
    reads_national,
    visible_alerts,
)
from vigie.analytics.figures import DashboardFigures, Period
from vigie.analytics.selectors import (
    alert_lines,
    commune_weeks,
    dashboard_figures,
    last_refresh,
    national_figures,
)
from vigie.audit.models import AuditAction
from vigie.audit.services import record_event
from vigie.geo import reference

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def _period(request: HttpRequest) -> tuple[Period, str, str]:
    """The period asked for in `?periode=` (default: the last complete month, what a monthly
    meeting reads and what compares fairly with the month before), the text as typed (kept
    in the form), and a French error when it could not be read."""
    typed = request.GET.get("periode", "").strip()
    today = timezone.localdate()
    default = Period.month(today.year, today.month).previous()
    if not typed:
        return default, "", ""
    try:
        return Period.parse(typed), typed, ""
    except ValueError as error:
        return default, typed, str(error)


def _shortcuts() -> list[tuple[str, str]]:
    today = timezone.localdate()
    month = Period.month(today.year, today.month)
    week = Period.week(today)
    return [
        (_("Mois en cours"), month.code()),
        (_("Mois précédent"), month.previous().code()),
        (_("Semaine précédente"), week.previous().code()),
        (_("Trimestre en cours"), Period.quarter(today.year, (today.month - 1) // 3 + 1).code()),
        (_("Année en cours"), str(today.year)),
    ]


def dashboard_charts(figures: DashboardFigures) -> dict[str, Any]:
    return {
        "weekly": charts.bar_series(
            figures.weekly, title=_("Signalements reçus par semaine (12 semaines)")
        ),
        "monthly": charts.bar_series(
            figures.monthly, title=_("Signalements reçus par mois (12 mois)")
        ),
        "categories": charts.hbars(figures.by_category, title=_("Signalements par catégorie")),
        "sources": charts.hbars(figures.by_source, title=_("Signalements par origine")),
        "communes": charts.departement_symbol_map(
            reference.departement_geojson(figures.departement),
            figures.by_commune,
            title=_("Signalements par commune — %(scope)s") % {"scope": figures.scope_label},
        ),
    }


def _dashboard_page(
    request: HttpRequest, figures: DashboardFigures, *, typed: str, error: str, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "backoffice/analytics/dashboard.html",
        {
            "figures": figures,
            "charts": dashboard_charts(figures),
            "typed": typed,
            "period_error": error,
            "shortcuts": _shortcuts(),
            **extra,
        },
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    code = cell_departement(request.user)
    period, typed, error = _period(request)
    figures = dashboard_figures(departement=code, period=period)
    return _dashboard_page(request, figures, typed=typed, error=error, brief=True)


@login_required
def brief(request: HttpRequest, extension: str) -> HttpResponse:
    """The meeting brief of the cell's own département, as PDF, XLSX or CSV."""
    code = cell_departement(request.user)
    if extension not in CONTENT_TYPES:
        raise Http404
    period, _typed, error = _period(request)
    if error:
        raise Http404
    figures = dashboard_figures(departement=code, period=period)
    renderer = {"pdf": exports.brief_pdf, "xlsx": exports.brief_xlsx, "csv": exports.brief_csv}
    response = HttpResponse(renderer[extension](figures), content_type=CONTENT_TYPES[extension])
    filename = exports.brief_filename(figures, extension)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    record_event(
        actor=request.user,
        action=AuditAction.EXPORT_BRIEF,
        target_type="brief",
        target_id=f"{code}:{period.code()}:{extension}",
    )
    return response


@login_required
def national(request: HttpRequest) -> HttpResponse:
    if not reads_national(request.user):
        raise Http404
    period, typed, error = _period(request)
    figures = national_figures(period=period)
    query = f"?periode={period.code()}"
    return render(
        request,
        "backoffice/analytics/national.html",
        {
            "figures": figures,
            "map": charts.choropleth(
                {line.code: line.per_100k for line in figures.departements},
                title=_("Signalements pour 100 000 habitants — %(period)s")
                % {"period": figures.period.label()},
                legend_label=_("Signalements pour 100 000 habitants"),
                href_for=lambda code: reverse("analytics:departement", args=[code]) + query,
            ),
            "monthly": charts.bar_series(
                figures.monthly, title=_("Signalements reçus par mois, France entière")
            ),
            "dismantled": charts.bar_series(
                figures.dismantled_monthly, title=_("Points de deal démantelés par mois")
            ),
            "typed": typed,
            "period_error": error,
            "shortcuts": _shortcuts(),
            "refreshed": last_refresh(),
        },
    )


@login_required
def departement(request: HttpRequest, code: str) -> HttpResponse:
    """A département's figures for the national role: counts and charts, never a dossier,
    a dispatch or an outcome line that names a case."""
    found = access_departement(request.user, code)
    if not reads_national(request.user):
        query = request.META.get("QUERY_STRING", "")
        return redirect(reverse("analytics:dashboard") + (f"?{query}" if query else ""))
    period, typed, error = _period(request)
    figures = dashboard_figures(departement=found.code, period=period, detailed=False)
    return _dashboard_page(request, figures, typed=typed, error=error, brief=False)


@login_required
def alerts(request: HttpRequest) -> HttpResponse:
    found = visible_alerts(request.user)
    return render(
        request,
        "backoffice/analytics/alerts.html",
        {"alerts": list(found.order_by("-detected_on", "-score")[:200])},
    )


@login_required
def alert_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    alert = access_alert(request.user, public_id)
    weeks = commune_weeks(alert.commune_id, until=alert.detected_on + timedelta(days=7 * 8))
    origin_weeks = (
        commune_weeks(alert.origin_id, until=alert.detected_on + timedelta(days=7 * 8))
        if alert.origin_id
        else []
    )
    return render(
        request,
        "backoffice/analytics/alert.html",
        {
            "alert": alert,
            "line": alert_lines(type(alert).objects.filter(pk=alert.pk))[0],
            "chart": charts.bar_series(
                weeks, title=_("Signalements par semaine — %(name)s") % {"name": alert.commune.name}
            ),
            "origin_chart": charts.bar_series(
                origin_weeks,
                title=_("Signalements par semaine — %(name)s") % {"name": alert.origin.name},
            )
            if alert.origin_id
            else None,
            "weeks": weeks,
            "origin_weeks": origin_weeks,
            "weeks_text": ngettext("%(n)s semaine", "%(n)s semaines", alert.weeks)
            % {"n": alert.weeks},
        },
    )
