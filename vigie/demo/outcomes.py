"""Demo outcomes (« suites », issue 13): what came of the Doubs reports over the ten months.

The scenarios' outcomes (vigie.demo.dossiers) tell the seeds' stories: the rue de Cologne
point where a surveillance led to the seller's arrest and a seizure of ketamine, cannabis,
cocaine and 550 euros (seeds/001); the Montbéliard point dismantled before it moved two
streets away; the delivery network's couriers; a relay vehicle that gave nothing. About half
of the other exploitable reports then get an outcome some days after they arrived, mostly an
interpellation with small seizures, a few dismantled points and some "no result", so the
monthly figures of the next issue have something to count.

Outcomes are recorded on reports, through `record_outcome` (validated, audited): the linking
worker forms the dossiers after `create_demo`, and a dossier's page shows its reports'
outcomes.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from vigie.core.privacy import to_the_hour
from vigie.demo.dossiers import SCENARIOS, ScenarioReport
from vigie.outcomes.access import OutcomeTarget
from vigie.outcomes.services import record_outcome
from vigie.outcomes.validation import DrugLine, OutcomeData, WeaponLine
from vigie.reports.enums import Qualification
from vigie.reports.models import Report

OUTCOME_SHARE = 0.5  # of the exploitable reports not in a scenario
NO_RESULT_SHARE = 0.15


def _grams(drug: str, amount: int | str, unit: str = "g", label: str = "") -> DrugLine:
    return DrugLine(drug=drug, quantity=Decimal(str(amount)), unit=unit, label=label)


# (index in SCENARIOS of the report it is recorded on, days before now of the operation and
# of the surveillance, what came of it).
SCENARIO_OUTCOMES: tuple[tuple[int, int, int | None, OutcomeData], ...] = (
    # Rue de Cologne (seeds/001).
    (
        2,
        16,
        20,
        OutcomeData(
            occurred_on=date.min,
            arrests=1,
            custodies=1,
            referrals=1,
            drugs=(
                _grams("synthetic", 12, label="kétamine"),
                _grams("cannabis_resin", 48),
                _grams("cocaine", "9.5"),
            ),
            cash_eur=Decimal(550),
            comment="Surveillance du hall trois soirs, interpellation rapide du vendeur.",
        ),
    ),
    # Montbéliard: the point dismantled, then seen again two streets away.
    (
        11,
        47,
        62,
        OutcomeData(
            occurred_on=date.min,
            arrests=4,
            custodies=4,
            referrals=2,
            committals=1,
            drugs=(_grams("cannabis_resin", "1.2", "kg"), _grams("cannabis_herb", 350)),
            weapons=(WeaponLine(kind="handgun", count=1),),
            cash_eur=Decimal(2340),
            vehicles=1,
            comment="Démantèlement du point ; le guetteur reste à identifier.",
        ),
    ),
    (13, 9, 11, OutcomeData(occurred_on=date.min)),  # the moved point: a surveillance
    # The delivery network: two couriers stopped.
    (
        6,
        8,
        None,
        OutcomeData(
            occurred_on=date.min,
            arrests=2,
            custodies=2,
            drugs=(_grams("cocaine", 62), _grams("cannabis_resin", 210)),
            cash_eur=Decimal(1870),
            vehicles=1,
        ),
    ),
    # The relay vehicle: watched, nothing seen.
    (9, 14, 20, OutcomeData(occurred_on=date.min, no_result_reason="nothing_observed")),
)
# Index of the point whose operation dismantled it (the Montbéliard one).
DISMANTLED = 1


def create_demo_outcomes(*, analyst: Any, now: datetime, seed: int) -> int:
    """Record the demo's outcomes (by `analyst`, a Doubs analyst); how many were recorded."""
    rng = random.Random(seed)  # noqa: S311  # reproducible demo data, not secrets
    count = 0
    used: set[int] = set()
    for position, (index, days, watched, data) in enumerate(SCENARIO_OUTCOMES):
        report = _scenario_report(SCENARIOS[index], now=now)
        if report is None:  # a small demo leaves the scenarios out
            continue
        day = _local_day(now - timedelta(days=days))
        data = replace(
            data,
            occurred_on=day,
            surveillance_on=_local_day(now - timedelta(days=watched)) if watched else None,
            dismantled_on=day if position == DISMANTLED else None,
        )
        _record(analyst, report, data, now=now - timedelta(days=days - 1))
        used.add(report.pk)
        count += 1
    exploitable = (
        Report.objects.filter(
            departement_id="25",
            qualification=Qualification.EXPLOITABLE,
            received_at__lt=now - timedelta(days=7),
        )
        .exclude(pk__in=used)
        .order_by("received_at", "pk")
    )
    for report in exploitable:
        if rng.random() >= OUTCOME_SHARE:
            continue
        moment = report.received_at + timedelta(days=rng.randint(2, 25))
        if moment >= now:
            continue
        _record(analyst, report, _background(rng, report.received_at, moment), now=moment)
        count += 1
    return count


def _local_day(moment: datetime) -> date:
    return timezone.localdate(moment)


def _scenario_report(scenario: ScenarioReport, *, now: datetime) -> Report | None:
    return (
        Report.objects.filter(
            departement_id="25",
            commune_id=scenario.commune,
            category=scenario.category,
            received_at=to_the_hour(now - timedelta(days=scenario.days_ago)),
        )
        .order_by("pk")
        .first()
    )


def _record(analyst: Any, report: Report, data: OutcomeData, *, now: datetime) -> None:
    record_outcome(agent=analyst, target=OutcomeTarget(report=report), data=data, now=now)


def _background(rng: random.Random, received: datetime, moment: datetime) -> OutcomeData:
    """An ordinary outcome: mostly one or two interpellations and a small seizure."""
    day = _local_day(moment)
    first = _local_day(received)
    watched = (
        day - timedelta(days=rng.randint(0, (day - first).days)) if rng.random() < 0.5 else None
    )
    if rng.random() < NO_RESULT_SHARE:
        reason = rng.choice(["nothing_observed", "activity_stopped", "not_confirmed"])
        return OutcomeData(occurred_on=day, surveillance_on=watched, no_result_reason=reason)
    arrests = rng.choice([1, 1, 1, 2, 2, 3, 4])
    custodies = arrests - (1 if arrests > 1 and rng.random() < 0.3 else 0)
    referrals = rng.randint(0, custodies)
    committals = rng.randint(0, min(referrals, 1))
    drugs = [
        rng.choice(
            [
                _grams("cannabis_resin", rng.randint(15, 900)),
                _grams("cannabis_herb", rng.randint(10, 400)),
                _grams("cocaine", rng.randint(2, 80)),
                _grams("crack", rng.randint(5, 40), "pieces"),
                _grams("synthetic", rng.randint(10, 120), "pieces", "ecstasy"),
            ]
        )
        for _line in range(rng.choice([1, 1, 2]))
    ]
    weapons = []
    if rng.random() < 0.08:
        weapons.append(WeaponLine(kind="bladed", count=1))
    if rng.random() < 0.04:
        weapons.append(WeaponLine(kind="handgun", count=1))
    return OutcomeData(
        occurred_on=day,
        surveillance_on=watched,
        arrests=arrests,
        custodies=custodies,
        referrals=referrals,
        committals=committals,
        drugs=tuple(drugs),
        weapons=tuple(weapons),
        cash_eur=Decimal(rng.randint(80, 4000)) if rng.random() < 0.4 else None,
        vehicles=1 if rng.random() < 0.1 else None,
        dismantled_on=day if rng.random() < 0.12 else None,
    )
