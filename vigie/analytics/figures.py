"""What the dashboards, the national view and the meeting brief show: plain values, computed
by `vigie.analytics.selectors` and rendered by the pages, the charts and the exports
(PDF, XLSX, CSV) alike, so that every rendering says the same figures.

No ORM object in here: a figure is a number, a label, a date. Nothing here names a citizen or
quotes a report: the national view and the exports never carry contents.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from vigie.outcomes.selectors import OutcomeTotals


@dataclass(frozen=True)
class Period:
    """[start, end): a week (Monday to Sunday), a month, a quarter or a year."""

    kind: str  # "week", "month", "quarter", "year"
    start: date
    end: date

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        last = calendar.monthrange(year, month)[1]
        return cls("month", date(year, month, 1), date(year, month, last) + timedelta(days=1))

    @classmethod
    def week(cls, day: date) -> Period:
        monday = day - timedelta(days=day.weekday())
        return cls("week", monday, monday + timedelta(days=7))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        first = 3 * (quarter - 1) + 1
        end = date(year + 1, 1, 1) if quarter == 4 else date(year, first + 3, 1)
        return cls("quarter", date(year, first, 1), end)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls("year", date(year, 1, 1), date(year + 1, 1, 1))

    @classmethod
    def parse(cls, text: str) -> Period:
        """'2026-10' (month), '2026-W43' (ISO week), '2026-T3' (quarter), '2026' (year).
        ValueError with a French message otherwise."""
        text = text.strip()
        try:
            if len(text) == 4 and text.isdigit():
                return cls.year(int(text))
            if "-W" in text.upper():
                year, week = text.upper().split("-W")
                return cls.week(date.fromisocalendar(int(year), int(week), 1))
            if "-T" in text.upper():
                year, quarter = text.upper().split("-T")
                if not 1 <= int(quarter) <= 4:
                    raise ValueError
                return cls.quarter(int(year), int(quarter))
            year, month = text.split("-")
            if len(month) != 2 or not 1 <= int(month) <= 12:
                raise ValueError
            return cls.month(int(year), int(month))
        except ValueError:
            raise ValueError(
                _(
                    "Période inconnue : « %(text)s ». Écrivez 2026-10 (un mois), 2026-W43 "
                    "(une semaine ISO), 2026-T3 (un trimestre) ou 2026 (une année)."
                )
                % {"text": text}
            ) from None

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def previous(self) -> Period:
        if self.kind == "week":
            return Period.week(self.start - timedelta(days=7))
        if self.kind == "month":
            before = self.start - timedelta(days=1)
            return Period.month(before.year, before.month)
        if self.kind == "quarter":
            before = self.start - timedelta(days=1)
            return Period.quarter(before.year, (before.month - 1) // 3 + 1)
        return Period.year(self.start.year - 1)

    def code(self) -> str:
        """The text `parse` reads back: '2026-10', '2026-W43', '2026-T3', '2026'."""
        if self.kind == "week":
            year, week, _day = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        if self.kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind == "quarter":
            return f"{self.start.year}-T{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    def label(self) -> str:
        """In the reader's language: « octobre 2026 », « semaine 43 de 2026 (du 19 au 25
        octobre) »…"""
        if self.kind == "week":
            year, week, _day = self.start.isocalendar()
            last = self.end - timedelta(days=1)
            return _("semaine %(week)s de %(year)s (du %(first)s au %(last)s)") % {
                "week": week,
                "year": year,
                "first": date_format(self.start, "j F"),
                "last": date_format(last, "j F"),
            }
        if self.kind == "month":
            return date_format(self.start, "F Y")
        if self.kind == "quarter":
            return _("%(n)se trimestre %(year)s") % {
                "n": (self.start.month - 1) // 3 + 1,
                "year": self.start.year,
            }
        return str(self.start.year)


@dataclass(frozen=True)
class Compared:
    """A figure over the period and the same figure over the previous period."""

    value: int
    previous: int

    @property
    def change(self) -> float | None:
        """Relative change (0.25 = +25 %); None when the previous period had none."""
        return None if not self.previous else (self.value - self.previous) / self.previous


@dataclass(frozen=True)
class Count:
    """One line of a breakdown: `key` is the stored value (a category, a source, an INSEE
    code), `label` what people read."""

    key: str
    label: str
    value: int
    previous: int = 0


@dataclass(frozen=True)
class CommuneCount:
    code: str  # INSEE
    name: str
    latitude: float | None
    longitude: float | None
    value: int
    previous: int = 0


@dataclass(frozen=True)
class SeriesPoint:
    """One bar of a time series: the reports received in [start, end), and how many of
    them the cell qualified exploitable."""

    start: date
    end: date
    label: str  # « S43 », « oct. 2026 »
    value: int
    exploitable: int = 0


@dataclass(frozen=True)
class Delay:
    """Hours from one step to the next over the reports of the period that reached it."""

    count: int
    median_hours: float | None
    p90_hours: float | None


@dataclass(frozen=True)
class DossierLine:
    """A dossier in the brief: what it is and how it moves, never a report's contents."""

    public_id: str
    label: str  # « Dossier D-7K3Q — Point de vente, Besançon »
    kind: str
    status: str
    size: int
    new_reports: int  # joined during the period
    last_report_at: date | None


@dataclass(frozen=True)
class DispatchLine:
    public_id: str
    unit: str
    subject: str  # the dossier's or the report's label
    priority: str
    sent_at: date
    acknowledge_by: date
    days_overdue: int
    label: str = ""  # « T-4HQZ », as the cell's dispatch pages name it


@dataclass(frozen=True)
class AttributedOutcome:
    """An outcome and what led to it: the dossier and the number of reports behind it."""

    occurred_on: date
    subject: str  # the dossier's label, or « Signalement VS-… » when recorded on a report
    unit: str
    summary: str  # « 3 interpellations, 2 GAV, 1,2 kg de résine de cannabis »
    reports: int


@dataclass(frozen=True)
class AlertLine:
    """An early warning (vigie.analytics.models.EmergingAlert), as shown to people."""

    commune: str  # INSEE
    name: str
    departement: str
    first_seen: date
    score: float
    explanation: str
    origin: str | None  # INSEE code of the likely origin
    origin_name: str | None


@dataclass
class DashboardFigures:
    """A cell's dashboard (one département), or a département's figures for the national
    role (`detailed` False: no dossier, dispatch or outcome line that names a case)."""

    departement: str  # INSEE code
    scope_label: str  # « Doubs (25) »
    period: Period
    generated_at: date
    reports: Compared
    qualified: Compared  # reports of the period with the cell's decision
    exploitable: Compared  # qualified exploitable
    weekly: list[SeriesPoint]  # the 12 weeks ending with the period's last week
    monthly: list[SeriesPoint]  # the 12 months ending with the period's month
    by_category: list[Count]
    by_source: list[Count]
    by_commune: list[CommuneCount]  # every commune with a report in either period
    triage_delay: Delay
    triage_delay_previous: Delay
    dispatch_delay: Delay
    dispatch_delay_previous: Delay
    dossiers_opened: Compared
    dossiers_active: int  # at the end of the period
    dossiers_dismantled: Compared
    outcomes: OutcomeTotals
    outcomes_previous: OutcomeTotals
    detailed: bool = True
    attributed: list[AttributedOutcome] = field(default_factory=list)
    new_dossiers: list[DossierLine] = field(default_factory=list)
    growing_dossiers: list[DossierLine] = field(default_factory=list)
    overdue_dispatches: list[DispatchLine] = field(default_factory=list)
    alerts: list[AlertLine] = field(default_factory=list)

    @property
    def share_exploitable(self) -> float | None:
        """Exploitable among the reports the cell decided on (None before any decision)."""
        return self.exploitable.value / self.qualified.value if self.qualified.value else None


@dataclass(frozen=True)
class DepartementLine:
    """One département on the national map and in its table."""

    code: str
    name: str
    reports: Compared
    exploitable: int
    qualified: int
    dismantled_points: int
    arrests: int
    custodies: int
    committals: int
    drugs_kg: Decimal
    firearms: int
    cash_eur: Decimal
    per_100k: float  # reports of the period per 100,000 inhabitants


@dataclass
class NationalFigures:
    period: Period
    generated_at: date
    departements: list[DepartementLine]
    reports: Compared
    outcomes: OutcomeTotals
    outcomes_previous: OutcomeTotals
    monthly: list[SeriesPoint]  # reports, the 12 months ending with the period's month
    dismantled_monthly: list[SeriesPoint]  # points de deal dismantled per month, same months
    growing: list[DepartementLine]  # the départements growing most (at least 5 reports)
    alerts: list[AlertLine]
    # The communes whose reports grew most (weeks starting in the period vs the period before).
    growing_communes: list[CommuneCount] = field(default_factory=list)
