from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.models import PublicIdModel


class MediaKind(models.TextChoices):
    IMAGE = "image", _("Photo")
    VIDEO = "video", _("Vidéo")


class Cleaning(models.TextChoices):
    """What was done to the file's metadata, told honestly to the cell and the citizen."""

    CLEANED = "cleaned", _("Métadonnées supprimées")
    REENCODED = "reencoded", _("Image réencodée sans métadonnées")
    NOT_CLEANABLE = "not_cleanable", _("Métadonnées impossibles à supprimer pour ce format")


class StoredFile(PublicIdModel):
    """An evidence file, cleaned of its metadata and encrypted at rest.

    The bytes live under ``settings.EVIDENCE_DIR`` in a randomly named file, encrypted with a
    per-file data key; the data key is sealed to the cell's key (``sealed_key``), so only
    the back office can read it back. No original file name is kept (it can name a person
    or a phone), no upload time finer than the hour.
    """

    kind = models.CharField(max_length=8, choices=MediaKind.choices)
    media_type = models.CharField(max_length=40)  # of the stored, cleaned file
    size = models.PositiveBigIntegerField()  # of the cleaned plaintext
    storage_name = models.CharField(max_length=64, unique=True)
    sealed_key = models.BinaryField()
    thumbnail_name = models.CharField(max_length=64, blank=True)
    thumbnail_sealed_key = models.BinaryField(blank=True, default=b"")
    cleaning = models.CharField(max_length=16, choices=Cleaning.choices)
    stored_at = models.DateTimeField()  # to the hour

    class Meta:
        verbose_name = _("fichier de preuve")

    def __str__(self) -> str:
        return f"{self.kind} {self.public_id}"

    @property
    def associated_data(self) -> bytes:
        return b"evidence:" + str(self.public_id).encode()
