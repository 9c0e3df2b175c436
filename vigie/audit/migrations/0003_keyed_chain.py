"""The audit chain becomes keyed (HMAC under var/keys/audit.key): existing rows are checked
against the old unkeyed chain, then re-hashed under the key. A broken old chain stops the
migration rather than being laundered into a valid keyed one."""

import hashlib
import json

from django.db import migrations

GENESIS_HASH = "0" * 64


def _payload(event):
    from vigie.audit.services import event_fields

    return json.dumps(event_fields(event), sort_keys=True, separators=(",", ":"), default=str)


def rekey(apps, schema_editor):
    from vigie.audit.services import chain_digest, event_fields

    AuditEvent = apps.get_model("audit", "AuditEvent")
    previous_old = previous_new = GENESIS_HASH
    for event in AuditEvent.objects.order_by("id").iterator():
        old = hashlib.sha256((previous_old + _payload(event)).encode()).hexdigest()
        if event.previous_hash != previous_old or event.hash != old:
            raise RuntimeError(
                f"audit chain already broken at event {event.pk}: not re-keyed; investigate"
            )
        previous_old = event.hash
        event.previous_hash = previous_new
        event.hash = chain_digest(previous_hash=previous_new, fields=event_fields(event))
        event.save(update_fields=["previous_hash", "hash"])
        previous_new = event.hash


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_alter_auditevent_action")]
    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
