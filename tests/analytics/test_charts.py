"""The SVG charts draw the figures they are given, name themselves and escape every label."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from django.template.loader import render_to_string

from tests.analytics.figures_fixture import doubs_october_2026
from vigie.analytics import charts
from vigie.analytics.figures import CommuneCount, Count, SeriesPoint
from vigie.geo import reference

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # noqa: S314 — our own output
    assert root.tag == f"{SVG}svg"
    assert root.get("role") in {"img", "group"}
    assert root.get("focusable") == "false" and root.get("width") == "100%"
    title_id, desc_id = root.get("aria-labelledby", "").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}desc").get("id") == desc_id
    return root


def _points(values: list[int]) -> list[SeriesPoint]:
    start = date(2026, 8, 3)
    return [
        SeriesPoint(start + timedelta(weeks=i), start + timedelta(weeks=i + 1), f"S{32 + i}",
                    v, v // 2)
        for i, v in enumerate(values)
    ]  # fmt: skip


def test_bar_heights_are_proportional_to_values() -> None:
    root = _parse(charts.bar_series(_points([10, 20, 40]), title="Par semaine"))
    bars = root.findall(f".//{SVG}g[@class='bar']")
    heights = [float(b.find(f"{SVG}rect[@class='bar-total']").get("height")) for b in bars]
    assert heights[1] == pytest.approx(2 * heights[0]) and heights[2] == pytest.approx(
        4 * heights[0]
    )
    exploitable = [
        float(b.find(f"{SVG}rect[@class='bar-exploitable']").get("height")) for b in bars
    ]
    assert exploitable == pytest.approx([h / 2 for h in heights])
    assert root.find(f"{SVG}title").text == "Par semaine"
    assert root.find(f"{SVG}desc").text == "40 signalements en S34, contre 20 en S33."


def test_bar_labels_are_thinned_when_crowded_and_the_last_is_kept() -> None:
    root = _parse(charts.bar_series(_points(list(range(1, 61))), title="Soixante semaines"))
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "x-label"]
    assert 5 <= len(labels) < 60
    assert labels[-1] == "S91"


def test_nice_ticks() -> None:
    assert charts.nice_ticks(42) == [0, 20, 40, 60]
    assert charts.nice_ticks(100) == [0, 50, 100]
    assert charts.nice_ticks(3) == [0, 1, 2, 3]


def test_hbars_widths_previous_marker_and_escaped_labels() -> None:
    items = doubs_october_2026().by_category
    svg = charts.hbars(items, title="Catégories <script>")
    assert "<script>" not in svg and "<b>" not in svg
    root = _parse(svg)
    assert root.find(f"{SVG}title").text == "Catégories <script>"
    groups = root.findall(f".//{SVG}g[@class='hbar']")
    widths = [float(g.find(f"{SVG}rect[@class='hbar-value']").get("width")) for g in groups]
    assert widths[1] / widths[0] == pytest.approx(41 / 88, abs=0.01)
    labels = [g.find(f"{SVG}text").text for g in groups]
    assert labels[2].startswith("Guetteurs <b>et</b>")  # text, not markup; shortened
    assert groups[2].find(f"{SVG}title").text.startswith("Guetteurs <b>et</b> rabatteurs :")
    markers = [float(g.find(f"{SVG}rect[@class='hbar-previous']").get("x")) for g in groups]
    assert markers[0] > markers[1]  # 70 then 44


def test_symbol_sizes_are_monotone_and_largest_named() -> None:
    figures = doubs_october_2026()
    root = _parse(
        charts.departement_symbol_map(
            reference.departement_geojson("25"), figures.by_commune, title="Communes"
        )
    )
    circles = root.findall(f".//{SVG}circle[@class='symbol']")
    pairs = sorted((int(c.get("data-value")), float(c.get("r"))) for c in circles)
    assert [v for v, _ in pairs] == [8, 14, 27, 41, 96]  # Bavans (0 this period) not drawn
    radii = [r for _, r in pairs]
    assert radii == sorted(radii) and radii[-1] / radii[-2] == pytest.approx(
        (96 / 41) ** 0.5, abs=1e-3
    )
    names = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "symbol-label"]
    assert "Besançon (96)" in names
    assert root.find(f"{SVG}path[@class='outline']") is not None


def test_choropleth_classes_titles_insets_and_links() -> None:
    values = {d.code: float(i + 1) for i, d in enumerate(reference.departements())}
    svg = charts.choropleth(values, title="France", legend_label="Signalements",
                            href_for=lambda code: f"/departements/{code}/")  # fmt: skip
    root = _parse(svg)
    paths = {p.get("data-code"): p for p in root.iter(f"{SVG}path")}
    assert len(paths) == 101 and {"971", "972", "973", "974", "976"} <= set(paths)
    classes = [int(paths[d.code].get("data-class")[1:]) for d in reference.departements()]
    assert classes == sorted(classes) and set(classes) == {0, 1, 2, 3, 4}
    assert paths["13"].find(f"{SVG}title").text == f"Bouches-du-Rhône (13) : {values['13']:.0f}"
    links = root.findall(f".//{SVG}a")
    assert len(links) == 101 and links[0].get("href").startswith("/departements/")


def test_choropleth_departements_with_nothing_are_white_not_the_first_class() -> None:
    """Four départements with reports and 97 with none: the quantile classes made « 0 à 0 »
    a class of its own and painted most of France mid-blue (national view, issue 14)."""
    values = {d.code: 0.0 for d in reference.departements()}
    values.update({"13": 5.3, "84": 2.1, "25": 4.0, "39": 1.2})
    root = _parse(charts.choropleth(values, title="France", legend_label="Signalements"))
    paths = {p.get("data-code"): p for p in root.iter(f"{SVG}path")}
    assert paths["75"].get("data-class") == "zero"
    assert paths["75"].get("fill") == charts.ZERO_FILL
    assert {paths[code].get("data-class") for code in ("13", "84", "25", "39")} <= {
        "c0", "c1", "c2", "c3", "c4",
    }  # fmt: skip
    assert paths["13"].get("fill") != paths["39"].get("fill")
    legend = [t.text for t in root.iter(f"{SVG}text")]
    assert "aucun" in legend and not any(text and text.startswith("0 à 0") for text in legend)


def test_choropleth_missing_departement_is_no_data() -> None:
    root = _parse(charts.choropleth({"13": 5.0, "84": 2.0}, title="France", legend_label="x"))
    paths = {p.get("data-code"): p for p in root.iter(f"{SVG}path")}
    assert paths["25"].get("data-class") == "no-data"
    assert paths["13"].get("data-class") != paths["84"].get("data-class")


@pytest.mark.parametrize(
    "svg",
    [
        lambda: charts.bar_series([], title="Vide"),
        lambda: charts.bar_series(_points([0, 0]), title="Vide"),
        lambda: charts.hbars([Count("a", "A", 0, 0)], title="Vide"),
        lambda: charts.departement_symbol_map(None, [], title="Vide"),
    ],
)
def test_empty_data_says_so(svg) -> None:  # type: ignore[no-untyped-def]
    root = _parse(svg())
    assert "Aucune donnée" in "".join(root.itertext())


def test_tables_show_previous_and_change() -> None:
    figures = doubs_october_2026()
    html = render_to_string(
        "backoffice/analytics/_counts_table.html",
        {"items": figures.by_category, "caption": "Catégories"},
    )
    assert "<caption>Catégories</caption>" in html
    assert "+26\xa0%" in html  # 88 against 70
    assert "Guetteurs &lt;b&gt;et&lt;/b&gt; rabatteurs" in html
    html = render_to_string(
        "backoffice/analytics/_communes_table.html",
        {"communes": [CommuneCount("25620", "Valdahon", None, None, 8, 0)], "caption": "C"},
    )
    assert "pas de comparaison" in html  # nothing the period before
    html = render_to_string(
        "backoffice/analytics/_series_table.html", {"points": _points([10, 15]), "caption": "S"}
    )
    assert "+50\xa0%" in html and "S33" in html
