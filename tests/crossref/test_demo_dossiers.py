"""`vigie demo`: its Doubs reports form dossiers on first run, through the linking task."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from vigie.crossref.models import DossierMember
from vigie.demo.dossiers import SCENARIOS
from vigie.demo.services import create_demo
from vigie.reports.content import open_content
from vigie.reports.models import Report

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)
# Indexes in SCENARIOS of each expected dossier, and of the lone reports.
POINT_OF_SALE, DELIVERY, RELAY, MOVED = (0, 1, 2, 3), (4, 5, 6, 7), (8, 9, 10), (11, 12, 13, 14)
LONE = (15, 16)


def test_the_demo_forms_its_dossiers_on_first_run():
    create_demo(report_count=60, now=NOW)
    by_text = {}
    for report in Report.objects.filter(departement_id="25"):
        content = open_content(report.sealed_content, associated_data=report.associated_data)
        by_text[content.description] = report.pk
    ids = [by_text[scenario.text] for scenario in SCENARIOS]
    dossier = dict(
        DossierMember.objects.filter(report_id__in=ids).values_list("report_id", "dossier_id")
    )
    groups = [POINT_OF_SALE, DELIVERY, RELAY, MOVED]
    found = [{dossier.get(ids[i]) for i in group} for group in groups]
    assert all(len(one) == 1 and None not in one for one in found), found
    assert len({next(iter(one)) for one in found}) == len(groups)
    for i in LONE:
        assert dossier.get(ids[i]) not in {next(iter(one)) for one in found}
