"""The one way to reach a field officer's space and their own field reports.

Missing and forbidden are the same 404, as for every report (vigie.reports.access): an
officer never learns that another's report exists. The cell reads field reports through
vigie.reports.access like any report of its département.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.http import Http404

from vigie.accounts.permissions import Capability, can
from vigie.cells.models import Unit
from vigie.reports.access import record_report_view
from vigie.reports.enums import ReportSource
from vigie.reports.models import Report


def access_field_space(agent: Any) -> Unit:
    """The officer's unit (of an active cell), or 404 for anyone who may not send."""
    if not can(agent, Capability.SUBMIT_FIELD_REPORTS):
        raise Http404
    unit: Unit | None = agent.unit
    if unit is None or not unit.is_active or not unit.cell.is_active:
        raise Http404
    return unit


def access_own_field_report(agent: Any, public_id: UUID | str) -> Report:
    """A field report the officer sent themselves; anything else is a 404. Audited."""
    access_field_space(agent)
    try:
        report = Report.objects.select_related("commune", "field_unit").get(
            public_id=public_id, source=ReportSource.FIELD, field_officer=agent
        )
    except (Report.DoesNotExist, ValueError, ValidationError) as error:
        raise Http404 from error
    record_report_view(agent, report)
    return report
