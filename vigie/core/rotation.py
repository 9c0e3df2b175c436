"""Key rotation: the report key pair and the blind-index key (back office only).

Entry points (the command `vigie keys`, and the administration pages later):

- `rotation_status()`: per kind, the versions on disk, the current one, how many values remain
  under each version, and the rotation in progress;
- `start_rotation(kind, actor)`: make a new version current at once and enqueue the
  background job (`vigie.core.tasks.rotation_task`) that moves everything onto it;
- `resume_rotation(kind, actor)`: enqueue the job again (after a crash: every step is
  idempotent).

*Reports.* New values are sealed under the new public key as soon as it is on disk (the
intake must be given ``reports.vN.pub``; until then it keeps sealing under the old version,
which the job re-seals). The job re-seals, in batches, every value sealed for the cell
(`SEALED`): each is opened with the version its header names and sealed again under the
current one, written back only if the row still holds what was read (a concurrent edit wins
and is picked up by the next pass). When no value under the old version remains, the rotation
is marked finished (an intake still on the old version then refuses to seal rather than
writing what nothing could open), stragglers are re-sealed, and the old files are shredded.

*Blind index.* Look-ups are made under every version on disk, stores under the current one.
The job recomputes, report by report, the cross-referencing tokens (from the sealed engine
features) and the search tokens (from the sealed entities of the latest analysis), and the
watchlists' tokens; then shreds the old key. Tokens are equal values under another key, so
linking finds the same candidates before, during and after.

Every step is written to the audit log.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import Count
from django.db.models.functions import Substr
from django.utils import timezone

from vigie.audit.models import AuditAction
from vigie.audit.services import record_event
from vigie.core import keys, sealing
from vigie.core.crypto import KEY_ID_LENGTH, KEY_ID_OFFSET, DecryptionError, key_id
from vigie.core.models import KeyKind, KeyRotation

BATCH_SIZE = 200
KINDS = {"reports": KeyKind.REPORTS, "blind-index": KeyKind.BLIND_INDEX}


class RotationError(RuntimeError):
    """The rotation cannot start here (an intake host, one already running…)."""


@dataclass(frozen=True)
class SealedField:
    """A column sealed for the cell, and the property giving its associated data."""

    model: str
    field: str
    associated_data: str = "associated_data"


SEALED: tuple[SealedField, ...] = (
    SealedField("reports.Report", "sealed_content"),
    SealedField("reports.ReportAnalysis", "sealed_entities"),
    SealedField("reports.ReportMessage", "sealed_for_cell"),
    # A chat turned into a report carries its transcript in the report's sealed content.
    SealedField("chat.ChatMessage", "sealed_for_cell"),
    # Evidence files stay encrypted with their own data key; only that key is re-sealed.
    SealedField("evidence.StoredFile", "sealed_key"),
    SealedField("evidence.StoredFile", "thumbnail_sealed_key", "thumbnail_associated_data"),
    SealedField("crossref.ReportFeatures", "sealed"),
    SealedField("crossref.Link", "sealed_evidence"),
    SealedField("crossref.Dossier", "sealed_notes"),
    SealedField("crossref.Watchlist", "sealed_label"),
    SealedField("outcomes.Outcome", "sealed_comment"),
    SealedField("operations.Dispatch", "sealed_instructions"),
    SealedField("operations.DispatchEntry", "sealed_text"),
)
# Report drafts are sealed with a key derived from the citizen's own token, not the report key:
# nothing to re-seal (they expire within hours).


def _keys_dir() -> Any:
    return settings.KEYS_DIR


def _key_kind(kind: str) -> str:
    return keys.REPORTS if kind == KeyKind.REPORTS else keys.BLIND_INDEX


def _normalise_kind(kind: str) -> KeyKind:
    if kind in KINDS:
        return KINDS[kind]
    try:
        return KeyKind(kind)
    except ValueError as error:
        raise RotationError(f"type de clé inconnu : {kind!r}") from error


# --------------------------------------------------------------------------- counts


def _sealed_rows(spec: SealedField) -> models.QuerySet[Any]:
    model = apps.get_model(spec.model)
    # SQL's SUBSTR counts from 1.
    key_id_bytes = Substr(
        spec.field, KEY_ID_OFFSET + 1, KEY_ID_LENGTH, output_field=models.BinaryField()
    )
    rows: models.QuerySet[Any] = (
        model.objects.exclude(**{spec.field: b""}).annotate(_key_id=key_id_bytes).order_by("pk")
    )
    return rows


def sealed_counts() -> dict[int, int]:
    """Sealed values per report key version (0: a key this host no longer has)."""
    known = keys.report_key_ids(_keys_dir())
    counts: dict[int, int] = {}
    for spec in SEALED:
        for row in _sealed_rows(spec).values("_key_id").annotate(n=Count("pk")).order_by():
            version = known.get(bytes(row["_key_id"]), 0)
            counts[version] = counts.get(version, 0) + row["n"]
    return counts


def token_counts() -> dict[int, int]:
    """Blind-index tokens (search and cross-referencing) per key version."""
    counts: dict[int, int] = {}
    for model in (
        apps.get_model("reports.ReportSearchToken"),
        apps.get_model("crossref.EntityToken"),
    ):
        for row in model.objects.values("key_version").annotate(n=Count("pk")).order_by():
            counts[row["key_version"]] = counts.get(row["key_version"], 0) + row["n"]
    return counts


def _remaining(kind: KeyKind) -> int:
    current = keys.current_version(_keys_dir(), _key_kind(kind))
    counts = sealed_counts() if kind == KeyKind.REPORTS else token_counts()
    return sum(n for version, n in counts.items() if version != current)


def rotation_status() -> list[dict[str, Any]]:
    """For each kind: versions on disk, the current one, values per version, the rotation
    in progress (None) and the last finished one."""
    keys_dir = _keys_dir()
    status = []
    for kind in (KeyKind.REPORTS, KeyKind.BLIND_INDEX):
        disk_kind = _key_kind(kind)
        running = KeyRotation.objects.filter(kind=kind, finished_at__isnull=True).last()
        finished = KeyRotation.objects.filter(kind=kind, finished_at__isnull=False).last()
        status.append(
            {
                "kind": kind.value,
                "label": kind.label,
                "versions": keys.versions_on_disk(keys_dir, disk_kind),
                "current": keys.current_version(keys_dir, disk_kind),
                "counts": sealed_counts() if kind == KeyKind.REPORTS else token_counts(),
                "in_progress": running,
                "last_finished": finished,
            }
        )
    return status


# --------------------------------------------------------------------------- start


def _require_back_office(kind: KeyKind) -> None:
    keys_dir = _keys_dir()
    disk_kind = _key_kind(kind)
    if getattr(settings, "VIGIE_INTERFACE", "all") == "public":
        raise RotationError("une rotation se lance sur la cellule, jamais sur l’accueil public")
    if not keys.versions_on_disk(keys_dir, disk_kind, keys.PRIVATE_SUFFIX):
        raise RotationError(f"cet hôte ne détient aucune clé privée {disk_kind}")


def begin_rotation(kind: str, actor: Any) -> KeyRotation:
    """Write the new version's files (it is current at once) and record the rotation. The
    background job is *not* enqueued: `start_rotation` does both."""
    key_kind = _normalise_kind(kind)
    _require_back_office(key_kind)
    keys_dir = _keys_dir()
    disk_kind = _key_kind(key_kind)
    with transaction.atomic():
        if KeyRotation.objects.filter(kind=key_kind, finished_at__isnull=True).exists():
            raise RotationError("une rotation de cette clé est déjà en cours (vigie keys resume)")
        current = keys.current_version(keys_dir, disk_kind)
        on_disk = keys.versions_on_disk(keys_dir, disk_kind) + keys.versions_on_disk(
            keys_dir, disk_kind, keys.PUBLIC_SUFFIX
        )
        recorded = KeyRotation.objects.filter(kind=key_kind).aggregate(m=models.Max("to_version"))
        new = max([current, *on_disk, recorded["m"] or 0]) + 1
        created = keys.create_version(keys_dir, disk_kind, new)
        rotation = KeyRotation.objects.create(
            kind=key_kind, from_version=current, to_version=new, started_at=timezone.now()
        )
        details: dict[str, Any] = {
            "kind": key_kind.value,
            "from_version": current,
            "to_version": new,
            "files": [path.name for path in created],
        }
        if key_kind == KeyKind.REPORTS:
            details["copy_to_intake"] = keys.key_file_name(disk_kind, new, keys.PUBLIC_SUFFIX)
        record_event(
            actor=actor,
            action=AuditAction.KEY_ROTATION_STARTED,
            target_type="key",
            target_id=f"{key_kind.value}:v{new}",
            details=details,
        )
    if key_kind == KeyKind.BLIND_INDEX:
        _recompute_watchlists()  # alerts match reports indexed under either version
    return rotation


def start_rotation(kind: str, actor: Any) -> KeyRotation:
    rotation = begin_rotation(kind, actor)
    _enqueue(rotation)
    return rotation


def resume_rotation(kind: str, actor: Any = None) -> KeyRotation:
    key_kind = _normalise_kind(kind)
    _require_back_office(key_kind)
    rotation = KeyRotation.objects.filter(kind=key_kind, finished_at__isnull=True).last()
    if rotation is None:
        raise RotationError("aucune rotation de cette clé n’est en cours")
    record_event(
        actor=actor,
        action=AuditAction.KEY_ROTATION_RESUMED,
        target_type="key",
        target_id=f"{key_kind.value}:v{rotation.to_version}",
        details={"kind": key_kind.value, "remaining": _remaining(key_kind)},
    )
    _enqueue(rotation)
    return rotation


def _enqueue(rotation: KeyRotation) -> None:
    from vigie.core.tasks import rotation_task

    rotation_task.enqueue(rotation.pk)


# --------------------------------------------------------------------------- the job


def run_rotation(rotation_id: int, *, batch_size: int = BATCH_SIZE) -> bool:
    """Move every value onto the new version, then retire the old one. True once finished.
    Idempotent and resumable: each batch is its own transaction and picks what is still
    under another version."""
    rotation = KeyRotation.objects.get(pk=rotation_id)
    if rotation.finished_at is not None:
        return True
    step = reseal_batch if rotation.kind == KeyKind.REPORTS else reindex_batch
    cursors: dict[str, int] = {}
    while step(rotation, batch_size=batch_size, cursors=cursors):
        pass
    return finish_rotation(rotation)


def reseal_batch(rotation: KeyRotation, *, batch_size: int, cursors: dict[str, int]) -> int:
    """Re-seal up to `batch_size` values still under another version; the number done.
    `cursors` (per field, the last primary key seen) lets a run skip values that fail to
    open instead of trying them forever; they are counted and left for the status."""
    keys_dir = _keys_dir()
    current_id = key_id(keys.current_sealing_key(keys_dir)[1].public_key)
    done = failed = 0
    for spec in SEALED:
        name = f"{spec.model}.{spec.field}"
        rows = list(
            _sealed_rows(spec)
            .exclude(_key_id=current_id)
            .filter(pk__gt=cursors.get(name, 0))[: batch_size - done - failed]
        )
        with transaction.atomic():
            for row in rows:
                cursors[name] = row.pk
                old = bytes(getattr(row, spec.field))
                associated_data = getattr(row, spec.associated_data)
                try:
                    plaintext = sealing.open_for_cell(old, associated_data=associated_data)
                except (DecryptionError, keys.MissingKeyError):
                    failed += 1
                    continue
                new = sealing.seal_for_cell(plaintext, associated_data=associated_data)
                done += (
                    type(row)
                    .objects.filter(pk=row.pk, **{spec.field: old})
                    .update(**{spec.field: new})
                )
        if done + failed >= batch_size:
            break
    if done or failed:
        record_event(
            actor=None,
            action=AuditAction.KEY_RESEALED,
            target_type="key",
            target_id=f"{rotation.kind}:v{rotation.to_version}",
            details={"resealed": done, "failed": failed},
        )
    return done + failed


def reindex_batch(rotation: KeyRotation, *, batch_size: int, cursors: dict[str, int]) -> int:
    """Recompute under the current key the tokens of up to `batch_size` reports still
    indexed under another version; the number of reports done."""
    from vigie.crossref.keys import current_keyed
    from vigie.crossref.models import EntityToken, ReportFeatures
    from vigie.crossref.services import open_features
    from vigie.engine import linking
    from vigie.reports import search
    from vigie.reports.models import ReportAnalysis, ReportSearchToken

    version, token_of = current_keyed()
    done = failed = 0
    entity_reports = list(
        EntityToken.objects.exclude(key_version=version)
        .filter(report_id__gt=cursors.get("entity", 0))
        .order_by("report_id")
        .values_list("report_id", flat=True)
        .distinct()[:batch_size]
    )
    if entity_reports:
        cursors["entity"] = entity_reports[-1]
        sealed_features = dict(
            ReportFeatures.objects.filter(report_id__in=entity_reports).values_list(
                "report_id", "sealed"
            )
        )
        with transaction.atomic():
            for report_id in entity_reports:
                if report_id not in sealed_features:
                    # Never linked to the end: linked again, it is indexed anew.
                    EntityToken.objects.filter(report_id=report_id).delete()
                    continue
                try:
                    features = open_features([(report_id, sealed_features[report_id])])
                except (DecryptionError, keys.MissingKeyError):
                    failed += 1  # left under the old key: the rotation cannot finish
                    continue
                EntityToken.objects.filter(report_id=report_id).delete()
                EntityToken.objects.bulk_create(
                    [
                        EntityToken(
                            report_id=report_id, kind=kind, token=token, key_version=version
                        )
                        for kind, token in dict.fromkeys(
                            linking.index_tokens(features[report_id], token_of)
                        )
                    ],
                    ignore_conflicts=True,
                )
        done += len(entity_reports)
    search_reports = list(
        ReportSearchToken.objects.exclude(key_version=version)
        .filter(report_id__gt=cursors.get("search", 0))
        .order_by("report_id")
        .values_list("report_id", flat=True)
        .distinct()[: max(batch_size - done, 0)]
    )
    if search_reports:
        cursors["search"] = search_reports[-1]
        with transaction.atomic():
            for report_id in search_reports:
                latest = (
                    ReportAnalysis.objects.filter(report_id=report_id).order_by("at", "id").last()
                )
                values: set[tuple[str, str]] = set()
                if latest is not None and bytes(latest.sealed_entities):
                    try:
                        entities = json.loads(
                            sealing.open_for_cell(
                                latest.sealed_entities, associated_data=latest.associated_data
                            )
                        )
                    except (DecryptionError, keys.MissingKeyError):
                        failed += 1
                        continue
                    values = search.values_of_sealed_entities(entities)
                _version, found = search.tokens(values)
                ReportSearchToken.objects.filter(report_id=report_id).delete()
                ReportSearchToken.objects.bulk_create(
                    [
                        ReportSearchToken(
                            report_id=report_id, kind=kind, token=token, key_version=version
                        )
                        for kind, token in found
                    ],
                    ignore_conflicts=True,
                )
        done += len(search_reports)
    if done:
        record_event(
            actor=None,
            action=AuditAction.KEY_RESEALED,
            target_type="key",
            target_id=f"{rotation.kind}:v{rotation.to_version}",
            details={"reindexed_reports": done - failed, "failed": failed},
        )
    return done


def _recompute_watchlists() -> None:
    """Each watched plate, phone or handle looked up under every key on disk."""
    from vigie.crossref.models import WatchKind, Watchlist
    from vigie.crossref.services import lookup_tokens

    for watch in Watchlist.objects.exclude(kind=WatchKind.AREA):
        label = sealing.open_for_cell(watch.sealed_label, associated_data=watch.associated_data)
        tokens = lookup_tokens(watch.kind, label.decode())
        Watchlist.objects.filter(pk=watch.pk).update(tokens=tokens)


def finish_rotation(rotation: KeyRotation) -> bool:
    """Retire the old version if nothing made with it remains: mark the rotation finished,
    catch what an intake sealed meanwhile, shred the old files. False if values remain."""
    kind = KeyKind(rotation.kind)
    if _remaining(kind):
        return False
    with transaction.atomic():
        KeyRotation.objects.filter(pk=rotation.pk).update(finished_at=timezone.now())
    if kind == KeyKind.REPORTS:
        # An intake that checked before the mark above may have committed since: re-seal it.
        cursors: dict[str, int] = {}
        while reseal_batch(rotation, batch_size=BATCH_SIZE, cursors=cursors):
            pass
        if _remaining(kind):
            KeyRotation.objects.filter(pk=rotation.pk).update(finished_at=None)
            return False
    keys_dir = _keys_dir()
    disk_kind = _key_kind(kind)
    current = keys.current_version(keys_dir, disk_kind)
    removed = []
    for version in keys.versions_on_disk(keys_dir, disk_kind) + keys.versions_on_disk(
        keys_dir, disk_kind, keys.PUBLIC_SUFFIX
    ):
        if version < current:
            removed += keys.destroy_version(keys_dir, disk_kind, version)
    target = f"{kind.value}:v{rotation.to_version}"
    record_event(
        actor=None,
        action=AuditAction.KEY_DESTROYED,
        target_type="key",
        target_id=target,
        details={"kind": kind.value, "removed": sorted(set(removed)), "method": "overwrite+unlink"},
    )
    if kind == KeyKind.BLIND_INDEX:
        _recompute_watchlists()  # under the current key alone
    record_event(
        actor=None,
        action=AuditAction.KEY_ROTATION_FINISHED,
        target_type="key",
        target_id=target,
        details={"kind": kind.value, "from_version": rotation.from_version, "to_version": current},
    )
    rotation.refresh_from_db()
    return True
