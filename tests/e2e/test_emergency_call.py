"""« Appelez le 17 »: the most important button of the product, whole, first and large, on a
phone and on a desktop, with and without JavaScript. Screenshots go to docs/screenshots/.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.chrome import WIDTHS, document_screenshot, to_review
from tests.e2e.test_report_form import EMERGENCY, PHONE, _no_horizontal_scroll


def _assert_the_17_comes_first_in_full(page: Any) -> None:
    alert = page.get_by_test_id("emergency")
    alert.wait_for(state="visible")
    facts = alert.evaluate(
        """(alert) => {
          const links = [...alert.querySelectorAll('a[href^="tel:"], a[href^="sms:"]')];
          const first = links[0];
          const box = first.getBoundingClientRect();
          return {
            hrefs: links.map((link) => link.getAttribute('href')),
            text: first.innerText.trim(),
            width: box.width, height: box.height,
            clipped: first.scrollWidth > first.clientWidth + 1,
            fontSize: parseFloat(getComputedStyle(first).fontSize),
            others: links.slice(1).map((link) => ({
              top: link.getBoundingClientRect().top,
              fontSize: parseFloat(getComputedStyle(link).fontSize),
            })),
            top: box.top,
          };
        }"""
    )
    assert facts["hrefs"][:3] == ["tel:17", "tel:112", "sms:114"], facts
    assert "17" in facts["text"] and len(facts["text"]) > len("17 "), facts  # a label, not an icon
    assert not facts["clipped"], facts
    assert facts["width"] >= 150, facts
    assert facts["height"] >= 48, facts  # DSFR's large button (3rem)
    assert facts["fontSize"] >= 18, facts
    # First on screen too: nothing of 112 and 114 above it, and larger than they are.
    assert all(other["top"] > facts["top"] for other in facts["others"]), facts
    assert all(other["fontSize"] < facts["fontSize"] for other in facts["others"]), facts


@pytest.mark.parametrize("javascript", [False, True], ids=["nojs", "js"])
def test_the_17_is_a_full_large_first_tel_link_at_360_and_1280(
    browser, live_server, doubs_geography, origin_guard, screenshots, javascript
) -> None:
    context = browser.new_context(java_script_enabled=javascript, locale="fr-FR", viewport=PHONE)
    origin_guard.watch(context)
    page = context.new_page()

    def live_warning() -> None:  # written by the coach's script as the citizen types
        for width, viewport in WIDTHS.items():
            page.set_viewport_size(viewport)
            _assert_the_17_comes_first_in_full(page)
            screenshots.take(page, f"live-{width}")

    live = live_warning if javascript else None
    to_review(page, live_server.url, description=EMERGENCY, live=live)
    for width, viewport in WIDTHS.items():
        page.set_viewport_size(viewport)
        _assert_the_17_comes_first_in_full(page)
        _no_horizontal_scroll(page)
        screenshots.take(page, f"{width}")
        if javascript:
            page.evaluate("() => window.scrollTo(0, 0)")
            document_screenshot(page, f"emergency-{width}")
    context.close()
    assert origin_guard.foreign == []
