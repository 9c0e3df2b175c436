"""Presentation helpers shared by the citizen site and the back office."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def unbroken(value: Any) -> str:
    """An identifier kept on one line (« VG-6MS2-KWRQ », « T-7KQ2MX »): a phone broke it at
    a hyphen, « VG- » at the end of a heading's line and the rest on the next."""
    return format_html('<span class="vigie-nowrap">{}</span>', value)
