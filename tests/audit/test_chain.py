import pytest

from tests.factories import AgentFactory
from vigie.audit.models import AuditAction, AuditEvent
from vigie.audit.services import record_event, verify_chain

pytestmark = pytest.mark.django_db


def test_events_form_an_intact_chain() -> None:
    agent = AgentFactory(analyst=True)
    events = [
        record_event(
            actor=agent, action=AuditAction.VIEW_REPORT, target_type="report", target_id=str(n)
        )
        for n in range(3)
    ]
    assert [e.previous_hash for e in events[1:]] == [e.hash for e in events[:-1]]
    assert verify_chain() is None


@pytest.mark.parametrize("field", ["target_id", "action", "details"])
def test_editing_an_event_breaks_the_chain_at_that_event(field) -> None:
    agent = AgentFactory(analyst=True)
    events = [
        record_event(
            actor=agent, action=AuditAction.VIEW_REPORT, target_type="report", target_id=str(n)
        )
        for n in range(3)
    ]
    new_value = {"target_id": "999", "action": AuditAction.QUALIFY_REPORT, "details": {"x": 1}}[
        field
    ]
    AuditEvent.objects.filter(pk=events[1].pk).update(**{field: new_value})
    assert verify_chain() == events[1].pk


def test_deleting_an_event_breaks_the_chain() -> None:
    agent = AgentFactory(analyst=True)
    events = [record_event(actor=agent, action=AuditAction.LOGIN) for _ in range(3)]
    AuditEvent.objects.filter(pk=events[1].pk).delete()
    assert verify_chain() == events[2].pk
