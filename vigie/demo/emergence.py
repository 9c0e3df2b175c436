"""Demo: a network pushed out of Marseille sets up in Pertuis (seeds/002), over twelve months.

The question the députée put to the ministry: « opérations place nette » push networks out of
Marseille into medium towns such as Pertuis (Vaucluse, about 20,000 inhabitants, 60 km north);
how will the State anticipate it? Here, in the Bouches-du-Rhône and the Vaucluse:

* a steady background of reports in the large towns and the countryside, each commune at its
  own level (Marseille about five a week, Avignon one or two, small villages now and then);
* operations in Marseille fourteen to ten weeks ago: five points de deal dismantled, with
  interpellations and seizures, after which Marseille's reports fall by about 40 %;
* Pertuis, where a report came once every few months, gets two or three a week from seven
  weeks ago.

The detection (vigie.engine.analytics.emerging, run by `vigie.analytics.services.refresh` at
the end of the demo) raises the Pertuis alert with Marseille as its likely origin, so that a
newcomer sees the warning fire on first run. Reports go through `submit_report` like any;
outcomes through `record_outcome`.
"""

from __future__ import annotations

import math
import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from vigie.demo.texts import Kind, TextGenerator
from vigie.geo.models import Commune
from vigie.outcomes.access import OutcomeTarget
from vigie.outcomes.services import record_outcome
from vigie.outcomes.validation import DrugLine, OutcomeData, WeaponLine
from vigie.reports.content import ReportContent
from vigie.reports.enums import ReportSource
from vigie.reports.services import submit_report

WEEKS = 52
MARSEILLE = "13055"
PERTUIS = "84089"
# Reports per week, by commune, before anything happens (the rest of both départements
# shares BACKGROUND_PER_WEEK, by population).
LEVELS: dict[str, float] = {
    MARSEILLE: 5.0,
    "13001": 1.0,  # Aix-en-Provence
    "13005": 0.5,  # Aubagne
    "13056": 0.4,  # Martigues
    "13103": 0.35,  # Salon-de-Provence
    "13117": 0.3,  # Vitrolles
    "84007": 1.5,  # Avignon
    "84031": 0.4,  # Carpentras
    "84035": 0.4,  # Cavaillon
    "84087": 0.3,  # Orange
    "84003": 0.15,  # Apt
    PERTUIS: 0.06,
}
BACKGROUND_PER_WEEK = 1.0
# Weeks before the end (the last complete week is 1).
OPERATIONS_WEEKS = (14, 13, 12, 11, 10)  # one point dismantled in each
MARSEILLE_AFTER = 0.6  # of its level, from the last operation on
PERTUIS_FROM_WEEK = 7
PERTUIS_PER_WEEK = 2.5


def create_emergence(
    *, analyst_13: Any, now: datetime, seed: int = 13, texts: TextGenerator | None = None
) -> int:
    """Create the scenario's reports and outcomes; returns the number of reports."""
    rng = random.Random(seed)  # noqa: S311  # reproducible demo data, not secrets
    texts = texts or TextGenerator(seed)
    today = timezone.localdate(now)
    last_monday = today - timedelta(days=today.weekday() + 7)  # last complete week
    communes = {c.code: c for c in Commune.objects.filter(departement_id__in=("13", "84"))}
    others = [c for code, c in sorted(communes.items()) if code not in LEVELS and c.population]
    weights = [c.population for c in others]
    marseille_reports = []
    created = 0
    for back in range(WEEKS, 0, -1):
        monday = last_monday - timedelta(days=7 * (back - 1))
        for code, level in LEVELS.items():
            rate = level
            if code == MARSEILLE and back <= OPERATIONS_WEEKS[-1]:
                rate = level * MARSEILLE_AFTER
            if code == PERTUIS and back <= PERTUIS_FROM_WEEK:
                rate = PERTUIS_PER_WEEK
            for _i in range(_poisson(rng, rate)):
                report = _submit(communes[code], monday, rng, texts, now)
                created += 1
                if code == MARSEILLE and back in OPERATIONS_WEEKS:
                    marseille_reports.append((back, report))
        for _i in range(_poisson(rng, BACKGROUND_PER_WEEK)):
            _submit(rng.choices(others, weights=weights)[0], monday, rng, texts, now)
            created += 1
    _operations(analyst_13, marseille_reports, now)
    return created


def _poisson(rng: random.Random, rate: float) -> int:
    """Knuth's method: enough for a few events a week."""
    limit, count, product = math.exp(-rate), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _submit(
    commune: Commune, monday: date, rng: random.Random, texts: TextGenerator, now: datetime
) -> Any:
    moment = timezone.make_aware(
        datetime.combine(monday + timedelta(days=rng.randrange(7)), time(rng.randrange(8, 23)))
    )
    moment = min(moment, now - timedelta(hours=1))
    text = texts.text(kind=Kind.EXPLOITABLE, commune=commune.name, population=commune.population)
    return submit_report(
        category=text.category,
        departement=commune.departement,
        commune=commune,
        content=ReportContent(
            description=text.text,
            address=text.address,
            commune_name=commune.name,
            commune_code=commune.code,
            observed_at=moment.replace(minute=0, second=0, microsecond=0).isoformat(),
            extra=text.extra,
        ),
        is_demo=True,
        received_at=moment,
        source=ReportSource.WEB_FORM,
    ).report


def _operations(analyst: Any, reports: list[tuple[int, Any]], now: datetime) -> None:
    """One dismantled point a week in Marseille during the operations: the surveillance set
    up on the day of the week's first report, the point dismantled two days later."""
    first: dict[int, Any] = {}
    for back, report in reports:
        if back not in first or report.received_at < first[back].received_at:
            first[back] = report
    for report in first.values():
        seen = timezone.localdate(report.received_at)
        day = min(seen + timedelta(days=2), timezone.localdate(now))
        record_outcome(
            agent=analyst,
            target=OutcomeTarget(report=report),
            data=OutcomeData(
                occurred_on=day,
                surveillance_on=seen,
                arrests=4,
                custodies=4,
                referrals=2,
                committals=1,
                drugs=(
                    DrugLine(drug="cannabis_resin", quantity=Decimal("2.4"), unit="kg"),
                    DrugLine(drug="cocaine", quantity=Decimal(180), unit="g"),
                ),
                weapons=(WeaponLine(kind="handgun", count=1),),
                cash_eur=Decimal(6800),
                dismantled_on=day,
                comment="Opération « place nette » : point de deal démantelé.",
            ),
            now=now,
        )
