"""Issue 12: rotation of the report key pair and the blind-index key (vigie.core.rotation)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.database_support import every_cell
from tests.factories import AgentFactory, CellFactory, report, submitted_report
from vigie.audit.models import AuditAction, AuditEvent
from vigie.core import keys, sealing
from vigie.core.crypto import DecryptionError, OpeningKey, key_id, sealed_key_id
from vigie.core.health import check_keys
from vigie.core.keys import CHANNEL_LAYER_KEY
from vigie.core.models import KeyRotation
from vigie.core.rotation import (
    RotationError,
    begin_rotation,
    finish_rotation,
    reindex_batch,
    reseal_batch,
    rotation_status,
    run_rotation,
    sealed_counts,
    start_rotation,
    token_counts,
)
from vigie.reports.content import open_content
from vigie.reports.enums import MessageKind
from vigie.reports.models import Report
from vigie.reports.selectors import ReportFilters, search_reports
from vigie.reports.services import post_citizen_message

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_keys(settings: Any, tmp_path: Path) -> Path:
    """A copy of the keys for this test alone: a rotation writes and shreds files."""
    keys_dir = tmp_path / "keys"
    shutil.copytree(settings.KEYS_DIR, keys_dir)
    settings.KEYS_DIR = keys_dir
    return keys_dir


def _intake(settings: Any, tmp_path: Path, back_office: Path, *names: str) -> Path:
    """An intake host's key folder: the public files named, nothing else."""
    intake = tmp_path / "intake-keys"
    intake.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(back_office / name, intake / name)
    settings.KEYS_DIR = intake
    settings.VIGIE_INTERFACE = "public"
    return intake


def _back_office(settings: Any, keys_dir: Path) -> None:
    settings.KEYS_DIR = keys_dir
    settings.VIGIE_INTERFACE = "all"


def _readable(item: Report) -> str:
    item.refresh_from_db()
    return open_content(item.sealed_content, associated_data=item.associated_data).description


def _version_of(sealed: bytes, keys_dir: Path) -> int:
    return keys.report_key_ids(keys_dir)[sealed_key_id(bytes(sealed))]


def _actions() -> list[str]:
    return list(AuditEvent.objects.values_list("action", flat=True))


# --------------------------------------------------------------------------- reports


def test_a_report_sealed_under_v1_opens_during_rotation_and_is_resealed_under_v2(
    own_keys: Path,
) -> None:
    item = submitted_report(description="Deal devant le hall, une Clio AB-123-CD.").report
    post_citizen_message(report=item, text="Ils sont là ce soir.", kind=MessageKind.MESSAGE)
    assert _version_of(item.sealed_content, own_keys) == 1
    before = sealed_counts()

    rotation = begin_rotation("reports", None)

    assert (rotation.from_version, rotation.to_version) == (1, 2)
    assert (own_keys / "reports.v2.key").exists() and (own_keys / "reports.v2.pub").exists()
    assert _readable(item).startswith("Deal devant le hall")  # v1 still opens
    # New sealing uses v2 at once.
    assert _version_of(sealing.seal_for_cell(b"x", associated_data=b"t"), own_keys) == 2

    cursors: dict[str, int] = {}
    assert reseal_batch(rotation, batch_size=1, cursors=cursors) == 1
    assert not finish_rotation(rotation)  # values remain under v1: the old key stays
    assert (own_keys / "reports.key").exists()
    assert sealed_counts()[1] == before[1] - 1

    assert run_rotation(rotation.pk, batch_size=2)

    assert not (own_keys / "reports.key").exists()
    assert not (own_keys / "reports.pub").exists()
    assert sealed_counts() == {2: before[1]}
    assert _version_of(Report.objects.get(pk=item.pk).sealed_content, own_keys) == 2
    assert _readable(item).startswith("Deal devant le hall")
    message = item.messages.get()
    assert sealing.open_for_cell(message.sealed_for_cell, associated_data=message.associated_data)
    actions = _actions()
    for action in (
        AuditAction.KEY_ROTATION_STARTED,
        AuditAction.KEY_RESEALED,
        AuditAction.KEY_DESTROYED,
        AuditAction.KEY_ROTATION_FINISHED,
    ):
        assert action in actions
    destroyed = AuditEvent.objects.get(action=AuditAction.KEY_DESTROYED)
    assert destroyed.details["removed"] == ["reports.key", "reports.pub"]


def test_the_old_private_key_is_overwritten_before_it_is_unlinked(tmp_path: Path) -> None:
    path = tmp_path / "reports.key"
    path.write_bytes(b"secret" * 6)
    written: list[bytes] = []
    real_unlink = Path.unlink

    def spy(self: Path, *args: Any, **kwargs: Any) -> None:
        written.append(self.read_bytes())
        real_unlink(self, *args, **kwargs)

    Path.unlink = spy  # type: ignore[method-assign]
    try:
        assert keys.shred(path)
    finally:
        Path.unlink = real_unlink  # type: ignore[method-assign]
    assert not path.exists()
    assert len(written) == 1 and written[0] != b"secret" * 6 and len(written[0]) == 36


def test_the_command_rotates_in_the_background_and_names_the_file_for_the_intake(
    own_keys: Path,
) -> None:
    item = report()
    out = io.StringIO()
    call_command("keys", "rotate", "reports", stdout=out)
    assert f"{own_keys / 'reports.v2.pub'}" in out.getvalue()
    # The immediate task backend ran the job to its end.
    assert KeyRotation.objects.get().finished_at is not None
    assert not (own_keys / "reports.key").exists()
    assert _readable(item)
    status = io.StringIO()
    call_command("keys", "status", stdout=status)
    assert "reports: courante v2" in status.getvalue()
    assert "v1:" not in status.getvalue().split("blind_index")[0]


def test_evidence_files_and_chat_messages_open_after_the_rotation(own_keys: Path) -> None:
    import uuid

    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.chat.conftest import started
    from tests.engine.media.samples import jpeg_with_everything
    from vigie.chat.selectors import cell_thread
    from vigie.chat.services import post_citizen_message as post_chat_message
    from vigie.evidence.selectors import iter_evidence, read_thumbnail
    from vigie.evidence.services import store_evidence

    stored = store_evidence(SimpleUploadedFile("x", jpeg_with_everything()))
    photo = b"".join(iter_evidence(stored))
    conversation = started().conversation
    post_chat_message(
        conversation=conversation, text="Ils sont devant le hall B.", client_id=uuid.uuid4()
    )
    start_rotation("reports", None)
    stored.refresh_from_db()
    assert _version_of(stored.sealed_key, own_keys) == 2
    assert b"".join(iter_evidence(stored)) == photo
    if stored.thumbnail_name:
        assert read_thumbnail(stored)
    texts = [message.text for message in cell_thread(conversation)]
    assert "Ils sont devant le hall B." in texts


def test_an_interrupted_job_resumes_where_it_stopped(own_keys: Path) -> None:
    items = [report(description=f"Signalement numéro {n}.") for n in range(3)]
    rotation = begin_rotation("reports", None)  # as if the worker died before its first batch
    reseal_batch(rotation, batch_size=2, cursors={})
    assert (own_keys / "reports.key").exists()
    remaining = sealed_counts()[1]
    assert remaining > 0
    out = io.StringIO()
    call_command("keys", "resume", "reports", stdout=out)
    assert "relancée" in out.getvalue()
    assert AuditEvent.objects.get(action=AuditAction.KEY_ROTATION_RESUMED).details == {
        "kind": "reports",
        "remaining": remaining,
    }
    rotation.refresh_from_db()
    assert rotation.finished_at is not None
    assert not (own_keys / "reports.key").exists()
    assert [_readable(item) for item in items] == [f"Signalement numéro {n}." for n in range(3)]
    assert check_keys() == {"ok": True}  # the back office is ready with v2 alone
    with pytest.raises(CommandError, match="aucune rotation"):
        call_command("keys", "resume", "reports")


def test_a_value_that_does_not_open_keeps_the_old_key(own_keys: Path) -> None:
    """A damaged value is skipped, not retried forever; the old key is then kept (deleting it
    would not repair the value, and the status shows what remains)."""
    damaged, fine = report(description="Abîmé."), report(description="Intact.")
    raw = bytearray(damaged.sealed_content)
    raw[-1] ^= 0x01
    Report.objects.filter(pk=damaged.pk).update(sealed_content=bytes(raw))

    rotation = start_rotation("reports", None)

    rotation.refresh_from_db()
    assert rotation.finished_at is None
    assert (own_keys / "reports.key").exists()
    assert sealed_counts()[1] == 1
    assert _readable(fine) == "Intact."
    assert AuditEvent.objects.filter(action=AuditAction.KEY_RESEALED, details__failed=1).exists()


def test_a_second_rotation_waits_for_the_first(own_keys: Path) -> None:
    begin_rotation("reports", None)
    with pytest.raises(RotationError):
        begin_rotation("reports", None)


def test_a_report_submitted_during_the_rotation_is_fine_on_either_host(
    own_keys: Path, settings: Any, tmp_path: Path
) -> None:
    first = report(description="Premier signalement, Clio AB-123-CD.")
    rotation = begin_rotation("reports", None)
    reseal_batch(rotation, batch_size=1, cursors={})

    # The back office seals under v2 already; the intake not yet given reports.v2.pub, v1.
    on_back_office = report(description="Arrivé pendant la rotation, côté cellule.")
    _intake(settings, tmp_path, own_keys, "reports.pub")
    on_intake = report(description="Arrivé pendant la rotation, sur l’accueil.")
    assert _version_of(on_intake.sealed_content, own_keys) == 1
    _back_office(settings, own_keys)

    assert run_rotation(rotation.pk)
    for item, text in (
        (first, "Premier"),
        (on_back_office, "Arrivé pendant la rotation, côté"),
        (on_intake, "Arrivé pendant la rotation, sur"),
    ):
        assert _readable(item).startswith(text)
        assert _version_of(Report.objects.get(pk=item.pk).sealed_content, own_keys) == 2


def test_an_intake_left_on_a_retired_key_refuses_and_says_which_file_to_copy(
    own_keys: Path, settings: Any, tmp_path: Path
) -> None:
    rotation = start_rotation("reports", None)
    rotation.refresh_from_db()
    assert rotation.finished_at is not None
    intake = tmp_path / "stale-intake"
    intake.mkdir()
    shutil.copy(own_keys / "secret_key", intake / "secret_key")
    if (own_keys / CHANNEL_LAYER_KEY).exists():  # on Redis, an intake holds the layer's key
        shutil.copy(own_keys / CHANNEL_LAYER_KEY, intake / CHANNEL_LAYER_KEY)
    # The old public key, as the intake had it before the rotation (now shredded here).
    (intake / "reports.pub").write_bytes(OpeningKey.generate().sealing_key.to_bytes())
    settings.KEYS_DIR = intake
    settings.VIGIE_INTERFACE = "public"
    with pytest.raises(sealing.RetiredKeyError, match=r"reports\.v2\.pub"):
        sealing.seal_for_cell(b"lost", associated_data=b"x")
    readiness = check_keys()  # what /sante/pret answers (503 when not ok)
    assert not readiness["ok"] and readiness["copy"] == "reports.v2.pub"

    shutil.copy(own_keys / "reports.v2.pub", intake / "reports.v2.pub")
    sealed = sealing.seal_for_cell(b"kept", associated_data=b"x")
    assert check_keys() == {"ok": True}
    _back_office(settings, own_keys)
    assert sealing.open_for_cell(sealed, associated_data=b"x") == b"kept"


def test_the_intake_still_opens_nothing_after_a_rotation(
    own_keys: Path, settings: Any, tmp_path: Path
) -> None:
    item = report()
    start_rotation("reports", None)
    item.refresh_from_db()
    _intake(settings, tmp_path, own_keys, "reports.v2.pub")
    with pytest.raises(keys.MissingKeyError):
        open_content(item.sealed_content, associated_data=item.associated_data)
    with pytest.raises(RotationError):
        start_rotation("reports", None)
    with pytest.raises(RotationError):
        start_rotation("blind-index", None)


def test_a_database_stolen_after_rotation_holds_nothing_the_deleted_key_opens(
    own_keys: Path,
) -> None:
    item = report(description="Le livreur, une Clio GH-456-JK, répond au 06 98 76 54 32.")
    post_citizen_message(report=item, text="Il repasse demain.", kind=MessageKind.ADDITION)
    old = OpeningKey.from_bytes((own_keys / "reports.key").read_bytes())  # a thief's copy
    old_id = key_id(old.private_key.public_key())
    assert any(old_id in raw for _table, raw in every_cell())  # the control

    start_rotation("reports", None)

    cells = every_cell()
    assert cells
    assert not [table for table, raw in cells if old_id in raw]
    item.refresh_from_db()
    with pytest.raises(DecryptionError):
        old.open(bytes(item.sealed_content), associated_data=item.associated_data)


# --------------------------------------------------------------------------- blind index


LINKED = [
    "Une Clio grise GH-456-JK devant le hall, le vendeur répond au 06 98 76 54 32.",
    "Le livreur passe en Clio grise GH-456-JK, commande au +33 6 98 76 54 32.",
    "Encore la Clio GH-456-JK ce soir, snap dealer_doubs_25.",
]


def _links() -> set[tuple[int, int, tuple[str, ...], float]]:
    from vigie.crossref.models import Link

    return {
        (link.report_a_id, link.report_b_id, tuple(link.rules), round(link.weight, 9))
        for link in Link.objects.all()
    }


def _found(words: str) -> set[int]:
    cell = CellFactory()
    return set(
        search_reports(cell=cell, filters=ReportFilters(words=words)).values_list("pk", flat=True)
    )


def _relink_all() -> None:
    from vigie.crossref.services import link_report

    for pk in Report.objects.order_by("pk").values_list("pk", flat=True):
        link_report(pk)


LATE = "Toujours la Clio GH-456-JK au même endroit, le 06 98 76 54 32."


def _links_of(item: Report) -> set[tuple[int, tuple[str, ...], float]]:
    from vigie.crossref.models import Link

    return {
        (
            link.report_b_id if link.report_a_id == item.pk else link.report_a_id,
            tuple(link.rules),
            round(link.weight, 9),
        )
        for link in Link.objects.filter(report_a=item) | Link.objects.filter(report_b=item)
    }


def _late_report_links() -> tuple[Report, set[tuple[int, tuple[str, ...], float]]]:
    """A new report naming what the others name, and what it links to when it arrives."""
    late = report(description=LATE)
    return late, _links_of(late)


def test_search_and_linking_answer_the_same_before_during_and_after_a_blind_index_rotation(
    own_keys: Path,
) -> None:
    from vigie.crossref.models import WatchAlert, Watchlist
    from vigie.crossref.services import watch

    items = [report(description=text) for text in LINKED]
    unrelated = report(description="Des jeunes vendent au parc, rien d’autre.")
    watched = watch(
        agent=AgentFactory(analyst=True), departement="25", kind="plate", value="GH-456-JK"
    )
    searches = {words: _found(words) for words in ("gh456jk", "0698765432", "dealer_doubs_25")}
    assert searches["gh456jk"] == {item.pk for item in items}
    assert unrelated.pk not in set().union(*searches.values())
    late, late_links = _late_report_links()
    assert {item.pk for item in items} <= {other for other, _rules, _weight in late_links}
    assert WatchAlert.objects.filter(watchlist=watched, report=late).exists()
    late.delete()
    links = _links()
    assert links  # the control: these reports do link
    tokens_before = token_counts()

    rotation = begin_rotation("blind-index", None)
    assert (own_keys / "blind_index.v2.key").exists()
    assert {words: _found(words) for words in searches} == searches  # nothing re-indexed yet
    reindex_batch(rotation, batch_size=1, cursors={})
    assert set(token_counts()) == {1, 2}  # half-way: both versions answer
    assert {words: _found(words) for words in searches} == searches
    late, during = _late_report_links()  # stored under v2, looked up under v1 and v2
    assert during == late_links
    assert late.pk in _found("gh456jk")
    assert WatchAlert.objects.filter(watchlist=watched, report=late).exists()
    late.delete()
    _relink_all()
    assert _links() == links

    assert run_rotation(rotation.pk, batch_size=2)

    assert not (own_keys / "blind_index.key").exists()
    assert token_counts() == {2: sum(tokens_before.values())}
    assert {words: _found(words) for words in searches} == searches
    _relink_all()
    assert _links() == links
    late, after = _late_report_links()
    assert after == late_links
    assert WatchAlert.objects.filter(
        watchlist=Watchlist.objects.get(pk=watched.pk), report=late
    ).exists()
    assert AuditEvent.objects.filter(
        action=AuditAction.KEY_DESTROYED, details__removed=["blind_index.key"]
    ).exists()


def test_status_counts_what_remains_under_each_version(own_keys: Path) -> None:
    report()
    rotation = begin_rotation("reports", None)
    status = {entry["kind"]: entry for entry in rotation_status()}
    assert status["reports"]["current"] == 2
    assert status["reports"]["versions"] == [1, 2]
    assert status["reports"]["counts"][1] > 0
    assert status["reports"]["in_progress"] == rotation
    assert status["blind_index"]["current"] == 1
    run_rotation(rotation.pk)
    status = {entry["kind"]: entry for entry in rotation_status()}
    assert set(status["reports"]["counts"]) == {2}
    assert status["reports"]["in_progress"] is None
