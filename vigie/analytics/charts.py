"""Server-rendered SVG charts: no JavaScript, the same drawing on screen, in print and in the
PDF brief.

Each function returns one `<svg>` that names itself (`<title>` and a one-sentence French
`<desc>` through `aria-labelledby`) and scales to its container (`width="100%"`, sizes in
viewBox units). Every label is escaped. The pages pair each chart with a table of the same
figures (templates/backoffice/analytics/_*_table.html): the chart is for the eye, the table is
the reference.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vigie.analytics.figures import CommuneCount, Count, SeriesPoint
from vigie.analytics.formatting import format_number
from vigie.geo import reference

# DSFR colours: blue France, its tints, the mention grey, and the illustrative palette.
BLUE = "#000091"
BLUE_LIGHT = "#cacafb"
BLUE_MEDIUM = "#6a6af4"
GREY = "#666666"
GREY_LIGHT = "#dddddd"
GREY_NO_DATA = "#f6f6f6"
ZERO_FILL = "#ffffff"  # « aucun » on a map: white, outlined in grey
PALETTE = (
    "#000091",  # bleu France
    "#009081",  # vert menthe
    "#c3992a",  # jaune moutarde
    "#a558a0",  # violet glycine
    "#e4794a",  # orange terre battue
    "#417dc4",  # bleu cumulus
    "#68a532",  # vert bourgeon
    "#ce614a",  # rose tuile
    "#c08c65",  # brun caramel
    "#aea397",  # beige gris galet
)
# Sequential blue scale (light to dark) for the choropleth's five classes.
SEQUENTIAL = ("#e3e3fd", "#b1b1f9", "#6a6af4", "#2323b4", "#000091")
FONT = "Marianne, arial, sans-serif"
WIDTH = 640  # viewBox width of every chart: 14-unit text stays ≥ 12 px down to 550 px wide


def nice_ticks(maximum: float, count: int = 4) -> list[float]:
    """Round ticks from 0 to at least `maximum`: steps of 1, 2 or 5 × 10ⁿ (integers when
    the maximum is at least `count`)."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    if maximum >= count:
        step = max(1, round(step))
    top = math.ceil(maximum / step - 1e-9) * step
    ticks = []
    tick = 0.0
    while tick <= top + step / 2:
        ticks.append(round(tick, 10))
        tick += step
    return ticks


def _reports(count: int) -> str:
    return ngettext("%(n)s signalement", "%(n)s signalements", count) % {"n": format_number(count)}


def _chart_id(*parts: str) -> str:
    return "chart-" + hashlib.blake2s("\x1f".join(parts).encode(), digest_size=5).hexdigest()


def _text(x: float, y: float, content: str, *, size: int = 14, **attributes: Any) -> str:
    extra = "".join(
        f' {name.rstrip("_").replace("_", "-")}="{escape(str(value))}"'
        for name, value in attributes.items()
    )
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}"{extra}>{escape(content)}</text>'


def _svg(
    *,
    title: str,
    desc: str,
    height: float,
    body: Iterable[str],
    width: float = WIDTH,
    role: str = "img",
    css_class: str = "",
) -> SafeString:
    ident = _chart_id(title, desc)
    classes = f"vigie-chart {css_class}".strip()
    return mark_safe(  # noqa: S308 — every label below went through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{classes}" role="{role}" '
        f'aria-labelledby="{ident}-title {ident}-desc" focusable="false" width="100%" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" preserveAspectRatio="xMidYMid meet" '
        f'font-family="{FONT}" fill="#161616">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def _empty(title: str, *, height: float = 120) -> SafeString:
    message = _("Aucune donnée")
    return _svg(
        title=title,
        desc=_("%(title)s : aucune donnée sur la période.") % {"title": title},
        height=height,
        css_class="vigie-chart--empty",
        body=[
            f'<rect x="0.5" y="0.5" width="{WIDTH - 1}" height="{height - 1:.0f}" fill="none" '
            f'stroke="{GREY_LIGHT}"/>',
            _text(WIDTH / 2, height / 2 + 6, message, size=16, fill=GREY, text_anchor="middle"),
        ],
    )


# --------------------------------------------------------------------------- bar series


def bar_series(
    points: Sequence[SeriesPoint], *, title: str, highlight_last: bool = True
) -> SafeString:
    """Vertical bars, one per week or month; the exploitable reports as the darker bottom
    segment of each bar."""
    if not points or not any(p.value for p in points):
        return _empty(title)
    height, left, right, top, bottom = 280.0, 48.0, 8.0, 40.0, 36.0
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    ticks = nice_ticks(max(p.value for p in points))
    scale = plot_h / ticks[-1]
    base = top + plot_h
    body = [
        # Legend, top left.
        f'<rect x="{left}" y="8" width="14" height="14" fill="{BLUE_LIGHT}"/>',
        _text(left + 20, 20, _("Signalements")),
        f'<rect x="{left + 140}" y="8" width="14" height="14" fill="{BLUE}"/>',
        _text(left + 160, 20, _("dont exploitables")),
    ]
    for tick in ticks:
        y = base - tick * scale
        body.append(
            f'<line x1="{left}" x2="{WIDTH - right}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GREY_LIGHT}" stroke-width="1"/>'
        )
        body.append(
            _text(left - 6, y + 5, format_number(tick), size=13, fill=GREY, text_anchor="end")
        )
    slot = plot_w / len(points)
    bar_w = max(2.0, slot * 0.7)
    widest = max(len(p.label) for p in points) * 7.5 + 8
    every = max(1, math.ceil(widest / slot))
    show_values = slot >= 30
    for i, point in enumerate(points):
        last = highlight_last and i == len(points) - 1
        x = left + i * slot + (slot - bar_w) / 2
        h = point.value * scale
        ex_h = min(point.exploitable, point.value) * scale
        light = BLUE_MEDIUM if last else BLUE_LIGHT
        tooltip = _("%(label)s : %(reports)s, dont %(exploitable)s exploitables") % {
            "label": point.label,
            "reports": _reports(point.value),
            "exploitable": format_number(point.exploitable),
        }
        body.append(
            f'<g class="bar" data-value="{point.value}" data-exploitable="{point.exploitable}">'
            f"<title>{escape(tooltip)}</title>"
            f'<rect class="bar-total" x="{x:.1f}" y="{base - h:.1f}" width="{bar_w:.1f}" '
            f'height="{h:.1f}" fill="{light}"/>'
            f'<rect class="bar-exploitable" x="{x:.1f}" y="{base - ex_h:.1f}" '
            f'width="{bar_w:.1f}" height="{ex_h:.1f}" fill="{BLUE}"/></g>'
        )
        if show_values or last:
            body.append(
                _text(
                    x + bar_w / 2,
                    base - h - 5,
                    format_number(point.value),
                    size=13,
                    text_anchor="middle",
                    font_weight="bold" if last else "normal",
                )
            )
        if (len(points) - 1 - i) % every == 0:
            body.append(
                _text(
                    x + bar_w / 2,
                    base + 20,
                    point.label,
                    size=13,
                    fill=GREY,
                    text_anchor="middle",
                    class_="x-label",
                )
            )
    body.append(f'<line x1="{left}" x2="{WIDTH - right}" y1="{base}" y2="{base}" stroke="{GREY}"/>')
    return _svg(title=title, desc=_series_desc(points), height=height, body=body)


def _series_desc(points: Sequence[SeriesPoint]) -> str:
    last = points[-1]
    if len(points) == 1:
        return _("%(reports)s en %(label)s.") % {
            "reports": _reports(last.value),
            "label": last.label,
        }
    before = points[-2]
    return _("%(reports)s en %(label)s, contre %(previous)s en %(previous_label)s.") % {
        "reports": _reports(last.value),
        "label": last.label,
        "previous": format_number(before.value),
        "previous_label": before.label,
    }


# --------------------------------------------------------------------------- horizontal bars


def _shorten(label: str, length: int) -> str:
    return label if len(label) <= length else label[: length - 1].rstrip() + "…"


def hbars(items: Sequence[Count], *, title: str) -> SafeString:
    """One horizontal bar per category or source, with the previous period as a thin dark
    marker across the bar."""
    if not items or not any(item.value or item.previous for item in items):
        return _empty(title)
    row, top, label_w, right = 30.0, 34.0, 210.0, 56.0
    height = top + row * len(items) + 8
    plot_w = WIDTH - label_w - right
    maximum = max(max(item.value, item.previous) for item in items)
    scale = plot_w / maximum
    body = [
        f'<rect x="{label_w}" y="8" width="14" height="14" fill="{BLUE}"/>',
        _text(label_w + 20, 20, _("Période")),
        f'<rect x="{label_w + 100}" y="6" width="3" height="18" fill="#161616"/>',
        _text(label_w + 110, 20, _("Période précédente")),
    ]
    for i, item in enumerate(items):
        y = top + i * row
        w = item.value * scale
        colour = PALETTE[i % len(PALETTE)]
        tooltip = _("%(label)s : %(value)s (période précédente : %(previous)s)") % {
            "label": item.label,
            "value": format_number(item.value),
            "previous": format_number(item.previous),
        }
        marker_x = label_w + item.previous * scale
        body.append(
            f'<g class="hbar" data-key="{escape(item.key)}" data-value="{item.value}" '
            f'data-previous="{item.previous}"><title>{escape(tooltip)}</title>'
            + _text(label_w - 8, y + 19, _shorten(item.label, 27), text_anchor="end")
            + f'<rect class="hbar-value" x="{label_w}" y="{y + 5:.1f}" width="{w:.1f}" '
            f'height="{row - 10:.1f}" fill="{colour}"/>'
            f'<rect class="hbar-previous" x="{marker_x - 1.5:.1f}" y="{y + 1:.1f}" width="3" '
            f'height="{row - 2:.1f}" fill="#161616"/>'
            + _text(max(w, item.previous * scale) + label_w + 6, y + 19, format_number(item.value))
            + "</g>"
        )
    first = max(items, key=lambda item: item.value)
    desc = _("%(count)s lignes ; la plus fréquente : %(label)s, %(value)s (%(previous)s sur la "
             "période précédente).") % {
        "count": len(items),
        "label": first.label,
        "value": format_number(first.value),
        "previous": format_number(first.previous),
    }  # fmt: skip
    return _svg(title=title, desc=desc, height=height, body=body)


# --------------------------------------------------------------------------- maps


def _rings(geometry: Mapping[str, Any]) -> list[list[tuple[float, float]]]:
    """Exterior rings and holes of a GeoJSON Feature, Polygon or MultiPolygon."""
    if geometry.get("type") == "Feature":
        geometry = geometry["geometry"]
    coordinates = geometry["coordinates"]
    polygons = [coordinates] if geometry.get("type") == "Polygon" else coordinates
    return [[(float(x), float(y)) for x, y in ring] for polygon in polygons for ring in polygon]


class _Projection:
    """Equirectangular with cos(latitude) scaling, fitted into a box."""

    def __init__(
        self, rings: Sequence[Sequence[tuple[float, float]]], box: tuple[float, ...]
    ) -> None:
        xs = [x for ring in rings for x, _ in ring]
        ys = [y for ring in rings for _, y in ring]
        self.min_x, self.max_y = min(xs), max(ys)
        self.cos = math.cos(math.radians((min(ys) + max(ys)) / 2))
        span_x = (max(xs) - self.min_x) * self.cos or 1e-6
        span_y = (self.max_y - min(ys)) or 1e-6
        bx, by, bw, bh = box
        self.k = min(bw / span_x, bh / span_y)
        self.dx = bx + (bw - span_x * self.k) / 2
        self.dy = by + (bh - span_y * self.k) / 2
        self.width, self.height = span_x * self.k, span_y * self.k

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            self.dx + (lon - self.min_x) * self.cos * self.k,
            self.dy + (self.max_y - lat) * self.k,
        )


def _path(rings: Sequence[Sequence[tuple[float, float]]], project: _Projection) -> str:
    """SVG path data, rounded to a tenth of a unit, repeated points dropped."""
    parts = []
    for ring in rings:
        points: list[str] = []
        for lon, lat in ring:
            x, y = project(lon, lat)
            point = f"{x:.1f} {y:.1f}"
            if not points or points[-1] != point:
                points.append(point)
        if len(points) >= 3:
            parts.append("M" + "L".join(points) + "Z")
    return "".join(parts)


def departement_symbol_map(
    outline_geojson: Mapping[str, Any] | None,
    communes: Sequence[CommuneCount],
    *,
    title: str,
) -> SafeString:
    """The département's outline and one circle per commune, its area proportional to the
    count; the largest ones named."""
    placed = [c for c in communes if c.value > 0 and c.latitude is not None and c.longitude]
    if outline_geojson is None and not placed:
        return _empty(title)
    rings = _rings(outline_geojson) if outline_geojson else []
    extent = rings or [[(c.longitude or 0.0, c.latitude or 0.0) for c in placed]]
    max_r, pad = 26.0, 30.0
    # Fit in WIDTH × at most 520; a tall département gets a narrower drawing, centred.
    project = _Projection(extent, (pad, pad, WIDTH - 2 * pad, 520 - 2 * pad))
    height = project.height + 2 * pad + 40
    body = []
    if rings:
        body.append(
            f'<path class="outline" d="{_path(rings, project)}" fill="#f6f6f6" '
            f'stroke="{GREY}" stroke-width="1.5" fill-rule="evenodd"/>'
        )
    maximum = max((c.value for c in placed), default=0)
    ordered = sorted(placed, key=lambda c: (-c.value, c.name))
    named = {c.code for c in ordered[:5]}
    for commune in ordered:  # largest first, so the small ones stay on top and visible
        x, y = project(commune.longitude or 0.0, commune.latitude or 0.0)
        r = max(2.5, max_r * math.sqrt(commune.value / maximum))
        tooltip = _("%(name)s : %(reports)s (période précédente : %(previous)s)") % {
            "name": commune.name,
            "reports": _reports(commune.value),
            "previous": format_number(commune.previous),
        }
        body.append(
            f'<circle class="symbol" data-code="{escape(commune.code)}" '
            f'data-value="{commune.value}" cx="{x:.1f}" cy="{y:.1f}" r="{r:.2f}" '
            f'fill="{BLUE}" fill-opacity="0.55" stroke="#ffffff" stroke-width="1">'
            f"<title>{escape(tooltip)}</title></circle>"
        )
    taken: list[tuple[float, float, float, float]] = []
    for commune in ordered:
        if commune.code not in named:
            continue
        x, y = project(commune.longitude or 0.0, commune.latitude or 0.0)
        r = max_r * math.sqrt(commune.value / maximum)
        text = f"{commune.name} ({format_number(commune.value)})"
        anchor = "end" if x > WIDTH * 0.7 else "start"
        start = x - r - 4 - len(text) * 7.5 if anchor == "end" else x + r + 4
        box = (start, y - 9, start + len(text) * 7.5, y + 6)
        if any(_overlap(box, other) for other in taken):
            continue  # a neighbour is already named there; the tooltip and the table say it
        taken.append(box)
        body.append(
            _text(
                x - r - 4 if anchor == "end" else x + r + 4,
                y + 5,
                text,
                size=14,
                text_anchor=anchor,
                stroke="#ffffff",
                stroke_width=3,
                paint_order="stroke",
                class_="symbol-label",
            )
        )
    legend_y = height - 22
    if placed:
        body.append(
            f'<circle cx="{pad + 8}" cy="{legend_y}" r="8" fill="{BLUE}" fill-opacity="0.55"/>'
        )
        body.append(
            _text(
                pad + 22,
                legend_y + 5,
                _("Surface proportionnelle au nombre de signalements (max. %(n)s)")
                % {"n": format_number(maximum)},
                size=13,
                fill=GREY,
            )
        )
        top = ordered[0]
        desc = ngettext(
            "%(count)s commune signalée ; la plus concernée : %(name)s, %(reports)s.",
            "%(count)s communes signalées ; la plus concernée : %(name)s, %(reports)s.",
            len(placed),
        ) % {"count": len(placed), "name": top.name, "reports": _reports(top.value)}
    else:
        body.append(_text(WIDTH / 2, legend_y, _("Aucune donnée"), size=16, fill=GREY,
                          text_anchor="middle"))  # fmt: skip
        desc = _("%(title)s : aucune donnée sur la période.") % {"title": title}
    return _svg(title=title, desc=desc, height=height, body=body)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


OVERSEAS = ("971", "972", "973", "974", "976")


@cache
def france_outlines() -> dict[str, tuple[tuple[tuple[float, float], ...], ...]]:
    """Every département's outer rings (lon, lat), read once from vigie.geo.reference.

    Holes are left out: each is either another département's enclave (Paris inside the
    petite couronne, the Enclave des Papes of the Vaucluse in the Drôme), drawn on top
    because smaller départements are drawn last, or a sliver between communes the dissolve
    left, which showed as white specks all over the map."""
    return {
        d.code: tuple(tuple(polygon[0]) for polygon in d.polygons) for d in reference.departements()
    }


def _extent(rings: Sequence[Sequence[tuple[float, float]]]) -> float:
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    return (max(xs) - min(xs)) * (max(ys) - min(ys)) if xs else 0.0


def _class_breaks(values: Sequence[float], classes: int = 5) -> list[float]:
    """Upper bounds of the first classes (quantiles of the values), without repeats."""
    ordered = sorted(values)
    breaks: list[float] = []
    for i in range(1, classes):
        bound = ordered[min(len(ordered) - 1, math.ceil(i * len(ordered) / classes) - 1)]
        if bound < ordered[-1] and (not breaks or bound > breaks[-1]):
            breaks.append(bound)
    return breaks


def class_of(value: float, breaks: Sequence[float]) -> int:
    return next((i for i, bound in enumerate(breaks) if value <= bound), len(breaks))


def choropleth(
    values: Mapping[str, float],
    outlines: Mapping[str, Any] | None = None,
    *,
    title: str,
    legend_label: str,
    href_for: Callable[[str], str] | None = None,
) -> SafeString:
    """France's départements filled by class (quantiles, sequential blues); metropolitan
    France large, the five overseas départements as insets below. `outlines` maps a code to
    GeoJSON (Feature or geometry); by default the reference outlines. With `href_for`, each
    département is a link (drill-down)."""
    rings: Mapping[str, Sequence[Sequence[tuple[float, float]]]]
    if outlines is None:
        rings = france_outlines()
    else:
        rings = {code: _rings(geometry) for code, geometry in outlines.items()}
    metro = {code: r for code, r in rings.items() if code not in OVERSEAS}
    if not metro and not values:
        return _empty(title)
    # Classes of the départements with something to count; none at all is a class of its
    # own, the palest (a quantile class « 0 à 0 » painted most of France mid-blue).
    positive = [value for value in values.values() if value > 0]
    breaks = _class_breaks(positive) if positive else []
    colours = SEQUENTIAL[-(len(breaks) + 1) :] if len(breaks) < 4 else SEQUENTIAL
    map_h, inset_h, legend_w = 560.0, 96.0, 0.0
    project = _Projection([ring for r in metro.values() for ring in r] or [[(0, 0), (1, 1)]],
                          (legend_w + 4, 4, WIDTH - 8, map_h - 8))  # fmt: skip
    body: list[str] = []

    def shape(code: str, path_data: str) -> str:
        departement = reference.departement_by_code(code)
        name = departement.name if departement else code
        value = values.get(code)
        if value is None:
            fill, css, shown = GREY_NO_DATA, "no-data", _("pas de donnée")
        elif value <= 0:
            fill, css, shown = ZERO_FILL, "zero", format_number(0)
        else:
            index = class_of(value, breaks)
            fill, css, shown = colours[index], f"c{index}", format_number(value)
        label = f"{name} ({code}) : {shown}"
        stroke = GREY_LIGHT if css == "zero" else "#ffffff"
        element = (
            f'<path class="dep {css}" data-code="{escape(code)}" data-class="{css}" '
            f'd="{path_data}" fill="{fill}" stroke="{stroke}" stroke-width="0.6">'
            f"<title>{escape(label)}</title></path>"
        )
        if href_for is not None:
            element = (
                f'<a href="{escape(href_for(code))}" aria-label="{escape(label)}">{element}</a>'
            )
        return element

    # The largest first, so that an enclave is drawn over the département around it.
    for code in sorted(metro, key=lambda code: (-_extent(metro[code]), code)):
        body.append(shape(code, _path(metro[code], project)))
    inset_w = WIDTH / len(OVERSEAS)
    for i, code in enumerate(OVERSEAS):
        if code not in rings:
            continue
        box = (i * inset_w + 8, map_h + 6, inset_w - 16, inset_h - 26)
        body.append(
            f'<rect x="{i * inset_w + 4:.1f}" y="{map_h:.1f}" width="{inset_w - 8:.1f}" '
            f'height="{inset_h:.1f}" fill="none" stroke="{GREY_LIGHT}"/>'
        )
        body.append(shape(code, _path(rings[code], _Projection(rings[code], box))))
        departement = reference.departement_by_code(code)
        body.append(
            _text(i * inset_w + inset_w / 2, map_h + inset_h - 6,
                  departement.name if departement else code, size=12, fill=GREY,
                  text_anchor="middle")
        )  # fmt: skip
    body.extend(_legend(values, breaks, colours, legend_label, y=map_h + inset_h + 4))
    top = max(values.items(), key=lambda item: item[1]) if values else None
    if top is None:
        desc = _("%(label)s : aucune donnée.") % {"label": legend_label}
    else:
        departement = reference.departement_by_code(top[0])
        desc = _("%(label)s par département ; la valeur la plus élevée : %(name)s (%(code)s), "
                 "%(value)s.") % {
            "label": legend_label,
            "name": departement.name if departement else top[0],
            "code": top[0],
            "value": format_number(top[1]),
        }  # fmt: skip
    height = map_h + inset_h + 4 + 24 + 24 * 2 + 8
    return _svg(
        title=title,
        desc=desc,
        height=height,
        body=body,
        role="img" if href_for is None else "group",
    )


def _legend(
    values: Mapping[str, float],
    breaks: Sequence[float],
    colours: Sequence[str],
    label: str,
    *,
    y: float,
) -> list[str]:
    """Below the map: the label, then one swatch per class and « pas de donnée », three a
    row."""
    lines = [_text(8, y + 14, label, size=14, font_weight="bold")]
    entries: list[tuple[str, str]] = []
    positive = [value for value in values.values() if value > 0]
    if len(positive) < len(values):
        entries.append((ZERO_FILL, _("aucun")))
    if positive:
        bounds = [min(positive), *breaks, max(positive)]
        for i, colour in enumerate(colours):
            words = _("%(low)s à %(high)s") if i == 0 else _("plus de %(low)s à %(high)s")
            text = words % {
                "low": format_number(bounds[i]),
                "high": format_number(bounds[i + 1]),
            }
            entries.append((colour, text))
    entries.append((GREY_NO_DATA, _("pas de donnée")))
    column = WIDTH / 3
    for i, (colour, text) in enumerate(entries):
        x, row = 8 + (i % 3) * column, y + 24 + (i // 3) * 24
        lines.append(
            f'<rect class="legend-swatch" x="{x:.1f}" y="{row:.1f}" width="18" height="16" '
            f'fill="{colour}" stroke="{GREY}" stroke-width="0.5"/>'
        )
        lines.append(_text(x + 26, row + 13, text, size=13))
    return lines
