"""Reads: a dossier's or a report's outcomes, and the figures the dashboards count.

Figures are SQL aggregates over plain columns, grouped by département and/or month. Each
figure is dated by what it counts: people and seizures by the operation's date, surveillances
by the day they were set up, dismantled points by the day they were dismantled.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from django.db.models import CharField, Count, DateField, F, Q, QuerySet, Sum, Value
from django.db.models.functions import TruncMonth

from vigie.outcomes.access import OutcomeTarget
from vigie.outcomes.enums import FIREARMS, KILOGRAMS_PER_UNIT
from vigie.outcomes.models import AssetSeizure, DrugSeizure, Outcome, WeaponSeizure

ZERO = Decimal(0)


def outcomes_of(target: OutcomeTarget) -> list[Outcome]:
    """Newest first: those recorded on the dossier (or the report's dossier) and those linked
    to any of its reports (recorded on a report before it joined, or on a dossier since merged
    or split). Five queries whatever the number (six from a report)."""
    dossier_ids, report_ids = target.timeline_scope()
    linked = Outcome.reports.through.objects.filter(report_id__in=report_ids).values("outcome_id")
    return list(
        Outcome.objects.filter(Q(dossier_id__in=dossier_ids) | Q(pk__in=linked))
        .select_related("recorded_by", "unit")
        .prefetch_related("drugs", "weapons", "assets")
    )


@dataclass
class OutcomeTotals:
    outcomes: int = 0
    arrests: int = 0
    custodies: int = 0
    referrals: int = 0
    committals: int = 0
    surveillances: int = 0
    dismantled_points: int = 0
    no_result: int = 0
    cash_eur: Decimal = ZERO
    vehicles: int = 0
    assets_eur: Decimal = ZERO
    # Weighed drugs in kilograms, by drug; the others by (drug, unit): pills, plants, litres.
    drugs_kg: dict[str, Decimal] = field(default_factory=lambda: defaultdict(lambda: ZERO))
    drugs_counted: dict[tuple[str, str], Decimal] = field(
        default_factory=lambda: defaultdict(lambda: ZERO)
    )
    weapons: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def firearms(self) -> int:
        return sum(count for kind, count in self.weapons.items() if kind in FIREARMS)

    @property
    def weapons_total(self) -> int:
        return sum(self.weapons.values())

    @property
    def drugs_total_kg(self) -> Decimal:
        return sum(self.drugs_kg.values(), ZERO)

    def add_drug(self, drug: str, unit: str, quantity: Decimal) -> None:
        factor = KILOGRAMS_PER_UNIT.get(unit)
        if factor is None:
            self.drugs_counted[(drug, unit)] += quantity
        else:
            self.drugs_kg[drug] += quantity * factor


def totals_of(outcomes: Iterable[Outcome]) -> OutcomeTotals:
    """The totals of outcomes already read (`outcomes_of`), without another query."""
    totals = OutcomeTotals()
    for outcome in outcomes:
        totals.outcomes += 1
        totals.arrests += outcome.arrests or 0
        totals.custodies += outcome.custodies or 0
        totals.referrals += outcome.referrals or 0
        totals.committals += outcome.committals or 0
        totals.surveillances += outcome.surveillance_on is not None
        totals.dismantled_points += outcome.dismantled_on is not None
        totals.no_result += outcome.is_no_result
        totals.cash_eur += outcome.cash_eur or ZERO
        totals.vehicles += outcome.vehicles or 0
        for asset in outcome.assets.all():
            totals.assets_eur += asset.value_eur
        for line in outcome.drugs.all():
            totals.add_drug(line.drug, line.unit, line.quantity)
        for weapon in outcome.weapons.all():
            totals.weapons[weapon.kind] += weapon.count
    return totals


class FigureKey(NamedTuple):
    """A group of figures: a département (None: all together) and a month's first day
    (None: the whole period)."""

    departement: str | None
    month: date | None


def outcome_figures(
    *,
    start: date,
    end: date,
    departements: Iterable[str] | None = None,
    by_departement: bool = True,
    by_month: bool = False,
) -> dict[FigureKey, OutcomeTotals]:
    """Totals of the outcomes dated in [start, end), per département and/or per month, for
    the given départements (every one when None). Six queries, whatever the period."""
    codes = None if departements is None else list(departements)
    figures: dict[FigureKey, OutcomeTotals] = defaultdict(OutcomeTotals)

    def grouped(
        queryset: QuerySet[Any], date_field: str, prefix: str = "", *extra: str
    ) -> QuerySet[Any]:
        queryset = queryset.filter(**{f"{date_field}__gte": start, f"{date_field}__lt": end})
        if codes is not None:
            queryset = queryset.filter(**{f"{prefix}departement_id__in": codes})
        # A constant is left out of GROUP BY: one row for everything when nothing groups.
        queryset = queryset.annotate(
            _departement=F(f"{prefix}departement_id")
            if by_departement
            else Value(None, output_field=CharField()),
            _month=TruncMonth(date_field) if by_month else Value(None, output_field=DateField()),
        )
        return queryset.values("_departement", "_month", *extra).order_by()

    def key(row: dict[str, Any]) -> FigureKey:
        return FigureKey(row["_departement"], row["_month"])

    people = grouped(Outcome.objects.all(), "occurred_on").annotate(
        outcomes=Count("id"),
        arrests=Sum("arrests"),
        custodies=Sum("custodies"),
        referrals=Sum("referrals"),
        committals=Sum("committals"),
        cash=Sum("cash_eur"),
        vehicles=Sum("vehicles"),
        no_result=Count("id", filter=~Q(no_result_reason="")),
    )
    for row in people:
        totals = figures[key(row)]
        totals.outcomes += row["outcomes"]
        for name in ("arrests", "custodies", "referrals", "committals", "vehicles", "no_result"):
            setattr(totals, name, getattr(totals, name) + (row[name] or 0))
        totals.cash_eur += row["cash"] or ZERO
    for row in grouped(Outcome.objects.all(), "surveillance_on").annotate(n=Count("id")):
        figures[key(row)].surveillances += row["n"]
    for row in grouped(Outcome.objects.all(), "dismantled_on").annotate(n=Count("id")):
        figures[key(row)].dismantled_points += row["n"]
    on_the_day = "outcome__occurred_on"
    drugs = grouped(DrugSeizure.objects.all(), on_the_day, "outcome__", "drug", "unit")
    for row in drugs.annotate(total=Sum("quantity")):
        figures[key(row)].add_drug(row["drug"], row["unit"], row["total"])
    weapons = grouped(WeaponSeizure.objects.all(), on_the_day, "outcome__", "kind")
    for row in weapons.annotate(n=Sum("count")):
        figures[key(row)].weapons[row["kind"]] += row["n"]
    assets = grouped(AssetSeizure.objects.all(), on_the_day, "outcome__")
    for row in assets.annotate(total=Sum("value_eur")):
        figures[key(row)].assets_eur += row["total"] or ZERO  # one row of NULL when none
    return dict(figures)
