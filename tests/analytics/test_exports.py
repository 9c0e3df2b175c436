"""The meeting brief's exports carry exactly the figures they were given (XLSX, CSV, PDF)."""

from __future__ import annotations

import csv
import io
import re
import time
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from tests.analytics.figures_fixture import doubs_october_2026, empty_doubs, jura_october_2026
from tests.analytics.pdf_text import pages_text
from tests.conftest import require
from vigie.analytics import exports

SHEETS = [
    "Synthèse", "Par semaine", "Par mois", "Catégories", "Sources", "Communes", "Dossiers",
    "Transmissions en retard", "Suites", "Suites attribuées", "Alertes",
]  # fmt: skip


def _book(figures):  # type: ignore[no-untyped-def]
    return load_workbook(io.BytesIO(exports.brief_xlsx(figures)))


def _rows(sheet, first: int = 2) -> list[tuple]:  # type: ignore[no-untyped-def]
    """Values as written: openpyxl reads a date cell back as a datetime at midnight."""
    return [
        tuple(v.date() if isinstance(v, datetime) else v for v in row)
        for row in sheet.iter_rows(min_row=first, values_only=True)
    ]


def _synthesis(book):  # type: ignore[no-untyped-def]
    return {row[0]: (row[2], row[3]) for row in _rows(book["Synthèse"])}


def test_xlsx_has_one_sheet_per_table_with_bold_headers() -> None:
    book = _book(doubs_october_2026())
    assert book.sheetnames == SHEETS
    for sheet in book.worksheets:
        assert sheet["A1"].font.bold
        assert sheet.column_dimensions["A"].width > 8


def test_xlsx_synthesis_has_scope_period_and_numbers_as_numbers() -> None:
    rows = _synthesis(_book(doubs_october_2026()))
    assert rows["scope"] == ("Doubs (25)", None)
    assert rows["period"] == ("octobre 2026", "septembre 2026")
    assert rows["period_start"] == (date(2026, 10, 1), date(2026, 9, 1))
    assert rows["period_end"] == (date(2026, 10, 31), date(2026, 9, 30))
    assert rows["reports"] == (186, 155)
    assert rows["exploitable"] == (101, 84)
    assert rows["share_exploitable"] == (67.3, 60.0)  # 101/150, 84/140
    assert rows["triage_median_hours"] == (5.5, 7.0)
    assert rows["triage_p90_hours"] == (30.2, 41.0)  # rounded to a tenth
    assert rows["dispatch_p90_hours"] == (130.0, None)
    assert rows["dossiers_opened"] == (6, 4)
    assert rows["dossiers_active"] == (17, None)
    assert rows["dossiers_dismantled"] == (2, 0)


def test_xlsx_lists_and_outcomes() -> None:
    book = _book(doubs_october_2026())
    weekly = list(_rows(book["Par semaine"]))
    assert [row[3] for row in weekly] == [12, 15, 9, 20, 18, 25, 22, 30, 28, 35, 31, 42]
    assert weekly[-1][:3] == ("S44", date(2026, 10, 26), date(2026, 11, 1))
    assert book["Par semaine"]["B2"].number_format == "DD/MM/YYYY"
    categories = list(_rows(book["Catégories"]))
    assert categories[2] == ("guetteurs", "Guetteurs <b>et</b> rabatteurs", 33, 25)
    communes = {row[0]: row[2:] for row in _rows(book["Communes"])}
    assert communes["25462"] == (27, 9)
    assert communes["25047"] == (0, 12)
    dossiers = list(_rows(book["Dossiers"]))
    assert [(row[0], row[1], row[4], row[6]) for row in dossiers] == [
        ("Nouveau", "D-7K3Q", "Actif", 5),
        ("Nouveau", "D-M2PX", "Sous surveillance", 4),
        ("En croissance", "D-R8VW", "Actif", 9),
    ]
    late = list(_rows(book["Transmissions en retard"]))
    assert late == [("T-4HQZ", "Commissariat de Montbéliard",
                     "Dossier D-M2PX — Réseau de livraison, Montbéliard", "Urgente",
                     date(2026, 10, 20), date(2026, 10, 22), 10)]  # fmt: skip
    outcomes = {row[0]: row[2:] for row in _rows(book["Suites"])}
    assert outcomes["arrests"] == (7, 3)
    assert outcomes["committals"] == (3, 1)
    assert outcomes["drug_kg:cannabis_resin"] == (3.2, 1.1)
    assert outcomes["drug_kg:cocaine"] == (0.45, 0)
    assert outcomes["drug:crack:pieces"] == (120, 0)
    assert outcomes["firearms"] == (2, 0)
    assert outcomes["cash_eur"] == (18450.5, 0)
    alerts = list(_rows(book["Alertes"]))
    assert alerts[0][:5] == ("Pontarlier", "25462", "25", date(2026, 10, 5), 4.73)
    assert alerts[0][6:] == ("Besançon", "25056")


def _csv(figures) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    data = exports.brief_csv(figures)
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_csv_long_table_has_the_same_figures() -> None:
    rows = _csv(doubs_october_2026())
    assert list(rows[0]) == ["section", "indicateur", "libellé", "valeur", "période précédente"]
    found = {(r["section"], r["indicateur"], r["libellé"]): (r["valeur"], r["période précédente"])
             for r in rows}  # fmt: skip
    assert found["Synthèse", "scope", "Périmètre"] == ("Doubs (25)", "")
    assert found["Synthèse", "period_start", "Premier jour"] == ("2026-10-01", "2026-09-01")
    assert found["Synthèse", "reports", "Signalements reçus"] == ("186", "155")
    assert found[
        "Synthèse", "triage_p90_hours", "Délai de qualification : 90e centile (heures)"
    ] == ("30,2", "41")
    assert found["Par semaine", "exploitables", "S44"] == ("21", "")
    assert found["Catégories", "point_de_vente", "Point de vente"] == ("88", "70")
    assert found["Communes", "25056", "Besançon"] == ("96", "80")
    label = "Dossier D-R8VW — Point de vente, Pontarlier"
    assert found["Dossiers", "nouveaux_signalements", label] == ("9", "")
    assert found["Suites", "drug_kg:cocaine", "Saisie : Cocaïne (kg)"] == ("0,45", "0")
    assert found["Suites", "cash_eur", "Numéraire saisi (€)"] == ("18450,5", "0")
    late = (
        "T-4HQZ — Dossier D-M2PX — Réseau de livraison, Montbéliard → Commissariat de Montbéliard"
    )
    assert found["Transmissions en retard", "jours_de_retard", late] == ("10", "")
    assert found["Alertes", "score", "Pontarlier (25462)"] == ("4,73", "")
    sections = {r["section"] for r in rows}
    assert sections == set(SHEETS)


def test_filename() -> None:
    assert exports.brief_filename(doubs_october_2026(), "pdf") == "vigie-note-25-2026-10.pdf"
    assert exports.brief_filename(doubs_october_2026(), ".xlsx") == "vigie-note-25-2026-10.xlsx"


JURA_WORDS = ["Jura", "Dole", "jurassien", "D-JURA", "T-JURA", "Lons-le-Saunier"]
JURA_NUMBER = re.compile(r"73\d\d")  # every Jura figure is 73xx, no Doubs figure is


def _squeezed(text: str) -> str:
    return re.sub(r"[\s\u202f\xa0]", "", text)


def test_no_other_departement_leaks_into_a_brief() -> None:
    jura = jura_october_2026()
    exports.brief_xlsx(jura)
    jura_text = _squeezed(" ".join(pages_text(exports.brief_document(jura))))
    assert "Dole" in jura_text and JURA_NUMBER.search(jura_text)  # the marks show when there
    doubs = doubs_october_2026()
    book = _book(doubs)
    xlsx_text = " ".join(
        str(value) for sheet in book.worksheets for row in sheet.values for value in row
    )
    for text in [
        exports.brief_csv(doubs).decode("utf-8-sig"),
        " ".join(pages_text(exports.brief_document(doubs))),
        re.sub(r"<[^>]+>", " ", exports.brief_html(doubs)),  # the charts' labels included
        xlsx_text,
    ]:
        for word in JURA_WORDS:
            assert word not in text
        assert not JURA_NUMBER.search(_squeezed(text))


def test_pdf_says_scope_period_figures_lists_and_empty_sections() -> None:
    started = time.perf_counter()
    document = exports.brief_document(doubs_october_2026())
    pages = pages_text(document)
    text = " ".join(pages)
    assert time.perf_counter() - started < 30  # a safety net, not a benchmark
    assert "Cellule du renseignement opérationnel sur les stupéfiants — Doubs (25)" in pages[0]
    assert "Note de réunion — octobre 2026" in pages[0]
    assert "DIFFUSION RESTREINTE" in pages[0]
    assert f"Page 1 / {len(pages)}" in pages[0]
    for expected in [
        "Signalements reçus 186 (155) +20 %",
        "Part exploitable 67 % (60 %)",
        "Qualification, médiane 5,5 h (7 h)",
        "Dossiers actifs 17",
        "Dossier D-R8VW — Point de vente, Pontarlier",
        "T-4HQZ",
        "Urgente",
        "Pontarlier : 27 signalements en 6 semaines pour 6,1 attendus",
        "Saisie : Cocaïne (kg) 0,45",
        "Numéraire saisi (€) 18 450,50",
        "3 interpellations, 2 GAV, 3,2 kg de résine de cannabis",
    ]:
        assert expected.replace(" ", "") in text.replace(" ", "").replace("\u202f", "").replace(
            "\xa0", ""
        ), expected
    assert exports.brief_pdf(doubs_october_2026()).startswith(b"%PDF-")


def test_pdf_of_an_empty_month_says_so() -> None:
    text = " ".join(pages_text(exports.brief_document(empty_doubs())))
    for expected in [
        "Aucune transmission en retard.",
        "Aucun nouveau dossier sur la période.",
        "Aucun dossier en croissance sur la période.",
        "Aucune alerte de zone émergente sur la période.",
        "Aucune suite enregistrée sur la période ni sur la précédente.",
        "Aucun signalement sur la période.",
    ]:
        assert expected in text


def test_the_pdf_fetches_nothing_but_the_dsfr_fonts() -> None:
    fetch = exports._fetcher()
    with pytest.raises(ValueError, match="fetches no resource"):
        fetch("https://example.org/font.woff2")
    with pytest.raises(ValueError, match="fetches no resource"):
        fetch("file:///etc/passwd")
    font = fetch(exports.FONTS_DIR.as_uri() + "/Marianne-Regular.woff2")
    assert font.read(4) == b"wOF2"
    font.close()


def test_pdf_bytes_text_with_pypdf() -> None:
    """The PDF file itself, read back (pypdf is a dev dependency to add)."""
    try:
        import pypdf
    except ImportError:
        pypdf = None
    require("pypdf", available=pypdf is not None)
    reader = pypdf.PdfReader(io.BytesIO(exports.brief_pdf(doubs_october_2026())))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Doubs (25)" in text and "octobre 2026" in text and "T-4HQZ" in text


def test_dates_and_generated_at_are_dates() -> None:
    rows = _synthesis(_book(doubs_october_2026()))
    assert rows["generated_at"][0] == date(2026, 11, 2)
