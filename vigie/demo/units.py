"""The demo's units of the Doubs, who covers which commune, unit members, and dispatches.

The Doubs as it is organised (approximately: the ministry's table is what a real cell loads
with `vigie units import`): the police zone is the urban centres of Besançon, of the Pays de
Montbéliard and of Pontarlier (with the commune of Doubs), eleven communes; every other commune
is in the gendarmerie zone, under the company whose seat is nearest (Besançon, Baume-les-Dames,
Montbéliard, Pontarlier, Morteau). Montbéliard also has its municipal police (a commune with
two units: the suggestion lists both). The Jura keeps no table: its cell chooses, as any cell
does until its table is loaded.

Then a few dispatches of exploitable reports, in every state (sent and on time, sent and
overdue, acknowledged with a question answered, handed back, closed and announced to the
citizen), made through the same services as real ones, dated in the past.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from vigie.accounts.models import Agent, Role
from vigie.cells.models import Cell, Unit, UnitKind
from vigie.geo.models import Commune
from vigie.operations.jurisdiction import suggest_unit
from vigie.operations.models import Jurisdiction
from vigie.operations.selectors import commune_codes
from vigie.operations.services import (
    acknowledge_dispatch,
    answer_unit,
    ask_cell,
    close_dispatch,
    close_for_citizen,
    dispatch_to_unit,
    hand_back,
)
from vigie.reports.enums import Qualification
from vigie.reports.models import Report

POLICE_ZONES = {
    "Commissariat de Besançon": ("25056",),
    "Commissariat de Montbéliard": (
        "25388",  # Montbéliard
        "25031",  # Audincourt
        "25580",  # Valentigney
        "25057",  # Bethoncourt
        "25284",  # Grand-Charmont
        "25547",  # Sochaux
        "25230",  # Exincourt
        "25539",  # Seloncourt
    ),
    "Commissariat de Pontarlier": ("25462", "25204"),  # Pontarlier, Doubs
}
MUNICIPAL_POLICE = {"Police municipale de Montbéliard": ("25388",)}
# Gendarmerie companies and the commune of their seat.
COMPANIES = {
    "Compagnie de gendarmerie de Besançon": "25056",
    "Compagnie de gendarmerie de Baume-les-Dames": "25047",
    "Compagnie de gendarmerie de Montbéliard": "25388",
    "Compagnie de gendarmerie de Pontarlier": "25462",
    "Compagnie de gendarmerie de Morteau": "25411",
}
# Unit members besides `unite.doubs` (Commissariat de Besançon, vigie.demo.services).
MEMBERS = {
    "unite.montbeliard": "Commissariat de Montbéliard",
    "unite.pontarlier": "Compagnie de gendarmerie de Pontarlier",
}


def _unit(cell: Cell, name: str, kind: UnitKind) -> Unit:
    unit, _created = Unit.objects.get_or_create(cell=cell, name=name, defaults={"kind": kind})
    return unit


def _nearest(commune: Commune, seats: dict[Unit, Commune]) -> Unit:
    def distance(seat: Commune) -> float:
        latitude = math.radians((commune.latitude or 0) + (seat.latitude or 0)) / 2
        dx = ((commune.longitude or 0) - (seat.longitude or 0)) * math.cos(latitude)
        dy = (commune.latitude or 0) - (seat.latitude or 0)
        return dx * dx + dy * dy

    return min(seats, key=lambda unit: distance(seats[unit]))


def _jurisdiction(cell: Cell) -> None:
    rows: list[Jurisdiction] = []
    police: set[str] = set()
    for name, codes in POLICE_ZONES.items():
        unit = _unit(cell, name, UnitKind.POLICE_ZONE)
        rows += [Jurisdiction(commune_id=code, unit=unit) for code in codes]
        police.update(codes)
    for name, codes in MUNICIPAL_POLICE.items():
        unit = _unit(cell, name, UnitKind.MUNICIPAL_POLICE)
        rows += [Jurisdiction(commune_id=code, unit=unit) for code in codes]
    seats = {
        _unit(cell, name, UnitKind.GENDARMERIE_ZONE): Commune.objects.get(code=code)
        for name, code in COMPANIES.items()
    }
    for commune in Commune.objects.filter(departement=cell.departement).exclude(code__in=police):
        if commune.latitude is not None:
            rows.append(Jurisdiction(commune=commune, unit=_nearest(commune, seats)))
    Jurisdiction.objects.bulk_create(rows, ignore_conflicts=True)


def _members(cell: Cell, totp_key_hex: str, password: str) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for username, unit_name in MEMBERS.items():
        agent = Agent(
            username=username,
            role=Role.UNIT_MEMBER,
            cell=cell,
            unit=Unit.objects.get(cell=cell, name=unit_name),
            first_name=str(Role.UNIT_MEMBER.label),
            last_name="(démo)",
        )
        agent.set_password(password)
        agent.save()
        TOTPDevice.objects.create(user=agent, name="demo", key=totp_key_hex, confirmed=True)


def _dispatches(cell: Cell, now: datetime) -> None:
    analyst = Agent.objects.filter(cell=cell, role=Role.ANALYST).first()
    head = Agent.objects.filter(cell=cell, role=Role.CELL_HEAD).first() or analyst
    if analyst is None:
        return
    reports = list(
        Report.objects.filter(
            departement=cell.departement,
            qualification=Qualification.EXPLOITABLE,
            dossier_membership__isnull=True,
            commune__isnull=False,
        ).order_by("received_at", "pk")
    )
    # Spread over the ten months: the oldest are finished, the latest still open.
    step = max(len(reports) // 8, 1)
    chosen = reports[::step][:8]
    plans = ["closed", "closed", "handed_back", "closed", "acknowledged", "asked", "sent", "late"]
    for report, plan in zip(chosen, plans, strict=False):
        _dispatch(cell, report, plan, analyst=analyst, head=head, now=now)


def _dispatch(
    cell: Cell, report: Report, plan: str, *, analyst: Any, head: Any, now: datetime
) -> None:
    suggestion = suggest_unit(cell=cell, commune_codes=commune_codes([report]))
    unit = suggestion.unit or Unit.objects.get(cell=cell, name="Commissariat de Besançon")
    sent = min(report.received_at + timedelta(hours=20), now - timedelta(days=11))
    if plan == "sent":
        sent = now - timedelta(hours=3)
    elif plan == "late":
        sent = now - timedelta(hours=80)
    priority = "urgente" if plan == "closed" else "normale" if plan == "late" else "haute"
    dispatch = dispatch_to_unit(
        agent=analyst,
        cell=cell,
        unit=unit,
        reports=[report],
        dossier=None,
        priority=priority,
        instructions="Vérifier les faits sur place, discrètement, aux heures indiquées.",
        suggestion=suggestion,
        now=sent,
    )
    if plan in ("sent", "late"):
        return
    member = Agent.objects.filter(unit=unit, role=Role.UNIT_MEMBER).first() or analyst
    acknowledge_dispatch(agent=member, dispatch=dispatch, now=sent + timedelta(hours=1))
    if plan == "asked":
        ask_cell(
            agent=member,
            dispatch=dispatch,
            text="Le véhicule a-t-il été revu depuis ?",
            now=sent + timedelta(hours=2),
        )
        answer_unit(
            agent=analyst,
            dispatch=dispatch,
            text="Oui, deux fois la semaine dernière, le soir.",
            now=sent + timedelta(hours=4),
        )
    elif plan == "handed_back":
        hand_back(
            agent=member,
            dispatch=dispatch,
            reason="Faits déjà suivis par une procédure en cours d’un autre service.",
            now=sent + timedelta(days=2),
        )
    elif plan == "closed":
        close_dispatch(
            agent=member,
            dispatch=dispatch,
            reason="action",
            note="Surveillance puis interpellation.",
            now=sent + timedelta(days=9),
        )
        close_for_citizen(
            agent=head, dispatch=dispatch, message="contributed", now=sent + timedelta(days=10)
        )


def create_demo_units(cells: dict[str, Cell], *, now: datetime) -> None:
    """Called once by `create_demo`, inside its transaction, after its reports."""
    from vigie.demo.services import DEMO_DEPARTEMENT, DEMO_PASSWORD, demo_totp_key_hex

    doubs = cells[DEMO_DEPARTEMENT]
    _jurisdiction(doubs)
    _members(doubs, demo_totp_key_hex(), DEMO_PASSWORD)
    _dispatches(doubs, now)
