"""Retention: contents, files and keys deleted together, counts kept (issue 12)."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from tests.engine.media.samples import jpeg_with_everything
from tests.factories import AgentFactory, report
from vigie.audit.models import AuditAction, AuditEvent
from vigie.audit.services import verify_chain
from vigie.chat.models import Conversation
from vigie.chat.services import close_conversation, post_citizen_message, start_conversation
from vigie.evidence.models import StoredFile
from vigie.evidence.services import store_evidence
from vigie.geo.models import Commune
from vigie.reports.models import Report
from vigie.reports.services import attach_file, qualify_report
from vigie.retention.models import PurgedKind, PurgeTally
from vigie.retention.services import purge_expired

pytestmark = pytest.mark.django_db

REASONS = {
    "out_of_scope": "nuisance",
    "not_exploitable": "too_vague",
    "exploitable": "precise_facts",
}


@pytest.fixture(autouse=True)
def evidence_dir(settings, tmp_path: Path) -> Path:
    settings.EVIDENCE_DIR = tmp_path / "evidence"
    settings.EVIDENCE_DIR.mkdir(mode=0o700)
    return settings.EVIDENCE_DIR


def _qualified(qualification: str | None, days_ago: int, *, photo: bool = False) -> Report:
    item = report()
    if photo:
        attach_file(
            report=item, file=store_evidence(SimpleUploadedFile("p", jpeg_with_everything()))
        )
    if qualification:
        agent = AgentFactory(analyst=True)
        qualify_report(
            report=item, agent=agent, qualification=qualification, reason=REASONS[qualification]
        )
        Report.objects.filter(pk=item.pk).update(
            qualified_at=timezone.now() - timedelta(days=days_ago)
        )
    else:
        Report.objects.filter(pk=item.pk).update(
            received_at=timezone.now() - timedelta(days=days_ago)
        )
    return item


def _files(directory: Path) -> list[Path]:
    return [path for path in directory.rglob("*") if path.is_file()]


def test_expired_reports_go_with_their_files_and_leave_a_count(evidence_dir: Path) -> None:
    out_of_scope = _qualified("out_of_scope", 100, photo=True)
    recent = _qualified("out_of_scope", 10)
    not_exploitable = _qualified("not_exploitable", 400)
    exploitable = _qualified("exploitable", 400)
    waiting = _qualified(None, 2000)  # never purged by age while nobody decided
    assert len(_files(evidence_dir)) == 2  # the photo and its thumbnail

    result = purge_expired(now=timezone.now())

    assert result.reports == 2 and result.files == 1
    kept = set(Report.objects.values_list("pk", flat=True))
    assert kept == {recent.pk, exploitable.pk, waiting.pk}
    assert out_of_scope.pk not in kept and not_exploitable.pk not in kept
    assert StoredFile.objects.count() == 0
    assert _files(evidence_dir) == []  # encrypted bytes and their sealed keys both gone
    tallies = {(t.qualification, t.kind): t.count for t in PurgeTally.objects.all()}
    assert tallies == {("out_of_scope", "report"): 1, ("not_exploitable", "report"): 1}
    event = AuditEvent.objects.get(action=AuditAction.RETENTION_PURGE)
    assert event.details == {"reports": 2, "conversations": 0, "files": 1}
    assert verify_chain() is None


def test_the_clock_decides_and_counts_accumulate() -> None:
    _qualified("out_of_scope", 80)
    now = timezone.now()
    assert purge_expired(now=now).reports == 0
    assert purge_expired(now=now + timedelta(days=11)).reports == 1
    _qualified("out_of_scope", 80)
    purge_expired(now=now + timedelta(days=11))
    assert PurgeTally.objects.get().count == 2


def test_closed_conversations_that_did_not_become_reports_are_purged(settings) -> None:
    commune = Commune.objects.select_related("departement").get(code="25056")
    agent = AgentFactory(analyst=True)

    def closed_conversation() -> Conversation:
        started = start_conversation(
            departement=commune.departement, commune=commune, client_key="k"
        )
        import uuid

        post_citizen_message(
            conversation=started.conversation, text="Bonjour", client_id=uuid.uuid4()
        )
        close_conversation(conversation=started.conversation, agent=agent, reason="answered")
        return started.conversation

    old = closed_conversation()
    Conversation.objects.filter(pk=old.pk).update(
        closed_at=timezone.now() - timedelta(days=settings.RETENTION["conversation_closed"] + 1)
    )
    recent = closed_conversation()
    result = purge_expired(now=timezone.now())
    assert result.conversations == 1
    assert list(Conversation.objects.values_list("pk", flat=True)) == [recent.pk]
    assert PurgeTally.objects.get(kind=PurgedKind.CONVERSATION).count == 1


def test_vigie_retention_purge_dry_run_counts_without_deleting() -> None:
    _qualified("out_of_scope", 100)
    out = io.StringIO()
    call_command("retention", "purge", "--dry-run", stdout=out)
    assert "1 signalement(s)" in out.getvalue() and "à purger" in out.getvalue()
    assert Report.objects.count() == 1
    later = (timezone.now() + timedelta(days=1)).isoformat()
    call_command("retention", "purge", "--now", later, stdout=io.StringIO())
    assert Report.objects.count() == 0


def test_retention_durations_are_configured_for_every_rule() -> None:
    assert set(settings.RETENTION) == {
        "report_out_of_scope",
        "report_not_exploitable",
        "report_exploitable",
        "conversation_closed",
    }


def test_a_shorter_duration_set_by_the_administrator_is_the_one_the_purge_applies() -> None:
    from vigie.retention.models import PurgeRun
    from vigie.retention.services import set_retention_days

    kept_by_default = _qualified("out_of_scope", days_ago=40)
    assert purge_expired(now=timezone.now()).reports == 0
    set_retention_days(
        by=AgentFactory(role="admin", cell=None), durations={"report_out_of_scope": 30}
    )
    assert purge_expired(now=timezone.now()).reports == 1
    assert not Report.objects.filter(pk=kept_by_default.pk).exists()
    assert list(PurgeRun.objects.values_list("reports", flat=True)) == [1, 0]


def test_a_duration_longer_than_the_deployments_maximum_is_refused() -> None:
    from vigie.retention.models import RetentionOverride
    from vigie.retention.services import RetentionPolicyError, set_retention_days

    maximum = settings.RETENTION["report_not_exploitable"]
    with pytest.raises(RetentionPolicyError):
        set_retention_days(by=None, durations={"report_not_exploitable": maximum + 1})
    assert not RetentionOverride.objects.exists()
