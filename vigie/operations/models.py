"""Operations: which unit covers which commune, and what the cell passes to a unit.

- `Jurisdiction`: one row per (commune, unit) of the table loaded by `vigie units import`;
  a commune may have several units (a police zone and a municipal police).
- `Dispatch`: a dossier's or a report's facts passed by a cell to one of its units, with a
  priority, instructions (sealed) and a deadline to acknowledge.
- `DispatchReport`: the reports a dispatch carries, numbered for the unit (never the receipt
  reference), and whether the cell chose to share the citizen's contact (audited).
- `DispatchEntry`: what happened since (acknowledgement, question, answer, note, hand-back,
  closure), each text sealed like the dossier notes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.models import PublicIdModel, RandomIdModel, TimeStampedModel
from vigie.crossref.models import short_code


class Jurisdiction(TimeStampedModel):
    commune = models.ForeignKey("geo.Commune", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("cells.Unit", on_delete=models.CASCADE, related_name="jurisdictions")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["commune", "unit"], name="jurisdiction_once")
        ]
        verbose_name = _("compétence territoriale")

    def __str__(self) -> str:
        return f"{self.commune_id} → {self.unit_id}"


class Priority(models.TextChoices):
    URGENT = "urgente", _("Urgente")
    HIGH = "haute", _("Haute")
    NORMAL = "normale", _("Normale")


class DispatchStatus(models.TextChoices):
    SENT = "sent", _("Transmise, en attente d’accusé de réception")
    ACKNOWLEDGED = "acknowledged", _("Prise en compte par l’unité")
    HANDED_BACK = "handed_back", _("Rendue à la cellule")
    CLOSED = "closed", _("Clôturée")


OPEN_STATUSES = (DispatchStatus.SENT, DispatchStatus.ACKNOWLEDGED)


class ClosingReason(models.TextChoices):
    """Why the unit closes a dispatch (operational: never shown to the citizen)."""

    ACTION_TAKEN = "action", _("Action menée (interpellation, saisie, démantèlement)")
    SURVEILLANCE = "surveillance", _("Surveillance menée, sans suite immédiate")
    JOINED_PROCEDURE = "procedure", _("Joint à une procédure en cours")
    NO_RESULT = "no_result", _("Vérifications sans résultat")
    OTHER = "other", _("Autre (préciser)")


class EntryKind(models.TextChoices):
    ACKNOWLEDGED = "acknowledged", _("Accusé de réception")
    QUESTION = "question", _("Question à la cellule")
    ANSWER = "answer", _("Réponse de la cellule")
    NOTE = "note", _("Note de l’unité")
    HANDED_BACK = "handed_back", _("Rendue à la cellule")
    CLOSED = "closed", _("Clôture par l’unité")
    CONTACT_SHARED = "contact_shared", _("Contact du citoyen transmis par la cellule")
    CITIZEN_CLOSED = "citizen_closed", _("Clôture annoncée au citoyen")
    ESCALATED = "escalated", _("Accusé de réception en retard : chef de cellule alerté")


class Dispatch(RandomIdModel, PublicIdModel, TimeStampedModel):
    cell = models.ForeignKey("cells.Cell", on_delete=models.PROTECT, related_name="dispatches")
    unit = models.ForeignKey("cells.Unit", on_delete=models.PROTECT, related_name="dispatches")
    # The dossier passed, or None when a single report is.
    dossier = models.ForeignKey(
        "crossref.Dossier", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    priority = models.CharField(_("priorité"), max_length=8, choices=Priority.choices)
    sealed_instructions = models.BinaryField(default=b"", blank=True)
    status = models.CharField(
        _("statut"), max_length=16, choices=DispatchStatus.choices, default=DispatchStatus.SENT
    )
    # The jurisdiction's explanation when it was sent (« Pontarlier → … »), and whether the
    # unit chosen was the one suggested.
    suggestion = models.CharField(max_length=500, blank=True)
    followed_suggestion = models.BooleanField(default=False)
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    acknowledge_by = models.DateTimeField(_("accusé de réception attendu avant"))
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)  # handed back or closed
    closing_reason = models.CharField(max_length=16, choices=ClosingReason.choices, blank=True)
    # The neutral message the citizen reads once the cell closes the reports (reports.enums).
    citizen_closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "status"], name="dispatch_unit_status_idx"),
            models.Index(fields=["cell", "status", "acknowledge_by"], name="dispatch_overdue_idx"),
        ]
        verbose_name = _("transmission")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """« T- » and 6 characters of the random id, as dossiers are labelled."""
        return f"T-{short_code(self.pk)}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def associated_data(self) -> bytes:
        return b"operations-dispatch:" + str(self.public_id).encode()


class DispatchReport(RandomIdModel):
    dispatch = models.ForeignKey(Dispatch, on_delete=models.CASCADE, related_name="items")
    report = models.ForeignKey(
        "reports.Report", on_delete=models.CASCADE, related_name="dispatch_items"
    )
    position = models.PositiveIntegerField()  # « Signalement 1, 2… » for the unit
    contact_shared_at = models.DateTimeField(null=True, blank=True)
    contact_shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["dispatch", "report"], name="dispatch_report_once")
        ]

    def __str__(self) -> str:
        return f"{self.dispatch_id}:{self.position}"


class DispatchEntry(RandomIdModel, PublicIdModel):
    dispatch = models.ForeignKey(Dispatch, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=16, choices=EntryKind.choices)
    at = models.DateTimeField()
    # None for what the system did (an escalation).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sealed_text = models.BinaryField(default=b"", blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("étape d’une transmission")

    def __str__(self) -> str:
        return f"{self.dispatch_id} {self.kind}"

    @property
    def associated_data(self) -> bytes:
        return b"operations-entry:" + str(self.public_id).encode()
