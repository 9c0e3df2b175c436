"""The commune → unit table: its import (`vigie units import`) and the suggestion it gives."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import UnitFactory
from vigie.audit.models import AuditAction, AuditEvent
from vigie.cells.models import Unit, UnitKind
from vigie.operations.jurisdiction import suggest_unit
from vigie.operations.models import Jurisdiction

BESANCON, PONTARLIER, MORTEAU = "25056", "25462", "25411"


def _import(tmp_path: Path, text: str) -> tuple[str, str, CommandError | None]:
    path = tmp_path / "competences.csv"
    path.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("units", "import", str(path), "--no-progress", stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def test_a_commune_in_the_table_suggests_its_unit_with_an_explanation(world) -> None:
    Jurisdiction.objects.create(commune_id=PONTARLIER, unit=world.pontarlier)
    suggestion = suggest_unit(cell=world.doubs, commune_codes=[PONTARLIER])
    assert suggestion.unit == world.pontarlier
    assert suggestion.lines == [
        "Pontarlier → Compagnie de gendarmerie de Pontarlier, zone gendarmerie"
    ]


def test_a_commune_missing_from_the_table_suggests_nothing_and_says_so(world) -> None:
    Jurisdiction.objects.create(commune_id=PONTARLIER, unit=world.pontarlier)
    suggestion = suggest_unit(cell=world.doubs, commune_codes=[MORTEAU])
    assert suggestion.unit is None
    assert suggestion.units == []
    assert suggestion.lines == [
        "Morteau : aucune unité dans la table des compétences, choisissez l’unité."
    ]


def test_a_commune_with_several_units_lists_them_all_and_preselects_none(world) -> None:
    municipal = UnitFactory(
        cell=world.doubs, name="Police municipale de Besançon", kind=UnitKind.MUNICIPAL_POLICE
    )
    Jurisdiction.objects.create(commune_id=BESANCON, unit=world.besancon)
    Jurisdiction.objects.create(commune_id=BESANCON, unit=municipal)
    suggestion = suggest_unit(cell=world.doubs, commune_codes=[BESANCON])
    assert suggestion.unit is None
    assert set(suggestion.units) == {world.besancon, municipal}
    assert "Commissariat de Besançon, zone police" in suggestion.lines[0]
    assert "Police municipale de Besançon, police municipale" in suggestion.lines[0]
    assert suggestion.lines[-1].startswith("Plusieurs unités sont compétentes")


def test_reports_in_two_communes_of_two_units_list_both(world) -> None:
    Jurisdiction.objects.create(commune_id=BESANCON, unit=world.besancon)
    Jurisdiction.objects.create(commune_id=PONTARLIER, unit=world.pontarlier)
    suggestion = suggest_unit(cell=world.doubs, commune_codes=[BESANCON, PONTARLIER])
    assert suggestion.units == [world.besancon, world.pontarlier]
    assert suggestion.unit is None


def test_until_a_table_is_loaded_the_cell_chooses(world) -> None:
    suggestion = suggest_unit(cell=world.doubs, commune_codes=[BESANCON])
    assert suggestion.unit is None
    assert "Aucune table des compétences" in suggestion.explanation


def test_another_cells_units_are_never_suggested(world) -> None:
    Jurisdiction.objects.create(commune_id=PONTARLIER, unit=world.pontarlier)
    assert suggest_unit(cell=world.jura, commune_codes=[PONTARLIER]).units == []


def test_the_import_loads_the_table_creates_units_and_is_idempotent(world, tmp_path) -> None:
    text = (
        "code_insee;unite;type;departement\n"
        "25462;Compagnie de gendarmerie de Pontarlier;zone gendarmerie;25\n"
        "25411;Compagnie de gendarmerie de Pontarlier;GN;25\n"
        "25388;Commissariat de Montbéliard;zone police;\n"
    )
    out, err, error = _import(tmp_path, text)
    assert error is None, err
    assert "3 commune(s) rattachée(s)" in out and "1 unité(s) créée(s)" in out
    assert Unit.objects.get(name="Commissariat de Montbéliard").kind == UnitKind.POLICE_ZONE
    out, err, error = _import(tmp_path, text)
    assert error is None
    assert "0 commune(s) rattachée(s), 3 déjà présente(s), 0 unité(s) créée(s)" in out
    assert Jurisdiction.objects.count() == 3
    assert AuditEvent.objects.filter(action=AuditAction.JURISDICTION_IMPORT).count() == 2


def test_the_import_reports_each_bad_line_with_its_number_and_keeps_the_others(
    world, tmp_path
) -> None:
    text = (
        "code_insee,unite,type,departement\n"
        "25462,Compagnie de gendarmerie de Pontarlier,,\n"  # 2: exists, no type needed
        "99999,Commissariat de Nulle-Part,zone police,\n"  # 3: unknown commune
        "25056,Nouvelle unité,,\n"  # 4: new unit without a type
        "25056,Commissariat de Besançon,gendarmerie,\n"  # 5: exists with another kind
        "25056,Brigade X,sous-marin,\n"  # 6: unknown kind
        "39300,Commissariat de Lons-le-Saunier,zone police,25\n"  # 7: wrong département
        ",Commissariat de Besançon,,\n"  # 8: no commune
        "25056,,zone police,\n"  # 9: no unit
        "25056,Commissariat de Besançon,police_zone,\n"  # 10: fine
    )
    _out, err, error = _import(tmp_path, text)
    assert error is not None and error.returncode == 1
    refused = {int(line.split()[1]): line for line in err.strip().splitlines()}
    assert sorted(refused) == [3, 4, 5, 6, 7, 8, 9]
    assert "commune inconnue : 99999" in refused[3]
    assert "donnez son type" in refused[4]
    assert "existe déjà avec le type" in refused[5]
    assert "type d’unité inconnu « sous-marin »" in refused[6]
    assert "est dans le département 39, pas 25" in refused[7]
    assert "Traceback" not in err
    assert set(Jurisdiction.objects.values_list("commune_id", "unit__name")) == {
        ("25462", "Compagnie de gendarmerie de Pontarlier"),
        ("25056", "Commissariat de Besançon"),
    }


def test_a_file_without_the_required_columns_is_refused_at_its_header(world, tmp_path) -> None:
    _out, err, error = _import(tmp_path, "commune;libelle\nBesançon;Commissariat\n")
    assert error is not None
    assert "ligne 1 refusée : colonnes manquantes dans l’en-tête : code_insee, unite" in err


def test_a_commune_of_a_departement_without_a_cell_is_refused(world, tmp_path) -> None:
    _out, err, error = _import(tmp_path, "code_insee,unite,type\n75056,Préfecture,zone police\n")
    assert error is not None
    assert "ligne 2 refusée : aucune cellule pour le département 75" in err


@pytest.mark.parametrize("text", ["", "\n"])
def test_an_empty_file_is_refused_without_a_traceback(world, tmp_path, text) -> None:
    _out, err, error = _import(tmp_path, text)
    assert error is not None
    assert "ligne 1 refusée" in err
