"""The text of the brief's pages as WeasyPrint laid them out, page by page.

The PDF itself is read by pypdf when it is installed (see test_exports); this reads the same
pages one step earlier, so the contents are checked on every machine."""

from __future__ import annotations

from typing import Any


def pages_text(document: Any) -> list[str]:
    from weasyprint.formatting_structure.boxes import TextBox

    pages = []
    for page in document.pages:
        words = [box.text for box in page._page_box.descendants() if isinstance(box, TextBox)]
        pages.append(" ".join(words))
    return pages
