"""Helpers of the page-chrome browser tests: page errors, documentation screenshots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.e2e.test_report_form import DESKTOP, PHONE, _next

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


def to_review(page: Any, base_url: str, *, description: str, live: Any = None) -> None:
    """The shortest path to the review step: a category, Besançon, then `description`;
    `live` runs on step 5 once the description is typed."""
    page.goto(base_url + "/signaler/")
    page.locator("label", has_text="Point de vente fixe (point de deal)").click()
    _next(page)
    page.get_by_label("Commune ou code postal").fill("Besançon")
    for title in ("Étape 3 sur 6", "Étape 4 sur 6", "Étape 5 sur 6"):
        _next(page)
        page.get_by_text(title).wait_for()
    page.get_by_label("Décrivez ce que vous avez vu").fill(description)
    if live:
        live()
    _next(page)
    page.get_by_text("Étape 6 sur 6").wait_for()
