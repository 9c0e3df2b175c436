"""record_outcome: validated, linked to the dossier and its reports, sealed, audited."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import AgentFactory, report
from tests.outcomes.conftest import NOW, days_ago, members
from vigie.audit.models import AuditAction, AuditEvent
from vigie.audit.services import verify_chain
from vigie.crossref.models import DossierMember
from vigie.outcomes.access import OutcomeTarget, outcome_target_for
from vigie.outcomes.models import Outcome
from vigie.outcomes.selectors import outcomes_of, totals_of
from vigie.outcomes.services import outcome_comment, record_outcome
from vigie.outcomes.validation import DrugLine, OutcomeData, WeaponLine

pytestmark = pytest.mark.django_db

# seeds/001: « une surveillance est mise en place, permettant l'interpellation rapide du
# vendeur… Les policiers saisissent kétamine, cannabis, cocaïne et 550 euros ».
SEED_001 = OutcomeData(
    occurred_on=days_ago(5).date(),
    surveillance_on=days_ago(15).date(),
    arrests=1,
    custodies=1,
    drugs=(
        DrugLine(drug="synthetic", quantity=Decimal("12"), unit="g", label="kétamine"),
        DrugLine(drug="cannabis_resin", quantity=Decimal("0.250"), unit="kg"),
        DrugLine(drug="cocaine", quantity=Decimal("35.5"), unit="g"),
    ),
    weapons=(WeaponLine(kind="bladed", count=1),),
    cash_eur=Decimal("550"),
    comment="Vendeur interpellé dans le hall après trois soirs de surveillance.",
)


def test_an_outcome_recorded_on_a_dossier_is_linked_to_its_reports_and_audited(dossier):
    analyst = AgentFactory(analyst=True)
    target = outcome_target_for(analyst, dossier_id=dossier.public_id)
    outcome = record_outcome(agent=analyst, target=target, data=SEED_001, now=NOW)

    assert outcome.departement_id == "25"
    assert outcome.dossier == dossier
    assert sorted(outcome.reports.values_list("pk", flat=True)) == sorted(
        m.report_id for m in members(dossier)
    )
    assert [(d.drug, d.quantity, d.unit) for d in outcome.drugs.all()] == [
        ("synthetic", Decimal("12.000"), "g"),
        ("cannabis_resin", Decimal("0.250"), "kg"),
        ("cocaine", Decimal("35.500"), "g"),
    ]
    event = AuditEvent.objects.get(action=AuditAction.RECORD_OUTCOME)
    assert (event.actor, event.target_type, event.target_id) == (
        analyst,
        "dossier",
        str(dossier.public_id),
    )
    assert event.details["outcome"] == str(outcome.public_id)
    assert verify_chain() is None


def test_the_comment_is_sealed_and_the_figures_are_not(dossier):
    analyst = AgentFactory(analyst=True)
    target = outcome_target_for(analyst, dossier_id=dossier.public_id)
    outcome = record_outcome(agent=analyst, target=target, data=SEED_001, now=NOW)
    stored = Outcome.objects.get(pk=outcome.pk)
    assert b"hall" not in bytes(stored.sealed_comment)
    assert outcome_comment(stored) == SEED_001.comment
    assert stored.cash_eur == Decimal("550.00") and stored.arrests == 1


def test_a_broken_rule_raises_french_messages_by_field_and_records_nothing(dossier):
    analyst = AgentFactory(analyst=True)
    target = outcome_target_for(analyst, dossier_id=dossier.public_id)
    data = OutcomeData(occurred_on=days_ago(31).date(), arrests=1, custodies=2)
    with pytest.raises(ValidationError) as raised:
        record_outcome(agent=analyst, target=target, data=data, now=NOW)
    assert set(raised.value.message_dict) == {"occurred_on", "custodies"}
    assert "précède le premier signalement" in raised.value.message_dict["occurred_on"][0]
    assert not Outcome.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.RECORD_OUTCOME).exists()


def test_the_clock_decides_what_the_future_is(dossier):
    analyst = AgentFactory(analyst=True)
    target = outcome_target_for(analyst, dossier_id=dossier.public_id)
    data = OutcomeData(occurred_on=days_ago(3).date(), arrests=1)
    with pytest.raises(ValidationError):
        record_outcome(agent=analyst, target=target, data=data, now=days_ago(4))
    assert record_outcome(agent=analyst, target=target, data=data, now=days_ago(3))


def test_an_agent_the_rule_refuses_cannot_record_even_with_a_target(dossier):
    jura = AgentFactory(analyst=True, departement="39")
    with pytest.raises(PermissionDenied):
        record_outcome(agent=jura, target=OutcomeTarget(dossier=dossier), data=SEED_001, now=NOW)


def test_an_outcome_on_a_lone_report_shows_on_the_dossier_it_joins_later(dossier):
    """Demo outcomes are recorded on reports before the worker forms dossiers; a report's
    own outcome is also its dossier's."""
    first = members(dossier)[0].report
    DossierMember.objects.filter(report=first).delete()  # as if it were still alone
    analyst = AgentFactory(analyst=True)
    target = outcome_target_for(analyst, report_id=first.public_id)
    outcome = record_outcome(agent=analyst, target=target, data=SEED_001, now=NOW)
    assert outcome.dossier is None
    DossierMember.objects.create(dossier=dossier, report=first, departement_id="25")
    assert outcomes_of(OutcomeTarget(dossier=dossier)) == [outcome]
    # And from the report's page, the dossier's outcomes are its own too.
    later = record_outcome(
        agent=analyst,
        target=OutcomeTarget(dossier=dossier),
        data=OutcomeData(occurred_on=days_ago(1).date(), committals=1),
        now=NOW,
    )
    second = members(dossier)[-1].report
    assert outcomes_of(OutcomeTarget(report=second)) == [later, outcome]


def test_the_timeline_and_its_totals_take_four_queries(dossier, django_assert_num_queries):
    analyst = AgentFactory(analyst=True)
    target = outcome_target_for(analyst, dossier_id=dossier.public_id)
    for days in (9, 7, 5):
        record_outcome(
            agent=analyst,
            target=target,
            data=OutcomeData(occurred_on=days_ago(days).date(), **_only_dates(SEED_001)),
            now=NOW,
        )
    # The dossier's reports, its outcomes, then three prefetches (drugs, weapons, assets).
    with django_assert_num_queries(5):
        timeline = outcomes_of(target)
        totals = totals_of(timeline)
    assert [o.occurred_on for o in timeline] == [days_ago(d).date() for d in (5, 7, 9)]
    assert totals.arrests == 3
    assert totals.drugs_kg["cannabis_resin"] == Decimal("0.750")
    assert totals.drugs_kg["cocaine"] == Decimal("0.1065")
    assert totals.cash_eur == Decimal("1650")
    assert totals.weapons_total == 3 and totals.firearms == 0


def _only_dates(data: OutcomeData) -> dict[str, object]:
    return {
        "arrests": data.arrests,
        "drugs": data.drugs,
        "weapons": data.weapons,
        "cash_eur": data.cash_eur,
    }


def test_a_report_target_starts_the_day_the_report_arrived():
    lone = report(received_at=NOW - timedelta(days=2))
    target = OutcomeTarget(report=lone)
    assert target.earliest() == timezone.localdate(NOW - timedelta(days=2))
    analyst = AgentFactory(analyst=True)
    too_early = OutcomeData(occurred_on=(NOW - timedelta(days=4)).date(), arrests=1)
    with pytest.raises(ValidationError):
        record_outcome(agent=analyst, target=target, data=too_early, now=NOW)


def test_a_key_rotation_reseals_the_comment(dossier, settings, tmp_path):
    import shutil

    from vigie.core.crypto import sealed_key_id
    from vigie.core.rotation import start_rotation

    keys_dir = tmp_path / "keys"  # a rotation writes and shreds key files: a copy of them
    shutil.copytree(settings.KEYS_DIR, keys_dir)
    settings.KEYS_DIR = keys_dir
    analyst = AgentFactory(analyst=True)
    target = outcome_target_for(analyst, dossier_id=dossier.public_id)
    outcome = record_outcome(agent=analyst, target=target, data=SEED_001, now=NOW)
    before = sealed_key_id(bytes(outcome.sealed_comment))
    start_rotation("reports", None)
    outcome.refresh_from_db()
    assert sealed_key_id(bytes(outcome.sealed_comment)) != before
    assert outcome_comment(outcome) == SEED_001.comment
