"""Who reads which figures: one function per object type, 404 for missing and forbidden alike.

A cell (analyst, cell head) reads its own département's dashboard, brief and alerts, and the
alerts whose likely origin is in its département; the national role reads every département's
figures and every alert, never a report, a dossier or a dispatch (`detailed` False).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db.models import Q
from django.http import Http404

from vigie.accounts.permissions import Capability, can
from vigie.analytics.models import EmergingAlert
from vigie.geo.models import Departement


def cell_departement(agent: Any) -> str:
    """The département whose dashboard this agent reads; 404 for any other role."""
    if not can(agent, Capability.READ_CELL_FIGURES) or agent.cell_id is None:
        raise Http404
    return str(agent.cell.departement_id)


def reads_national(agent: Any) -> bool:
    return can(agent, Capability.READ_NATIONAL_FIGURES)


def access_departement(agent: Any, code: str) -> Departement:
    """A département's figures: the national role any, a cell its own."""
    if reads_national(agent):
        departement = Departement.objects.filter(code=code).first()
    elif can(agent, Capability.READ_CELL_FIGURES) and agent.cell_id is not None:
        departement = agent.cell.departement if agent.cell.departement_id == code else None
    else:
        departement = None
    if departement is None:
        raise Http404
    return departement


def visible_alerts(agent: Any) -> Any:
    alerts = EmergingAlert.objects.select_related("commune", "origin", "departement")
    if reads_national(agent):
        return alerts
    code = cell_departement(agent)
    return alerts.filter(Q(departement_id=code) | Q(origin__departement_id=code))


def access_alert(agent: Any, public_id: UUID | str) -> EmergingAlert:
    alert = visible_alerts(agent).filter(public_id=public_id).first()
    if alert is None:
        raise Http404
    return alert
