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


def test_a_chain_recomputed_without_the_key_does_not_verify() -> None:
    """Whoever writes the database deletes a row and recomputes every hash, as the old
    unkeyed chain allowed: the keyed chain catches it."""
    import hashlib
    import json

    from vigie.audit.services import GENESIS_HASH, event_fields

    agent = AgentFactory(analyst=True)
    events = [record_event(actor=agent, action=AuditAction.LOGIN) for _ in range(3)]
    AuditEvent.objects.filter(pk=events[1].pk).delete()
    previous = GENESIS_HASH
    for event in AuditEvent.objects.order_by("id"):
        payload = json.dumps(
            event_fields(event), sort_keys=True, separators=(",", ":"), default=str
        )
        digest = hashlib.sha256((previous + payload).encode()).hexdigest()
        AuditEvent.objects.filter(pk=event.pk).update(previous_hash=previous, hash=digest)
        previous = digest
    assert verify_chain() == events[0].pk


def test_an_anchor_catches_a_chain_cut_short_and_an_edit_before_it() -> None:
    from vigie.audit.services import check_anchor, export_anchor

    agent = AgentFactory(analyst=True)
    events = [record_event(actor=agent, action=AuditAction.LOGIN) for _ in range(3)]
    anchor = export_anchor()
    assert anchor["id"] == events[-1].pk
    assert check_anchor(anchor).ok
    record_event(actor=agent, action=AuditAction.LOGOUT)  # the log goes on: still fine
    assert check_anchor(anchor).ok

    forged = {**anchor, "hash": "f" * 64}
    assert not check_anchor(forged).ok
    assert "signature" in check_anchor(forged).message

    AuditEvent.objects.filter(pk__gte=events[-1].pk).delete()  # cut short: a valid prefix
    assert verify_chain() is None
    result = check_anchor(anchor)
    assert not result.ok
    assert "disparu" in result.message


def test_vigie_audit_verify_and_anchor(tmp_path) -> None:
    import io
    import json

    from django.core.management import CommandError, call_command

    agent = AgentFactory(analyst=True)
    events = [record_event(actor=agent, action=AuditAction.LOGIN) for _ in range(3)]
    out = io.StringIO()
    call_command("audit", "anchor", stdout=out)
    anchor_file = tmp_path / "anchors.jsonl"
    anchor_file.write_text(out.getvalue() + "\n")
    assert json.loads(out.getvalue())["id"] == events[-1].pk

    out = io.StringIO()
    call_command("audit", "verify", "--anchor", str(anchor_file), stdout=out)
    assert "intacte" in out.getvalue()

    AuditEvent.objects.filter(pk=events[0].pk).update(target_id="edited")
    with pytest.raises(CommandError, match=f"rompue à l’événement {events[0].pk}"):
        call_command("audit", "verify")
