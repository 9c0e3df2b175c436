"""Issue 12 finding 4: no row made by a citizen's action, or by the worker just after it,
dates that action finer than the hour (the report itself keeps its reception to the hour).

A scripted citizen session (two reports that link through a phone, an evidence file, an
addition, a watched phone), then every date-time column of every table those rows live in.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from tests.engine.media.samples import jpeg_with_everything
from tests.factories import AgentFactory, report
from vigie.crossref.models import Link, WatchAlert
from vigie.crossref.services import watch
from vigie.evidence.services import store_evidence
from vigie.reports.services import attach_file, post_citizen_message

pytestmark = pytest.mark.django_db

# Rows an agent makes, dated to the second on purpose (the audit of their work), and the
# chat's minute-precision clock (a live conversation, shown to both sides).
AGENT_MADE = {"crossref.watchlist", "crossref.analystdecision", "audit.auditevent"}
APPS = ("reports", "evidence", "crossref")
PHONE = "06 12 34 56 78"


@pytest.fixture(autouse=True)
def evidence_dir(settings, tmp_path: Path) -> None:
    settings.EVIDENCE_DIR = tmp_path / "evidence"


def _finer_than_the_hour() -> list[str]:
    found = []
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.label_lower in AGENT_MADE:
                continue
            fields = [f.name for f in model._meta.fields if isinstance(f, models.DateTimeField)]
            for row in model.objects.values("pk", *fields):
                for name in fields:
                    value: datetime | None = row[name]
                    if value is not None and (value.minute, value.second, value.microsecond) != (
                        0,
                        0,
                        0,
                    ):
                        found.append(f"{model._meta.label}.{name} = {value.isoformat()}")
    return found


def test_a_citizen_session_leaves_no_time_finer_than_the_hour() -> None:
    agent = AgentFactory(departement="25")
    watch(agent=agent, departement="25", kind="phone", value=PHONE)
    first = report(description=f"Vente tous les soirs devant le hall, commandes au {PHONE}.")
    second = report(description=f"Le numéro {PHONE} livre dans tout le quartier, le soir.")
    upload = SimpleUploadedFile("p.jpg", jpeg_with_everything(), "image/jpeg")
    attach_file(report=first, file=store_evidence(upload))
    post_citizen_message(report=second, text="Ils étaient encore là hier vers 19h.")
    # The session did make what the scan must look at.
    assert Link.objects.exists() and WatchAlert.objects.exists()
    assert _finer_than_the_hour() == []
