"""Storing evidence: recognise, clean, encrypt; or refuse with a message the citizen can act on.

`store_evidence(upload)` never keeps the uploaded bytes as they came: a photo is re-encoded
from its pixels, a video has its metadata overwritten in place (see vigie.engine.media), and
the result is encrypted chunk by chunk with a fresh key sealed to the cell. Nothing of the
original name is kept; the time is kept to the hour. The upload's own temporary file and every
intermediate file are deleted whatever happens.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from typing import IO, Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vigie.core.crypto import new_data_key
from vigie.core.privacy import to_the_hour
from vigie.core.sealing import seal_for_cell
from vigie.engine.media import (
    SNIFF_LENGTH,
    Kind,
    MarkerScanner,
    MediaFormat,
    MediaRefused,
    clean_image,
    plan_video_cleaning,
    sniff,
)
from vigie.engine.media import formats as media_formats
from vigie.evidence import storage
from vigie.evidence.models import Cleaning, MediaKind, StoredFile

logger = logging.getLogger(__name__)

ACCEPTED = "JPEG, PNG, HEIC, WebP, MP4, MOV"


class EvidenceRejected(Exception):
    """A file we refuse, with a French message telling the citizen what to do.

    `code` is one of "unsupported_type", "too_large", "damaged", "too_many". `file_name` is
    the name the citizen's device gave, only to say which file in the same response; it is
    never stored.
    """

    def __init__(self, code: str, message: Any, *, file_name: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.file_name = file_name

    def __str__(self) -> str:
        return str(self.message)

    def named_message(self) -> str:
        """The message naming the file it is about, for a page listing several."""
        if not self.file_name:
            return str(self.message)
        return _("« %(name)s » est refusé et n’est pas joint : %(reason)s") % {
            "name": self.file_name,
            "reason": self.message,
        }


def _rejection(code: str, *, kind: str | None = None, file_name: str = "") -> EvidenceRejected:
    if code == "unsupported_type":
        message = _(
            "Ce fichier n’est ni une photo ni une vidéo acceptée (%(formats)s). "
            "Rien d’autre n’a été perdu."
        ) % {"formats": ACCEPTED}
    elif code == "too_large":
        limit = (
            settings.EVIDENCE_MAX_IMAGE_BYTES
            if kind == MediaKind.IMAGE
            else settings.EVIDENCE_MAX_VIDEO_BYTES
        )
        message = _(
            "Ce fichier est trop lourd (%(limit)s au plus pour une %(kind)s). Envoyez une "
            "version plus légère ou un extrait ; rien d’autre n’a été perdu."
        ) % {
            "limit": filesizeformat(limit),
            "kind": _("photo") if kind == MediaKind.IMAGE else _("vidéo"),
        }
    elif code == "too_many":
        message = _(
            "Vous pouvez joindre au plus %(count)s fichiers à un signalement. Choisissez les "
            "plus utiles ; rien d’autre n’a été perdu."
        ) % {"count": settings.EVIDENCE_MAX_FILES_PER_REPORT}
    else:
        code = "damaged"
        message = _(
            "Ce fichier semble abîmé ou incomplet et n’a pas pu être lu. Réessayez avec le "
            "fichier d’origine ; rien d’autre n’a été perdu."
        )
    return EvidenceRejected(code, message, file_name=file_name)


def check_file_count(*, existing: int, adding: int = 1) -> None:
    """Raise `too_many` if a report would hold more than EVIDENCE_MAX_FILES_PER_REPORT files."""
    if existing + adding > settings.EVIDENCE_MAX_FILES_PER_REPORT:
        raise _rejection("too_many")


def rejections_from_request(request: Any) -> list[EvidenceRejected]:
    """Files the upload handler dropped before they reached the view (too large)."""
    request.FILES  # noqa: B018  # parsing the body is what fills upload_rejections
    return [
        _rejection(code, file_name=str(rest[-1]) if len(rest) > 1 else "")
        for code, *rest in getattr(request, "upload_rejections", [])
    ]


@contextmanager
def _private_temporary_file() -> Iterator[IO[bytes]]:
    """A 0600 file in FILE_UPLOAD_TEMP_DIR, deleted on exit whatever happens."""
    with tempfile.TemporaryFile(dir=settings.FILE_UPLOAD_TEMP_DIR, prefix="vigie-") as handle:
        yield handle


def _size_of(source: IO[bytes]) -> int:
    source.seek(0, 2)
    size = source.tell()
    source.seek(0)
    return size


def _check_size(size: int, fmt: MediaFormat) -> None:
    limit = (
        settings.EVIDENCE_MAX_IMAGE_BYTES
        if fmt.kind is Kind.IMAGE
        else settings.EVIDENCE_MAX_VIDEO_BYTES
    )
    if size > limit:
        raise MediaRefused("too_large", f"{size} bytes")


def _store_image(stored: StoredFile, source: IO[bytes], fmt: MediaFormat) -> list[str]:
    """Clean and encrypt a photo and its thumbnail; return the storage names written."""
    written: list[str] = []
    with _private_temporary_file() as cleaned_file:
        cleaned = clean_image(source, fmt, cleaned_file)
        cleaned_file.seek(0)
        key = new_data_key()
        stored.storage_name, stored.size = storage.write_encrypted(
            cleaned_file, key=key, associated_data=stored.associated_data
        )
    written.append(stored.storage_name)
    thumbnail_key = new_data_key()
    stored.thumbnail_name, _size = storage.write_encrypted(
        BytesIO(cleaned.thumbnail),
        key=thumbnail_key,
        associated_data=stored.thumbnail_associated_data,
    )
    written.append(stored.thumbnail_name)
    stored.sealed_key = seal_for_cell(key, associated_data=stored.associated_data)
    stored.thumbnail_sealed_key = seal_for_cell(
        thumbnail_key, associated_data=stored.thumbnail_associated_data
    )
    stored.media_type = cleaned.media_type
    stored.cleaning = Cleaning.REENCODED
    notes = ["pixels_only", *(["heic_to_jpeg"] if fmt == media_formats.HEIC else [])]
    stored.cleaning_details = {"removed": [], "notes": [*notes, *cleaned.notes], "residual": []}
    return written


def _store_video(stored: StoredFile, source: IO[bytes], fmt: MediaFormat, size: int) -> list[str]:
    cleaning = plan_video_cleaning(source, size)
    scanner = MarkerScanner(cleaning.reader(source))
    key = new_data_key()
    stored.storage_name, stored.size = storage.write_encrypted(
        scanner, key=key, associated_data=stored.associated_data
    )
    if scanner.found is not None:
        storage.delete(stored.storage_name)
        # Location or XMP text outside anything we know how to remove: refuse, never store.
        raise MediaRefused("damaged", f"metadata marker left in the stream: {scanner.found!r}")
    stored.sealed_key = seal_for_cell(key, associated_data=stored.associated_data)
    stored.media_type = fmt.media_type
    stored.cleaning = Cleaning.CLEANED
    stored.cleaning_details = {
        "removed": list(cleaning.removed),
        "notes": [],
        "residual": list(cleaning.residual),
    }
    return [stored.storage_name]


def store_evidence(upload: UploadedFile) -> StoredFile:
    """Clean, encrypt and record one uploaded photo or video; raise EvidenceRejected."""
    file_name = str(upload.name or "")
    written: list[str] = []
    try:
        source = upload.file
        size = _size_of(source)
        if size > settings.EVIDENCE_MAX_VIDEO_BYTES:
            raise _rejection("too_large", file_name=file_name)
        fmt = sniff(source.read(SNIFF_LENGTH))
        source.seek(0)
        if fmt is None:
            raise _rejection("unsupported_type", file_name=file_name)
        stored = StoredFile(
            kind=MediaKind.IMAGE if fmt.kind is Kind.IMAGE else MediaKind.VIDEO,
            stored_at=to_the_hour(timezone.now()),
        )
        try:
            _check_size(size, fmt)
            if fmt.kind is Kind.IMAGE:
                written = _store_image(stored, source, fmt)
            else:
                written = _store_video(stored, source, fmt, size)
        except MediaRefused as refused:
            logger.info("evidence refused: %s", refused.code)  # no content, no name
            raise _rejection(refused.code, kind=stored.kind, file_name=file_name) from refused
        with transaction.atomic():
            stored.save()
        written = []  # recorded: the files now belong to the row
        return stored
    finally:
        for name in written:
            storage.delete(name)
        upload.close()  # a TemporaryUploadedFile deletes its file on close


def discard_evidence(files: list[StoredFile]) -> None:
    """Remove stored files that will never be attached (a later file of the same submission
    was refused, or the submission was a retry): their encrypted bytes and their rows."""
    for stored in files:
        storage.delete(stored.storage_name)
        storage.delete(stored.thumbnail_name)
        if stored.pk is not None:
            stored.delete()
