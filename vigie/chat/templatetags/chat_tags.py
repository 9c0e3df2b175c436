"""The back-office navigation shows how many citizens wait in the agent's département."""

from __future__ import annotations

from typing import Any

from django import template

from vigie.chat.selectors import waiting_count

register = template.Library()


@register.simple_tag
def chat_waiting_count(user: Any) -> int | None:
    """None for anyone who does not work in a cell (no link is shown then)."""
    if not getattr(user, "is_authenticated", False) or not user.works_in_a_cell:
        return None
    return waiting_count(departement_code=user.cell.departement_id)
