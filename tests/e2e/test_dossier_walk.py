"""An analyst walks through a dossier: timeline, map, link chart, confirm, reject, merge, split,
and a watchlist alert, in Chromium. Reports come through `vigie reports import`, so dossiers
are formed by the real task path."""

from __future__ import annotations

import io
import json
import uuid
from pathlib import Path

from django.core.management import call_command

from tests.e2e.test_report_path import _agent_logs_in
from tests.factories import AgentFactory
from vigie.crossref.models import Dossier, DossierMember
from vigie.reports.models import Report

PHONE = "06 12 34 56 78"
PLATE = "AB-123-CD"


def _import(tmp_path: Path, rows: list[dict]) -> list[str]:
    path = tmp_path / f"{uuid.uuid4().hex}.jsonl"
    for row in rows:
        row.setdefault("submission_id", str(uuid.uuid4()))
        row.setdefault("category", "point_de_deal")
    path.write_text("\n".join(json.dumps(row) for row in rows), encoding="utf-8")
    call_command("reports", "import", str(path), "--no-progress", stdout=io.StringIO())
    return [Report.objects.get(submission_id=row["submission_id"]).reference for row in rows]


def _at(lat: float, lon: float, address: str) -> dict:
    return {"lat": lat, "lon": lon, "address": address, "place_kind": "rue"}


def _timeline(page) -> list[str]:
    """The references on the dossier's timeline, once the page holding it has loaded (count()
    does not wait: read right after a click it saw the list page, and CI found [])."""
    items = page.get_by_test_id("timeline-item")
    items.first.wait_for()
    return [items.nth(i).get_attribute("data-reference") for i in range(items.count())]


def _dossier_of(reference: str) -> int | None:
    member = DossierMember.objects.filter(report__reference=reference).first()
    return member.dossier_id if member else None


def test_an_analyst_walks_through_a_dossier(
    browser, live_server, doubs_geography, origin_guard, screenshots, tmp_path
):
    base_url = live_server.url
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
    vehicle = _import(
        tmp_path,
        [
            {
                "description": f"Une Clio grise {PLATE} fait des allers-retours au parking.",
                "location": _at(47.5100, 6.7980, "rue de Belfort, Montbéliard"),
            },
            {
                "description": "La même Clio grise ab 123 cd attend devant le tabac le soir.",
                "location": _at(47.4800, 6.8400, "avenue Foch, Audincourt"),
            },
        ],
    )
    first = Dossier.objects.get(pk=_dossier_of(network[0]))
    second = Dossier.objects.get(pk=_dossier_of(vehicle[0]))
    assert first.size == 3 and second.size == 2

    context, page = _agent_logs_in(browser, base_url, origin_guard, analyst.username)
    page.goto(base_url + "/cellule/dossiers/")
    page.get_by_test_id("dossier-table").get_by_role("link", name=first.label).click()

    # Timeline, map (our Leaflet, the département outline, one marker per own point), chart.
    assert sorted(_timeline(page)) == sorted(network)
    page.locator("#dossier-map[data-ready=true]").wait_for()
    assert page.locator("#dossier-map path.leaflet-interactive").count() == 3
    assert page.get_by_test_id("chart-node").count() == 3
    assert page.get_by_test_id("chart-edge").count() >= 2
    assert "+33612345678" in page.get_by_test_id("link-table").inner_text()
    screenshots.take(page, "dossier-1280")
    page.set_viewport_size({"width": 360, "height": 900})
    screenshots.take(page, "dossier-360")
    page.set_viewport_size({"width": 1280, "height": 900})

    # Confirm one link: kept whatever arrives.
    rows = page.get_by_test_id("link-row")
    confirmed = (rows.first.get_attribute("data-a"), rows.first.get_attribute("data-b"))
    rows.first.get_by_role("button", name="Confirmer").click()
    page.get_by_text("Lien confirmé").wait_for()
    # Reject another: the two reports leave each other.
    rows = page.get_by_test_id("link-row")
    other = next(
        rows.nth(i)
        for i in range(rows.count())
        if (rows.nth(i).get_attribute("data-a"), rows.nth(i).get_attribute("data-b")) != confirmed
    )
    rejected = (other.get_attribute("data-a"), other.get_attribute("data-b"))
    other.get_by_role("button", name="Rejeter").click()
    page.get_by_text("Lien rejeté").wait_for()
    assert _dossier_of(rejected[0]) != _dossier_of(rejected[1])
    kept = _timeline(page)
    assert len(kept) == 2
    screenshots.take(page, "dossier-after-reject")

    # Merge with the vehicle's dossier.
    page.get_by_label("Dossier à fusionner (ex. D-7KQ2MX)").fill(second.label)
    page.get_by_test_id("merge-form").get_by_role("button", name="Fusionner").click()
    page.get_by_text("fusionnés").wait_for()
    assert sorted(_timeline(page)) == sorted(kept + vehicle)
    screenshots.take(page, "dossier-merged")

    # Split the vehicle's reports back out.
    split = page.get_by_test_id("split-form")
    for reference in vehicle:
        split.locator("label", has_text=reference).click()
    split.get_by_role("button", name="Sortir ces signalements").click()
    page.get_by_text("Dossier scindé").wait_for()
    assert sorted(_timeline(page)) == sorted(kept)

    # A watchlist on a phone; a new report naming it raises an alert.
    page.goto(base_url + "/cellule/dossiers/surveillances/")
    page.get_by_label("Surveiller").select_option("phone")
    page.get_by_label("Plaque, téléphone ou compte").fill("07 77 66 55 44")
    page.get_by_test_id("watch-form").get_by_role("button", name="Surveiller").click()
    page.get_by_text("Surveillance enregistrée").wait_for()
    (alerted,) = _import(
        tmp_path,
        [
            {
                "description": "Nouveau numéro pour commander : 07 77 66 55 44.",
                "location": _at(47.2400, 6.0200, "rue Battant, Besançon"),
            }
        ],
    )
    page.goto(base_url + "/cellule/dossiers/")
    assert page.get_by_test_id("alert-badge").inner_text().strip() == "1"
    page.get_by_test_id("alert-badge").click()
    assert alerted in page.get_by_test_id("alerts").inner_text()
    screenshots.take(page, "dossier-watchlist")

    # The cell's map: counts per commune, filters.
    page.goto(base_url + "/cellule/dossiers/carte/")
    page.locator("#cell-map[data-ready=true]").wait_for()
    assert "6 signalements" in page.get_by_test_id("map-total").inner_text()
    screenshots.take(page, "dossier-map")
    assert origin_guard.foreign == []
    context.close()
