"""English is available next to French, and the English catalogue is complete and compiled."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import pytest
from django.conf import settings

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
    """A small reader for the subset of PO that makemessages writes (no plurals here).

    Each entry: msgid, msgstr, flags (from "#," lines) and msgctxt when present.
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
            assert keyword in {"msgctxt", "msgid", "msgstr"}, f"unexpected PO line: {raw!r}"
            if keyword != "msgstr" and "msgstr" in entry:
                flush()
            field = keyword
            entry[field] = _unquote(rest)
    flush()
    return entries


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


def test_the_english_catalogue_is_complete_and_compiled() -> None:
    entries = parse_po(PO)
    header = next(entry for entry in entries if entry["msgid"] == "")
    assert "fuzzy" not in header["flags"]
    assert "Language: en\n" in str(header["msgstr"])
    assert "charset=UTF-8" in str(header["msgstr"])

    messages = [entry for entry in entries if entry["msgid"] != "" and "msgctxt" not in entry]
    assert len(messages) > 100
    assert [e["msgid"] for e in messages if "fuzzy" in e["flags"]] == []
    assert [e["msgid"] for e in messages if not e["msgstr"]] == []

    with MO.open("rb") as compiled:
        translations = gettext.GNUTranslations(compiled)
    stale = [e["msgid"] for e in messages if translations.gettext(str(e["msgid"])) != e["msgstr"]]
    assert stale == [], "django.mo is out of date: run compilemessages"
