"""place_kind and risks accept common synonyms, stored as the canonical value; unknown words
are still refused with their precise error."""

from __future__ import annotations

import pytest

from tests.api.conftest import errors_of, post_json, report_payload
from vigie.reports.models import Report
from vigie.reports.selectors import report_content
from vigie.reports.synonyms import canonical_place_kind, canonical_risk

URL = "/api/v1/reports"


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("garage", "parking"),
        ("entree_immeuble", "hall"),
        ("Entrée d'immeuble", "hall"),
        ("entrée", "hall"),
        ("cave", "cage_escalier"),
        ("ecole", "etablissement_scolaire"),
        ("Collège", "etablissement_scolaire"),
        ("lycée", "etablissement_scolaire"),
        ("gare", "transport"),
        ("arrêt de bus", "transport"),
        ("bar", "commerce"),
        ("restaurant", "commerce"),
        ("appartement", "logement"),
        ("maison", "logement"),
        ("HALL", "hall"),
        ("cage-escalier", "cage_escalier"),
    ],
)
def test_place_kind_synonyms(typed: str, canonical: str) -> None:
    assert canonical_place_kind(typed) == canonical


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [("mineurs", "enfants"), ("arme", "armes"), ("Armes à feu", "armes"),
     ("violence", "violences"), ("représailles", "menaces_temoin"), ("Enfants", "enfants")],
)  # fmt: skip
def test_risk_synonyms(typed: str, canonical: str) -> None:
    assert canonical_risk(typed) == canonical


def test_unknown_words_are_left_as_typed_for_the_enumeration_to_refuse() -> None:
    assert canonical_place_kind("soucoupe volante") == "soucoupe volante"
    assert canonical_risk("pluie") == "pluie"
    assert canonical_place_kind(12) == 12


def test_the_api_stores_the_canonical_values(api) -> None:
    payload = report_payload(risks=["mineurs", "arme"])
    payload["location"]["place_kind"] = "garage"
    response = post_json(api, URL, payload)

    assert response.status_code == 201, response.content
    content = report_content(Report.objects.get(submission_id=payload["submission_id"]))
    assert content.place_kind == "parking"
    assert content.risks == ("enfants", "armes")


def test_an_unknown_place_kind_or_risk_is_still_a_precise_422(api) -> None:
    payload = report_payload(risks=["enfants", "pluie"])
    payload["location"]["place_kind"] = "soucoupe"
    response = post_json(api, URL, payload)

    assert response.status_code == 422
    fields = {error["field"]: error for error in errors_of(response)}
    assert "location.place_kind" in fields and "risks.1" in fields
    assert "Valeur inconnue" in fields["location.place_kind"]["message"]
    assert Report.objects.count() == 0


def test_the_openapi_document_lists_the_synonyms(api) -> None:
    schemas = api.get("/api/v1/openapi.json").json()["components"]["schemas"]
    place_kind = schemas["LocationIn"]["properties"]["place_kind"]
    assert place_kind["x-synonyms"]["garage"] == "parking"
    assert "entree_immeuble" in place_kind["description"]
    risks = schemas["ReportIn"]["properties"]["risks"]
    assert risks["x-synonyms"]["mineurs"] == "enfants"
    assert "mineurs" in risks["description"]
