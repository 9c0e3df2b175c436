"""`vigie reports import` and `vigie dossiers export`."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest

from tests.crossref.conftest import ELSEWHERE, export, line
from vigie.crossref.models import Dossier, DossierMember, EntityToken, Link
from vigie.reports.models import Report
from vigie.reports.selectors import report_content

pytestmark = pytest.mark.django_db


def test_import_stores_links_and_is_idempotent(importer):
    rows = [
        line("Vente au hall, le guetteur donne le 06 12 34 56 78 aux clients."),
        line("Livraison à domicile, commande au 06.12.34.56.78 le soir.", location=ELSEWHERE[0]),
        line("Rien à voir : un attroupement bruyant place Flore.", location=ELSEWHERE[1]),
    ]
    first = importer(rows)
    assert first.error is None, first.stderr
    assert "3 enregistrés, 0 déjà présents, 0 refusés" in first.stdout
    assert Report.objects.count() == 3
    assert Link.objects.count() == 1
    assert DossierMember.objects.count() == 2
    tokens = EntityToken.objects.count()

    again = importer(rows)
    assert again.error is None
    assert "0 enregistrés, 3 déjà présents, 0 refusés" in again.stdout
    assert Report.objects.count() == 3
    assert EntityToken.objects.count() == tokens
    assert Dossier.objects.filter(size__gt=0).count() == 1


def test_a_bad_line_is_reported_with_its_number_and_the_rest_goes_on(importer):
    rows = [
        line("Vente devant le hall tous les soirs, un homme en doudoune rouge."),
        "{pas du json",
        line("Vente au parking", location={"commune": "99999"}),
        line(""),
        line("Deal au square, appeler le 07 11 22 33 44.", received_at="2024-03-05T18:42:10+01:00"),
    ]
    result = importer(rows)
    assert result.error is not None and result.error.returncode == 1
    assert "2 enregistrés, 0 déjà présents, 3 refusés" in result.stdout
    assert "ligne 2 refusée : JSON illisible" in result.stderr
    assert "ligne 3 refusée : location.commune" in result.stderr
    assert "ligne 4 refusée : description" in result.stderr
    migrated = Report.objects.get(submission_id=rows[4]["submission_id"])
    # The original date is kept, to the hour like every report's.
    assert migrated.received_at == datetime(2024, 3, 5, 17, 0, tzinfo=UTC)


def test_received_at_in_the_future_or_unreadable_is_refused(importer):
    result = importer(
        [
            line("Vente au hall.", received_at="2999-01-01T00:00:00+00:00"),
            line("Vente au hall.", received_at="hier soir"),
        ]
    )
    assert result.error is not None
    assert "ligne 1 refusée : received_at" in result.stderr
    assert "ligne 2 refusée : received_at" in result.stderr
    assert Report.objects.count() == 0


def test_export_shape(importer):
    shared = "Le vendeur a un compte snapchat menu_25 et une Clio AB-123-CD."
    rows = [
        line(shared),
        line("Même Clio grise immatriculée AB 123 CD, tous les soirs.", location=ELSEWHERE[0]),
        line("Un homme seul fume sur un banc, rien de plus.", location=ELSEWHERE[1]),
    ]
    assert importer(rows).error is None
    dossiers = export()
    assert len(dossiers) == 2
    grouped = next(d for d in dossiers if not d["lone"])
    lone = next(d for d in dossiers if d["lone"])
    assert set(grouped) >= {"id", "status", "submission_ids", "references", "entities", "links"}
    assert sorted(grouped["submission_ids"]) == sorted(r["submission_id"] for r in rows[:2])
    assert grouped["status"] == "actif"
    assert "AB-123-CD" in grouped["entities"]["plates"]
    (link,) = grouped["links"]
    assert {link["a"], link["b"]} == set(grouped["references"])
    assert "same_plate" in link["rules"]
    assert any("AB-123-CD" in evidence for evidence in link["evidence"])
    assert 0 < link["weight"] <= 1
    assert lone["submission_ids"] == [rows[2]["submission_id"]]
    assert lone["links"] == []
    uuid.UUID(grouped["id"])
    json.dumps(dossiers)  # plain JSON


def test_export_by_departement(importer):
    rows = [
        line("Vente au hall, téléphone 06 12 34 56 78."),
        line(
            "Vente à Lons, téléphone 06 12 34 56 78.",
            location={"commune": "39300", "address": "place de la Liberté"},
        ),
        line("Vente à Dole, un homme en survêtement.", location={"commune": "39198"}),
    ]
    assert importer(rows).error is None
    jura = export("39")
    # The cross-border dossier is in both départements' exports, the lone Doubs report is not.
    assert len(jura) == 2
    assert {len(d["references"]) for d in jura} == {2, 1}
    assert len(export("25")) == 1


def test_import_accepts_synonyms_of_place_kind_and_risks_and_names_unknown_ones(importer):
    garage = line("Vente au garage le soir.", risks=["mineurs"])
    garage["location"] = {**garage["location"], "place_kind": "garage"}
    unknown = line("Vente au hall.")
    unknown["location"] = {**unknown["location"], "place_kind": "soucoupe"}
    result = importer([garage, unknown])
    assert "1 enregistrés, 0 déjà présents, 1 refusés" in result.stdout
    assert "ligne 2" in result.stdout + result.stderr
    assert "location.place_kind" in result.stdout + result.stderr
    assert Report.objects.get().source == "import"
    content = report_content(Report.objects.get())
    assert (content.place_kind, content.risks) == ("parking", ("enfants",))
