"""Helpers of the page-chrome browser tests: page errors, documentation screenshots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.e2e.test_report_form import DESKTOP, PHONE

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTHS = {"360": PHONE, "1280": DESKTOP}


class PageErrors:
    """Every uncaught exception and console error of the pages of a browser context."""

    def __init__(self, context: Any) -> None:
        self.seen: list[str] = []
        for page in context.pages:
            self._watch(page)
        context.on("page", self._watch)

    def _watch(self, page: Any) -> None:
        page.on("pageerror", lambda error: self.seen.append(f"{page.url}: {error}"))
        page.on(
            "console",
            lambda message: (
                self.seen.append(f"{page.url}: console {message.text}")
                if message.type == "error"
                else None
            ),
        )


def document_screenshot(page: Any, name: str) -> None:
    DOCS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS / f"{name}.png"))
