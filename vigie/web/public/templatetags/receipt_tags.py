"""The receipt's QR code, drawn inline in the page."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from vigie.web.public.receipts import qr_svg

register = template.Library()


@register.simple_tag
def receipt_qr(reference: str, secret: str) -> SafeString:
    # segno writes only its own markup and escapes the title; the payload is drawn as
    # a path, never written as text.
    return mark_safe(qr_svg(reference, secret))  # noqa: S308  # generated SVG, see above
