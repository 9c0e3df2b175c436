"""Outcome tests: dossiers made by importing linked reports (tests.crossref.conftest)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from tests.crossref.conftest import line, run_import
from vigie.crossref.models import Dossier

DOUBS_TEXT = "Le guetteur du hall Schubert donne le 06 12 34 56 78 aux clients."
JURA_TEXT = "À Lons, un livreur en scooter noir, on le commande au 06 12 34 56 78."
JURA = {"commune": "39300", "address": "place de la Liberté"}
# The clock of the tests: reports arrived 30 and 20 days before it.
NOW = timezone.now()


def days_ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


@pytest.fixture
def dossier(tmp_path: Path) -> Dossier:
    """Two Doubs reports sharing a phone number, received 30 and 20 days ago."""
    rows = [
        line(DOUBS_TEXT, received_at=days_ago(30).isoformat()),
        line(DOUBS_TEXT.replace("Schubert", "Brahms"), received_at=days_ago(20).isoformat()),
    ]
    assert run_import(tmp_path, rows).error is None
    return Dossier.objects.get(size=2)


@pytest.fixture
def cross_border(tmp_path: Path) -> Dossier:
    rows = [
        line(DOUBS_TEXT, received_at=days_ago(10).isoformat()),
        line(JURA_TEXT, location=JURA, received_at=days_ago(10).isoformat()),
    ]
    assert run_import(tmp_path, rows).error is None
    return Dossier.objects.get(size=2)


def members(dossier: Dossier) -> list[Any]:
    return list(dossier.members.select_related("report").order_by("report__received_at"))
