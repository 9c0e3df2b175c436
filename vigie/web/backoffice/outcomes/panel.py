"""The « Suites » section of the dossier and report pages (one include, one context entry)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from vigie.crossref.models import Dossier
from vigie.outcomes.access import OutcomeTarget, outcome_target_of
from vigie.outcomes.models import Outcome
from vigie.outcomes.selectors import OutcomeTotals, outcomes_of, totals_of
from vigie.outcomes.services import note_outcomes_viewed, outcome_comment
from vigie.outcomes.text import describe, summary
from vigie.reports.models import Report


@dataclass(frozen=True)
class ShownOutcome:
    outcome: Outcome
    comment: str

    @property
    def lines(self) -> list[str]:
        return describe(self.outcome)


@dataclass(frozen=True)
class OutcomesPanel:
    target: OutcomeTarget
    timeline: list[ShownOutcome]
    totals: OutcomeTotals
    record_url: str

    @property
    def summary(self) -> list[str]:
        return summary(self.totals)


def record_url(target: OutcomeTarget) -> str:
    if target.dossier is not None:
        return reverse("outcomes:record_on_dossier", args=[target.dossier.public_id])
    return reverse("outcomes:record_on_report", args=[target.subject.public_id])


def outcomes_panel(agent: Any, subject: Dossier | Report) -> OutcomesPanel | None:
    """None for whoever may not see its outcomes (the page then shows no section); reading
    them is written to the audit log."""
    target = outcome_target_of(agent, subject)
    if target is None:
        return None
    timeline = outcomes_of(target)
    note_outcomes_viewed(agent=agent, target=target, count=len(timeline))
    return OutcomesPanel(
        target=target,
        timeline=[ShownOutcome(o, outcome_comment(o)) for o in timeline],
        totals=totals_of(timeline),
        record_url=record_url(target),
    )
