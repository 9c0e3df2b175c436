"""The receipt's QR code, drawn inline in the page."""

from __future__ import annotations

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from vigie.web.public.receipts import qr_svg

register = template.Library()


@register.simple_tag
def receipt_qr(reference: str, secret: str) -> SafeString:
    # segno writes only its own markup and escapes the title; the payload is drawn as
    # a path, never written as text (reviewed: bandit B308/B703, ruff S308, semgrep).
    svg = qr_svg(reference, secret)
    return mark_safe(svg)  # noqa: S308  # nosec B308 B703  # nosemgrep


@register.filter
def receipt_groups(code: str) -> SafeString:
    """A reference or secret drawn group by group: a line may break after a hyphen, never
    inside a group (a group split over two lines is copied wrong). The text is unchanged."""
    parts = ((group,) for group in code.split("-"))
    return format_html_join(
        SafeString("-<wbr>"),  # a constant: nothing of the caller's in it
        '<span class="vigie-receipt-group">{}</span>',
        parts,
    )
