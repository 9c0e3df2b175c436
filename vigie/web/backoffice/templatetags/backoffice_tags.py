"""Presentation helpers for the back office."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import formats, timezone

register = template.Library()


@register.filter
def iso_moment(value: str) -> str:
    """'2026-11-16T07:00:00+01:00' → '16/11/2026 07:00'; '2026-11-16' → '16/11/2026'."""
    if not value:
        return ""
    try:
        if "T" in value:
            moment = datetime.fromisoformat(value)
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
        return formats.date_format(date.fromisoformat(value), "SHORT_DATE_FORMAT")
    except ValueError:
        return value
