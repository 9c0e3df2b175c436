"""Writes: recording an outcome (validated, its comment sealed, audited)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from vigie.audit.models import AuditAction
from vigie.audit.services import record_event
from vigie.core import sealing
from vigie.outcomes.access import OutcomeTarget, may_record_outcomes, recording_departement
from vigie.outcomes.models import AssetSeizure, DrugSeizure, Outcome, WeaponSeizure
from vigie.outcomes.validation import OutcomeData, outcome_errors


def record_outcome(
    *, agent: Any, target: OutcomeTarget, data: OutcomeData, now: datetime | None = None
) -> Outcome:
    """Record one outcome on a dossier (and the reports it holds) or on a report.

    Raises ValidationError (messages by field, as `outcome_errors` names them) when a rule is
    broken, PermissionDenied when the agent may not record on this target (callers reach the
    target through `outcome_target_for`, which answers 404 first)."""
    if not may_record_outcomes(agent, target.subject):
        raise PermissionDenied
    now = now or timezone.now()
    errors = outcome_errors(data, earliest=target.earliest(), today=timezone.localdate(now))
    if errors:
        raise ValidationError(errors)
    outcome = Outcome(
        departement_id=recording_departement(agent),
        dossier=target.dossier,
        recorded_by=agent,
        unit=agent.unit if agent.unit_id is not None and agent.cell_id is None else None,
        recorded_at=now,
        occurred_on=data.occurred_on,
        surveillance_on=data.surveillance_on,
        arrests=data.arrests,
        custodies=data.custodies,
        referrals=data.referrals,
        committals=data.committals,
        cash_eur=data.cash_eur,
        vehicles=data.vehicles,
        dismantled_on=data.dismantled_on,
        no_result_reason=data.no_result_reason,
    )
    comment = data.comment.strip()
    if comment:
        outcome.sealed_comment = sealing.seal_for_cell(
            comment.encode(), associated_data=outcome.associated_data
        )
    with transaction.atomic():
        outcome.save()
        outcome.reports.set(target.report_ids())
        DrugSeizure.objects.bulk_create(
            DrugSeizure(
                outcome=outcome,
                drug=line.drug,
                quantity=line.quantity,
                unit=line.unit,
                label=line.label.strip(),
            )
            for line in data.drugs
        )
        WeaponSeizure.objects.bulk_create(
            WeaponSeizure(outcome=outcome, kind=w.kind, count=w.count, label=w.label.strip())
            for w in data.weapons
        )
        AssetSeizure.objects.bulk_create(
            AssetSeizure(outcome=outcome, label=a.label.strip(), value_eur=a.value_eur)
            for a in data.assets
        )
        _audit(
            agent,
            AuditAction.RECORD_OUTCOME,
            target,
            outcome=str(outcome.public_id),
            occurred_on=str(data.occurred_on),
        )
    return outcome


def note_outcomes_viewed(*, agent: Any, target: OutcomeTarget, count: int) -> None:
    """Reading a timeline of outcomes is written to the audit log, like reading a report."""
    _audit(agent, AuditAction.VIEW_OUTCOMES, target, outcomes=count)


def _audit(agent: Any, action: AuditAction, target: OutcomeTarget, **details: Any) -> None:
    target_type, target_id = target.audit_target
    record_event(
        actor=agent, action=action, target_type=target_type, target_id=target_id, details=details
    )


def outcome_comment(outcome: Outcome) -> str:
    return sealing.open_text_for_cell(
        outcome.sealed_comment, associated_data=outcome.associated_data
    )
