"""English is available next to French, and the English catalogue is complete and compiled."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import AgentFactory, UnitFactory, dispatched

pytestmark = pytest.mark.django_db

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO = CATALOGUE / "django.po"
MO = CATALOGUE / "django.mo"


def _unquote(line: str) -> str:
    """One quoted PO string, with its C-style escapes, as Python text."""
    value = ast.literal_eval(line.strip())
    assert isinstance(value, str)
    return value


def parse_po(path: Path) -> list[dict[str, object]]:
    """A small reader for the subset of PO that makemessages writes.

    Each entry: msgid, flags (from "#," lines), msgctxt when present, and either msgstr or,
    for a plural entry, msgid_plural with msgstr[0], msgstr[1]… as fields of their own.
    Comments, previous msgids ("#|") and obsolete entries ("#~") are skipped.
    """
    entries: list[dict[str, object]] = []
    entry: dict[str, object] = {"flags": set()}
    field: str | None = None

    def flush() -> None:
        nonlocal entry, field
        if "msgid" in entry:
            entries.append(entry)
        entry, field = {"flags": set()}, None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#,"):
            if "msgid" in entry:
                flush()
            flags = entry["flags"]
            assert isinstance(flags, set)
            flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            assert field is not None, f"continuation line outside an entry: {raw!r}"
            entry[field] = str(entry[field]) + _unquote(line)
        else:
            keyword, _, rest = line.partition(" ")
            assert keyword in {"msgctxt", "msgid", "msgid_plural", "msgstr"} or re.fullmatch(
                r"msgstr\[\d+\]", keyword
            ), f"unexpected PO line: {raw!r}"
            if keyword in {"msgctxt", "msgid"} and translations(entry):
                flush()
            assert keyword not in entry, f"repeated {keyword} in one entry: {raw!r}"
            field = keyword
            entry[field] = _unquote(rest)
    flush()
    return entries


def translations(entry: dict[str, object]) -> list[str]:
    """The entry's msgstr, or its msgstr[0], msgstr[1]… in order for a plural entry."""
    if "msgstr" in entry:
        return [str(entry["msgstr"])]
    forms = sorted(
        (int(key[len("msgstr[") : -1]), str(value))
        for key, value in entry.items()
        if key.startswith("msgstr[")
    )
    assert [index for index, _ in forms] == list(range(len(forms))), f"plural forms: {entry!r}"
    return [value for _, value in forms]


def is_complete(entry: dict[str, object]) -> bool:
    """Translated: a non-empty msgstr, or every msgstr[N] of a plural entry non-empty."""
    forms = translations(entry)
    return bool(forms) and all(forms)


def test_parse_po_reads_plurals_and_skips_obsolete_entries(tmp_path: Path) -> None:
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\n'
        'msgstr ""\n'
        '"Language: en\\n"\n'
        "\n"
        "#: a.py:1\n"
        "#, python-format\n"
        'msgid "%(n)s fichier"\n'
        'msgid_plural "%(n)s fichiers"\n'
        'msgstr[0] "%(n)s file"\n'
        'msgstr[1] ""\n'
        "\n"
        "#, fuzzy\n"
        '#| msgid "Ancien"\n'
        'msgid "Nouveau"\n'
        'msgstr ""\n'
        '"New"\n'
        "\n"
        '#~ msgid "Disparu"\n'
        '#~ msgstr "Gone"\n',
        encoding="utf-8",
    )
    header, plural, fuzzy = parse_po(po)
    assert header["msgstr"] == "Language: en\n"
    assert plural["msgid_plural"] == "%(n)s fichiers"
    assert translations(plural) == ["%(n)s file", ""]
    assert not is_complete(plural)
    assert plural["flags"] == {"python-format"}
    assert fuzzy["msgid"] == "Nouveau" and fuzzy["msgstr"] == "New"
    assert fuzzy["flags"] == {"fuzzy"} and is_complete(fuzzy)


def test_home_page_in_english_with_accept_language_en(client) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="en"' in html
    assert "Report drug trafficking" in html
    assert "Track my report" in html
    assert "Signaler un trafic de stupéfiants" not in html


def test_home_page_in_french_with_accept_language_fr(client) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="fr"' in html
    assert "Signaler un trafic de stupéfiants" in html
    assert "Report drug trafficking" not in html


def test_switching_to_english_through_set_language(client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'lang="en"' in html
    assert "Report drug trafficking" in html


def test_a_unit_member_reads_the_unit_space_and_a_dispatch_in_english(client) -> None:
    unit = UnitFactory(name="Commissariat de Besançon")
    dispatch = dispatched(by=AgentFactory(analyst=True), unit=unit, priority="urgente")
    client.force_login(AgentFactory(unit_member=True, unit=unit))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    space = client.get(reverse("backoffice:unit_space"))
    assert space.status_code == 200
    html = space.content.decode()
    assert "Dispatches received — Commissariat de Besançon" in html
    assert "To acknowledge" in html and "priority urgent" in html
    assert "Transmissions reçues" not in html

    detail = client.get(reverse("unit:detail", args=[dispatch.public_id]))
    assert detail.status_code == 200
    html = detail.content.decode()
    assert f'Dispatch <span class="vigie-nowrap">{dispatch.label}</span>' in html
    assert "Priority Urgent" in html
    assert "Acknowledge" in html and "The cell’s instructions" in html
    assert "Return to the cell" in html and "Close the dispatch" in html
    assert "Accuser réception" not in html and "Consignes de la cellule" not in html


def _figures_in_english(client, agent, url: str) -> str:
    """The figures page `url` for October 2026, as `agent` reads it after choosing English."""
    client.force_login(agent)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(url, {"periode": "2026-10"})
    assert page.status_code == 200
    return page.content.decode()


def test_an_analyst_and_a_national_agent_read_the_figures_in_english(client) -> None:
    html = _figures_in_english(client, AgentFactory(analyst=True), reverse("analytics:dashboard"))
    assert '<h1 data-testid="dashboard-title">Figures — Doubs (25)</h1>' in html
    assert "At a glance" in html and "reports received" in html
    assert "Meeting brief (PDF)" in html and "Last month" in html
    assert "Reports received per week (12 weeks)" in html and "Overdue dispatches" in html
    assert "Alerts: emerging areas" in html
    assert "Chiffres —" not in html and "L’essentiel" not in html

    html = _figures_in_english(client, AgentFactory(national=True), reverse("analytics:national"))
    assert '<h1 data-testid="national-title">National view</h1>' in html
    assert "Figures by département" in html and "Per 100,000 inhab." in html
    assert "Reports per 100,000 inhabitants" in html and "Map of the départements" in html
    assert "Vue nationale" not in html and "Chiffres par département" not in html


def test_the_english_catalogue_is_complete_and_compiled() -> None:
    entries = parse_po(PO)
    header = next(entry for entry in entries if entry["msgid"] == "")
    assert "fuzzy" not in header["flags"]
    assert "Language: en\n" in str(header["msgstr"])
    assert "charset=UTF-8" in str(header["msgstr"])
    assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in str(header["msgstr"])

    messages = [entry for entry in entries if entry["msgid"] != ""]
    keys = [(e.get("msgctxt"), e["msgid"]) for e in messages]
    assert len(set(keys)) == len(keys), "duplicate entries"
    singulars = [e for e in messages if "msgid_plural" not in e]
    plurals = [e for e in messages if "msgid_plural" in e]
    assert len(singulars) > 100
    assert len(plurals) >= 1
    assert [e["msgid"] for e in messages if "fuzzy" in e["flags"]] == []
    assert [e["msgid"] for e in messages if not is_complete(e)] == []
    assert [e["msgid"] for e in singulars if "msgstr" not in e] == []
    assert [e["msgid"] for e in plurals if "msgstr" in e or len(translations(e)) != 2] == []

    with MO.open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    stale = [e["msgid"] for e in messages if compiled_forms(catalogue, e) != translations(e)]
    assert stale == [], "django.mo is out of date: run compilemessages"


def compiled_forms(catalogue: gettext.GNUTranslations, entry: dict[str, object]) -> list[str]:
    """What the compiled catalogue gives for the entry: its translation, or for n=1 and n=2."""
    msgid = str(entry["msgid"])
    context = str(entry["msgctxt"]) if "msgctxt" in entry else None
    if "msgid_plural" not in entry:
        if context is None:
            return [catalogue.gettext(msgid)]
        return [catalogue.pgettext(context, msgid)]
    plural = str(entry["msgid_plural"])
    if context is None:
        return [catalogue.ngettext(msgid, plural, n) for n in (1, 2)]
    return [catalogue.npgettext(context, msgid, plural, n) for n in (1, 2)]
