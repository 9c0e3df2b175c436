"""A stolen database lists no plate, phone or handle in clear: every column of every table,
read as bytes after reports naming known markers went through import, linking, a watchlist,
an entity search and dossier notes."""

from __future__ import annotations

import pytest

from tests.crossref.conftest import ELSEWHERE, line
from tests.database_support import every_cell
from tests.factories import AgentFactory
from vigie.crossref.models import Dossier, EntityToken, Link
from vigie.reports.models import Report

pytestmark = pytest.mark.django_db

MARKERS = [
    "GH-456-JK",
    "GH456JK",
    "GH 456 JK",
    "GH-45?-J?",
    "GH45",
    "0698765432",
    "06 98 76 54 32",
    "+33698765432",
    "33698765432",
    "698765432",
    "dealer_doubs_25",
    "livreur.besak",
]


def _every_byte_in_the_database() -> list[tuple[str, bytes]]:
    return [(table, raw.lower()) for table, raw in every_cell()]


def test_a_stolen_database_names_no_plate_phone_or_handle(importer, client):
    rows = [
        line(
            "Une Clio grise gh 456 jk stationne devant le hall, le vendeur répond au "
            "06 98 76 54 32 et sur snap dealer_doubs_25.",
            identifiers=[{"kind": "telegram", "value": "@livreur.besak"}],
        ),
        line(
            "Le livreur passe en Clio grise GH-456-JK, commande au +33 6 98 76 54 32.",
            location=ELSEWHERE[0],
        ),
        line(
            "Une voiture grise, plaque GH-45?-J? d'après ce que j'ai vu, snap dealer_doubs_25.",
            vehicles=[{"kind": "voiture", "colour": "grise", "plate": "GH-45?-J?"}],
            location=ELSEWHERE[1],
        ),
    ]
    assert importer(rows).error is None
    assert Link.objects.exists() and EntityToken.objects.exists()
    agent = AgentFactory(analyst=True)
    client.force_login(agent)
    response = client.post(
        "/cellule/dossiers/surveillances/", {"kind": "plate", "value": "GH-456-JK"}
    )
    assert response.status_code == 302
    assert (
        client.get("/cellule/dossiers/entite/", {"kind": "phone", "q": "0698765432"}).status_code
        == 200
    )
    dossier = Dossier.objects.filter(size__gt=1).get()
    client.post(
        f"/cellule/dossiers/{dossier.public_id}/statut/",
        {"status": "sous_surveillance", "notes": "Clio GH-456-JK, tel 0698765432"},
    )
    dossier.refresh_from_db()
    assert dossier.status == "sous_surveillance" and dossier.sealed_notes

    leaks = [
        (table, marker)
        for table, raw in _every_byte_in_the_database()
        for marker in MARKERS
        if marker.lower().encode() in raw
    ]
    assert leaks == []


def test_the_check_sees_a_marker_written_in_clear(importer):
    """The dump reads every table: a value stored in clear would be found."""
    assert importer([line("Vente au hall.")]).error is None
    EntityToken.objects.create(report=Report.objects.get(), kind="plate", token="GH-456-JK")
    assert any(b"gh-456-jk" in raw for _table, raw in _every_byte_in_the_database())
