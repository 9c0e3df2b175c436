"""Figures in French: durations, shares, outcome totals (the dashboard and national pages)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from vigie.outcomes.text import summary

register = template.Library()


@register.filter
def hours(value: float | None) -> str:
    """« 45 min », « 3,5 h », « 2,1 j »; « − » when nothing was measured."""
    if value is None:
        return "−"
    if value < 1:
        return _("%(n)s min") % {"n": round(value * 60)}
    if value < 48:
        return _("%(n)s h") % {"n": number_format(round(value, 1))}
    return _("%(n)s j") % {"n": number_format(round(value / 24, 1))}


@register.filter
def share(value: float | None) -> str:
    """0.6667 → « 67 % »; « − » when there is nothing to divide."""
    if value is None:
        return "−"
    return f"{round(value * 100)}\u00a0%"


@register.filter
def outcome_lines(totals: Any) -> list[str]:
    return summary(totals)
