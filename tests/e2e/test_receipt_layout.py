"""The receipt on a phone: the reference and the secret break between their groups, never
inside one (a group split over two lines is copied wrong)."""

from __future__ import annotations

import re

from tests.e2e.chrome import to_review
from tests.e2e.test_report_form import DESCRIPTION, PHONE, _no_horizontal_scroll

GROUP_LINES = """(element) => {
  const nodes = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
  const where = [];
  let full = "";
  nodes.forEach((node) => {
    for (let index = 0; index < node.data.length; index += 1) where.push([node, index]);
    full += node.data;
  });
  const groups = [];
  for (const match of full.matchAll(/[A-Z0-9]+/g)) {
    const range = document.createRange();
    const [startNode, startOffset] = where[match.index];
    const [endNode, endOffset] = where[match.index + match[0].length - 1];
    range.setStart(startNode, startOffset);
    range.setEnd(endNode, endOffset + 1);
    const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
    groups.push([match[0], lines.size]);
  }
  return groups;
}"""


def test_the_secret_breaks_between_groups_at_360(
    browser, live_server, doubs_geography, origin_guard, screenshots
) -> None:
    context = browser.new_context(java_script_enabled=False, locale="fr-FR", viewport=PHONE)
    origin_guard.watch(context)
    page = context.new_page()
    to_review(page, live_server.url, description=DESCRIPTION)
    page.get_by_role("button", name="Envoyer le signalement").click()
    secret = page.get_by_test_id("secret")
    assert re.fullmatch(r"(\w{4}-){6}\w{4}", secret.inner_text().strip())  # copied as shown
    groups = secret.evaluate(GROUP_LINES)
    assert len(groups) == 7
    assert [group for group, lines in groups if lines != 1] == [], groups
    reference = page.get_by_test_id("reference").evaluate(GROUP_LINES)
    assert [group for group, lines in reference if lines != 1] == [], reference
    _no_horizontal_scroll(page)
    screenshots.take(page, "360")
    context.close()
    assert origin_guard.foreign == []
