"""Reads: the figures of a cell's dashboard and brief, and of the national view.

A cell's figures come straight from its own reports (index on departement, received_at: a few
thousand rows a year), so they are always current; the national view reads the pre-aggregated
monthly counts (vigie.analytics.models), rebuilt every hour by the worker. Periods are in
French local time: a report received on 31 October at 23:30 is October's.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Q,
    Sum,
    When,
)
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vigie.analytics.figures import (
    AlertLine,
    AttributedOutcome,
    CommuneCount,
    Compared,
    DashboardFigures,
    Delay,
    DepartementLine,
    DispatchLine,
    DossierLine,
    NationalFigures,
    Period,
    SeriesPoint,
)
from vigie.analytics.figures import (
    Count as CountLine,
)
from vigie.analytics.models import EmergingAlert, MonthlyCount
from vigie.crossref.models import Dossier, DossierKind, DossierMember, DossierStatus
from vigie.geo.models import Commune, Departement
from vigie.operations.models import Dispatch, DispatchReport, DispatchStatus, Priority
from vigie.outcomes.models import Outcome
from vigie.outcomes.selectors import FigureKey, OutcomeTotals, outcome_figures
from vigie.outcomes.text import describe
from vigie.reports.enums import Category, Qualification, ReportSource
from vigie.reports.models import Report

LIST_LIMIT = 10
SERIES_LENGTH = 12
GROWING_MINIMUM = 5  # reports in the period, for a département to rank among the growing
# An alert stays on the dashboards for twelve weeks after the week it was raised.
ALERT_WINDOW = timedelta(weeks=12)


def local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _in(period: Period, field: str = "received_at") -> dict[str, datetime]:
    return {
        f"{field}__gte": local_midnight(period.start),
        f"{field}__lt": local_midnight(period.end),
    }


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (NumPy's default); None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def delay(hours: Sequence[float]) -> Delay:
    return Delay(
        count=len(hours), median_hours=percentile(hours, 0.5), p90_hours=percentile(hours, 0.9)
    )


def _hours(pairs: Iterable[tuple[datetime, datetime | None]]) -> list[float]:
    return [max((later - earlier).total_seconds(), 0) / 3600 for earlier, later in pairs if later]


# --- A cell's dashboard ---------------------------------------------------------------------


def dashboard_figures(
    *, departement: str, period: Period, detailed: bool = True, now: datetime | None = None
) -> DashboardFigures:
    now = now or timezone.now()
    previous = period.previous()
    reports = Report.objects.filter(departement_id=departement)
    here = Departement.objects.get(code=departement)

    def totals(of: Period) -> dict[str, int]:
        return reports.filter(**_in(of)).aggregate(
            reports=Count("id"),
            qualified=Count("id", filter=~Q(qualification="")),
            exploitable=Count("id", filter=Q(qualification=Qualification.EXPLOITABLE)),
        )

    now_totals, before = totals(period), totals(previous)
    outcomes = _outcomes(departement, period)
    outcomes_previous = _outcomes(departement, previous)
    dossier_counts = _dossier_counts(departement, period)
    figures = DashboardFigures(
        departement=departement,
        scope_label=f"{here.name} ({here.code})",
        period=period,
        generated_at=timezone.localdate(now),
        reports=Compared(now_totals["reports"], before["reports"]),
        qualified=Compared(now_totals["qualified"], before["qualified"]),
        exploitable=Compared(now_totals["exploitable"], before["exploitable"]),
        weekly=weekly_series(reports, period),
        monthly=monthly_series(reports, period),
        by_category=_breakdown(reports, "category", period, dict(Category.choices)),
        by_source=_breakdown(reports, "source", period, dict(ReportSource.choices)),
        by_commune=_communes(reports, period),
        triage_delay=_triage_delay(reports, period),
        triage_delay_previous=_triage_delay(reports, previous),
        dispatch_delay=_dispatch_delay(departement, period),
        dispatch_delay_previous=_dispatch_delay(departement, previous),
        dossiers_opened=Compared(dossier_counts["opened"], dossier_counts["previous"]),
        dossiers_active=dossier_counts["active"],
        dossiers_dismantled=Compared(
            _dismantled_dossiers(departement, period), _dismantled_dossiers(departement, previous)
        ),
        outcomes=outcomes,
        outcomes_previous=outcomes_previous,
        detailed=detailed,
        alerts=alert_lines(
            EmergingAlert.objects.filter(
                Q(departement_id=departement) | Q(origin__departement_id=departement),
                detected_on__gte=period.start - ALERT_WINDOW,
                detected_on__lt=period.end,
            )
        ),
    )
    if detailed:
        figures.attributed = _attributed(departement, period)
        new_reports = _new_reports(departement, period)
        figures.new_dossiers = _new_dossiers(departement, period, new_reports)
        figures.growing_dossiers = _growing_dossiers(
            departement, period, figures.new_dossiers, new_reports
        )
        figures.overdue_dispatches = _overdue(departement, now)
    return figures


def weekly_series(reports: Any, period: Period) -> list[SeriesPoint]:
    last = Period.week(period.end - timedelta(days=1))
    first = last.start - timedelta(days=7 * (SERIES_LENGTH - 1))
    starts = [first + timedelta(days=7 * i) for i in range(SERIES_LENGTH)]
    rows = _bucketed(reports, [(start, start + timedelta(days=7)) for start in starts])
    return [
        SeriesPoint(
            start=start,
            end=start + timedelta(days=7),
            label=week_label(start),
            value=rows.get(start, (0, 0))[0],
            exploitable=rows.get(start, (0, 0))[1],
        )
        for start in starts
    ]


def _month_starts(last_month: date, length: int = SERIES_LENGTH) -> list[date]:
    starts = []
    year, month = last_month.year, last_month.month
    for _i in range(length):
        starts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def month_label(start: date) -> str:
    """« oct. 2026 », « mars 2026 » (Django's abbreviations, in the reader's language)."""
    return date_format(start, "N Y")


def week_label(start: date) -> str:
    """« S43 » (semaine), « W43 » in English."""
    return _("S%(week)02d") % {"week": start.isocalendar()[1]}


def monthly_series(reports: Any, period: Period) -> list[SeriesPoint]:
    starts = _month_starts(period.end - timedelta(days=1))
    rows = _bucketed(
        reports, [(start, Period.month(start.year, start.month).end) for start in starts]
    )
    return [
        SeriesPoint(
            start=start,
            end=Period.month(start.year, start.month).end,
            label=month_label(start),
            value=rows.get(start, (0, 0))[0],
            exploitable=rows.get(start, (0, 0))[1],
        )
        for start in starts
    ]


def _bucketed(reports: Any, buckets: Sequence[tuple[date, date]]) -> dict[date, tuple[int, int]]:
    """Reports and exploitable reports received in each [start, end) of local days, in one
    pass over the whole span: a filtered count per bucket, compared with the buckets'
    bounds, rather than a GROUP BY on the month or week of each row (converted to local time
    row by row: on SQLite a Python function called for every report)."""
    exploitable = Q(qualification=Qualification.EXPLOITABLE)
    counts: dict[str, Any] = {}
    for i, (start, end) in enumerate(buckets):
        inside = Q(received_at__gte=local_midnight(start), received_at__lt=local_midnight(end))
        counts[f"n{i}"] = Count("id", filter=inside)
        counts[f"e{i}"] = Count("id", filter=inside & exploitable)
    row = reports.filter(
        received_at__gte=local_midnight(min(start for start, _end in buckets)),
        received_at__lt=local_midnight(max(end for _start, end in buckets)),
    ).aggregate(**counts)
    return {start: (row[f"n{i}"], row[f"e{i}"]) for i, (start, _end) in enumerate(buckets)}


def _breakdown(reports: Any, field: str, period: Period, labels: dict[str, Any]) -> list[CountLine]:
    now = dict(reports.filter(**_in(period)).values_list(field).annotate(n=Count("id")).order_by())
    before = dict(
        reports.filter(**_in(period.previous()))
        .values_list(field)
        .annotate(n=Count("id"))
        .order_by()
    )
    keys = sorted(set(now) | set(before), key=lambda key: (-now.get(key, 0), str(key)))
    return [
        CountLine(
            key=key or "",
            label=str(labels.get(key, key or _("Non renseigné"))),
            value=now.get(key, 0),
            previous=before.get(key, 0),
        )
        for key in keys
    ]


def _communes(reports: Any, period: Period) -> list[CommuneCount]:
    def counts(of: Period) -> dict[str, int]:
        return dict(
            reports.filter(commune__isnull=False, **_in(of))
            .values_list("commune_id")
            .annotate(n=Count("id"))
            .order_by()
        )

    now, before = counts(period), counts(period.previous())
    communes = Commune.objects.filter(code__in=set(now) | set(before)).values_list(
        "code", "name", "latitude", "longitude"
    )
    lines = [
        CommuneCount(code, name, latitude, longitude, now.get(code, 0), before.get(code, 0))
        for code, name, latitude, longitude in communes
    ]
    return sorted(lines, key=lambda line: (-line.value, -line.previous, line.name))


def _triage_delay(reports: Any, period: Period) -> Delay:
    pairs = _moments(
        reports.filter(qualified_at__isnull=False, **_in(period)), "received_at", "qualified_at"
    )
    return delay(_hours(pairs))


def _moments(rows: Any, *fields: str) -> Iterable[tuple[datetime, ...]]:
    """The date-times of `fields` for each row, to subtract one from another. On SQLite,
    read as the stored text (UTC) and parsed here, naive: Django's conversion of each value
    to an aware date-time was most of the cost of a year's delays in a large département
    (thousands of rows); the differences are the same to the microsecond."""
    if connection.vendor != "sqlite":
        return rows.values_list(*fields)
    parse = datetime.fromisoformat
    return (
        tuple(parse(value) for value in row)
        for row in rows.values_list(*(Cast(field, CharField()) for field in fields))
    )


def _dispatch_delay(departement: str, period: Period) -> Delay:
    """From a report's arrival to the first time it (or its dossier) went to a unit."""
    pairs = (
        DispatchReport.objects.filter(
            report__departement_id=departement, **_in(period, "report__received_at")
        )
        .values("report_id")
        .annotate(received=Min("report__received_at"), first=Min("dispatch__sent_at"))
        .values_list("received", "first")
    )
    return delay(_hours(pairs))


def _live_dossiers(departement: str) -> Any:
    return Dossier.objects.filter(departement_id=departement, merged_into__isnull=True)


def _dossiers(departement: str) -> Any:
    """The live dossiers of a département, each dated by its first report (`opened`): when
    the activity was first seen, not when the engine formed it (an imported history forms
    all its dossiers on the day of the import)."""
    return _live_dossiers(departement).annotate(opened=Min("members__report__received_at"))


def _dossier_counts(departement: str, period: Period) -> dict[str, int]:
    """Dossiers opened in the period and in the one before, and those active at its end, in
    one query. Each needs the dossier's first report (`opened`), a join through all its
    members: it is computed only for the dossiers that can count. A dossier first seen on or
    after the previous period's start has had its latest report since then too
    (`last_report_at`, the latest of its members', kept by vigie.crossref on every change;
    NULL when never set: those are kept, to be safe); the active ones are kept whatever
    their age. Every other row would add 0 to all three counts."""
    previous = period.previous()
    start, end = local_midnight(period.start), local_midnight(period.end)
    live = [DossierStatus.ACTIVE, DossierStatus.WATCHED]
    since = local_midnight(previous.start)

    def flag(condition: Q) -> Case:
        return Case(When(condition, then=1), default=0, output_field=IntegerField())

    counts = (
        _dossiers(departement)
        .filter(Q(last_report_at__gte=since) | Q(last_report_at__isnull=True) | Q(status__in=live))
        .annotate(
            opened_now=flag(Q(opened__gte=start, opened__lt=end)),
            opened_before=flag(Q(opened__gte=since, opened__lt=local_midnight(previous.end))),
            active_at_end=flag(Q(status__in=live, opened__lt=end)),
        )
        .aggregate(
            opened=Sum("opened_now"), previous=Sum("opened_before"), active=Sum("active_at_end")
        )
    )
    return {key: value or 0 for key, value in counts.items()}


def _dismantled_dossiers(departement: str, period: Period) -> int:
    return (
        Outcome.objects.filter(
            departement_id=departement,
            dossier__isnull=False,
            dismantled_on__gte=period.start,
            dismantled_on__lt=period.end,
        )
        .values("dossier_id")
        .distinct()
        .count()
    )


def _outcomes(departement: str | None, period: Period) -> OutcomeTotals:
    figures = outcome_figures(
        start=period.start,
        end=period.end,
        departements=None if departement is None else [departement],
        by_departement=False,
    )
    return figures.get(FigureKey(None, None), OutcomeTotals())


def _dossier_line(dossier: Dossier, new_reports: int, communes: dict[int, str]) -> DossierLine:
    kind = str(DossierKind(dossier.kind).label) if dossier.kind in DossierKind.values else ""
    where = communes.get(dossier.pk, "")
    label = " — ".join(
        part for part in (dossier.label, ", ".join(p for p in (kind, where) if p)) if part
    )
    return DossierLine(
        public_id=str(dossier.public_id),
        label=label,
        kind=kind,
        status=str(DossierStatus(dossier.status).label),
        size=dossier.size,
        new_reports=new_reports,
        last_report_at=timezone.localdate(dossier.last_report_at)
        if dossier.last_report_at
        else None,
    )


def _main_communes(dossier_ids: Iterable[int]) -> dict[int, str]:
    """Each dossier's most frequent commune (a name is an area, never an address)."""
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = (
        DossierMember.objects.filter(
            dossier_id__in=list(dossier_ids), report__commune__isnull=False
        )
        .values_list("dossier_id", "report__commune__name")
        .annotate(n=Count("id"))
        .order_by()
    )
    for dossier_id, name, n in rows:
        counts[dossier_id][name] += n
    return {
        dossier_id: max(names.items(), key=lambda item: (item[1], item[0]))[0]
        for dossier_id, names in counts.items()
    }


def _new_reports(departement: str, period: Period) -> dict[int, int]:
    """Reports each dossier gained in the period (members of the département's reports).

    A member's département is its report's, and a report never changes département: the
    second condition is the first one said on the report, so that the database reads the
    period's reports through the (departement, received_at) index instead of looking up
    the report of every member the département ever had."""
    return dict(
        DossierMember.objects.filter(
            departement_id=departement,
            report__departement_id=departement,
            **_in(period, "report__received_at"),
        )
        .values_list("dossier_id")
        .annotate(n=Count("id"))
        .order_by()
    )


def _new_dossiers(departement: str, period: Period, new: dict[int, int]) -> list[DossierLine]:
    dossiers = list(
        _live_dossiers(departement)
        .filter(**_in(period, "created_at"))
        .order_by("-size", "-last_report_at")[:LIST_LIMIT]
    )
    communes = _main_communes(d.pk for d in dossiers)
    return [_dossier_line(d, new.get(d.pk, 0), communes) for d in dossiers]


def _growing_dossiers(
    departement: str,
    period: Period,
    new_dossiers: Sequence[DossierLine],
    new: dict[int, int],
) -> list[DossierLine]:
    """Older dossiers that gained the most reports during the period."""
    shown = {line.public_id for line in new_dossiers}
    # First seen before the period (`opened` earlier than its start): one earlier member is
    # enough to know it, without the minimum over all of them.
    earlier = DossierMember.objects.filter(
        dossier=OuterRef("pk"), report__received_at__lt=local_midnight(period.start)
    )
    candidates = (
        _live_dossiers(departement)
        .filter(Exists(earlier), pk__in=list(new))
        .exclude(public_id__in=shown)
        .values_list("pk", "size")
    )
    # Ranked on two numbers and the label (made from the id): over a year, hundreds of
    # candidates are ranked without reading their rows; only the ten shown are read.
    top = sorted(
        candidates, key=lambda row: (-new.get(row[0], 0), -row[1], Dossier(pk=row[0]).label)
    )[:LIST_LIMIT]
    found = Dossier.objects.in_bulk([pk for pk, _size in top])
    ranked = [found[pk] for pk, _size in top]
    communes = _main_communes(d.pk for d in ranked)
    return [_dossier_line(d, new.get(d.pk, 0), communes) for d in ranked]


def _overdue(departement: str, now: datetime) -> list[DispatchLine]:
    dispatches = (
        Dispatch.objects.filter(
            cell__departement_id=departement, status=DispatchStatus.SENT, acknowledge_by__lt=now
        )
        .select_related("unit", "dossier")
        .annotate(report_count=Count("items"))
        .order_by("acknowledge_by")
    )
    lines = []
    for dispatch in dispatches:
        if dispatch.dossier is not None:
            subject = _("Dossier %(label)s") % {"label": dispatch.dossier.label}
        else:
            subject = ngettext("%(n)s signalement", "%(n)s signalements", dispatch.report_count) % {
                "n": dispatch.report_count
            }
        lines.append(
            DispatchLine(
                public_id=str(dispatch.public_id),
                unit=dispatch.unit.name,
                subject=subject,
                priority=str(Priority(dispatch.priority).label),
                sent_at=timezone.localdate(dispatch.sent_at),
                acknowledge_by=timezone.localdate(dispatch.acknowledge_by),
                days_overdue=max((now - dispatch.acknowledge_by).days, 0),
                label=dispatch.label,
            )
        )
    return lines


def _attributed(departement: str, period: Period) -> list[AttributedOutcome]:
    outcomes = (
        Outcome.objects.filter(
            departement_id=departement,
            occurred_on__gte=period.start,
            occurred_on__lt=period.end,
        )
        .select_related("dossier", "unit")
        .prefetch_related("drugs", "weapons", "assets")
        .annotate(report_count=Count("reports", distinct=True))
        .order_by("-occurred_on")
    )
    outcomes = list(outcomes)
    dossier_sizes = dict(
        Dossier.objects.filter(pk__in={o.dossier_id for o in outcomes if o.dossier_id}).values_list(
            "pk", "size"
        )
    )
    lines = []
    for outcome in outcomes:
        if outcome.dossier is not None:
            subject = _("Dossier %(label)s") % {"label": outcome.dossier.label}
            reports = dossier_sizes.get(outcome.dossier_id, 0)
        else:
            reports = outcome.report_count
            subject = ngettext("Signalement sans dossier", "Signalements sans dossier", reports)
        lines.append(
            AttributedOutcome(
                occurred_on=outcome.occurred_on,
                subject=subject,
                unit=outcome.unit.name if outcome.unit else _("la cellule"),
                summary=" ; ".join(describe(outcome)),
                reports=reports,
            )
        )
    return lines


def alert_lines(alerts: Any) -> list[AlertLine]:
    return [
        AlertLine(
            commune=alert.commune_id,
            name=alert.commune.name,
            departement=alert.departement_id,
            first_seen=alert.first_seen,
            score=alert.score,
            explanation=alert.explanation,
            origin=alert.origin_id,
            origin_name=alert.origin.name if alert.origin else None,
        )
        for alert in alerts.select_related("commune", "origin").order_by("-detected_on", "-score")
    ]


# --- The national view ----------------------------------------------------------------------


def national_figures(*, period: Period, now: datetime | None = None) -> NationalFigures:
    now = now or timezone.now()
    previous = period.previous()
    months = _month_starts(period.end - timedelta(days=1))
    counts = MonthlyCount.objects.filter(month__gte=min(months[0], previous.start))
    per_departement: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    per_month: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    for code, month, reports, qualified, exploitable in counts.values_list(
        "departement_id", "month", "reports", "qualified", "exploitable"
    ):
        if period.start <= month < period.end:
            line = per_departement[code]
            line["reports"] += reports
            line["qualified"] += qualified
            line["exploitable"] += exploitable
        elif previous.start <= month < previous.end:
            per_departement[code]["previous"] += reports
        if months[0] <= month:
            per_month[month][0] += reports
            per_month[month][1] += exploitable
    outcomes = outcome_figures(start=period.start, end=period.end)
    dismantled = outcome_figures(
        start=months[0],
        end=Period.month(months[-1].year, months[-1].month).end,
        by_departement=False,
        by_month=True,
    )
    lines = []
    for code, name, population in Departement.objects.annotate(
        population=Sum("communes__population")
    ).values_list("code", "name", "population"):
        counted = per_departement.get(code, {})
        totals = outcomes.get(FigureKey(code, None), OutcomeTotals())
        reports = counted.get("reports", 0)
        lines.append(
            DepartementLine(
                code=code,
                name=name,
                reports=Compared(reports, counted.get("previous", 0)),
                exploitable=counted.get("exploitable", 0),
                qualified=counted.get("qualified", 0),
                dismantled_points=totals.dismantled_points,
                arrests=totals.arrests,
                custodies=totals.custodies,
                committals=totals.committals,
                drugs_kg=totals.drugs_total_kg,
                firearms=totals.firearms,
                cash_eur=totals.cash_eur or Decimal(0),
                per_100k=reports * 100_000 / population if population else 0.0,
            )
        )
    all_outcomes = _outcomes(None, period)
    previous_outcomes = _outcomes(None, previous)
    growing = sorted(
        (line for line in lines if line.reports.value >= GROWING_MINIMUM and line.reports.change),
        key=lambda line: (-(line.reports.change or 0), line.code),
    )[:LIST_LIMIT]
    figures = NationalFigures(
        period=period,
        generated_at=timezone.localdate(now),
        departements=lines,
        reports=Compared(
            sum(line.reports.value for line in lines), sum(line.reports.previous for line in lines)
        ),
        outcomes=all_outcomes,
        outcomes_previous=previous_outcomes,
        monthly=[
            SeriesPoint(
                start=month,
                end=Period.month(month.year, month.month).end,
                label=month_label(month),
                value=per_month[month][0],
                exploitable=per_month[month][1],
            )
            for month in months
        ],
        dismantled_monthly=[
            SeriesPoint(
                start=month,
                end=Period.month(month.year, month.month).end,
                label=month_label(month),
                value=dismantled.get(FigureKey(None, month), OutcomeTotals()).dismantled_points,
            )
            for month in months
        ],
        growing=[line for line in growing if (line.reports.change or 0) > 0],
        alerts=alert_lines(
            EmergingAlert.objects.filter(
                detected_on__gte=period.start - ALERT_WINDOW, detected_on__lt=period.end
            )
        ),
        growing_communes=growing_communes(period),
    )
    return figures


def growing_communes(period: Period, limit: int = LIST_LIMIT) -> list[CommuneCount]:
    """The communes whose reports grew most, from the weekly table: weeks that start in the
    period against weeks that start in the period before (at least GROWING_MINIMUM reports)."""
    from vigie.analytics.models import CommuneWeek

    previous = period.previous()
    now: dict[str, int] = defaultdict(int)
    before: dict[str, int] = defaultdict(int)
    rows = CommuneWeek.objects.filter(
        week__gte=previous.start, week__lt=period.end, reports__gt=0
    ).values_list("commune_id", "week", "reports")
    for code, week, reports in rows:
        (now if week >= period.start else before)[code] += reports
    ranked = sorted(
        (code for code, value in now.items() if value >= GROWING_MINIMUM and value > before[code]),
        key=lambda code: (-(now[code] - before[code]), code),
    )[:limit]
    communes = Commune.objects.in_bulk(ranked)
    return [
        CommuneCount(
            code,
            f"{communes[code].name} ({communes[code].departement_id})",
            communes[code].latitude,
            communes[code].longitude,
            now[code],
            before[code],
        )
        for code in ranked
    ]


def last_refresh() -> Any:
    from vigie.analytics.models import RefreshState

    return RefreshState.objects.order_by("-refreshed_at").first()


def commune_weeks(commune: str, *, until: date, length: int = 26) -> list[SeriesPoint]:
    """A commune's reports per week over `length` weeks ending with `until`'s week, from the
    pre-aggregated table (an alert's page)."""
    last = until - timedelta(days=until.weekday())
    starts = [last - timedelta(days=7 * i) for i in range(length - 1, -1, -1)]
    from vigie.analytics.models import CommuneWeek

    counts = dict(
        CommuneWeek.objects.filter(
            commune_id=commune, week__gte=starts[0], week__lte=last
        ).values_list("week", "reports")
    )
    return [
        SeriesPoint(
            start=start,
            end=start + timedelta(days=7),
            label=week_label(start),
            value=counts.get(start, 0),
        )
        for start in starts
    ]
