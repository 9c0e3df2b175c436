"""The triage list shows the dossier each report joined, in Chromium at 1280 and 360 px (the
table stacks its cells on a phone); the link leads to the dossier page. Reports come through
`vigie reports import`, so the dossier is formed by the real linking path."""

from __future__ import annotations

from tests.e2e.test_dossier_walk import PHONE, _at, _import
from tests.e2e.test_report_path import _agent_logs_in
from tests.factories import AgentFactory
from vigie.crossref.models import DossierMember
from vigie.reports.models import Report


def test_the_triage_list_leads_from_a_report_to_its_dossier(
    browser, live_server, doubs_geography, origin_guard, screenshots, axe, tmp_path
):
    analyst = AgentFactory(analyst=True, departement="25", username="analyste.doubs")
    network = _import(
        tmp_path,
        [
            {
                "description": f"Livraison à domicile le soir, on commande au {PHONE}.",
                "location": _at(47.2380, 6.0243, "rue de Dole, Besançon"),
            },
            {
                "description": f"Un livreur en scooter noir, numéro {PHONE} sur les affiches.",
                "location": _at(47.2470, 6.0300, "avenue de Montrapon, Besançon"),
            },
            {
                "description": "Mon voisin commande au 06.12.34.56.78, livré en 20 minutes.",
                "location": _at(47.2290, 6.0050, "rue de Vesoul, Besançon"),
            },
        ],
    )
    (lone,) = _import(
        tmp_path,
        [
            {
                "description": "Des jeunes traînent le soir près du stade, ça sent le cannabis.",
                "location": _at(47.5100, 6.7980, "rue de Belfort, Montbéliard"),
            }
        ],
    )
    dossier = DossierMember.objects.get(report__reference=network[0]).dossier
    assert dossier.size == 3

    context, page = _agent_logs_in(browser, live_server.url, origin_guard, analyst.username)
    page.goto(live_server.url + "/cellule/")
    table = page.get_by_test_id("triage-table")
    rows = table.locator("tbody tr")
    assert rows.count() == 4
    links = table.get_by_test_id("joined-dossier")
    assert links.count() == 3
    assert links.first.inner_text() == dossier.label
    assert "3 signalements" in table.inner_text()
    # The three reports of the dossier go before the lone one at equal score (+10 each).
    order = [rows.nth(i).locator("td").first.inner_text().split()[0] for i in range(4)]
    scores = {r.reference: r.score for r in Report.objects.all()}
    if all(scores[ref] >= scores[lone] - 10 for ref in network):
        assert order[-1] == lone
    assert "score de l’analyse" in page.get_by_test_id("triage-order").inner_text()
    axe.check(page, "triage with dossiers")
    screenshots.take(page, "triage-dossiers-1280")
    page.set_viewport_size({"width": 360, "height": 900})
    screenshots.take(page, "triage-dossiers-360")
    # Stacked on a phone: no horizontal scroll.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    page.set_viewport_size({"width": 1280, "height": 900})
    links.first.click()
    page.wait_for_url(f"**/cellule/dossiers/{dossier.public_id}/")
    assert dossier.label in page.content()
    assert origin_guard.foreign == []
    context.close()
