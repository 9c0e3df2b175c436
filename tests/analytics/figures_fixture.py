"""DashboardFigures written by hand for the renderings' tests (charts, exports): every value
is known, so a test can look for it in what was rendered.

Two départements with nothing in common: the Doubs (25) and the Jura (39). Each value, label
and name of the Jura appears nowhere in the Doubs's figures, so a test can check that a Doubs
brief rendered after a Jura one carries none of the Jura's figures.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from vigie.analytics.figures import (
    AlertLine,
    AttributedOutcome,
    CommuneCount,
    Compared,
    Count,
    DashboardFigures,
    Delay,
    DispatchLine,
    DossierLine,
    Period,
    SeriesPoint,
)
from vigie.outcomes.selectors import OutcomeTotals

WEEKLY_DOUBS = [12, 15, 9, 20, 18, 25, 22, 30, 28, 35, 31, 42]


def _weekly(values: list[int], last_monday: date) -> list[SeriesPoint]:
    first = last_monday - timedelta(weeks=len(values) - 1)
    points = []
    for i, value in enumerate(values):
        start = first + timedelta(weeks=i)
        week = start.isocalendar()[1]
        points.append(SeriesPoint(start, start + timedelta(days=7), f"S{week}", value, value // 2))
    return points


def _monthly(values: list[int], year: int, month: int) -> list[SeriesPoint]:
    points = []
    for i, value in enumerate(values):
        m = month - len(values) + 1 + i
        y, m = (year, m) if m >= 1 else (year - 1, m + 12)
        period = Period.month(y, m)
        label = f"{m:02d}/{y}"
        points.append(SeriesPoint(period.start, period.end, label, value, value * 2 // 3))
    return points


def doubs_october_2026() -> DashboardFigures:
    outcomes = OutcomeTotals(
        outcomes=4,
        arrests=7,
        custodies=5,
        referrals=2,
        committals=3,
        surveillances=1,
        dismantled_points=2,
        cash_eur=Decimal("18450.50"),
        vehicles=1,
    )
    outcomes.add_drug("cannabis_resin", "kg", Decimal("3.2"))
    outcomes.add_drug("cocaine", "g", Decimal("450"))
    outcomes.add_drug("crack", "pieces", Decimal("120"))
    outcomes.weapons["handgun"] = 2
    outcomes.weapons["bladed"] = 1
    previous = OutcomeTotals(outcomes=2, arrests=3, custodies=3, committals=1)
    previous.add_drug("cannabis_resin", "kg", Decimal("1.1"))
    return DashboardFigures(
        departement="25",
        scope_label="Doubs (25)",
        period=Period.month(2026, 10),
        generated_at=date(2026, 11, 2),
        reports=Compared(186, 155),
        qualified=Compared(150, 140),
        exploitable=Compared(101, 84),
        weekly=_weekly(WEEKLY_DOUBS, date(2026, 10, 26)),
        monthly=_monthly([140, 151, 133, 160, 149, 171, 158, 166, 162, 170, 155, 186], 2026, 10),
        by_category=[
            Count("point_de_vente", "Point de vente", 88, 70),
            Count("livraison", "Livraison à domicile", 41, 44),
            Count("guetteurs", "Guetteurs <b>et</b> rabatteurs", 33, 25),
            Count("autre", "Autre", 24, 16),
        ],
        by_source=[
            Count("citizen", "Formulaire citoyen", 151, 130),
            Count("chat", "Échange anonyme", 22, 19),
            Count("field", "Remontée de terrain", 13, 6),
        ],
        by_commune=[
            CommuneCount("25056", "Besançon", 47.2431, 6.0219, 96, 80),
            CommuneCount("25388", "Montbéliard", 47.5097, 6.7989, 41, 33),
            CommuneCount("25462", "Pontarlier", 46.9035, 6.3547, 27, 9),
            CommuneCount("25031", "Audincourt", 47.4828, 6.8403, 14, 21),
            CommuneCount("25620", "Valdahon", 47.1519, 6.3394, 8, 0),
            CommuneCount("25047", "Bavans", 47.4856, 6.7328, 0, 12),
        ],
        triage_delay=Delay(150, 5.5, 30.25),
        triage_delay_previous=Delay(140, 7.0, 41.0),
        dispatch_delay=Delay(40, 52.0, 130.0),
        dispatch_delay_previous=Delay(31, 60.5, None),
        dossiers_opened=Compared(6, 4),
        dossiers_active=17,
        dossiers_dismantled=Compared(2, 0),
        outcomes=outcomes,
        outcomes_previous=previous,
        attributed=[
            AttributedOutcome(
                date(2026, 10, 14),
                "Dossier D-7K3Q — Point de vente, Besançon",
                "Brigade des stupéfiants de Besançon",
                "3 interpellations, 2 GAV, 3,2 kg de résine de cannabis",
                11,
            ),
        ],
        new_dossiers=[
            DossierLine(
                "D-7K3Q",
                "Dossier D-7K3Q — Point de vente, Besançon",
                "point_de_vente",
                "actif",
                12,
                5,
                date(2026, 10, 30),
            ),
            DossierLine(
                "D-M2PX",
                "Dossier D-M2PX — Réseau de livraison, Montbéliard",
                "reseau_livraison",
                "sous_surveillance",
                4,
                4,
                date(2026, 10, 21),
            ),
        ],
        growing_dossiers=[
            DossierLine(
                "D-R8VW",
                "Dossier D-R8VW — Point de vente, Pontarlier",
                "point_de_vente",
                "actif",
                23,
                9,
                date(2026, 10, 29),
            ),
        ],
        overdue_dispatches=[
            DispatchLine(
                "00000000-0000-4000-8000-000000000001",
                "Commissariat de Montbéliard",
                "Dossier D-M2PX — Réseau de livraison, Montbéliard",
                "urgente",
                date(2026, 10, 20),
                date(2026, 10, 22),
                10,
                label="T-4HQZ",
            ),
        ],
        alerts=[
            AlertLine(
                "25462",
                "Pontarlier",
                "25",
                date(2026, 10, 5),
                4.73,
                "Pontarlier : 27 signalements en 6 semaines pour 6,1 attendus ; 1 nouveau "
                "dossier ; Besançon −15 % sur la même période, 55 km",
                "25056",
                "Besançon",
            ),
        ],
    )


def jura_october_2026() -> DashboardFigures:
    """Another département: nothing here appears in the Doubs's figures."""
    figures = doubs_october_2026()
    return DashboardFigures(
        departement="39",
        scope_label="Jura (39)",
        period=figures.period,
        generated_at=figures.generated_at,
        reports=Compared(7391, 7293),
        qualified=Compared(7381, 7283),
        exploitable=Compared(7373, 7277),
        weekly=_weekly([7301, 7302, 7303], date(2026, 10, 26)),
        monthly=_monthly([7311, 7312], 2026, 10),
        by_category=[Count("rodeo", "Catégorie jurassienne", 7321, 7322)],
        by_source=[Count("field", "Source jurassienne", 7331, 7332)],
        by_commune=[CommuneCount("39198", "Dole", 47.0922, 5.4897, 7341, 7342)],
        triage_delay=Delay(7351, 7352.5, 7353.5),
        triage_delay_previous=Delay(7354, 7355.5, 7356.5),
        dispatch_delay=Delay(7357, 7358.5, 7359.5),
        dispatch_delay_previous=Delay(7361, 7362.5, 7363.5),
        dossiers_opened=Compared(7371, 7372),
        dossiers_active=7374,
        dossiers_dismantled=Compared(7375, 7376),
        outcomes=OutcomeTotals(outcomes=7381, arrests=7382, cash_eur=Decimal("7383")),
        outcomes_previous=OutcomeTotals(outcomes=7384),
        new_dossiers=[
            DossierLine(
                "D-JURA", "Dossier D-JURA — Dole", "autre", "actif", 7391, 7392, date(2026, 10, 3)
            )
        ],
        overdue_dispatches=[
            DispatchLine(
                "00000000-0000-4000-8000-000000000002",
                "Brigade de Dole",
                "Dossier D-JURA — Dole",
                "normale",
                date(2026, 10, 1),
                date(2026, 10, 3),
                7393,
                label="T-JURA",
            )
        ],
        alerts=[
            AlertLine(
                "39300",
                "Lons-le-Saunier",
                "39",
                date(2026, 10, 1),
                7.39,
                "Lons-le-Saunier : alerte jurassienne",
                None,
                None,
            )
        ],
    )


def empty_doubs() -> DashboardFigures:
    """A month with nothing: every list empty, every figure zero."""
    return DashboardFigures(
        departement="25",
        scope_label="Doubs (25)",
        period=Period.month(2026, 10),
        generated_at=date(2026, 11, 2),
        reports=Compared(0, 0),
        qualified=Compared(0, 0),
        exploitable=Compared(0, 0),
        weekly=[],
        monthly=[],
        by_category=[],
        by_source=[],
        by_commune=[],
        triage_delay=Delay(0, None, None),
        triage_delay_previous=Delay(0, None, None),
        dispatch_delay=Delay(0, None, None),
        dispatch_delay_previous=Delay(0, None, None),
        dossiers_opened=Compared(0, 0),
        dossiers_active=0,
        dossiers_dismantled=Compared(0, 0),
        outcomes=OutcomeTotals(),
        outcomes_previous=OutcomeTotals(),
    )
