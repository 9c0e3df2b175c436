"""Who reaches which dispatch: a unit member their own unit's only, the cell its own; every
other dispatch is a 404 like a missing one, over HTTP and on the live socket."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import dispatched
from vigie.audit.models import AuditAction, AuditEvent
from vigie.operations.models import DispatchStatus

UNIT_GETS = ("unit:detail", "unit:outcomes")
UNIT_POSTS = ("unit:acknowledge", "unit:question", "unit:note", "unit:hand_back", "unit:close")
CELL_GETS = ("operations:detail",)
CELL_POSTS = ("operations:answer", "operations:close_citizen")


def _answers(client, agent, dispatch, names_get, names_post) -> set[int]:
    client.force_login(agent)
    codes = {client.get(reverse(name, args=[dispatch.public_id])).status_code for name in names_get}
    codes |= {
        client.post(
            reverse(name, args=[dispatch.public_id]), {"text": "x", "reason": "x"}
        ).status_code
        for name in names_post
    }
    return codes


@pytest.fixture
def dispatch(world):
    return dispatched(by=world.analyst, unit=world.besancon)


@pytest.mark.parametrize(
    "who",
    ["other_member", "jura_member", "analyst", "head", "chat_agent", "jura_analyst", "national"],
)
def test_only_the_units_own_members_reach_its_pages(client, world, dispatch, who) -> None:
    assert _answers(client, getattr(world, who), dispatch, UNIT_GETS, UNIT_POSTS) == {404}
    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.SENT
    assert not dispatch.entries.exists()


@pytest.mark.parametrize(
    "who", ["member", "other_member", "jura_member", "chat_agent", "jura_analyst", "national"]
)
def test_only_the_cells_analysts_and_head_reach_its_dispatch(client, world, dispatch, who) -> None:
    assert _answers(client, getattr(world, who), dispatch, CELL_GETS, CELL_POSTS) == {404}


def test_a_unit_member_sees_their_units_dispatch_and_the_view_is_audited(
    client, world, dispatch
) -> None:
    client.force_login(world.member)
    assert client.get(reverse("unit:detail", args=[dispatch.public_id])).status_code == 200
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW_DISPATCH, actor=world.member, target_id=str(dispatch.public_id)
    ).exists()


def test_a_unit_lists_its_own_dispatches_only(client, world, dispatch) -> None:
    theirs = dispatched(by=world.analyst, unit=world.pontarlier)
    jura = dispatched(by=world.jura_analyst, unit=world.lons, reports=[_jura_report()])
    client.force_login(world.member)
    html = client.get(reverse("backoffice:unit_space")).content.decode()
    assert dispatch.label in html
    assert theirs.label not in html and jura.label not in html


def test_a_cell_lists_its_own_dispatches_only(client, world, dispatch) -> None:
    jura = dispatched(by=world.jura_analyst, unit=world.lons, reports=[_jura_report()])
    client.force_login(world.analyst)
    html = client.get(reverse("operations:list")).content.decode()
    assert dispatch.label in html and jura.label not in html


def test_a_unit_member_cannot_read_another_units_evidence(client, world) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.engine.media.samples import jpeg_with_everything
    from tests.factories import report
    from vigie.evidence.services import store_evidence
    from vigie.reports.services import attach_file

    theirs = report()
    stored = store_evidence(SimpleUploadedFile("x.jpg", jpeg_with_everything()))
    attach_file(report=theirs, file=stored)
    their_dispatch = dispatched(by=world.analyst, unit=world.pontarlier, reports=[theirs])
    mine = dispatched(by=world.analyst, unit=world.besancon)
    client.force_login(world.member)
    for dispatch in (their_dispatch, mine):  # theirs, and the file through my own dispatch
        url = reverse("unit:evidence_file", args=[dispatch.public_id, stored.public_id])
        assert client.get(url).status_code == 404
    # nor through the cell's own file URL
    assert (
        client.get(reverse("backoffice:evidence_file", args=[stored.public_id])).status_code == 404
    )


def test_the_cells_dispatch_forms_refuse_a_unit_of_another_cell(client, world) -> None:
    from tests.factories import report

    target = report()
    client.force_login(world.analyst)
    answer = client.post(
        reverse("operations:new_from_report", args=[target.public_id]),
        {"unit": world.lons.pk, "priority": "normale", "instructions": ""},
    )
    assert answer.status_code == 422
    assert "Sélectionnez un choix valide" in answer.content.decode()
    assert not target.dispatch_items.exists()


def test_a_jura_analyst_cannot_dispatch_a_doubs_report(client, world) -> None:
    from tests.factories import report

    client.force_login(world.jura_analyst)
    url = reverse("operations:new_from_report", args=[report().public_id])
    assert client.get(url).status_code == 404


def _jura_report():
    from tests.factories import report

    return report(commune_code="39300")
