"""Writes: rebuild the pre-aggregated figures, then look for emerging areas and tell the cells.

`refresh()` is what the worker runs (vigie.analytics.tasks, every
ANALYTICS_REFRESH_EVERY_MINUTES) and what `vigie analytics refresh` runs now. It rebuilds the
two count tables from the reports, dossiers and outcomes in a few GROUP BY queries (a full
rebuild: idempotent, and a correction anywhere in the history is counted the next time), then
runs the detection on the latest complete week and stores what it finds.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone

from vigie.analytics.models import CommuneWeek, EmergingAlert, MonthlyCount, RefreshState
from vigie.crossref.models import Dossier, DossierMember
from vigie.engine.analytics import emerging
from vigie.geo.models import Commune
from vigie.outcomes.models import Outcome
from vigie.reports.enums import Qualification
from vigie.reports.models import Report

BATCH = 5000
# A town this large, across a border, can still be the origin of an alert (neighbours' data).
LARGE_CITY = 100_000
# Each pass replays the detection over the last weeks: an alert missed while the worker was
# stopped is still raised, and one already stored is not stored twice (commune, first week).
REPLAY_WEEKS = 8


@dataclass(frozen=True)
class RefreshSummary:
    reports: int
    monthly_rows: int
    commune_weeks: int
    new_alerts: list[EmergingAlert]
    seconds: float


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def last_complete_week(now: datetime | None = None) -> date:
    """The Monday of the last week that has ended (the current week is not over)."""
    today = timezone.localdate(now or timezone.now())
    return monday(today) - timedelta(days=7)


def refresh(*, now: datetime | None = None, detect: bool = True) -> RefreshSummary:
    started = time.perf_counter()
    now = now or timezone.now()
    with transaction.atomic():
        monthly = _rebuild_monthly()
        weekly = _rebuild_commune_weeks()
        reports = sum(row.reports for row in monthly)
        RefreshState.objects.all().delete()
        RefreshState.objects.create(
            refreshed_at=now, reports=reports, seconds=time.perf_counter() - started
        )
    new_alerts = []
    if detect:
        until = last_complete_week(now)
        new_alerts = detect_and_store(
            since=until - timedelta(weeks=REPLAY_WEEKS), until=until, now=now
        )
    return RefreshSummary(
        reports=reports,
        monthly_rows=len(monthly),
        commune_weeks=weekly,
        new_alerts=new_alerts,
        seconds=time.perf_counter() - started,
    )


def _rebuild_monthly() -> list[MonthlyCount]:
    rows = (
        Report.objects.annotate(month=TruncMonth("received_at"))
        .values("departement_id", "month", "source")
        .annotate(
            n=Count("id"),
            qualified=Count("id", filter=~Q(qualification="")),
            exploitable=Count("id", filter=Q(qualification=Qualification.EXPLOITABLE)),
        )
        .order_by()
    )
    objects = [
        MonthlyCount(
            departement_id=row["departement_id"],
            month=_as_date(row["month"]),
            source=row["source"],
            reports=row["n"],
            qualified=row["qualified"],
            exploitable=row["exploitable"],
        )
        for row in rows
    ]
    MonthlyCount.objects.all().delete()
    MonthlyCount.objects.bulk_create(objects, batch_size=BATCH)
    return objects


def _rebuild_commune_weeks() -> int:
    cells: dict[tuple[str, date], list[int]] = defaultdict(lambda: [0, 0, 0])
    departement_of: dict[str, str] = {}
    reports = (
        Report.objects.filter(commune__isnull=False)
        .annotate(week=TruncWeek("received_at"))
        .values("commune_id", "departement_id", "week")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in reports:
        cells[(row["commune_id"], _as_date(row["week"]))][0] += row["n"]
        departement_of[row["commune_id"]] = row["departement_id"]
    for commune, week in _dossier_openings():
        cells[(commune, week)][1] += 1
    for commune, week in _dismantlings():
        cells[(commune, week)][2] += 1
    missing = {code for code, _week in cells if code not in departement_of}
    departement_of.update(
        Commune.objects.filter(code__in=missing).values_list("code", "departement_id")
    )
    CommuneWeek.objects.all().delete()
    CommuneWeek.objects.bulk_create(
        (
            CommuneWeek(
                commune_id=code,
                departement_id=departement_of[code],
                week=week,
                reports=counts[0],
                dossiers=counts[1],
                dismantled=counts[2],
            )
            for (code, week), counts in cells.items()
        ),
        batch_size=BATCH,
    )
    return len(cells)


def _first_members(dossier: Any) -> Any:
    """A dossier's members with a commune, earliest report first: where it was first seen."""
    return DossierMember.objects.filter(dossier=dossier, report__commune__isnull=False).order_by(
        "report__received_at"
    )


def _first_commune(dossier: Any) -> Subquery:
    return Subquery(_first_members(dossier).values("report__commune_id")[:1])


def _dossier_openings() -> Iterable[tuple[str, date]]:
    """Each live dossier where and when it was first seen: its first report's commune and
    week (not the day the engine formed it: an import forms them all at once)."""
    first = _first_members(OuterRef("pk"))
    rows = (
        Dossier.objects.filter(merged_into__isnull=True)
        .annotate(
            commune=Subquery(first.values("report__commune_id")[:1]),
            opened=Subquery(first.values("report__received_at")[:1]),
        )
        .values_list("commune", "opened")
    )
    return ((commune, monday(timezone.localdate(opened))) for commune, opened in rows if commune)


def _dismantlings() -> Iterable[tuple[str, date]]:
    """Each dismantled point de deal where it was: its dossier's first commune, else the
    commune of the first report the outcome names."""
    outcomes = Outcome.objects.filter(dismantled_on__isnull=False).annotate(
        dossier_commune=_first_commune(OuterRef("dossier_id")),
        report_commune=Subquery(
            Outcome.reports.through.objects.filter(
                outcome_id=OuterRef("pk"), report__commune__isnull=False
            )
            .order_by("report__received_at")
            .values("report__commune_id")[:1]
        ),
    )
    for dismantled_on, dossier_commune, report_commune in outcomes.values_list(
        "dismantled_on", "dossier_commune", "report_commune"
    ):
        commune = dossier_commune or report_commune
        if commune:
            yield commune, monday(dismantled_on)


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


# --- Early warning -------------------------------------------------------------------------


def history(
    *, departements: Sequence[str] | None = None, until: date | None = None
) -> tuple[dict[str, emerging.Area], emerging.History]:
    """The engine's input from the weekly table: every commune with activity, every week from
    the first one with a row to `until` (default: the last complete week).

    Restricted to some départements, it keeps their neighbours' large towns within reach too,
    so that an origin across a border is still found."""
    until = until or last_complete_week()
    rows = CommuneWeek.objects.filter(week__lte=until)
    if departements is not None:
        rows = rows.filter(departement_id__in=list(departements))
    data = list(rows.values_list("commune_id", "week", "reports", "dossiers", "dismantled"))
    if departements is not None:
        data += list(
            CommuneWeek.objects.filter(week__lte=until, commune__population__gte=LARGE_CITY)
            .exclude(departement_id__in=list(departements))
            .values_list("commune_id", "week", "reports", "dossiers", "dismantled")
        )
    first = min((week for _code, week, *_rest in data), default=until)
    weeks = [first + timedelta(days=7 * i) for i in range((until - first).days // 7 + 1)]
    index = {week: i for i, week in enumerate(weeks)}
    counts: dict[str, list[int]] = {}
    dossiers: dict[str, list[int]] = {}
    dismantled: dict[str, list[int]] = {}
    for code, week, n_reports, n_dossiers, n_dismantled in data:
        i = index[week]
        for table, value in (
            (counts, n_reports),
            (dossiers, n_dossiers),
            (dismantled, n_dismantled),
        ):
            if value:
                table.setdefault(code, [0] * len(weeks))[i] += value
    codes = set(counts) | set(dossiers) | set(dismantled)
    areas = {
        code: emerging.Area(
            code=code,
            name=name,
            departement=departement,
            population=population,
            latitude=latitude,
            longitude=longitude,
        )
        for code, name, departement, population, latitude, longitude in Commune.objects.filter(
            code__in=codes
        ).values_list("code", "name", "departement_id", "population", "latitude", "longitude")
    }
    return areas, emerging.History(
        weeks=weeks, counts=counts, dismantled=dismantled, dossiers=dossiers
    )


def detect(
    *, since: date | None, departements: Sequence[str] | None = None, until: date | None = None
) -> list[emerging.Alert]:
    areas, weekly = history(departements=departements, until=until)
    alerts = emerging.detect(areas, weekly, since=since)
    if departements is not None:
        alerts = [alert for alert in alerts if alert.departement in departements]
    return alerts


def detect_and_store(
    *,
    since: date | None,
    until: date | None = None,
    now: datetime | None = None,
    departements: Sequence[str] | None = None,
) -> list[EmergingAlert]:
    """Store the alerts not stored yet (one per commune and episode) and tell the cells of
    the communes concerned, and of the likely origin when it is in another département."""
    found = detect(since=since, departements=departements, until=until)
    known = set(
        EmergingAlert.objects.filter(commune_id__in=[alert.commune for alert in found]).values_list(
            "commune_id", "first_seen"
        )
    )
    created = []
    for alert in found:
        if (alert.commune, alert.first_seen) in known:
            continue
        known.add((alert.commune, alert.first_seen))
        created.append(_store(alert, now or timezone.now()))
    return created


def alert_row(alert: emerging.Alert, now: datetime) -> EmergingAlert:
    """The database row of an engine's alert (not saved)."""
    return EmergingAlert(
        commune_id=alert.commune,
        departement_id=alert.departement,
        first_seen=alert.first_seen,
        detected_on=alert.detected_on,
        observed=alert.observed,
        expected=alert.expected,
        weeks=alert.weeks,
        score=alert.score,
        p_value=alert.p_value,
        new_dossiers=alert.new_dossiers,
        origin_id=alert.origin.commune if alert.origin else None,
        origin_distance_km=alert.origin.distance_km if alert.origin else None,
        explanation=alert.explanation[:500],
        created_at=now,
    )


def _store(alert: emerging.Alert, now: datetime) -> EmergingAlert:
    from vigie.cells.models import Cell
    from vigie.notifications.models import NotificationKind
    from vigie.notifications.services import notify

    stored = alert_row(alert, now)
    stored.save()
    concerned = [alert.departement]
    if alert.origin is not None:
        origin_departement = (
            Commune.objects.filter(code=alert.origin.commune)
            .values_list("departement_id", flat=True)
            .first()
        )
        if origin_departement and origin_departement not in concerned:
            concerned.append(origin_departement)
    for cell in Cell.objects.filter(departement_id__in=concerned, is_active=True):
        notify(
            kind=NotificationKind.EMERGING_AREA,
            target_type="alert",
            target_id=str(stored.public_id),
            summary=alert.explanation,
            cell=cell,
        )
    return stored
