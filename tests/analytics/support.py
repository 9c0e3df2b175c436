"""One early warning, as the engine returns it and as the database stores it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from vigie.analytics.models import EmergingAlert
from vigie.analytics.services import alert_row
from vigie.engine.analytics import emerging

PERTUIS = emerging.Alert(
    commune="84089",
    name="Pertuis",
    departement="84",
    first_seen=date(2026, 10, 12),
    detected_on=date(2026, 10, 19),
    observed=8,
    expected=0.3,
    weeks=2,
    score=2.7,
    p_value=6e-5,
    new_dossiers=3,
    origin=emerging.Origin(
        commune="13055", name="Marseille", distance_km=60.2, change=-0.4, dismantled=5
    ),
    explanation="Pertuis : 9 signalements en 6 semaines pour 0,4 attendu",
)


def engine_alert(**changes: Any) -> emerging.Alert:
    return replace(PERTUIS, **changes)


def stored_alert(commune: str, departement: str, origin: str | None = None) -> EmergingAlert:
    """An alert in the database (no notification), explained « Alerte sur <commune> »."""
    alert = engine_alert(
        commune=commune,
        departement=departement,
        origin=None if origin is None else replace(PERTUIS.origin, commune=origin),
        explanation=f"Alerte sur {commune}",
    )
    row = alert_row(alert, datetime(2026, 10, 20, tzinfo=ZoneInfo("Europe/Paris")))
    row.save()
    return row
