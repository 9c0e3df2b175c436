"""A dispatch's life with a controllable clock: deadlines, escalation, every step audited,
and what the citizen reads (« Transmis à un service », then « Clôturé » and a neutral word)."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.factories import AgentFactory, dispatched, submitted_report
from vigie.audit.models import AuditAction, AuditEvent
from vigie.notifications.models import Notification, NotificationKind
from vigie.notifications.selectors import notifications_for
from vigie.operations.models import DispatchStatus, EntryKind
from vigie.operations.services import (
    DispatchRefused,
    acknowledge_dispatch,
    close_dispatch,
    escalate_overdue,
)
from vigie.reports.enums import ReportStatus
from vigie.reports.selectors import report_for_receipt

T0 = timezone.make_aware(timezone.datetime(2026, 11, 20, 9, 0))


@pytest.mark.parametrize(("priority", "hours"), [("urgente", 2), ("haute", 24), ("normale", 72)])
def test_the_deadline_to_acknowledge_follows_the_priority(world, priority, hours) -> None:
    dispatch = dispatched(by=world.analyst, unit=world.besancon, priority=priority, now=T0)
    assert dispatch.acknowledge_by == T0 + timedelta(hours=hours)


def test_the_delays_are_a_setting(world, settings) -> None:
    settings.DISPATCH_ACKNOWLEDGE_HOURS = {"urgente": 1, "haute": 8, "normale": 48}
    dispatch = dispatched(by=world.analyst, unit=world.besancon, priority="haute", now=T0)
    assert dispatch.acknowledge_by == T0 + timedelta(hours=8)


def test_an_overdue_acknowledgement_is_escalated_once_to_the_cell_heads(world) -> None:
    second_head = AgentFactory(cell_head=True)
    dispatch = dispatched(by=world.analyst, unit=world.besancon, priority="urgente", now=T0)

    assert escalate_overdue(now=T0 + timedelta(hours=1, minutes=59)) == 0
    assert escalate_overdue(now=T0 + timedelta(hours=2, minutes=1)) == 1
    assert escalate_overdue(now=T0 + timedelta(hours=5)) == 0  # idempotent

    overdue = Notification.objects.filter(kind=NotificationKind.DISPATCH_OVERDUE)
    assert set(overdue.values_list("recipient_agent", flat=True)) == {world.head.pk, second_head.pk}
    assert not notifications_for(world.analyst).filter(kind=NotificationKind.DISPATCH_OVERDUE)
    assert not notifications_for(world.member).filter(kind=NotificationKind.DISPATCH_OVERDUE)
    assert AuditEvent.objects.filter(action=AuditAction.DISPATCH_ESCALATE).count() == 1
    assert dispatch.entries.filter(kind=EntryKind.ESCALATED).count() == 1


def test_an_acknowledged_dispatch_is_never_escalated(world) -> None:
    dispatch = dispatched(by=world.analyst, unit=world.besancon, priority="urgente", now=T0)
    acknowledge_dispatch(agent=world.member, dispatch=dispatch, now=T0 + timedelta(hours=1))
    assert escalate_overdue(now=T0 + timedelta(days=3)) == 0


def test_the_command_escalates_with_its_own_clock(world) -> None:
    dispatched(by=world.analyst, unit=world.besancon, priority="haute", now=T0)
    out = io.StringIO()
    call_command("dispatches", "escalate", "--now", "2026-11-21T08:00:00", stdout=out)
    assert out.getvalue().startswith("0 transmission")
    call_command("dispatches", "escalate", "--now", "2026-11-21T10:00:00", stdout=out)
    assert "1 transmission(s) en retard" in out.getvalue()


def test_the_cell_sees_overdue_dispatches_in_its_header_and_list(
    client, world, monkeypatch
) -> None:
    dispatch = dispatched(by=world.analyst, unit=world.besancon, priority="urgente", now=T0)
    monkeypatch.setattr(timezone, "now", lambda: T0 + timedelta(hours=1))
    client.force_login(world.analyst)
    assert (
        'data-testid="overdue-badge"' not in client.get(reverse("operations:list")).content.decode()
    )
    monkeypatch.setattr(timezone, "now", lambda: T0 + timedelta(hours=3))
    page = client.get(reverse("operations:list") + "?statut=overdue").content.decode()
    assert 'data-testid="overdue-badge"' in page and 'data-testid="overdue-alert"' in page
    assert dispatch.label in page


def test_the_whole_life_of_a_dispatch_and_what_the_citizen_reads(client, world) -> None:
    submitted = submitted_report()
    report = submitted.report

    def citizen():
        return report_for_receipt(reference=report.reference, secret=submitted.secret)

    client.force_login(world.analyst)
    answer = client.post(
        reverse("operations:new_from_report", args=[report.public_id]),
        {"unit": world.besancon.pk, "priority": "haute", "instructions": "Surveiller le hall."},
    )
    assert answer.status_code == 302
    dispatch = world.besancon.dispatches.get()
    assert citizen().status == ReportStatus.PASSED_TO_UNIT
    assert Notification.objects.filter(recipient_unit=world.besancon).count() == 1

    client.force_login(world.member)
    unit_url = reverse("unit:detail", args=[dispatch.public_id])
    assert "Surveiller le hall." in client.get(unit_url).content.decode()
    for name, data in (
        ("unit:acknowledge", {}),
        ("unit:question", {"question-text": "Quel bâtiment exactement ?"}),
        ("unit:note", {"note-text": "Passage discret à 19h, deux guetteurs."}),
    ):
        assert client.post(reverse(name, args=[dispatch.public_id]), data).status_code == 302
    client.force_login(world.analyst)
    client.post(reverse("operations:answer", args=[dispatch.public_id]), {"text": "Le B."})
    # The cell cannot close for the citizen while the unit works on it.
    refused = client.post(
        reverse("operations:close_citizen", args=[dispatch.public_id]), {"message": "contributed"}
    )
    assert refused.status_code == 422
    client.force_login(world.member)
    bad = client.post(reverse("unit:close", args=[dispatch.public_id]), {"reason": "other"})
    assert bad.status_code == 422 and "Précisez le motif" in bad.content.decode()
    recorded = client.post(
        reverse("unit:outcomes", args=[dispatch.public_id]),
        {
            "occurred_on": str(timezone.localdate()),
            "arrests": "2",
            "custodies": "2",
            "drugs-TOTAL_FORMS": "3",
            "drugs-INITIAL_FORMS": "0",
            "assets-TOTAL_FORMS": "1",
            "assets-INITIAL_FORMS": "0",
        },
    )
    assert recorded.status_code == 302  # « action menée » closes once its outcomes are in
    closed = client.post(
        reverse("unit:close", args=[dispatch.public_id]), {"reason": "action", "note": "2 GAV"}
    )
    assert closed.status_code == 302
    client.force_login(world.analyst)
    client.post(
        reverse("operations:close_citizen", args=[dispatch.public_id]), {"message": "contributed"}
    )

    dispatch.refresh_from_db()
    assert dispatch.status == DispatchStatus.CLOSED
    view = citizen()
    assert view.status == ReportStatus.CLOSED
    assert view.closing_message == "Votre signalement a contribué à une action des services."
    assert [status for _at, status in view.status_history][-2:] == [
        ReportStatus.PASSED_TO_UNIT,
        ReportStatus.CLOSED,
    ]
    actions = set(
        AuditEvent.objects.filter(target_id=str(dispatch.public_id)).values_list(
            "action", flat=True
        )
    )
    assert actions >= {
        AuditAction.DISPATCH_CREATE,
        AuditAction.VIEW_DISPATCH,
        AuditAction.DISPATCH_ACKNOWLEDGE,
        AuditAction.DISPATCH_QUESTION,
        AuditAction.DISPATCH_NOTE,
        AuditAction.DISPATCH_ANSWER,
        AuditAction.DISPATCH_CLOSE,
        AuditAction.DISPATCH_CITIZEN_CLOSE,
    }
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert kinds >= {
        NotificationKind.DISPATCH_RECEIVED,
        NotificationKind.DISPATCH_ACKNOWLEDGED,
        NotificationKind.DISPATCH_QUESTION,
        NotificationKind.DISPATCH_ANSWER,
        NotificationKind.DISPATCH_CLOSED,
    }


def test_the_citizens_follow_up_page_never_names_the_unit(client, world) -> None:
    submitted = submitted_report()
    dispatch = dispatched(by=world.analyst, unit=world.besancon, reports=[submitted.report])
    close_dispatch(agent=world.member, dispatch=dispatch, reason="no_result")
    from vigie.operations.services import close_for_citizen

    close_for_citizen(agent=world.analyst, dispatch=dispatch, message="no_follow_up")
    page = client.post(
        reverse("public:follow_up"),
        {"reference": submitted.report.reference, "secret": submitted.secret},
    ).content.decode()
    assert "Clôturé" in page
    assert "Les vérifications n’ont pas permis de donner suite." in page
    assert world.besancon.name not in page and dispatch.label not in page
    assert "Vérifications sans résultat" not in page


def test_a_handed_back_dispatch_frees_the_report_for_another_unit(world) -> None:
    from vigie.operations.services import hand_back

    dispatch = dispatched(by=world.analyst, unit=world.besancon)
    report = dispatch.items.get().report
    with pytest.raises(DispatchRefused):
        dispatched(by=world.analyst, unit=world.pontarlier, reports=[report])
    hand_back(agent=world.member, dispatch=dispatch, reason="Hors de notre zone.")
    again = dispatched(by=world.analyst, unit=world.pontarlier, reports=[report])
    assert again.status == DispatchStatus.SENT
    assert Notification.objects.filter(kind=NotificationKind.DISPATCH_HANDED_BACK).exists()
    assert AuditEvent.objects.filter(action=AuditAction.DISPATCH_HAND_BACK).exists()


def test_a_closed_dispatch_takes_nothing_more(world) -> None:
    from vigie.operations.services import add_note

    dispatch = dispatched(by=world.analyst, unit=world.besancon)
    close_dispatch(agent=world.member, dispatch=dispatch, reason="surveillance")
    with pytest.raises(DispatchRefused):
        add_note(agent=world.member, dispatch=dispatch, text="encore")
