"""Notifications of the back office: the header's badge and the list page.

Generic: a recipient (one agent, every member of a unit, or the agents of a cell who handle
its reports), a kind, the object it is about (`target_type`, `target_id`: a public id), a
short French summary written by the sender, and when it was read. Never an e-mail: nothing
operational leaves the back office. A unit's or a cell's notification is read for all its
members once one of them has seen it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.models import RandomIdModel


class NotificationKind(models.TextChoices):
    DISPATCH_RECEIVED = "dispatch_received", _("Nouvelle transmission")
    DISPATCH_ACKNOWLEDGED = "dispatch_acknowledged", _("Transmission prise en compte")
    DISPATCH_QUESTION = "dispatch_question", _("Question d’une unité")
    DISPATCH_ANSWER = "dispatch_answer", _("Réponse de la cellule")
    DISPATCH_HANDED_BACK = "dispatch_handed_back", _("Transmission rendue à la cellule")
    DISPATCH_CLOSED = "dispatch_closed", _("Transmission clôturée")
    DISPATCH_CONTACT_SHARED = "dispatch_contact", _("Contact d’un citoyen transmis")
    DISPATCH_OVERDUE = "dispatch_overdue", _("Accusé de réception en retard")
    EMERGING_AREA = "emerging_area", _("Zone émergente")


class Notification(RandomIdModel):
    recipient_agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    recipient_unit = models.ForeignKey(
        "cells.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    recipient_cell = models.ForeignKey(
        "cells.Cell", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=32, choices=NotificationKind.choices)
    target_type = models.CharField(max_length=32)
    target_id = models.CharField(max_length=64)
    summary = models.CharField(max_length=300)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="notification_has_one_recipient",
                condition=(
                    models.Q(
                        recipient_agent__isnull=False,
                        recipient_unit__isnull=True,
                        recipient_cell__isnull=True,
                    )
                    | models.Q(
                        recipient_agent__isnull=True,
                        recipient_unit__isnull=False,
                        recipient_cell__isnull=True,
                    )
                    | models.Q(
                        recipient_agent__isnull=True,
                        recipient_unit__isnull=True,
                        recipient_cell__isnull=False,
                    )
                ),
            )
        ]
        indexes = [
            models.Index(fields=["recipient_agent", "read_at"], name="notification_agent_idx"),
            models.Index(fields=["recipient_unit", "read_at"], name="notification_unit_idx"),
            models.Index(fields=["recipient_cell", "read_at"], name="notification_cell_idx"),
        ]
        verbose_name = _("notification")

    def __str__(self) -> str:
        return f"{self.kind} {self.target_type}:{self.target_id}"
