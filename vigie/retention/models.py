"""What is left of purged data: counts, never contents."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PurgedKind(models.TextChoices):
    REPORT = "report", _("Signalement")
    CONVERSATION = "conversation", _("Discussion")


class PurgeTally(models.Model):
    """How many items of a kind, received in a month, were purged, by what they had been.

    The monthly figures of a département survive the purge of what they count; nothing here
    can identify a report or a citizen (a month, a category, a qualification, a count).
    """

    departement = models.ForeignKey("geo.Departement", on_delete=models.PROTECT, related_name="+")
    month = models.DateField(help_text="first day of the month the items were received")
    kind = models.CharField(max_length=16, choices=PurgedKind.choices)
    category = models.CharField(max_length=32, blank=True)
    qualification = models.CharField(max_length=20, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["departement", "month", "kind", "category", "qualification"],
                name="one_tally_per_group",
            )
        ]
        verbose_name = _("décompte de purge")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.kind} {self.category} {self.qualification}: {self.count}"


class RetentionOverride(models.Model):
    """A duration an administrator set shorter than the deployment's maximum for one rule.

    The maximum stays in `settings.RETENTION`; the shorter of the two applies
    (vigie.retention.services.retention_days), so a row here can never extend a duration.
    """

    rule = models.CharField(max_length=32, unique=True)
    days = models.PositiveIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("durée de conservation réduite")

    def __str__(self) -> str:
        return f"{self.rule}: {self.days}"


class PurgeRun(models.Model):
    """One run of the purge (not a dry run), kept so the administration shows the last one."""

    at = models.DateTimeField()
    reports = models.PositiveIntegerField(default=0)
    conversations = models.PositiveIntegerField(default=0)
    files = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("exécution de la purge")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M}: {self.reports}/{self.conversations}/{self.files}"
