"""Offline commune outlines: drawn on the report map, and used to catch a point far from
the commune the citizen named."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from django.urls import reverse

from tests.process_support import python_as_make_run
from vigie.geo import reference

BOURGES = (47.0810, 2.3990)  # in the Cher
BESANCON_CENTRE = (47.2380, 6.0243)


def test_every_commune_with_a_point_has_an_outline_holding_most_of_them() -> None:
    communes = [c for c in reference.communes() if c.lat is not None]
    outlined = [c for c in communes if reference.commune_outline(c.code)]
    assert len(outlined) / len(communes) > 0.999
    besancon = reference.commune_outline("25056")
    assert besancon and reference.distance_to_commune_km("25056", *BESANCON_CENTRE) == 0.0


def test_the_distance_to_a_commune_is_measured_to_its_outline() -> None:
    far = reference.distance_to_commune_km("25056", *BOURGES)
    assert far is not None and 250 < far < 290  # Bourges–Besançon, minus half the commune
    # Just outside Besançon's eastern edge (Chalezeule), a few hundred metres at most.
    near = reference.distance_to_commune_km("25056", 47.262, 6.08)
    assert near is not None and near < 3
    assert reference.distance_to_commune_km("99999", *BOURGES) is None


def test_the_commune_holding_a_point_is_found_by_its_outline() -> None:
    found = reference.commune_for_point(*BOURGES)
    assert found is not None and (found.code, found.departement) == ("18033", "18")


@pytest.mark.django_db
def test_a_communes_outline_is_served_from_our_origin_and_cached(client) -> None:
    response = client.get(reverse("public:commune_geojson", args=["25056"]))
    assert response.status_code == 200
    feature = response.json()
    assert feature["properties"]["name"] == "Besançon"
    assert feature["properties"]["lat"] == pytest.approx(47.23673)
    assert feature["geometry"]["type"] == "MultiPolygon"
    assert "max-age=604800" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert client.get(reverse("public:commune_geojson", args=["00000"])).status_code == 404
    assert client.get("/carte/communes/..%2F..%2Fsecret.geojson").status_code == 404


def test_outlines_are_held_compactly() -> None:
    """Each process keeps the outlines of every département it has been asked about: all of
    France's, after a while on a national intake. As tuples of Python floats they took about
    110 bytes a point (94 MiB a process, found by bench/soak as RSS growing for as long as
    new départements came in); flat arrays of doubles take 16."""
    reference._commune_outlines.cache_clear()
    tracemalloc.start()
    try:
        outlines = reference._commune_outlines("25")
        held, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        reference._commune_outlines.cache_clear()
    points = sum(len(ring) for polygons in outlines.values() for p in polygons for ring in p)
    assert points > 5_000
    assert held / points < 45, f"{held / points:.0f} bytes a point"


def test_the_asgi_server_reads_every_outline_at_start_up(tmp_path: Path) -> None:
    """A server's memory is known from start-up, not grown by each new département a report
    comes from (bench/results/soak.md); the test settings leave it off, `make run`'s do not."""
    code = (
        "import config.asgi; from vigie.geo import reference as r; "
        "print(r._commune_outlines.cache_info().currsize, len(r.departements()))"
    )
    loaded, departements = map(int, python_as_make_run(tmp_path, code).split())
    assert loaded == departements == 101
