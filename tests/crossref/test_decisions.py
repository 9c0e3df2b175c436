"""Analysts' decisions are kept, audited, and respected by later automatic linking."""

from __future__ import annotations

import pytest

from tests.crossref.conftest import ELSEWHERE, line
from tests.factories import AgentFactory
from vigie.audit.models import AuditAction, AuditEvent
from vigie.crossref import services
from vigie.crossref.models import AnalystDecision, Dossier, DossierMember
from vigie.reports.models import Report

pytestmark = pytest.mark.django_db

PHONE_TEXT = "Commande au 06 12 34 56 78, livraison en bas de l'immeuble le soir."


def _report(submission_id: str) -> Report:
    return Report.objects.get(submission_id=submission_id)


def _dossier_of(report: Report) -> int | None:
    member = DossierMember.objects.filter(report=report).first()
    return member.dossier_id if member else None


def _phone_reports(importer, count: int, start: int = 0) -> list[Report]:
    rows = [line(PHONE_TEXT, location=ELSEWHERE[(start + i) % 3]) for i in range(count)]
    assert importer(rows).error is None
    return [_report(row["submission_id"]) for row in rows]


def test_a_rejected_link_is_never_remade(importer):
    analyst = AgentFactory(analyst=True)
    a, b = _phone_reports(importer, 2)
    assert _dossier_of(a) is not None and _dossier_of(a) == _dossier_of(b)

    services.decide_pair(agent=analyst, kind="reject", report_a=a, report_b=b)
    assert _dossier_of(a) is None or _dossier_of(a) != _dossier_of(b)

    # A new report naming the same phone, and linking both again, does not undo it.
    _phone_reports(importer, 1, start=2)
    services.link_report(a.pk)
    services.link_report(b.pk)
    assert _dossier_of(a) is None or _dossier_of(a) != _dossier_of(b)
    event = AuditEvent.objects.filter(action=AuditAction.DOSSIER_DECISION).get()
    assert event.details["decision"] == "reject"
    assert set(event.details["reports"]) == {a.reference, b.reference}


def test_a_confirmed_pair_stays_together_when_reports_arrive(importer):
    analyst = AgentFactory(analyst=True)
    rows = [
        line("Un homme vend devant le hall tous les soirs.", location=ELSEWHERE[0]),
        line("Une femme seule attend près de la gare.", location=ELSEWHERE[1]),
    ]
    assert importer(rows).error is None
    a, b = (_report(row["submission_id"]) for row in rows)
    assert _dossier_of(a) is None
    services.decide_pair(agent=analyst, kind="confirm", report_a=a, report_b=b)
    assert _dossier_of(a) is not None and _dossier_of(a) == _dossier_of(b)

    _phone_reports(importer, 2)
    services.link_report(a.pk)
    assert _dossier_of(a) == _dossier_of(b)


def test_a_split_survives_new_reports(importer):
    analyst = AgentFactory(analyst=True)
    a, b, c = _phone_reports(importer, 3)
    dossier = Dossier.objects.get(pk=_dossier_of(a))
    assert dossier.size == 3
    services.split_dossier(agent=analyst, dossier=dossier, report_ids=[c.pk])
    assert _dossier_of(c) != dossier.pk
    assert _dossier_of(a) == _dossier_of(b) == dossier.pk

    _phone_reports(importer, 1)
    services.link_report(c.pk)
    assert _dossier_of(c) != _dossier_of(a)
    assert AnalystDecision.objects.filter(kind="split").count() == 1


def test_merge_keeps_the_dossier_and_survives_new_reports(importer):
    analyst = AgentFactory(analyst=True)
    a, b = _phone_reports(importer, 2)
    rows = [
        line("Snap dealer_doubs_25 pour commander, livraison rapide.", location=ELSEWHERE[1]),
        line("Sur snapchat dealer_doubs_25 il vend de la résine.", location=ELSEWHERE[2]),
    ]
    assert importer(rows).error is None
    c, d = (_report(row["submission_id"]) for row in rows)
    first, second = (Dossier.objects.get(pk=_dossier_of(r)) for r in (a, c))
    assert first.pk != second.pk

    merged = services.merge_dossiers(agent=analyst, dossier=first, other=second)
    assert {_dossier_of(r) for r in (a, b, c, d)} == {merged.pk}
    second.refresh_from_db()
    assert second.merged_into_id == merged.pk or second.pk == merged.pk

    _phone_reports(importer, 1)
    services.link_report(c.pk)
    assert len({_dossier_of(r) for r in (a, b, c, d)}) == 1
