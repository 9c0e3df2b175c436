"""Browser tests: Debian's Chromium driven by Playwright; screenshots in test-artifacts/."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import require

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

# Playwright's sync API keeps an event loop in this thread; the ORM calls made by the test
# itself between browser steps are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.e2e)
            # One xdist worker runs all browser tests: one Chromium at a time on 2 cores.
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    available = Path(CHROMIUM).exists() or shutil.which("chromium") is not None
    require("Debian's Chromium (/usr/bin/chromium)", available=available)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class Screenshots:
    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(self, page: Any, name: str) -> Path:
        path = ARTIFACTS / f"{self.prefix}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def screenshots(request: pytest.FixtureRequest) -> Screenshots:
    return Screenshots(request.node.name.removeprefix("test_"))


class OriginGuard:
    """Records every request a page makes that leaves the server's origin."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.foreign: list[str] = []

    def watch(self, context: Any) -> None:
        context.on("request", self._seen)

    def _seen(self, request: Any) -> None:
        url = request.url
        if not (url.startswith(self.origin) or url.startswith(("data:", "blob:"))):
            self.foreign.append(url)


@pytest.fixture
def origin_guard(live_server: Any) -> OriginGuard:
    return OriginGuard(live_server.url)


AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


class Axe:
    """axe-core injected in the page; `check` fails on any serious or critical violation."""

    def check(self, page: Any, name: str = "") -> list[dict[str, Any]]:
        from playwright.sync_api import Error

        try:
            page.add_script_tag(path=str(AXE_SCRIPT))
        except Error:
            # Our CSP ('self' only) refuses the injected inline script tag: evaluate the
            # same file through the DevTools protocol instead, which CSP does not govern.
            page.evaluate(AXE_SCRIPT.read_text() + "\n;undefined")
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        blocking = [
            {
                "rule": violation["id"],
                "impact": violation["impact"],
                "help": violation["help"],
                "nodes": [node["target"] for node in violation["nodes"]][:5],
            }
            for violation in result["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        assert blocking == [], f"{name or page.url}: {blocking}"
        return list(result["violations"])


@pytest.fixture
def axe() -> Axe:
    """Accessibility check for any page (JavaScript must be enabled in its context)."""
    require("axe-core (npm install)", available=AXE_SCRIPT.exists())
    return Axe()
