"""French display of figures, shared by the pages, the charts and the exports so that each
says « 12 345 », « +20 % » and « 3,5 h » the same way."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

MINUS = "\u2212"


def format_number(value: float | int | Decimal, decimals: int | None = None) -> str:
    """French grouping and decimal comma: « 12 345 », « 35,5 »; integers without decimals,
    other numbers with one decimal unless `decimals` says otherwise."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            value = int(value)
        elif decimals is None:  # a quantity keeps its own digits: « 0,45 », « 3,2 »
            return number_format(value.normalize(), force_grouping=True)
    if isinstance(value, float) and value.is_integer() and decimals is None:
        value = int(value)
    if decimals is None and isinstance(value, float):
        decimals = 1
    return number_format(value, decimal_pos=decimals, force_grouping=True)


def format_change(value: float, previous: float | None) -> str:
    """« +20 % », « −8 % », « 0 % »; "" when there is nothing to compare with."""
    if not previous:
        return ""
    ratio = round((value - previous) / previous * 100)
    sign = "+" if ratio > 0 else MINUS if ratio < 0 else ""
    return f"{sign}{format_number(abs(ratio))}\xa0%"


def format_share(share: float | None) -> str:
    """0.657 → « 66 % »; « − » when undefined."""
    return MINUS if share is None else f"{format_number(round(share * 100))}\xa0%"


def format_hours(hours: float | None) -> str:
    """« 3,5 h » under two days, « 4,2 j » beyond; « − » when undefined."""
    if hours is None:
        return MINUS
    if hours < 48:
        return _("%(n)s h") % {"n": format_number(round(hours, 1))}
    return _("%(n)s j") % {"n": format_number(round(hours / 24, 1))}
