"""The demo: the Doubs cell with agents of every role and ten months of synthetic reports.

The figures follow the seeds: in the Doubs, 186 reports in ten months, two thirds of them
exploitable. A second cell (Jura) shows that each cell only sees its own département.
Everything is marked (`Cell.is_demo`, `Report.is_demo`) and the demo only ever goes into a
database that holds no real data. Reports are created and qualified through the same
services as real ones (`submit_report`, `qualify_report`), never written by hand.
"""

from __future__ import annotations

import base64
import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from vigie.accounts.models import Agent, Role
from vigie.analytics.services import refresh
from vigie.cells.models import Cell, Unit, UnitKind
from vigie.demo.dossiers import SCENARIOS, ScenarioReport
from vigie.demo.emergence import create_emergence
from vigie.demo.field import create_field_reports
from vigie.demo.outcomes import create_demo_outcomes
from vigie.demo.texts import Kind, SyntheticText, TextGenerator
from vigie.demo.units import create_demo_units
from vigie.geo.models import Commune, Departement
from vigie.reports.content import ReportContent
from vigie.reports.enums import Qualification, ReportSource, Triage
from vigie.reports.models import Report
from vigie.reports.services import qualify_report, submit_report

# Shared by every demo login and printed by `make run`: public by design.
DEMO_PASSWORD = "vigie-demo-2026"  # noqa: S105  # demo data only, never real accounts
# The demo agents' second factor, public like their password: one TOTP key for all of them,
# printed by `make run`; `vigie demo --code` prints the code of the moment. Real accounts
# enrol their own authenticator at their first login; nothing bypasses the second factor.
DEMO_TOTP_KEY_BASE32 = "VIGIEDEMOVIGIEDEMOVIGIEDEMO23456"  # demo data only
DEMO_DEPARTEMENT = "25"  # the Doubs, whose figures the seeds give
SCOPE_DEPARTEMENT = "39"  # the Jura: another cell, to show per-département scope

# The Bouches-du-Rhône and the Vaucluse: the displacement scenario of vigie.demo.emergence
# (a network pushed out of Marseille sets up in Pertuis), in the full demo only.
EMERGENCE_DEPARTEMENTS = ("13", "84")
CELL_NAMES = {
    DEMO_DEPARTEMENT: "CROSS du Doubs",
    SCOPE_DEPARTEMENT: "CROSS du Jura",
    "13": "CROSS des Bouches-du-Rhône",
    "84": "CROSS de Vaucluse",
}
UNITS: dict[str, tuple[tuple[str, UnitKind], ...]] = {
    DEMO_DEPARTEMENT: (
        ("Commissariat de Besançon", UnitKind.POLICE_ZONE),
        ("Compagnie de gendarmerie de Pontarlier", UnitKind.GENDARMERIE_ZONE),
        ("Police municipale de Montbéliard", UnitKind.MUNICIPAL_POLICE),
        ("Direction interdépartementale de la police judiciaire", UnitKind.JUDICIAL_POLICE),
        ("Douane — brigade de Pontarlier", UnitKind.CUSTOMS),
    ),
    SCOPE_DEPARTEMENT: (
        ("Commissariat de Lons-le-Saunier", UnitKind.POLICE_ZONE),
        ("Compagnie de gendarmerie de Saint-Claude", UnitKind.GENDARMERIE_ZONE),
    ),
    "13": (
        ("Direction interdépartementale de la police nationale — Marseille", UnitKind.POLICE_ZONE),
        ("Office anti-stupéfiants — antenne de Marseille", UnitKind.JUDICIAL_POLICE),
    ),
    "84": (
        ("Commissariat d’Avignon", UnitKind.POLICE_ZONE),
        ("Compagnie de gendarmerie de Pertuis", UnitKind.GENDARMERIE_ZONE),
    ),
}


class _AgentSpec(NamedTuple):
    username: str
    role: Role
    departement: str | None  # the cell's département; None for national-level roles
    unit: str = ""


AGENTS = (
    _AgentSpec("analyste.doubs", Role.ANALYST, DEMO_DEPARTEMENT),
    _AgentSpec("agent.doubs", Role.AGENT, DEMO_DEPARTEMENT),
    _AgentSpec("chef.doubs", Role.CELL_HEAD, DEMO_DEPARTEMENT),
    _AgentSpec("unite.doubs", Role.UNIT_MEMBER, DEMO_DEPARTEMENT, "Commissariat de Besançon"),
    _AgentSpec("analyste.jura", Role.ANALYST, SCOPE_DEPARTEMENT),
    _AgentSpec("analyste.bdr", Role.ANALYST, "13"),
    _AgentSpec("analyste.vaucluse", Role.ANALYST, "84"),
    _AgentSpec("national", Role.NATIONAL, None),
    _AgentSpec("admin", Role.ADMIN, None),
)
DEMO_USERNAMES = frozenset(spec.username for spec in AGENTS)

# Reports in the Jura, as a share of those in the Doubs (about 20 for 186).
SCOPE_REPORT_SHARE = 0.11
# What the texts are written to be, for the reports that are not exploitable.
EXPLOITABLE_SHARE = 2 / 3
NOT_EXPLOITABLE_MIX = {Kind.VAGUE: 0.45, Kind.NUISANCE: 0.30, Kind.OUT_OF_SCOPE: 0.25}
# Reports older than this have mostly been qualified by the cell's analyst.
TRIAGE_BACKLOG = timedelta(days=14)
QUALIFIED_SHARE = 0.9
TYPICAL_TRIAGE_HOURS = 20
TYPICAL_TRIAGE = timedelta(hours=TYPICAL_TRIAGE_HOURS)
DAYS_PER_MONTH = 30.44
# People write more at the weekend and in the evening (Monday first).
WEEKDAY_WEIGHTS = (0.9, 0.9, 0.95, 1.0, 1.1, 1.25, 1.2)
QUALIFICATION_OF_KIND = {
    Kind.EXPLOITABLE: Qualification.EXPLOITABLE,
    Kind.URGENT: Qualification.EXPLOITABLE,
    Kind.VAGUE: Qualification.NOT_EXPLOITABLE,
    Kind.NUISANCE: Qualification.OUT_OF_SCOPE,
    Kind.OUT_OF_SCOPE: Qualification.OUT_OF_SCOPE,
}
METRES_PER_DEGREE = 111_320


class DemoRefused(Exception):
    """The database holds real data: the demo must never mix with it."""


class DemoLogin(NamedTuple):
    username: str
    role: str  # French label
    departement: str  # "Doubs (25)", or "tous" for national-level roles


@dataclass(frozen=True)
class DemoSummary:
    created: bool  # False when the demo was already there
    cells: int
    units: int
    agents: int
    reports: dict[str, int]  # per département code
    suggested_exploitable: int  # the analysis' suggestion
    qualified: int
    awaiting_triage: int
    logins: list[DemoLogin]
    password: str = DEMO_PASSWORD


def create_demo(
    *,
    seed: int = 25,
    report_count: int = 186,
    months: int = 10,
    now: datetime | None = None,
) -> DemoSummary:
    """Fill an empty database with the demo; a second call returns the existing one."""
    existing = demo_summary()
    if existing is not None:
        give_demo_authenticators()  # a demo made before agents had a second factor
        return existing
    _refuse_real_data()
    if not Departement.objects.exists():
        call_command("load_geography", verbosity=0)
    now = now or timezone.now()
    rng = random.Random(seed)  # noqa: S311  # reproducible demo data, not secrets
    texts = TextGenerator(seed)
    # The displacement scenario needs a year of reports: not in a small demo, nor where the
    # geography of the Bouches-du-Rhône and the Vaucluse is not loaded.
    emergence = report_count >= 100 and all(
        Commune.objects.filter(departement_id=code).exists() for code in EMERGENCE_DEPARTEMENTS
    )
    codes = [code for code in CELL_NAMES if emergence or code not in EMERGENCE_DEPARTEMENTS]
    with transaction.atomic():
        cells = {code: _create_cell(code) for code in codes}
        analysts = _create_agents(cells)
        plan = (
            (DEMO_DEPARTEMENT, report_count, 2 if report_count >= 100 else 1),
            (SCOPE_DEPARTEMENT, round(report_count * SCOPE_REPORT_SHARE), 0),
        )
        # The dossier scenarios count among the Doubs' reports (not in a tiny demo).
        scenarios = SCENARIOS if report_count >= 2 * len(SCENARIOS) else ()
        plan = (
            (plan[0][0], plan[0][1] - len(scenarios), plan[0][2]),
            plan[1],
        )
        _create_scenarios(
            cells[DEMO_DEPARTEMENT].departement,
            scenarios,
            analyst=analysts[DEMO_DEPARTEMENT],
            now=now,
        )
        for code, count, urgent in plan:
            _create_reports(
                departement=cells[code].departement,
                analyst=analysts[code],
                kinds=_kinds(rng, count, urgent=urgent),
                texts=texts,
                rng=rng,
                start=now - timedelta(days=round(months * DAYS_PER_MONTH)),
                now=now,
            )
        create_field_reports(cell=cells[DEMO_DEPARTEMENT], now=now)
        create_demo_outcomes(analyst=analysts[DEMO_DEPARTEMENT], now=now, seed=seed)
        give_demo_authenticators()
        create_demo_units(cells, now=now)
        if emergence:
            create_emergence(analyst_13=analysts["13"], now=now, texts=texts)
    # The figures and the early warnings as the worker's hourly pass would leave them.
    refresh(now=now)
    return _read_summary(created=True)


def demo_totp_key_hex() -> str:
    return base64.b32decode(DEMO_TOTP_KEY_BASE32).hex()


def give_demo_authenticators() -> None:
    """Each demo agent without one gets the demo authenticator (DEMO_TOTP_KEY_BASE32)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for agent in Agent.objects.filter(username__in=DEMO_USERNAMES):
        if not TOTPDevice.objects.filter(user=agent, confirmed=True).exists():
            TOTPDevice.objects.create(
                user=agent, name="demo", key=demo_totp_key_hex(), confirmed=True
            )


def demo_totp_code() -> str:
    """The code the demo authenticator shows now (`vigie demo --code`)."""
    from django_otp.oath import TOTP

    return f"{TOTP(bytes.fromhex(demo_totp_key_hex())).token():06d}"


def demo_summary() -> DemoSummary | None:
    """The demo in the database, or None when there is none."""
    if not Cell.objects.filter(departement_id=DEMO_DEPARTEMENT, is_demo=True).exists():
        return None
    return _read_summary(created=False)


def _read_summary(*, created: bool) -> DemoSummary:
    # The seeds' figures are citizen reports: the units' field reports come on top.
    reports = Report.objects.filter(is_demo=True).exclude(source=ReportSource.FIELD)
    per_departement = reports.values_list("departement_id").annotate(n=Count("id")).order_by()
    cells = Cell.objects.filter(is_demo=True)
    agents = {a.username: a for a in Agent.objects.filter(username__in=DEMO_USERNAMES)}
    departements = {d.code: d for d in Departement.objects.filter(code__in=CELL_NAMES)}
    return DemoSummary(
        created=created,
        cells=cells.count(),
        units=Unit.objects.filter(cell__in=cells).count(),
        agents=len(agents),
        reports=dict(per_departement),
        suggested_exploitable=reports.filter(triage_suggestion=Triage.EXPLOITABLE).count(),
        qualified=reports.exclude(qualification="").count(),
        awaiting_triage=reports.awaiting_triage().count(),
        logins=[
            DemoLogin(
                username=spec.username,
                role=str(spec.role.label),
                departement=str(departements[spec.departement]) if spec.departement else "tous",
            )
            for spec in AGENTS
            if spec.username in agents
        ],
    )


def _refuse_real_data() -> None:
    found = []
    if Cell.objects.filter(is_demo=False).exists():
        found.append("des cellules")
    if Report.objects.filter(is_demo=False).exists():
        found.append("des signalements")
    if Agent.objects.exclude(username__in=DEMO_USERNAMES).exists():
        found.append("des comptes d’agents")
    if found:
        raise DemoRefused(
            f"La base contient déjà des données réelles ({', '.join(found)}) : la "
            "démonstration ne s’installe que dans une base vide."
        )


def _create_cell(code: str) -> Cell:
    departement = Departement.objects.get(code=code)
    if not Commune.objects.filter(departement=departement).exists():
        raise DemoRefused(f"Aucune commune chargée pour le département {departement}.")
    cell = Cell.objects.create(departement=departement, name=CELL_NAMES[code], is_demo=True)
    Unit.objects.bulk_create(Unit(cell=cell, name=name, kind=kind) for name, kind in UNITS[code])
    return cell


def _create_agents(cells: dict[str, Cell]) -> dict[str, Agent]:
    """One agent per role (and one analyst in the Jura); the analysts, by département."""
    analysts = {}
    for spec in AGENTS:
        if spec.departement and spec.departement not in cells:
            continue  # a cell of the full demo only
        cell = cells[spec.departement] if spec.departement else None
        agent = Agent(
            username=spec.username,
            role=spec.role,
            cell=cell,
            unit=Unit.objects.get(cell=cell, name=spec.unit) if spec.unit else None,
            first_name=str(spec.role.label),
            last_name="(démo)",
            is_staff=spec.role == Role.ADMIN,
            is_superuser=spec.role == Role.ADMIN,
        )
        agent.set_password(DEMO_PASSWORD)
        agent.save()
        if spec.role == Role.ANALYST and spec.departement:
            analysts[spec.departement] = agent
    return analysts


def _kinds(rng: random.Random, count: int, *, urgent: int) -> list[Kind]:
    """What each report is written to be: two thirds exploitable, then the rest."""
    exploitable = round(count * EXPLOITABLE_SHARE)
    rest = max(count - exploitable - urgent, 0)
    kinds = [Kind.EXPLOITABLE] * exploitable + [Kind.URGENT] * min(urgent, count)
    vague = round(rest * NOT_EXPLOITABLE_MIX[Kind.VAGUE])
    nuisance = round(rest * NOT_EXPLOITABLE_MIX[Kind.NUISANCE])
    kinds += [Kind.VAGUE] * vague + [Kind.NUISANCE] * nuisance
    kinds += [Kind.OUT_OF_SCOPE] * (rest - vague - nuisance)
    rng.shuffle(kinds)
    return kinds[:count]


def _reception_times(
    rng: random.Random, count: int, *, start: datetime, now: datetime
) -> list[datetime]:
    """Uniform over the period, thinned by weekday and hour of day; oldest first."""
    span = (now - start).total_seconds()
    top = max(WEEKDAY_WEIGHTS) * max(_hour_weight(hour) for hour in range(24))
    moments: list[datetime] = []
    while len(moments) < count:
        moment = start + timedelta(seconds=rng.uniform(0, span))
        local = timezone.localtime(moment)
        weight = WEEKDAY_WEIGHTS[local.weekday()] * _hour_weight(local.hour)
        if rng.random() * top < weight:
            moments.append(moment)
    return sorted(moments)


def _hour_weight(hour: int) -> float:
    if 1 <= hour < 7:
        return 0.25
    if 18 <= hour <= 23:
        return 1.5
    return 1.0


def _create_reports(
    *,
    departement: Departement,
    analyst: Agent,
    kinds: list[Kind],
    texts: TextGenerator,
    rng: random.Random,
    start: datetime,
    now: datetime,
) -> None:
    communes = list(Commune.objects.filter(departement=departement).order_by("code"))
    picked = rng.choices(communes, weights=[c.population for c in communes], k=len(kinds))
    moments = _reception_times(rng, len(kinds), start=start, now=now)
    for kind, commune, received_at in zip(kinds, picked, moments, strict=True):
        text = texts.text(kind=kind, commune=commune.name, population=commune.population)
        submitted = submit_report(
            category=text.category,
            departement=departement,
            commune=commune,
            content=_content(text, commune, received_at, rng),
            is_demo=True,
            received_at=received_at,
            source=ReportSource.WEB_FORM,
        )
        if now - received_at > TRIAGE_BACKLOG and rng.random() < QUALIFIED_SHARE:
            qualify_report(
                report=submitted.report,
                agent=analyst,
                qualification=QUALIFICATION_OF_KIND[text.kind],
                reason=text.reason,
                now=min(_decided(received_at, rng), now),
            )


def _create_scenarios(
    departement: Departement,
    scenarios: tuple[ScenarioReport, ...],
    *,
    analyst: Agent,
    now: datetime,
) -> None:
    """Reports written for cross-referencing (vigie.demo.dossiers), submitted like any; the
    older ones qualified by the cell's analyst, the lone ones as not exploitable."""
    communes = Commune.objects.in_bulk({s.commune for s in scenarios})
    for scenario in scenarios:
        commune = communes[scenario.commune]
        received_at = now - timedelta(days=scenario.days_ago)
        submitted = submit_report(
            category=scenario.category,
            departement=departement,
            commune=commune,
            content=scenario.content(commune_name=commune.name, received_at=received_at),
            is_demo=True,
            received_at=received_at,
            source=ReportSource.WEB_FORM,
        )
        if now - received_at > TRIAGE_BACKLOG:
            qualify_report(
                report=submitted.report,
                agent=analyst,
                qualification=scenario.qualification,
                reason=scenario.reason,
                now=received_at + TYPICAL_TRIAGE,
            )


def _decided(received_at: datetime, rng: random.Random) -> datetime:
    """When the analyst decided: mostly the same or the next working day, some after a
    weekend or a busy week (the dashboard's delays to triage)."""
    return received_at + timedelta(hours=rng.lognormvariate(math.log(TYPICAL_TRIAGE_HOURS), 0.9))


def _content(
    text: SyntheticText, commune: Commune, received_at: datetime, rng: random.Random
) -> ReportContent:
    latitude = longitude = None
    if text.offset_m is not None and commune.latitude is not None:
        east, north = text.offset_m
        latitude = round(commune.latitude + north / METRES_PER_DEGREE, 6)
        longitude = round(
            (commune.longitude or 0.0)
            + east / (METRES_PER_DEGREE * math.cos(math.radians(commune.latitude))),
            6,
        )
    seen_hours_before = 0 if text.kind == Kind.URGENT else rng.randint(1, 72)
    observed = timezone.localtime(received_at - timedelta(hours=seen_hours_before))
    return ReportContent(
        description=text.text,
        address=text.address,
        latitude=latitude,
        longitude=longitude,
        observed_at=observed.replace(minute=0, second=0, microsecond=0).isoformat(),
        commune_name=commune.name,
        commune_code=commune.code,
        extra=text.extra,
    )
