"""`vigie units import FILE.csv`: the commune → unit table (docs/operations.md).

Columns, by name in a header line (comma, semicolon or tab; UTF-8), case and accents ignored:

- `code_insee` (or `insee`, `code_commune`): the commune's INSEE code, required;
- `unite` (or `nom_unite`, `unit`): the unit's name, required;
- `type` (or `type_unite`, `institution`): the unit's kind, required when the unit does not
  exist yet: `police_zone`/`zone police`/`PN`, `gendarmerie_zone`/`zone gendarmerie`/`GN`,
  `judicial_police`/`PJ`, `customs`/`douane`, `municipal_police`/`police municipale`/`PM`;
- `departement` (or `dep`): optional; when given it must be the commune's.

A unit belongs to the cell of its commune's département, found or created by (cell, name).
A line already in the table changes nothing: importing the same file twice is harmless. A
refused line is reported with its number and why; the others go in.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import transaction

from vigie.audit.models import AuditAction
from vigie.audit.services import record_event
from vigie.cells.models import Cell, Unit, UnitKind
from vigie.geo.models import Commune
from vigie.operations.models import Jurisdiction

COLUMNS = {
    "code_insee": ("code_insee", "insee", "code_commune", "code_commune_insee", "codeinsee"),
    "unite": ("unite", "nom_unite", "unit", "nom"),
    "type": ("type", "type_unite", "institution", "kind"),
    "departement": ("departement", "dep", "code_departement"),
}
KINDS = {
    "police_zone": UnitKind.POLICE_ZONE,
    "zone police": UnitKind.POLICE_ZONE,
    "police nationale": UnitKind.POLICE_ZONE,
    "pn": UnitKind.POLICE_ZONE,
    "gendarmerie_zone": UnitKind.GENDARMERIE_ZONE,
    "zone gendarmerie": UnitKind.GENDARMERIE_ZONE,
    "gendarmerie": UnitKind.GENDARMERIE_ZONE,
    "gendarmerie nationale": UnitKind.GENDARMERIE_ZONE,
    "gn": UnitKind.GENDARMERIE_ZONE,
    "judicial_police": UnitKind.JUDICIAL_POLICE,
    "police judiciaire": UnitKind.JUDICIAL_POLICE,
    "pj": UnitKind.JUDICIAL_POLICE,
    "customs": UnitKind.CUSTOMS,
    "douane": UnitKind.CUSTOMS,
    "douanes": UnitKind.CUSTOMS,
    "municipal_police": UnitKind.MUNICIPAL_POLICE,
    "police municipale": UnitKind.MUNICIPAL_POLICE,
    "pm": UnitKind.MUNICIPAL_POLICE,
}


class LineRefused(Exception):
    pass


@dataclass
class ImportSummary:
    added: int = 0
    already_present: int = 0
    units_created: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("-", " ")


def _header_map(header: list[str]) -> dict[str, int]:
    plain = [_plain(name).replace(" ", "_") for name in header]
    found: dict[str, int] = {}
    for column, aliases in COLUMNS.items():
        for alias in aliases:
            if alias in plain:
                found[column] = plain.index(alias)
                break
    return found


def _kind(text: str) -> UnitKind | None:
    if not text.strip():
        return None
    kind = KINDS.get(_plain(text).replace("_", " ")) or KINDS.get(_plain(text))
    if kind is None:
        raise LineRefused(
            f"type d’unité inconnu « {text.strip()} » (attendu : zone police, zone gendarmerie, "
            "police judiciaire, douane ou police municipale)"
        )
    return kind


class _Importer:
    def __init__(self) -> None:
        self.cells: dict[str, Cell | None] = {}
        self.units: dict[tuple[int, str], Unit] = {}
        self.summary = ImportSummary()

    def cell_for(self, departement: str) -> Cell | None:
        if departement not in self.cells:
            self.cells[departement] = Cell.objects.filter(departement_id=departement).first()
        return self.cells[departement]

    def unit_for(self, cell: Cell, name: str, kind: UnitKind | None) -> Unit:
        key = (cell.pk, name.casefold())
        unit = self.units.get(key)
        if unit is None:
            unit = Unit.objects.filter(cell=cell, name__iexact=name).first()
        if unit is None:
            if kind is None:
                raise LineRefused(f"l’unité « {name} » n’existe pas : donnez son type")
            unit = Unit.objects.create(cell=cell, name=name, kind=kind)
            self.summary.units_created += 1
        elif kind is not None and unit.kind != kind:
            raise LineRefused(
                f"l’unité « {unit.name} » existe déjà avec le type "
                f"« {unit.get_kind_display()} », pas « {UnitKind(kind).label} »"
            )
        self.units[key] = unit
        return unit

    def line(self, values: dict[str, str]) -> None:
        code = values.get("code_insee", "").strip().zfill(5)
        name = " ".join(values.get("unite", "").split())
        if not values.get("code_insee", "").strip():
            raise LineRefused("code INSEE de la commune manquant")
        if not name:
            raise LineRefused("nom de l’unité manquant")
        commune = Commune.objects.filter(code=code).first()
        if commune is None:
            raise LineRefused(f"commune inconnue : {code}")
        departement = values.get("departement", "").strip()
        if departement and departement.zfill(2) != commune.departement_id:
            raise LineRefused(
                f"la commune {code} ({commune.name}) est dans le département "
                f"{commune.departement_id}, pas {departement}"
            )
        cell = self.cell_for(commune.departement_id)
        if cell is None:
            raise LineRefused(f"aucune cellule pour le département {commune.departement_id}")
        unit = self.unit_for(cell, name, _kind(values.get("type", "")))
        _row, created = Jurisdiction.objects.get_or_create(commune=commune, unit=unit)
        if created:
            self.summary.added += 1
        else:
            self.summary.already_present += 1


def import_jurisdictions(
    text: str | Iterable[str], *, progress: Callable[[int], None] = lambda _n: None
) -> ImportSummary:
    """Import the table; a refused line (with its number, header = line 1) never stops it."""
    lines = text.splitlines() if isinstance(text, str) else list(text)
    importer = _Importer()
    summary = importer.summary
    if not lines:
        summary.refused.append((1, "fichier vide"))
        return summary
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(lines[0], ",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(lines, dialect)
    header = _header_map(next(reader))
    missing = [name for name in ("code_insee", "unite") if name not in header]
    if missing:
        summary.refused.append((1, "colonnes manquantes dans l’en-tête : " + ", ".join(missing)))
        return summary
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # a malformed quoted field: that line only
            summary.refused.append((reader.line_num, f"ligne illisible ({error})"))
            continue
        number = reader.line_num
        progress(1)
        if not any(cell.strip() for cell in row):
            continue
        values = {
            column: row[index] if index < len(row) else "" for column, index in header.items()
        }
        try:
            with transaction.atomic():
                importer.line(values)
        except LineRefused as refused:
            summary.refused.append((number, str(refused)))
    record_event(
        actor=None,
        action=AuditAction.JURISDICTION_IMPORT,
        target_type="jurisdiction",
        details={
            "added": summary.added,
            "already_present": summary.already_present,
            "units_created": summary.units_created,
            "refused": len(summary.refused),
        },
    )
    return summary
