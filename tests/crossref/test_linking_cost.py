"""Linking a report costs a bounded number of queries, whatever the size of the dossier it
joins (the component is walked and reconciled with set-based queries, issue 11 "Speed"), and
opened features are reused only while they are the stored ones."""

from __future__ import annotations

import json
import uuid

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from tests.crossref.conftest import ELSEWHERE, line
from vigie.crossref import services
from vigie.crossref.importing import import_line
from vigie.crossref.models import Dossier, DossierMember, EntityToken, Link, ReportFeatures
from vigie.crossref.tasks import deferred_linking
from vigie.reports.models import Report

pytestmark = pytest.mark.django_db

PHONE_TEXT = "Commande au 06 12 34 56 78, livraison en bas de l'immeuble le soir."


def _phone_reports(importer, count: int) -> list[Report]:
    rows = [line(PHONE_TEXT, location=ELSEWHERE[i % 3]) for i in range(count)]
    assert importer(rows).error is None
    return list(Report.objects.filter(submission_id__in=[r["submission_id"] for r in rows]))


def _queries_to_link(report: Report) -> int:
    with CaptureQueriesContext(connection) as captured:
        services.link_report(report.pk)
    return len(captured.captured_queries)


def _store_unlinked(data: dict) -> Report:
    with deferred_linking():
        _created, report_id = import_line(json.dumps(data))
    return Report.objects.get(pk=report_id)


# Places of the second scenario, far from ELSEWHERE's: the two scenarios stay apart.
FURTHER = [
    {"lat": 47.1065, "lon": 6.1465, "commune": "25434", "address": "rue Pierre Vernier"},
    {"lat": 47.3526, "lon": 6.3616, "commune": "25047", "address": "rue de Provence"},
    {"lat": 47.0570, "lon": 6.6041, "commune": "25411", "address": "Grande Rue"},
]


def _bridge_cost(
    importer, size: int, phones: tuple[str, str], places: list[dict]
) -> tuple[int, int]:
    """Two dossiers of `size` reports, each known by its phone at its own place; then a
    report naming both phones joins them. The queries of that link, and the dossier's size."""
    for phone, place in zip(phones, places, strict=False):
        rows = [line(PHONE_TEXT.replace("06 12 34 56 78", phone), location=place)] * size
        rows = [{**row, "submission_id": str(uuid.uuid4())} for row in rows]
        assert importer(rows).error is None
    bridge = _store_unlinked(
        line(f"Commande au {phones[0]} ou au {phones[1]}, on livre partout.", location=places[2])
    )
    cost = _queries_to_link(bridge)
    return cost, DossierMember.objects.get(report=bridge).dossier.size


def test_joining_two_big_dossiers_costs_the_queries_of_joining_two_small_ones(importer):
    small_cost, small_size = _bridge_cost(
        importer, 2, ("06 11 22 33 44", "06 55 66 77 88"), ELSEWHERE
    )
    big_cost, big_size = _bridge_cost(importer, 9, ("07 11 22 33 44", "07 55 66 77 88"), FURTHER)
    assert (small_size, big_size) == (5, 19)
    # Moving 9 reports from one dossier to the other is one UPDATE, as moving 2 is.
    assert big_cost == small_cost, (small_cost, big_cost)


def test_a_new_report_joining_a_dossier_updates_it_in_place(importer):
    first = _phone_reports(importer, 4)
    dossier = DossierMember.objects.get(report=first[0]).dossier
    assert dossier.size == 4
    later = _phone_reports(importer, 1)[0]
    assert DossierMember.objects.get(report=later).dossier_id == dossier.pk
    refreshed = Dossier.objects.get(pk=dossier.pk)
    assert refreshed.size == 5
    assert refreshed.last_report_at == max(
        Report.objects.filter(dossier_membership__dossier=dossier).values_list(
            "received_at", flat=True
        )
    )
    assert refreshed.kind


def test_opened_features_are_reused_only_while_they_are_the_stored_ones(importer, monkeypatch):
    (report,) = _phone_reports(importer, 1)
    opened: list[int] = []
    original = services.codec.loads

    def counting_loads(cls, raw):
        opened.append(1)
        return original(cls, raw)

    monkeypatch.setattr(services.codec, "loads", counting_loads)
    services._OPENED.clear()
    first = services.features_by_report([report.pk])[report.pk]
    again = services.features_by_report([report.pk])[report.pk]
    assert again is first and len(opened) == 1
    # The stored row changes (here: sealed anew, as linking again does): opened again.
    row = ReportFeatures.objects.get(report=report)
    row.sealed = services._seal_features(report.pk, first)
    row.save()
    assert services.features_by_report([report.pk])[report.pk] == first
    assert len(opened) == 2


def test_linking_again_replaces_tokens_and_links_without_duplicating_them(importer):
    *_others, third = _phone_reports(importer, 3)

    def rows() -> tuple[list, list]:
        tokens = sorted(
            EntityToken.objects.filter(report=third).values_list("kind", "token", flat=False)
        )
        links = sorted(
            Link.objects.filter(Q(report_a=third) | Q(report_b=third)).values_list(
                "report_a_id", "report_b_id"
            )
        )
        return tokens, links

    tokens, links = rows()
    assert tokens and len(links) == 2
    services.link_report(third.pk)
    assert rows() == (tokens, links)
    # A token left over from an earlier indexing (say, an older wording) is replaced too.
    EntityToken.objects.create(report=third, kind="phone", token="0" * 64)
    services.link_report(third.pk)
    assert rows() == (tokens, links)


def test_an_opened_entry_keeps_a_digest_of_the_sealed_bytes_not_the_bytes(importer):
    """The cache holds up to 20,000 entries in the worker: the sealed bytes (~1 KiB each)
    were a quarter of an entry; a 16-byte digest tells the stored row apart as well."""
    (report,) = _phone_reports(importer, 1)
    services._OPENED.clear()
    services.features_by_report([report.pk])
    kept, _features = services._OPENED[report.pk]
    sealed = bytes(ReportFeatures.objects.get(report=report).sealed)
    assert len(sealed) > 100 and len(kept) == 16
