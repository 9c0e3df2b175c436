"""Who may record and read outcomes: one line per case; missing and forbidden are one 404."""

from __future__ import annotations

import uuid

import pytest
from django.http import Http404

from tests.factories import AgentFactory, UnitFactory, report
from vigie.accounts.models import Role
from vigie.crossref.models import Dossier
from vigie.outcomes.access import may_record_outcomes, outcome_target_for, outcome_target_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("traits", "allowed"),
    [
        ({"analyst": True}, True),
        ({"cell_head": True}, True),
        ({"analyst": True, "departement": "39"}, False),  # another cell
        ({}, False),  # the chat-only agent: least privilege
        ({"national": True}, False),  # the national level reads figures, not timelines
        ({"admin": True}, False),
        ({"analyst": True, "inactive": True}, False),
    ],
)
def test_who_may_record_on_a_dossier_and_on_a_report(dossier, traits, allowed):
    agent = AgentFactory(**traits)
    lone = report()
    assert may_record_outcomes(agent, dossier) is allowed
    assert may_record_outcomes(agent, lone) is allowed
    for kwargs in ({"dossier_id": dossier.public_id}, {"report_id": lone.public_id}):
        if allowed:
            assert outcome_target_for(agent, **kwargs).subject.public_id in (
                dossier.public_id,
                lone.public_id,
            )
        else:
            with pytest.raises(Http404):
                outcome_target_for(agent, **kwargs)


def test_a_unit_member_records_nothing_until_the_dispatch_side_allows_it(dossier):
    unit = UnitFactory()
    member = AgentFactory(role=Role.UNIT_MEMBER, cell=None, unit=unit)
    assert not may_record_outcomes(member, dossier)
    with pytest.raises(Http404):
        outcome_target_for(member, dossier_id=dossier.public_id)


def test_a_cross_border_dossier_takes_outcomes_from_both_cells(cross_border):
    for code in ("25", "39"):
        assert may_record_outcomes(AgentFactory(analyst=True, departement=code), cross_border)
    assert not may_record_outcomes(AgentFactory(analyst=True, departement="70"), cross_border)


def test_a_missing_target_is_the_same_404(dossier):
    analyst = AgentFactory(analyst=True)
    for kwargs in (
        {"dossier_id": uuid.uuid4()},
        {"report_id": uuid.uuid4()},
        {"dossier_id": "not-a-uuid"},
        {},
        {"dossier_id": dossier.public_id, "report_id": uuid.uuid4()},
    ):
        with pytest.raises(Http404):
            outcome_target_for(analyst, **kwargs)


def test_a_merged_dossier_leads_to_where_its_reports_went(dossier):
    old = Dossier.objects.create(departement_id="25", merged_into=dossier)
    target = outcome_target_for(AgentFactory(analyst=True), dossier_id=old.public_id)
    assert target.dossier == dossier


def test_a_page_shows_the_section_only_to_those_the_rule_allows(dossier):
    assert outcome_target_of(AgentFactory(analyst=True), dossier).dossier == dossier
    assert outcome_target_of(AgentFactory(national=True), dossier) is None
