import uuid

import pytest

from tests.factories import AgentFactory, submitted_report
from vigie.audit.models import AuditAction, AuditEvent
from vigie.core import sealing
from vigie.core.crypto import DecryptionError
from vigie.reports.enums import MessageAuthor
from vigie.reports.services import post_cell_message, post_citizen_message

pytestmark = pytest.mark.django_db


def test_the_cell_and_the_receipt_holder_both_read_a_message_and_nobody_else() -> None:
    submitted = submitted_report()
    report, secret = submitted.report, submitted.secret
    assert secret is not None
    message = post_citizen_message(report=report, text="Le guetteur a une trottinette rouge.")
    ad = message.associated_data
    assert b"trottinette" not in bytes(message.sealed_for_cell)
    assert (
        sealing.open_for_cell(message.sealed_for_cell, associated_data=ad)
        .decode()
        .startswith("Le guetteur")
    )
    opened = sealing.open_for_citizen(
        message.sealed_for_citizen, secret=secret, reference=report.reference, associated_data=ad
    )
    assert opened == b"Le guetteur a une trottinette rouge."
    other = submitted_report().secret
    assert other is not None
    with pytest.raises(DecryptionError):
        sealing.open_for_citizen(
            message.sealed_for_citizen, secret=other, reference=report.reference, associated_data=ad
        )


def test_a_retried_citizen_message_is_stored_once() -> None:
    report = submitted_report().report
    message_id = uuid.uuid4()
    first = post_citizen_message(report=report, text="Complément", message_id=message_id)
    again = post_citizen_message(report=report, text="Complément", message_id=message_id)
    assert first.pk == again.pk
    assert report.messages.count() == 1


def test_a_cell_message_is_audited_and_readable_with_the_receipt() -> None:
    submitted = submitted_report()
    agent = AgentFactory(analyst=True)
    message = post_cell_message(report=submitted.report, agent=agent, text="À quelle heure ?")
    assert message.author == MessageAuthor.CELL
    assert AuditEvent.objects.filter(
        action=AuditAction.MESSAGE_CITIZEN, target_id=submitted.report.reference
    ).exists()
    assert submitted.secret is not None
    assert (
        sealing.open_for_citizen(
            message.sealed_for_citizen,
            secret=submitted.secret.lower(),
            reference=submitted.report.reference,
            associated_data=message.associated_data,
        )
        == "À quelle heure ?".encode()
    )
