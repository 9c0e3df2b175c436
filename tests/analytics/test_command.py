"""`vigie analytics`: the brief from the command line, the emerging areas as JSON lines."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tests.analytics.support import engine_alert
from tests.analytics.test_selectors import stored
from tests.factories import CellFactory
from vigie.analytics import services

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("analytics", *args, stdout=out)
    return out.getvalue()


def test_the_brief_of_a_cell_for_a_month(tmp_path):
    CellFactory()
    stored(datetime(2026, 10, 2, 10, tzinfo=ZoneInfo("Europe/Paris")))
    written = run("brief", "--cell", "25", "--period", "2026-10", "--output", str(tmp_path))
    names = sorted(path.split("/")[-1] for path in written.split())
    assert names == [
        "vigie-note-25-2026-10.csv",
        "vigie-note-25-2026-10.pdf",
        "vigie-note-25-2026-10.xlsx",
    ]
    assert (tmp_path / "vigie-note-25-2026-10.pdf").read_bytes().startswith(b"%PDF-")
    book = load_workbook(tmp_path / "vigie-note-25-2026-10.xlsx")
    assert "Synthèse" in book.sheetnames
    only_csv = run(
        "brief",
        "--cell",
        "25",
        "--period",
        "2026-W40",
        "--format",
        "csv",
        "--output",
        str(tmp_path),
    )
    assert only_csv.strip().endswith("vigie-note-25-2026-W40.csv")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--cell", "25", "--period", "octobre"), "Période inconnue"),
        (("--cell", "99", "--period", "2026-10"), "Aucune cellule"),
        (("--cell", "25", "--period", "2026-10", "--format", "docx"), "Format inconnu"),
    ],
)
def test_the_brief_refuses_what_it_cannot_do_in_french(args, message, tmp_path):
    CellFactory()
    with pytest.raises(CommandError, match=message):
        run("brief", *args, "--output", str(tmp_path))


def test_emerging_prints_one_json_line_per_alert(monkeypatch):
    alert = engine_alert()
    asked = {}

    def fake_detect(**kwargs):
        asked.update(kwargs)
        return [alert]

    monkeypatch.setattr(services, "detect", fake_detect)
    [line] = run("emerging", "--since", "2026-01-01", "--departement", "84", "--json").splitlines()
    found = json.loads(line)
    assert {"commune", "departement", "first_seen", "score", "explanation", "origin"} <= set(found)
    assert (found["commune"], found["origin"], found["first_seen"]) == (
        "84089",
        "13055",
        "2026-10-12",
    )
    assert asked == {"since": date(2026, 1, 1), "departements": ["84"]}
    with pytest.raises(CommandError, match="Date illisible"):
        run("emerging", "--since", "hier")
    with pytest.raises(CommandError, match="Département inconnu"):
        run("emerging", "--since", "2026-01-01", "--departement", "100")


def test_emerging_on_real_data_every_departement_by_default():
    """No mock: the demo's Marseille → Pertuis history, through the whole pipeline."""
    from vigie.demo.services import create_demo

    create_demo(now=datetime(2026, 11, 2, 9, tzinfo=ZoneInfo("Europe/Paris")))
    lines = [
        json.loads(line) for line in run("emerging", "--since", "2026-01-01", "--json").splitlines()
    ]
    pertuis = [line for line in lines if line["commune"] == "84089"]
    assert pertuis and pertuis[0]["origin"] == "13055" and pertuis[0]["departement"] == "84"
