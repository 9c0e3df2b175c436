"""Back-office pages of cross-referencing: scope (404), cross-border dossiers, query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.crossref.conftest import ELSEWHERE, line
from tests.factories import AgentFactory
from vigie.audit.models import AuditAction, AuditEvent
from vigie.crossref.models import Dossier, WatchAlert
from vigie.reports.models import Report

pytestmark = pytest.mark.django_db

DOUBS_TEXT = "Le guetteur du hall Schubert donne le 06 12 34 56 78 aux clients."
JURA_TEXT = "À Lons, un livreur en scooter noir, on le commande au 06 12 34 56 78."
JURA = {"commune": "39300", "address": "place de la Liberté"}


def _login(client, **traits):
    agent = AgentFactory(**traits)
    client.force_login(agent)
    return agent


@pytest.fixture
def cross_border(importer):
    rows = [line(DOUBS_TEXT), line(JURA_TEXT, location=JURA)]
    assert importer(rows).error is None
    return Dossier.objects.get(size=2)


def test_a_cross_border_dossier_is_shown_to_both_cells_each_with_its_own_contents(
    client, cross_border
):
    url = f"/cellule/dossiers/{cross_border.public_id}/"
    _login(client, analyst=True, departement="39")
    page = client.get(url).content.decode()
    assert "À Lons, un livreur en scooter noir" in page
    assert "Le guetteur du hall Schubert" not in page
    # The fact and the reasons of the link, for both.
    assert "+33612345678" in page or "06 12 34 56 78" in page
    assert "signalement d’une autre cellule (25)" in page
    client.logout()
    _login(client, analyst=True, departement="25")
    page = client.get(url).content.decode()
    assert "Le guetteur du hall Schubert" in page
    assert "À Lons, un livreur en scooter noir" not in page
    assert AuditEvent.objects.filter(action=AuditAction.VIEW_DOSSIER).count() == 2


def test_outside_its_scope_a_dossier_is_404_like_a_missing_one(client, importer):
    rows = [line(DOUBS_TEXT), line(DOUBS_TEXT.replace("Schubert", "Brahms"), location=ELSEWHERE[0])]
    assert importer(rows).error is None
    dossier = Dossier.objects.get(size=2)
    _login(client, analyst=True, departement="39")
    assert client.get(f"/cellule/dossiers/{dossier.public_id}/").status_code == 404
    missing = "00000000-0000-4000-8000-000000000000"
    assert client.get(f"/cellule/dossiers/{missing}/").status_code == 404
    for action in ("statut", "lien", "fusion", "scission"):
        assert client.post(f"/cellule/dossiers/{dossier.public_id}/{action}/").status_code == 404
    assert b"dossier-link" not in client.get("/cellule/dossiers/").content
    # The entity page of the other cell lists none of these reports, only how many there are.
    found = client.get("/cellule/dossiers/entite/", {"kind": "phone", "q": "0612345678"})
    assert b"VG-" not in found.content.split(b"entity-reports")[-1].split(b"</ul>")[0]
    client.logout()
    _login(client, national=True)
    assert client.get(f"/cellule/dossiers/{dossier.public_id}/").status_code == 200
    assert b"dossier-link" in client.get("/cellule/dossiers/").content


def test_unit_members_and_anonymous_visitors_see_nothing(client, cross_border):
    assert client.get("/cellule/dossiers/").status_code == 302  # to the login page
    _login(client, role="unit_member", cell=None)
    assert client.get("/cellule/dossiers/").status_code == 404
    assert client.get(f"/cellule/dossiers/{cross_border.public_id}/").status_code == 404


def test_the_entity_page_finds_a_plate_however_it_is_typed(client, importer):
    rows = [
        line("Une Clio grise AB-123-CD devant le hall."),
        line("Voiture immatriculée ab 123 cd, toujours là le soir.", location=ELSEWHERE[0]),
        line("Une voiture AB-12?-C? peut-être.", location=ELSEWHERE[1]),
    ]
    assert importer(rows).error is None
    _login(client, analyst=True)
    page = client.get("/cellule/dossiers/entite/", {"kind": "plate", "q": "Ab 123cd"})
    references = set(Report.objects.values_list("reference", flat=True))
    listed = {r for r in references if r in page.content.decode()}
    assert len(listed) >= 2


def test_a_watchlist_alerts_on_a_new_matching_report(client, importer):
    _login(client, analyst=True)
    client.post("/cellule/dossiers/surveillances/", {"kind": "phone", "value": "06 99 88 77 66"})
    assert importer([line("Rien à signaler de précis.")]).error is None
    assert WatchAlert.objects.count() == 0
    assert importer([line("Appeler le 0699887766 pour commander.")]).error is None
    assert WatchAlert.objects.count() == 1
    listing = client.get("/cellule/dossiers/").content.decode()
    assert 'data-testid="alert-badge">1<' in listing
    page = client.get("/cellule/dossiers/surveillances/").content.decode()
    assert page.count('data-testid="alert"') == 1
    assert 'data-testid="alert-badge">1<' in page  # a count, not the list of alerts
    assert WatchAlert.objects.filter(seen_at__isnull=True).count() == 0


def test_the_watch_form_keeps_what_was_typed_on_an_error(client):
    _login(client, analyst=True)
    response = client.post("/cellule/dossiers/surveillances/", {"kind": "area", "value": "AB"})
    assert response.status_code == 422
    assert "Une zone : latitude, longitude et rayon." in response.content.decode()


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_list_pages_cost_the_same_number_of_queries_whatever_their_length(client, importer):
    def dossiers(count: int, start: int) -> None:
        rows = []
        for i in range(start, start + count):
            phone = f"06 55 44 {i // 10}{i % 10} 11"
            # Points kilometres apart: each pair is linked by its phone only.
            lat = 47.0 + 0.05 * i
            rows += [
                line(f"Commande au {phone}.", location={"lat": lat, "lon": 6.2}),
                line(f"Livraison, appeler le {phone}.", location={"lat": lat, "lon": 6.35}),
            ]
        assert importer(rows).error is None

    _login(client, analyst=True)
    dossiers(2, 0)
    few = {
        url: _queries(client, url)
        for url in ("/cellule/dossiers/", "/cellule/dossiers/carte/donnees.json")
    }
    dossiers(8, 10)
    assert Dossier.objects.filter(size=2).count() == 10
    many = {url: _queries(client, url) for url in few}
    assert many == few


def test_the_back_office_header_leads_to_the_dossiers(client):
    _login(client, analyst=True)
    page = client.get("/cellule/").content.decode()
    assert 'data-testid="nav-dossiers"' in page and 'href="/cellule/dossiers/"' in page
