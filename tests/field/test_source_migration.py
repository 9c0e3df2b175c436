"""reports 0008: existing reports get a source: chat when a conversation made them, else the
citizen form (the API left no trace apart)."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("reports", "0007_random_ids")]
AFTER = [("reports", "0008_report_source_and_field_officer")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_marks_chat_made_reports_and_the_rest_as_the_citizen_form(
    doubs_geography: None,
) -> None:
    """Its département comes from `doubs_geography`: another transactional test of the same
    worker may have flushed the geography (a FOREIGN KEY failure in CI). Whatever happens,
    the schema is migrated forward again, or the worker's next tests find no `source`."""
    try:
        _check_the_mapping()
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


def _check_the_mapping() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state([*BEFORE, ("chat", "0001_initial")]).apps
    Report = apps.get_model("reports", "Report")
    Conversation = apps.get_model("chat", "Conversation")
    now = timezone.now()

    def old_report(reference: str):
        return Report.objects.create(
            reference=reference,
            secret_hash="sha256$x",
            departement_id="25",
            category="point_de_deal",
            received_at=now,
            sealed_content=b"x",
            triage_suggestion="vague",
            public_id=uuid.uuid4(),
        )

    from_chat, from_form = old_report("VG-AAAA-AAAA"), old_report("VG-BBBB-BBBB")
    Conversation.objects.create(
        reference="VC-CCCC-CCCC",
        secret_hash="sha256$y",
        citizen_key=b"k" * 32,
        departement_id="25",
        report=from_chat,
        started_at=now,
        public_id=uuid.uuid4(),
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    migrated = executor.loader.project_state(AFTER).apps.get_model("reports", "Report")
    sources = dict(migrated.objects.values_list("reference", "source"))
    assert sources == {from_chat.reference: "chat", from_form.reference: "web_form"}
