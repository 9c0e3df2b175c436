"""Reads of operations: the cell's and the unit's lists, and what a unit is shown.

`unit_material` is the whole of what reaches a unit: the analysed facts of each report
(numbered 1, 2…, never by their receipt reference), the dossier's timeline, map points and
entities, the cleaned evidence. Never the citizen's contact (unless the cell shared it,
audited), never the receipt, never the thread with the citizen nor a chat (a report made from
a chat carries the transcript as its description: only its structured fields are passed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from vigie.cells.models import Cell, Unit
from vigie.crossref.selectors import entities_of
from vigie.crossref.services import features_by_report
from vigie.evidence.models import StoredFile
from vigie.operations.models import OPEN_STATUSES, Dispatch, DispatchReport, DispatchStatus
from vigie.operations.services import open_text
from vigie.reports.content import Identifier, Person, Vehicle, open_content
from vigie.reports.enums import IdentifierKind, PlaceKind, Risk
from vigie.reports.models import Report

# A witness's fear of reprisals tells the unit the witness is known to those they report.
RISKS_NOT_PASSED = frozenset({Risk.THREATS_TO_ME})


def cell_dispatches(cell: Cell, *, status: str = "") -> QuerySet[Dispatch]:
    found = (
        Dispatch.objects.filter(cell=cell)
        .select_related("unit", "dossier")
        .annotate(report_count=Count("items"))
        .order_by("-sent_at", "-id")
    )
    if status == "overdue":
        return found.filter(status=DispatchStatus.SENT, acknowledge_by__lt=timezone.now())
    if status in DispatchStatus.values:
        found = found.filter(status=status)
    return found


def unit_dispatches(unit: Unit) -> QuerySet[Dispatch]:
    return (
        Dispatch.objects.filter(unit=unit)
        .select_related("dossier")
        .annotate(report_count=Count("items"))
        .order_by("-sent_at", "-id")
    )


def overdue_count(cell: Cell, *, now: datetime | None = None) -> int:
    return Dispatch.objects.filter(
        cell=cell, status=DispatchStatus.SENT, acknowledge_by__lt=now or timezone.now()
    ).count()


def open_dispatch_for(reports: list[Report]) -> Dispatch | None:
    item = (
        DispatchReport.objects.filter(report__in=reports, dispatch__status__in=OPEN_STATUSES)
        .select_related("dispatch__unit")
        .first()
    )
    return item.dispatch if item else None


def dispatches_of_report(report: Report) -> list[Dispatch]:
    return list(
        Dispatch.objects.filter(items__report=report).select_related("unit").order_by("-sent_at")
    )


@dataclass(frozen=True)
class EntryView:
    kind: str
    kind_label: str
    at: datetime
    author: str
    text: str
    from_unit: bool


def entries(dispatch: Dispatch) -> list[EntryView]:
    rows = dispatch.entries.select_related("author").order_by("at", "id")
    return [
        EntryView(
            kind=entry.kind,
            kind_label=entry.get_kind_display(),
            at=entry.at,
            author=(entry.author.get_full_name() or entry.author.username) if entry.author else "",
            text=open_text(entry.sealed_text, entry.associated_data),
            from_unit=bool(entry.author and entry.author.unit_id == dispatch.unit_id),
        )
        for entry in rows
    ]


def instructions(dispatch: Dispatch) -> str:
    return open_text(dispatch.sealed_instructions, dispatch.associated_data)


@dataclass(frozen=True)
class Fact:
    """One report as a unit reads it."""

    position: int
    received_at: datetime  # to the hour, as stored
    category: str
    commune: str
    address: str
    place_kind: str
    point: tuple[float, float] | None
    observed_at: str
    schedule: str
    description: str
    people: tuple[Person, ...]
    vehicles: tuple[Vehicle, ...]
    identifiers: list[tuple[str, str]]  # (kind label, value)
    risks: list[str]
    files: list[StoredFile]
    contact: str  # only once the cell shared it
    # A report made from a chat: its description is the chat's transcript, never passed.
    from_chat: bool = False


@dataclass(frozen=True)
class Material:
    facts: list[Fact]
    entities: dict[str, list[Any]]
    points: list[dict[str, Any]]


def _label(choices: Any, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def unit_material(dispatch: Dispatch) -> Material:
    items = list(dispatch.items.select_related("report__commune").order_by("position"))
    reports = [item.report for item in items]
    features = features_by_report([r.pk for r in reports])
    files: dict[int, list[StoredFile]] = {r.pk: [] for r in reports}
    for file in (
        StoredFile.objects.filter(report_attachment__report__in=reports)
        .order_by("report_attachment__added_at", "report_attachment__position")
        .select_related("report_attachment")
    ):
        files[file.report_attachment.report_id].append(file)
    facts = []
    for item in items:
        report = item.report
        content = open_content(report.sealed_content, associated_data=report.associated_data)
        found = features.get(report.pk)
        from_chat = bool(content.extra.get("conversation"))
        point = (
            (content.latitude, content.longitude)
            if content.latitude is not None and content.longitude is not None
            else (found.point if found else None)
        )
        facts.append(
            Fact(
                position=item.position,
                received_at=report.received_at,
                category=report.get_category_display(),
                commune=report.commune.name if report.commune else content.commune_name,
                address=content.address,
                place_kind=_label(PlaceKind, content.place_kind) if content.place_kind else "",
                point=point,
                observed_at=content.observed_at,
                schedule=content.schedule,
                description="" if from_chat else content.description,
                people=content.people,
                vehicles=content.vehicles,
                identifiers=[
                    (_label(IdentifierKind, identifier.kind), identifier.value)
                    for identifier in content.identifiers
                    if isinstance(identifier, Identifier)
                ],
                risks=[_label(Risk, r) for r in content.risks if r not in RISKS_NOT_PASSED],
                files=files[report.pk],
                contact=content.contact if item.contact_shared_at else "",
                from_chat=from_chat,
            )
        )
    points = [
        {"reference": f"n° {fact.position}", "lat": fact.point[0], "lon": fact.point[1]}
        for fact in facts
        if fact.point
    ]
    return Material(facts=facts, entities=entities_of(features.values()), points=points)


@dataclass(frozen=True)
class CellItem:
    """A dispatched report as the cell reads it on the dispatch's page."""

    item: DispatchReport
    has_contact: bool


def cell_items(dispatch: Dispatch) -> list[CellItem]:
    result = []
    for item in dispatch.items.select_related("report").order_by("position"):
        report = item.report
        content = open_content(report.sealed_content, associated_data=report.associated_data)
        result.append(CellItem(item=item, has_contact=bool(content.contact.strip())))
    return result


def cell_reports_of_dossier(dossier: Any, cell: Cell) -> list[Report]:
    """The reports of a dossier a cell may pass on: its own département's only."""
    return list(
        Report.objects.filter(
            dossier_membership__dossier=dossier, departement_id=cell.departement_id
        ).order_by("received_at", "pk")
    )


def commune_codes(reports: list[Report]) -> list[str]:
    """Each report's commune, or the one nearest its point (crossref's map area)."""
    from vigie.crossref.models import ReportFeatures

    areas = dict(ReportFeatures.objects.filter(report__in=reports).values_list("report_id", "area"))
    codes = [report.commune_id or areas.get(report.pk, "") for report in reports]
    return [code for code in dict.fromkeys(codes) if code]


def unit_holds_dispatch_of(unit: Unit, subject: Any) -> bool:
    """Whether the unit holds a dispatch of this dossier or report that it has not handed
    back: open, or closed by the unit (results come in after a closure: écrous, analyses)."""
    held = Dispatch.objects.filter(unit=unit).exclude(status=DispatchStatus.HANDED_BACK)
    if isinstance(subject, Report):
        return held.filter(items__report=subject).exists()
    return held.filter(dossier=subject).exists()


def outcome_subject(dispatch: Dispatch) -> Any:
    """What the unit's outcomes of a dispatch are recorded on: its dossier, else its report."""
    if dispatch.dossier_id is not None:
        return dispatch.dossier
    item = dispatch.items.select_related("report__departement").order_by("position").first()
    return item.report if item is not None else None
