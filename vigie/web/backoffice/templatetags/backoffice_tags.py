"""Presentation helpers for the back office."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import phonenumbers
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


@register.filter
def index(sequence: Sequence[Any], position: int) -> Any:
    """The item at `position`, or None (pairs lists built alongside a loop)."""
    try:
        return sequence[position]
    except (IndexError, TypeError):
        return None


@register.filter
def phone_display(value: str) -> str:
    """'+33612345678' → '+33 6 12 34 56 78' (international format); anything else as is."""
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@register.filter
def sends_field_reports(user: Any) -> bool:
    """The header links a unit officer to their field reports (vigie.field)."""
    from vigie.accounts.permissions import Capability, can

    return can(user, Capability.SUBMIT_FIELD_REPORTS) and user.unit_id is not None


@register.filter
def sees_dossiers(user: Any) -> bool:
    """The header links to the dossiers only for those who may open them (vigie.crossref)."""
    from vigie.accounts.models import Role
    from vigie.accounts.permissions import Capability, can

    if not getattr(user, "is_authenticated", False):
        return False
    if user.role == Role.NATIONAL:
        return True
    return bool(user.cell_id) and can(user, Capability.HANDLE_REPORTS)


@register.filter
def administers(user: Any) -> bool:
    """The header links to the administration for the administrator only."""
    from vigie.accounts.permissions import Capability, can

    return can(user, Capability.ADMINISTER)


@register.filter
def reads_audit_log(user: Any) -> bool:
    from vigie.accounts.permissions import Capability, can

    return can(user, Capability.READ_AUDIT_LOG)


@register.filter
def dispatches(user: Any) -> bool:
    """The header links to the cell's dispatches for those who dispatch (vigie.operations)."""
    from vigie.accounts.permissions import Capability, can

    return can(user, Capability.DISPATCH)


@register.filter
def works_in_unit(user: Any) -> bool:
    from vigie.accounts.permissions import Capability, can

    return can(user, Capability.WORK_DISPATCHES)


@register.simple_tag
def overdue_dispatch_count(user: Any) -> int:
    """The dispatches of the agent's cell whose acknowledgement is overdue (header badge)."""
    from vigie.operations.selectors import overdue_count

    return overdue_count(user.cell) if dispatches(user) else 0


@register.simple_tag
def unread_notification_count(user: Any) -> int:
    from vigie.notifications.selectors import unread_count

    return unread_count(user)


@register.filter
def figures_url(user: Any) -> str:
    """The header's « Chiffres » link: a cell's dashboard, or the national view; '' for the
    roles that read no figures."""
    from django.urls import reverse

    from vigie.accounts.permissions import Capability, can

    if can(user, Capability.READ_NATIONAL_FIGURES):
        return reverse("analytics:national")
    if can(user, Capability.READ_CELL_FIGURES):
        return reverse("analytics:dashboard")
    return ""
