from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.models import PublicIdModel, RandomIdModel


class MediaKind(models.TextChoices):
    IMAGE = "image", _("Photo")
    VIDEO = "video", _("Vidéo")


class Cleaning(models.TextChoices):
    """What was done to the file's metadata, told honestly to the cell and the citizen."""

    CLEANED = "cleaned", _("Métadonnées supprimées")
    REENCODED = "reencoded", _("Image réencodée sans métadonnées")
    NOT_CLEANABLE = "not_cleanable", _("Métadonnées impossibles à supprimer pour ce format")


class StoredFile(RandomIdModel, PublicIdModel):
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
    # What exactly was removed and what could not be checked, as codes (see CLEANING_NOTES);
    # never any content of the file.
    cleaning_details = models.JSONField(default=dict, blank=True)
    stored_at = models.DateTimeField()  # to the hour

    class Meta:
        verbose_name = _("fichier de preuve")

    def __str__(self) -> str:
        return f"{self.kind} {self.public_id}"

    @property
    def associated_data(self) -> bytes:
        return b"evidence:" + str(self.public_id).encode()

    @property
    def thumbnail_associated_data(self) -> bytes:
        return self.associated_data + b":thumbnail"

    @property
    def extension(self) -> str:
        return EXTENSIONS.get(self.media_type, "bin")

    @property
    def cleaning_notes(self) -> list[str]:
        """What was done, in French, for the cell: removals first, then what was not checked."""
        details = self.cleaning_details or {}
        codes = [*details.get("removed", []), *details.get("notes", [])]
        done = [str(CLEANING_NOTES[code]) for code in codes if code in CLEANING_NOTES]
        return done or [str(self.get_cleaning_display())]

    @property
    def cleaning_caveats(self) -> list[str]:
        residual = (self.cleaning_details or {}).get("residual", [])
        return [str(CLEANING_CAVEATS[code]) for code in residual if code in CLEANING_CAVEATS]


EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "video/mp4": "mp4",
    "video/quicktime": "mov",
}

CLEANING_NOTES = {
    "pixels_only": _(
        "Photo réencodée à partir de ses seuls pixels : EXIF (dont la position GPS, la date "
        "et l’appareil), XMP, commentaires et profil couleur supprimés."
    ),
    "heic_to_jpeg": _("Photo HEIC convertie en JPEG pour être lisible dans le navigateur."),
    "first_frame_only": _("Seule la première image a été gardée (image animée ou rafale)."),
    "colour_converted_to_srgb": _("Couleurs converties en sRGB."),
    "reduced_on_load": _(
        "Photo très grande : gardée en résolution réduite (24 mégapixels au plus)."
    ),
    "metadata_boxes": _("Métadonnées du conteneur supprimées (lieu, appareil, logiciel, XMP)."),
    "creation_times": _("Dates de création et de modification effacées."),
    "metadata_tracks": _("Pistes de métadonnées effacées (position, télémétrie, code temporel)."),
    "free_space": _("Zones libres du fichier effacées."),
    "unknown_boxes": _(
        "Structures inconnues du conteneur effacées (seul ce qui sert à la lecture est gardé)."
    ),
    "handler_names": _("Noms de logiciel ou d’appareil écrits dans les pistes effacés."),
    "unreferenced_bytes": _("Octets inutilisés par la vidéo et le son effacés."),
}

CLEANING_CAVEATS = {
    "codec_bitstream": _(
        "Non vérifié : d’éventuelles informations écrites par l’encodeur dans le flux vidéo "
        "lui-même."
    ),
    "unreferenced_bytes": _(
        "Non vérifié : vidéo fragmentée, les octets inutilisés des données n’ont pas pu être "
        "distingués."
    ),
}
