"""The offline reference geography (vigie.geo.reference) and its generated data files."""

from __future__ import annotations

import hashlib
import re

import pytest

from vigie.geo import reference


def test_counts() -> None:
    communes = reference.communes()
    assert 34_500 < len(communes) < 35_200
    assert len({c.code for c in communes}) == len(communes)
    deps = {d.code for d in reference.departements()}
    assert len(deps) == 101
    assert {"2A", "2B", "971", "972", "973", "974", "976"} <= deps
    assert "20" not in deps and "975" not in deps
    assert all(c.departement in deps for c in communes)
    assert {c.departement for c in communes} == deps


def test_missing_coordinates_are_few_and_explicit() -> None:
    missing = [c for c in reference.communes() if c.lat is None or c.lon is None]
    assert len(missing) < 20
    assert all(c.lat is None and c.lon is None and c.coord_source == "" for c in missing)
    with_coords = [c for c in reference.communes() if c.lat is not None]
    assert all(c.coord_source in {"mairie", "centroid", "surface", "former"} for c in with_coords)


def test_known_values() -> None:
    besancon = reference.commune_by_code("25056")
    assert besancon is not None
    assert besancon.name == "Besançon" and besancon.departement == "25"
    assert besancon.population > 100_000
    assert "25000" in besancon.postcodes
    ajaccio = reference.commune_by_code("2A004")
    assert ajaccio is not None and ajaccio.name == "Ajaccio"
    assert reference.departement_for_commune("2A004") == "2A"
    assert reference.departement_for_commune("97411") == "974"
    assert reference.departement_for_commune("99999") is None
    doubs = reference.departement_by_code("25")
    assert doubs is not None
    assert doubs.name == "Doubs" and doubs.region == "Bourgogne-Franche-Comté"
    assert doubs.chef_lieu == "25056"


def test_paris_lyon_marseille_arrondissements_fold_into_their_commune() -> None:
    assert reference.commune_by_code("75111") == reference.commune_by_code("75056")
    assert reference.departement_for_commune("69381") == "69"
    assert reference.departement_for_commune("13216") == "13"
    paris = reference.commune_by_code("75056")
    assert paris is not None and {"75011", "75116"} <= set(paris.postcodes)


def test_commune_coordinates_lie_in_their_own_departement() -> None:
    placed = [c for c in reference.communes() if c.lat is not None and c.lon is not None]
    deps = {d.code: d for d in reference.departements()}
    inside = sum(
        1
        for c in placed
        if reference._in_polygons(c.lon, c.lat, deps[c.departement].polygons)  # type: ignore[arg-type]
    )
    assert inside / len(placed) > 0.995  # measured 99.77 % at build time


def test_coordinates_resolve_to_their_departement() -> None:
    placed = [c for c in reference.communes() if c.lat is not None and c.lon is not None]
    sample = placed[::50]
    right = sum(
        1
        for c in sample
        if reference.departement_for_point(c.lat, c.lon) == c.departement  # type: ignore[arg-type]
    )
    assert right / len(sample) > 0.995


@pytest.mark.parametrize(
    ("lat", "lon", "expected"),
    [
        (47.2378, 6.0241, "25"),  # Besançon, centre
        (46.9670, 5.7860, "39"),  # Jura side of the Doubs/Jura border, near Dampierre
        (47.0250, 5.8950, "25"),  # Doubs side of the same border, near Saint-Vit
        (48.8566, 2.3522, "75"),  # Paris, Notre-Dame
        (41.9192, 8.7386, "2A"),  # Ajaccio
        (42.6973, 9.4509, "2B"),  # Bastia
        (16.2411, -61.5331, "971"),  # Pointe-à-Pitre
        (-20.8821, 55.4504, "974"),  # Saint-Denis de La Réunion
        (-12.7806, 45.2279, "976"),  # Mamoudzou
        (40.0, -30.0, None),  # middle of the Atlantic
        (51.5074, -0.1278, None),  # London
        (0.0, 0.0, None),
    ],
)
def test_point_to_departement(lat: float, lon: float, expected: str | None) -> None:
    assert reference.departement_for_point(lat, lon) == expected


def test_point_just_off_the_coast_uses_the_nearest_commune() -> None:
    # Offshore of Marseille's Vieux-Port, outside the simplified coastline.
    assert reference.departement_for_point(43.2800, 5.3300) == "13"


def test_search_ranking() -> None:
    assert reference.search_communes("besan")[0].code == "25056"
    assert reference.search_communes("BESANÇON")[0].code == "25056"
    assert reference.search_communes("st etienne")[0].code == "42218"
    assert reference.search_communes("saint-etienne")[0].code == "42218"
    assert reference.search_communes("Saint Étienne du R")[0].code == "76575"
    results = reference.search_communes("saint", limit=5)
    populations = [c.population for c in results]
    assert populations == sorted(populations, reverse=True) and len(results) == 5
    assert reference.search_communes("25000")[0].code == "25056"
    assert reference.search_communes("25056")[0].code == "25056"
    assert reference.search_communes("2a004")[0].code == "2A004"
    assert reference.search_communes("abergement-clem")[0].code == "01001"  # article skipped
    assert reference.search_communes("") == []
    assert reference.search_communes("zzzz") == []


@pytest.mark.parametrize("text", ["Besançon", "25000", "25056", "Besançon (25)", "25000 Besançon"])
def test_parse_commune_input(text: str) -> None:
    assert reference.parse_commune_input(text)[0].code == "25056"


def test_parse_commune_input_filters_by_departement() -> None:
    assert [c.code for c in reference.parse_commune_input("Saint-Denis (974)")] == ["97411"]
    assert reference.parse_commune_input("Saint-Denis (93)")[0].code == "93066"
    assert reference.parse_commune_input("Besançon (39)") == []
    assert reference.parse_commune_input("   ") == []


def test_geojson() -> None:
    collection = reference.departements_geojson()
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 101
    feature = reference.departement_geojson("2A")
    assert feature is not None
    assert feature["properties"]["name"] == "Corse-du-Sud"
    assert feature["geometry"]["type"] == "MultiPolygon"
    lon, lat = feature["geometry"]["coordinates"][0][0][0]
    assert 8 < lon < 10 and 41 < lat < 43
    assert reference.departement_geojson("20") is None


def test_provenance_checksums_match_the_data_files() -> None:
    provenance = (reference.DATA_DIR / "PROVENANCE.md").read_text(encoding="utf-8")
    recorded = dict(re.findall(r"^\| (\S+) \| `([0-9a-f]{64})` \|$", provenance, re.MULTILINE))
    assert set(recorded) == {"communes.csv.gz", "departements.json"}
    for name, digest in recorded.items():
        assert hashlib.sha256((reference.DATA_DIR / name).read_bytes()).hexdigest() == digest


def test_data_files_stay_small() -> None:
    sizes = {p.name: p.stat().st_size for p in reference.DATA_DIR.iterdir()}
    assert sizes["departements.json"] < 400_000
    assert sum(sizes.values()) < 3_000_000
