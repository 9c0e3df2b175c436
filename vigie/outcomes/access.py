"""Who may record and read outcomes, and the one way to reach what they are recorded on.

The rule is `may_record_outcomes`; today the analysts and the cell head of a cell whose
département holds the report, or at least one report of the dossier (as for seeing the
dossier: a cross-border dossier is worked by both cells). A unit's members will be allowed
on what their unit holds an open dispatch of (`unit_holds_open_dispatch`, wired by the
dispatch side). Missing and forbidden are the same 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Min
from django.http import Http404
from django.utils import timezone

from vigie.accounts.models import Role
from vigie.accounts.permissions import Capability, can
from vigie.crossref.access import Scope, find_dossier, is_visible
from vigie.crossref.models import Dossier, DossierMember
from vigie.operations.selectors import unit_holds_dispatch_of
from vigie.reports.models import Report


@dataclass(frozen=True)
class OutcomeTarget:
    """A live dossier, or a report (alone or not), that outcomes are recorded on."""

    dossier: Dossier | None = None
    report: Report | None = None

    @property
    def subject(self) -> Dossier | Report:
        subject = self.dossier or self.report
        assert subject is not None  # noqa: S101  # built with one of them, by construction
        return subject

    @property
    def label(self) -> str:
        return self.dossier.label if self.dossier else self.subject.reference  # type: ignore[union-attr]  # a report

    @property
    def audit_target(self) -> tuple[str, str]:
        """(target_type, target_id) as the audit log names it elsewhere."""
        if self.dossier is not None:
            return "dossier", str(self.dossier.public_id)
        return "report", self.subject.reference  # type: ignore[union-attr]  # a report

    def report_ids(self) -> list[int]:
        """The reports it concerns: the dossier's members now, or the report."""
        if self.dossier is None:
            return [self.subject.pk]
        return list(
            DossierMember.objects.filter(dossier=self.dossier).values_list("report_id", flat=True)
        )

    def timeline_scope(self) -> tuple[list[int], list[int]]:
        """(dossier ids, report ids) whose outcomes its page shows: a report in a live dossier
        shows its dossier's timeline (which holds the report's own outcomes)."""
        dossier = self.dossier
        if dossier is None:
            dossier = (
                Dossier.objects.filter(members__report=self.report, merged_into__isnull=True)
                .only("pk")
                .first()
            )
        if dossier is None:
            return [], [self.subject.pk]
        return [dossier.pk], OutcomeTarget(dossier=dossier).report_ids()

    def earliest(self) -> date:
        """The day its first report was received (local time): no outcome before it."""
        if self.dossier is None:
            received = self.subject.received_at  # type: ignore[union-attr]  # a report
        else:
            received = (
                Report.objects.filter(dossier_membership__dossier=self.dossier).aggregate(
                    first=Min("received_at")
                )["first"]
                or self.dossier.created_at
            )
        return timezone.localdate(received)


def unit_holds_open_dispatch(unit: Any, subject: Dossier | Report) -> bool:
    """Whether the unit holds a dispatch of this dossier or report it has not handed back
    (vigie.operations: open, or closed by the unit, since results come in after a closure)."""
    return unit_holds_dispatch_of(unit, subject)


def may_record_outcomes(agent: Any, subject: Dossier | Report) -> bool:
    """The one rule for recording and reading the outcomes of a dossier or a report."""
    if not getattr(agent, "is_authenticated", False) or not agent.is_active:
        return False
    if can(agent, Capability.HANDLE_REPORTS):  # an analyst or the head of an active cell
        code = agent.cell.departement_id
        if isinstance(subject, Report):
            return bool(subject.departement_id == code)
        return is_visible(Scope(frozenset({code})), subject)
    if agent.role == Role.UNIT_MEMBER and agent.unit_id is not None and agent.unit.is_active:
        return unit_holds_open_dispatch(agent.unit, subject)
    return False


def recording_departement(agent: Any) -> str:
    """The département an agent's outcomes count in: their cell's, or their unit's cell's."""
    if agent.cell_id is not None:
        return str(agent.cell.departement_id)
    return str(agent.unit.cell.departement_id)


def outcome_target_for(
    agent: Any, *, dossier_id: UUID | str | None = None, report_id: UUID | str | None = None
) -> OutcomeTarget:
    """The dossier or the report (by public id) the agent may record outcomes on; 404 for a
    missing one and a forbidden one alike. A merged dossier leads to where its reports went."""
    if (dossier_id is None) == (report_id is None):
        raise Http404
    if dossier_id is not None:
        dossier = find_dossier(dossier_id)
        if not may_record_outcomes(agent, dossier):
            raise Http404
        return OutcomeTarget(dossier=dossier)
    try:
        report = Report.objects.select_related("departement").get(public_id=report_id)
    except (Report.DoesNotExist, ValueError, ValidationError) as error:
        raise Http404 from error
    if not may_record_outcomes(agent, report):
        raise Http404
    return OutcomeTarget(report=report)


def outcome_target_of(agent: Any, subject: Dossier | Report) -> OutcomeTarget | None:
    """For a page that already reached `subject` through its own access function: the
    target if the agent may see its outcomes, else None (the page shows no « Suites »)."""
    if not may_record_outcomes(agent, subject):
        return None
    if isinstance(subject, Report):
        return OutcomeTarget(report=subject)
    return OutcomeTarget(dossier=subject)
