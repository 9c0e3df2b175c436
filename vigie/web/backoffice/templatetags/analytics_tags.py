"""Figures in the dashboards' tables: French numbers and changes (vigie.analytics.formatting)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import template

from vigie.analytics.formatting import format_change, format_hours, format_number, format_share
from vigie.outcomes.text import summary

register = template.Library()


@register.filter
def number(value: Any) -> str:
    """« 12 345 », « 35,5 »."""
    return "" if value is None else format_number(value)


@register.filter
def change(value: float, previous: float | None) -> str:
    """`{{ value|change:previous }}` → « +20 % »; "" when there is no previous figure."""
    return format_change(value, previous)


@register.filter
def with_previous(points: Sequence[Any]) -> list[tuple[Any, Any]]:
    """Each point of a series with the one before it (None for the first)."""
    return [(point, points[i - 1] if i else None) for i, point in enumerate(points)]


@register.filter
def hours(value: float | None) -> str:
    """« 3,5 h », « 4,2 j »; « − » when nothing was measured."""
    return format_hours(value)


@register.filter
def share(value: float | None) -> str:
    """0.657 → « 66 % »; « − » when there is nothing to divide."""
    return format_share(value)


@register.filter
def outcome_lines(totals: Any) -> list[str]:
    """The totals of outcomes in French lines (vigie.outcomes.text)."""
    return summary(totals)
