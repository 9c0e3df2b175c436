"""Writes of operations: dispatch to a unit, the unit's answers, the cell's replies, closing.

Each function is one business action with its side effects: the dispatch's own history
(`DispatchEntry`, sealed), the reports' status the citizen sees (`ReportEvent`), the audit
log and the back office's notifications. Callers reached the dispatch through
`vigie.operations.access`; a transition that no longer fits (a dispatch closed meanwhile) is
refused with `DispatchRefused` and a French reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from vigie.accounts.models import Role
from vigie.audit.models import AuditAction
from vigie.audit.services import record_event
from vigie.cells.models import Cell, Unit
from vigie.core import sealing
from vigie.crossref.models import Dossier
from vigie.notifications.models import NotificationKind
from vigie.notifications.services import notify
from vigie.operations.jurisdiction import Suggestion
from vigie.operations.models import (
    OPEN_STATUSES,
    ClosingReason,
    Dispatch,
    DispatchEntry,
    DispatchReport,
    DispatchStatus,
    EntryKind,
    Priority,
)
from vigie.reports.enums import ClosingMessage, ReportEventKind, ReportStatus
from vigie.reports.models import Report, ReportEvent

TEXT_MAX_LENGTH = 4000


class DispatchRefused(Exception):
    """The action does not fit the dispatch's state; the message says why, in French."""


def acknowledge_delay(priority: Priority | str) -> timedelta:
    return timedelta(hours=settings.DISPATCH_ACKNOWLEDGE_HOURS[Priority(priority).value])


def _seal(text: str, associated_data: bytes) -> bytes:
    return sealing.seal_for_cell(text.encode(), associated_data=associated_data) if text else b""


def open_text(sealed: bytes, associated_data: bytes) -> str:
    return (
        sealing.open_for_cell(bytes(sealed), associated_data=associated_data).decode()
        if sealed
        else ""
    )


def _entry(
    dispatch: Dispatch, kind: EntryKind, author: Any, text: str = "", *, now: datetime
) -> DispatchEntry:
    entry = DispatchEntry(dispatch=dispatch, kind=kind, at=now, author=author)
    entry.sealed_text = _seal(text, entry.associated_data)
    entry.save()
    return entry


def _audit(agent: Any, action: AuditAction, dispatch: Dispatch, **details: Any) -> None:
    record_event(
        actor=agent,
        action=action,
        target_type="dispatch",
        target_id=str(dispatch.public_id),
        details={"label": dispatch.label, "unit": str(dispatch.unit.public_id), **details},
    )


def _notify_unit(dispatch: Dispatch, kind: NotificationKind, summary: str) -> None:
    notify(
        kind=kind,
        target_type="dispatch",
        target_id=str(dispatch.public_id),
        summary=summary,
        unit=dispatch.unit,
    )


def _notify_cell(dispatch: Dispatch, kind: NotificationKind, summary: str) -> None:
    notify(
        kind=kind,
        target_type="dispatch",
        target_id=str(dispatch.public_id),
        summary=summary,
        cell=dispatch.cell,
    )


def _moment(value: datetime) -> str:
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def _locked(dispatch: Dispatch) -> Dispatch:
    return Dispatch.objects.select_for_update().select_related("unit", "cell").get(pk=dispatch.pk)


def _set_report_status(
    report: Report, *, agent: Any, kind: ReportEventKind, status: ReportStatus, now: datetime
) -> None:
    if report.status == status:
        return
    ReportEvent.objects.create(
        report=report,
        kind=kind,
        at=now,
        actor=agent,
        from_status=report.status,
        to_status=status,
    )
    report.status = status
    report.save(update_fields=["status", "closing_message"])


def dispatch_to_unit(
    *,
    agent: Any,
    cell: Cell,
    unit: Unit,
    reports: Sequence[Report],
    dossier: Dossier | None,
    priority: Priority | str,
    instructions: str,
    suggestion: Suggestion,
    now: datetime | None = None,
) -> Dispatch:
    """Pass these reports (a dossier's of the cell's département, or one) to a unit of the
    cell; the citizen then reads « Transmis à un service »."""
    if unit.cell_id != cell.pk or not unit.is_active:
        raise DispatchRefused(_("Cette unité n’est pas une unité active de votre cellule."))
    if not reports:
        raise DispatchRefused(_("Aucun signalement de votre département à transmettre."))
    now = now or timezone.now()
    priority = Priority(priority)
    with transaction.atomic():
        busy = DispatchReport.objects.filter(
            report__in=reports, dispatch__status__in=OPEN_STATUSES
        ).select_related("dispatch")
        for item in busy:
            raise DispatchRefused(
                _("Déjà transmis (%(label)s) : attendez que l’unité le rende ou le clôture.")
                % {"label": item.dispatch.label}
            )
        dispatch = Dispatch(
            cell=cell,
            unit=unit,
            dossier=dossier,
            priority=priority,
            sent_at=now,
            sent_by=agent,
            acknowledge_by=now + acknowledge_delay(priority),
            suggestion=suggestion.explanation[:500],
            followed_suggestion=unit in suggestion.units,
        )
        dispatch.sealed_instructions = _seal(instructions.strip(), dispatch.associated_data)
        dispatch.save()
        ordered = sorted(reports, key=lambda r: (r.received_at, r.pk))
        DispatchReport.objects.bulk_create(
            DispatchReport(dispatch=dispatch, report=report, position=number)
            for number, report in enumerate(ordered, start=1)
        )
        for report in Report.objects.select_for_update().filter(pk__in=[r.pk for r in ordered]):
            report.closing_message = ""
            _set_report_status(
                report,
                agent=agent,
                kind=ReportEventKind.DISPATCHED,
                status=ReportStatus.PASSED_TO_UNIT,
                now=now,
            )
        _audit(
            agent,
            AuditAction.DISPATCH_CREATE,
            dispatch,
            priority=priority.value,
            dossier=dossier.label if dossier else "",
            reports=[r.reference for r in ordered],
            followed_suggestion=dispatch.followed_suggestion,
        )
        _notify_unit(
            dispatch,
            NotificationKind.DISPATCH_RECEIVED,
            _(
                "%(label)s : nouvelle transmission, priorité %(priority)s ; accusé de réception "
                "attendu avant le %(deadline)s."
            )
            % {
                "label": dispatch.label,
                "priority": priority.label.lower(),
                "deadline": _moment(dispatch.acknowledge_by),
            },
        )
    return dispatch


def _require_open(dispatch: Dispatch) -> None:
    if dispatch.status not in OPEN_STATUSES:
        raise DispatchRefused(
            _("Cette transmission est %(status)s : plus rien ne peut y être ajouté.")
            % {"status": dispatch.get_status_display().lower()}
        )


def _require_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise DispatchRefused(_("Écrivez quelques mots."))
    return text[:TEXT_MAX_LENGTH]


def acknowledge_dispatch(
    *, agent: Any, dispatch: Dispatch, now: datetime | None = None
) -> Dispatch:
    now = now or timezone.now()
    with transaction.atomic():
        dispatch = _locked(dispatch)
        if dispatch.status == DispatchStatus.ACKNOWLEDGED:
            return dispatch  # acknowledged twice (two members, a double click): once
        _require_open(dispatch)
        dispatch.status = DispatchStatus.ACKNOWLEDGED
        dispatch.acknowledged_at = now
        dispatch.save(update_fields=["status", "acknowledged_at", "updated_at"])
        _entry(dispatch, EntryKind.ACKNOWLEDGED, agent, now=now)
        late = now > dispatch.acknowledge_by
        _audit(agent, AuditAction.DISPATCH_ACKNOWLEDGE, dispatch, late=late)
        _notify_cell(
            dispatch,
            NotificationKind.DISPATCH_ACKNOWLEDGED,
            _("%(label)s : prise en compte par %(unit)s.")
            % {"label": dispatch.label, "unit": dispatch.unit.name},
        )
    return dispatch


def _write_to_open(
    dispatch: Dispatch,
    kind: EntryKind,
    action: AuditAction,
    agent: Any,
    text: str,
    now: datetime | None,
) -> Dispatch:
    """Within the caller's transaction: an entry with its text on an open dispatch, audited;
    the dispatch as locked."""
    text = _require_text(text)
    dispatch = _locked(dispatch)
    _require_open(dispatch)
    _entry(dispatch, kind, agent, text, now=now or timezone.now())
    _audit(agent, action, dispatch)
    return dispatch


def ask_cell(*, agent: Any, dispatch: Dispatch, text: str, now: datetime | None = None) -> None:
    with transaction.atomic():
        dispatch = _write_to_open(
            dispatch, EntryKind.QUESTION, AuditAction.DISPATCH_QUESTION, agent, text, now
        )
        _notify_cell(
            dispatch,
            NotificationKind.DISPATCH_QUESTION,
            _("%(label)s : %(unit)s pose une question.")
            % {"label": dispatch.label, "unit": dispatch.unit.name},
        )


def answer_unit(*, agent: Any, dispatch: Dispatch, text: str, now: datetime | None = None) -> None:
    with transaction.atomic():
        dispatch = _write_to_open(
            dispatch, EntryKind.ANSWER, AuditAction.DISPATCH_ANSWER, agent, text, now
        )
        _notify_unit(
            dispatch,
            NotificationKind.DISPATCH_ANSWER,
            _("%(label)s : la cellule a répondu.") % {"label": dispatch.label},
        )


def add_note(*, agent: Any, dispatch: Dispatch, text: str, now: datetime | None = None) -> None:
    with transaction.atomic():
        _write_to_open(dispatch, EntryKind.NOTE, AuditAction.DISPATCH_NOTE, agent, text, now)


def hand_back(*, agent: Any, dispatch: Dispatch, reason: str, now: datetime | None = None) -> None:
    """The unit gives the dispatch back to the cell (not its competence, not enough…)."""
    reason = _require_text(reason)
    now = now or timezone.now()
    with transaction.atomic():
        dispatch = _locked(dispatch)
        _require_open(dispatch)
        dispatch.status = DispatchStatus.HANDED_BACK
        dispatch.finished_at = now
        dispatch.save(update_fields=["status", "finished_at", "updated_at"])
        _entry(dispatch, EntryKind.HANDED_BACK, agent, reason, now=now)
        _audit(agent, AuditAction.DISPATCH_HAND_BACK, dispatch)
        _notify_cell(
            dispatch,
            NotificationKind.DISPATCH_HANDED_BACK,
            _("%(label)s : rendue à la cellule par %(unit)s.")
            % {"label": dispatch.label, "unit": dispatch.unit.name},
        )


def close_dispatch(
    *,
    agent: Any,
    dispatch: Dispatch,
    reason: ClosingReason | str,
    note: str = "",
    now: datetime | None = None,
) -> Dispatch:
    """The unit closes the dispatch (closing acknowledges it if it was not yet).

    The outcomes (interpellations, seizures…) are recorded through vigie.outcomes on the
    dispatch's dossier or report (the unit's « Saisir des suites »), before the closure when
    an action was taken, and after it as later results come in."""
    reason = ClosingReason(reason)
    note = note.strip()[:TEXT_MAX_LENGTH]
    if reason == ClosingReason.OTHER and not note:
        raise DispatchRefused(_("Précisez le motif de clôture."))
    now = now or timezone.now()
    with transaction.atomic():
        dispatch = _locked(dispatch)
        _require_open(dispatch)
        dispatch.status = DispatchStatus.CLOSED
        dispatch.acknowledged_at = dispatch.acknowledged_at or now
        dispatch.finished_at = now
        dispatch.closing_reason = reason
        dispatch.save(
            update_fields=[
                "status",
                "acknowledged_at",
                "finished_at",
                "closing_reason",
                "updated_at",
            ]
        )
        text = str(reason.label) + (f" — {note}" if note else "")
        _entry(dispatch, EntryKind.CLOSED, agent, text, now=now)
        _audit(agent, AuditAction.DISPATCH_CLOSE, dispatch, reason=reason.value)
        _notify_cell(
            dispatch,
            NotificationKind.DISPATCH_CLOSED,
            _("%(label)s : clôturée par %(unit)s (%(reason)s).")
            % {"label": dispatch.label, "unit": dispatch.unit.name, "reason": reason.label},
        )
    return dispatch


def share_contact(
    *, agent: Any, item: DispatchReport, now: datetime | None = None
) -> DispatchReport:
    """The cell's explicit choice to show a citizen's contact to the unit (the citizen left
    one: they asked to be contacted). Audited; the unit is told."""
    now = now or timezone.now()
    with transaction.atomic():
        dispatch = _locked(item.dispatch)
        _require_open(dispatch)
        if item.contact_shared_at is None:
            item.contact_shared_at = now
            item.contact_shared_by = agent
            item.save(update_fields=["contact_shared_at", "contact_shared_by"])
            _entry(dispatch, EntryKind.CONTACT_SHARED, agent, now=now)
            _audit(
                agent,
                AuditAction.DISPATCH_SHARE_CONTACT,
                dispatch,
                report=item.report.reference,
                position=item.position,
            )
            _notify_unit(
                dispatch,
                NotificationKind.DISPATCH_CONTACT_SHARED,
                _("%(label)s : la cellule vous transmet un moyen de contacter un témoin.")
                % {"label": dispatch.label},
            )
    return item


def close_for_citizen(
    *,
    agent: Any,
    dispatch: Dispatch,
    message: ClosingMessage | str,
    now: datetime | None = None,
) -> int:
    """Once the unit has closed or handed back, the cell closes the reports for their
    citizens with a neutral message; the number of reports closed."""
    message = ClosingMessage(message)
    now = now or timezone.now()
    with transaction.atomic():
        dispatch = _locked(dispatch)
        if dispatch.status in OPEN_STATUSES:
            raise DispatchRefused(_("L’unité n’a pas encore clôturé ni rendu cette transmission."))
        closed = 0
        reports = Report.objects.select_for_update().filter(
            dispatch_items__dispatch=dispatch, departement_id=dispatch.cell.departement_id
        )
        for report in reports:
            if report.status == ReportStatus.CLOSED and report.closing_message == message:
                continue
            report.closing_message = message
            if report.status == ReportStatus.CLOSED:
                report.save(update_fields=["closing_message"])
            else:
                _set_report_status(
                    report,
                    agent=agent,
                    kind=ReportEventKind.CLOSED,
                    status=ReportStatus.CLOSED,
                    now=now,
                )
            closed += 1
        dispatch.citizen_closed_at = now
        dispatch.save(update_fields=["citizen_closed_at", "updated_at"])
        _entry(dispatch, EntryKind.CITIZEN_CLOSED, agent, str(message.label), now=now)
        _audit(agent, AuditAction.DISPATCH_CITIZEN_CLOSE, dispatch, message=message.value)
    return closed


def escalate_overdue(*, now: datetime | None = None) -> int:
    """Tell each cell head about every dispatch not acknowledged in time, once; the number of
    dispatches escalated. Run by the worker (vigie.operations.tasks) and `vigie dispatches
    escalate`: a second run finds nothing new."""
    from vigie.accounts.models import Agent

    now = now or timezone.now()
    escalated = 0
    overdue = Dispatch.objects.filter(
        status=DispatchStatus.SENT, acknowledge_by__lt=now, escalated_at__isnull=True
    ).select_related("unit", "cell")
    for dispatch in overdue:
        with transaction.atomic():
            # Claimed by a conditional update: two workers never escalate one twice.
            if not Dispatch.objects.filter(
                pk=dispatch.pk, status=DispatchStatus.SENT, escalated_at__isnull=True
            ).update(escalated_at=now):
                continue
            _entry(dispatch, EntryKind.ESCALATED, None, now=now)
            _audit(
                None,
                AuditAction.DISPATCH_ESCALATE,
                dispatch,
                due=dispatch.acknowledge_by.isoformat(),
            )
            summary = _(
                "%(label)s : %(unit)s n’a pas accusé réception (attendu avant le %(deadline)s)."
            ) % {
                "label": dispatch.label,
                "unit": dispatch.unit.name,
                "deadline": _moment(dispatch.acknowledge_by),
            }
            heads = Agent.objects.filter(cell=dispatch.cell, role=Role.CELL_HEAD, is_active=True)
            for head in heads:
                notify(
                    kind=NotificationKind.DISPATCH_OVERDUE,
                    target_type="dispatch",
                    target_id=str(dispatch.public_id),
                    summary=summary,
                    agent=head,
                )
            if not heads:  # no cell head: the whole cell is told
                _notify_cell(dispatch, NotificationKind.DISPATCH_OVERDUE, summary)
            escalated += 1
    return escalated
