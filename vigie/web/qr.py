"""QR codes drawn on our side as inline SVG (segno): no request, no data: URL, a title."""

from __future__ import annotations

import segno


def inline_qr_svg(text: str, *, title: str, svgclass: str) -> str:
    code = segno.make(text, error="m", micro=False)
    return str(
        code.svg_inline(
            scale=4, border=4, title=title, svgclass=svgclass, lineclass=None, omitsize=False
        )
    )
