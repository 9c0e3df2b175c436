"""Reads of cross-referencing: the export, and what the back-office pages show."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from vigie.crossref.models import (
    Dossier,
    DossierMember,
    EntityToken,
    Link,
    ReportFeatures,
    WatchAlert,
    Watchlist,
)
from vigie.crossref.services import features_by_report, open_evidence
from vigie.engine.linking.types import Features
from vigie.geo import reference as geo_reference
from vigie.reports.models import Report


def entities_of(features: Iterable[Features]) -> dict[str, list[Any]]:
    """Plates, partial plates, phones and handles named by these reports (sorted, unique)."""
    plates: set[str] = set()
    partial: set[str] = set()
    phones: set[str] = set()
    handles: set[tuple[str, str]] = set()
    for f in features:
        plates |= f.plates
        partial |= f.partial_plates
        phones |= f.phones
        handles |= set(f.handles)
    return {
        "plates": sorted(plates),
        "partial_plates": sorted(partial),
        "phones": sorted(phones),
        "handles": [{"network": n, "value": v} for n, v in sorted(handles)],
    }


@dataclass(frozen=True)
class LinkView:
    link: Link
    reference_a: str
    reference_b: str
    evidence: list[str]


def links_between(report_ids: Iterable[int], references: dict[int, str]) -> list[LinkView]:
    """Links among these reports, and with the reports outside it that they touch."""
    ids = list(report_ids)
    rows = Link.objects.filter(Q(report_a_id__in=ids) | Q(report_b_id__in=ids)).order_by(
        "-weight", "report_a_id", "report_b_id"
    )
    views = []
    missing = set()
    rows = list(rows)
    for row in rows:
        missing.update({row.report_a_id, row.report_b_id} - references.keys())
    if missing:
        references = {
            **references,
            **dict(Report.objects.filter(pk__in=missing).values_list("pk", "reference")),
        }
    for row in rows:
        views.append(
            LinkView(
                link=row,
                reference_a=references[row.report_a_id],
                reference_b=references[row.report_b_id],
                evidence=open_evidence(row),
            )
        )
    return views


def _link_json(view: LinkView) -> dict[str, Any]:
    return {
        "a": view.reference_a,
        "b": view.reference_b,
        "rules": list(view.link.rules),
        "evidence": view.evidence,
        "weight": round(view.link.weight, 4),
    }


def export_dossiers(*, departement: str | None = None) -> Iterator[dict[str, Any]]:
    """One dict per dossier; a report in no dossier is exported as a one-report dossier
    (`"lone": true`, its id derived from its reference)."""
    dossiers: QuerySet[Dossier] = Dossier.objects.filter(merged_into__isnull=True, size__gt=0)
    if departement:
        dossiers = dossiers.filter(
            pk__in=DossierMember.objects.filter(departement_id=departement).values("dossier_id")
        )
    for dossier in dossiers.order_by("pk").iterator(chunk_size=200):
        members = list(
            Report.objects.filter(dossier_membership__dossier=dossier)
            .order_by("received_at", "pk")
            .values_list("pk", "reference", "submission_id")
        )
        references = {pk: reference for pk, reference, _s in members}
        ids = set(references)
        features = features_by_report(ids)
        inner = [
            view
            for view in links_between(ids, references)
            if view.link.report_a_id in ids and view.link.report_b_id in ids
        ]
        yield {
            "id": str(dossier.public_id),
            "label": dossier.label,
            "status": dossier.status,
            "kind": dossier.kind,
            "departement": dossier.departement_id,
            "lone": False,
            "submission_ids": [str(s) for _pk, _r, s in members if s],
            "references": [reference for _pk, reference, _s in members],
            "entities": entities_of(features.values()),
            "links": [_link_json(view) for view in inner],
        }
    lone = Report.objects.filter(dossier_membership__isnull=True)
    if departement:
        lone = lone.filter(departement_id=departement)
    for pk, reference, submission_id, code in (
        lone.order_by("pk")
        .values_list("pk", "reference", "submission_id", "departement_id")
        .iterator(chunk_size=500)
    ):
        yield {
            "id": f"lone:{reference}",
            "label": reference,
            "status": "actif",
            "kind": "",
            "departement": code,
            "lone": True,
            "submission_ids": [str(submission_id)] if submission_id else [],
            "references": [reference],
            "entities": entities_of(features_by_report([pk]).values()),
            "links": [],
        }


# --------------------------------------------------------------------------- pages


@dataclass(frozen=True)
class MemberView:
    report: Report
    own: bool  # in the viewer's scope: its contents may be shown
    excerpt: str
    point: tuple[float, float] | None
    place: str  # its commune, or the one nearest its point


@dataclass(frozen=True)
class DossierPage:
    members: list[MemberView]
    links: list[LinkView]  # among the members
    outside: list[LinkView]  # with reports of other dossiers or lone reports
    entities: dict[str, list[Any]]  # named by the viewer's own reports
    departements: list[str]


def dossier_page(dossier: Dossier, *, covers: Any) -> DossierPage:
    """What the dossier page shows; `covers(code)` says whether a département's reports'
    contents may be shown (the viewer's scope)."""
    from vigie.reports.content import open_content

    reports = list(
        Report.objects.filter(dossier_membership__dossier=dossier)
        .select_related("commune")
        .order_by("received_at", "pk")
    )
    references = {r.pk: r.reference for r in reports}
    own_ids = [r.pk for r in reports if covers(r.departement_id)]
    features = features_by_report(own_ids)
    members = []
    for report in reports:
        own = report.pk in features or covers(report.departement_id)
        excerpt = ""
        if own:
            content = open_content(report.sealed_content, associated_data=report.associated_data)
            excerpt = content.description[:280]
        found = features.get(report.pk)
        point = found.point if found else None
        nearest = geo_reference.nearest_commune(*point) if point and not report.commune else None
        place = report.commune.name if report.commune else (nearest.name if nearest else "")
        members.append(
            MemberView(report=report, own=own, excerpt=excerpt, point=point, place=place)
        )
    ids = set(references)
    every = links_between(ids, references)
    inner = [v for v in every if v.link.report_a_id in ids and v.link.report_b_id in ids]
    outside = [v for v in every if not (v.link.report_a_id in ids and v.link.report_b_id in ids)]
    return DossierPage(
        members=members,
        links=inner,
        outside=outside,
        entities=entities_of(features.values()),
        departements=sorted({r.departement_id for r in reports}),
    )


# --------------------------------------------------------------------------- entities


@dataclass(frozen=True)
class EntityFound:
    reports: list[Report]
    dossiers: list[Dossier]
    elsewhere: int  # reports naming it outside the viewer's scope (counted, never shown)


def entity_reports(*, kind: str, value: str, scope: Any) -> EntityFound:
    from vigie.crossref.services import lookup_tokens

    tokens = lookup_tokens(kind, value)
    ids = (
        set(EntityToken.objects.filter(token__in=tokens).values_list("report_id", flat=True))
        if tokens
        else set()
    )
    reports = Report.objects.filter(pk__in=ids).select_related("commune")
    mine = [r for r in reports.order_by("-received_at") if scope.covers(r.departement_id)]
    dossiers = list(
        Dossier.objects.filter(
            merged_into__isnull=True, members__report_id__in=[r.pk for r in mine]
        ).distinct()
    )
    return EntityFound(reports=mine, dossiers=dossiers, elsewhere=len(ids) - len(mine))


# --------------------------------------------------------------------------- watchlists


def watchlists_of(departement: str) -> list[tuple[Watchlist, str, int]]:
    """(watchlist, its label opened, number of alerts) of a cell, active first."""
    from vigie.core import sealing

    rows = (
        Watchlist.objects.filter(departement_id=departement)
        .annotate(alert_count=Count("alerts"))
        .order_by("-active", "-created_at")
    )
    return [
        (
            watch,
            sealing.open_for_cell(
                bytes(watch.sealed_label), associated_data=watch.associated_data
            ).decode(),
            watch.alert_count,
        )
        for watch in rows
    ]


def recent_alerts(departement: str, limit: int = 50) -> list[WatchAlert]:
    return list(
        WatchAlert.objects.filter(watchlist__departement_id=departement)
        .select_related("watchlist", "report", "report__commune")
        .order_by("-at", "-id")[:limit]
    )


def unseen_alert_count(scope: Any) -> int:
    if scope.home is None:
        return 0
    return WatchAlert.objects.filter(
        watchlist__departement_id=scope.home, seen_at__isnull=True
    ).count()


def mark_alerts_seen(departement: str) -> None:
    from django.utils import timezone

    WatchAlert.objects.filter(watchlist__departement_id=departement, seen_at__isnull=True).update(
        seen_at=timezone.now()
    )


# --------------------------------------------------------------------------- map


def map_cells(*, scope: Any, days: str, category: str, status: str, zoom: str) -> dict[str, Any]:
    """Reports counted per commune (its centroid), with how many are in a dossier: one
    grouped query whatever the number of reports, a few hundred points at most per cell.
    Exact points stay sealed; a report is counted in its commune, or the one nearest its point
    (`ReportFeatures.area`, set when it is linked)."""
    from datetime import timedelta

    from django.utils import timezone

    from vigie.reports.enums import Category, ReportStatus

    rows = ReportFeatures.objects.exclude(area="")
    if scope.departements is not None:
        rows = rows.filter(report__departement_id__in=scope.departements)
    if days.isdigit() and int(days) > 0:
        rows = rows.filter(report__received_at__gte=timezone.now() - timedelta(days=int(days)))
    if category in Category.values:
        rows = rows.filter(report__category=category)
    if status in ReportStatus.values:
        rows = rows.filter(report__status=status)
    counted = (
        rows.values("area")
        .annotate(
            reports=Count("pk"),
            in_dossiers=Count("pk", filter=Q(report__dossier_membership__isnull=False)),
            dossiers=Count("report__dossier_membership__dossier", distinct=True),
        )
        .order_by("-reports", "area")
    )
    cells = []
    for row in counted:
        commune = geo_reference.commune_by_code(row["area"])
        if commune is None or commune.lat is None:
            continue
        cells.append(
            {
                "commune": commune.code,
                "name": commune.name,
                "lat": commune.lat,
                "lon": commune.lon,
                "reports": row["reports"],
                "in_dossiers": row["in_dossiers"],
                "dossiers": row["dossiers"],
            }
        )
    return {"cells": cells, "total": sum(c["reports"] for c in cells)}
