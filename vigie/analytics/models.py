"""Pre-aggregated figures and the early warnings, refreshed in the background
(`vigie.analytics.services.refresh`, a django-tasks chain and `vigie analytics refresh`).

A cell's dashboard reads its own département's reports directly (a few thousand rows a year,
through the (departement, received_at) index); the national view and the emerging-areas
detection read these tables instead, which stay small whatever the number of reports: a row
per département, month and source, and a row per commune and week with activity. They hold
counts only: no report, no content, nothing that names anyone.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.models import PublicIdModel


class MonthlyCount(models.Model):
    """Reports received in a month in a département, from one source."""

    departement = models.ForeignKey("geo.Departement", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the month's first day
    source = models.CharField(max_length=16)
    reports = models.PositiveIntegerField(default=0)
    qualified = models.PositiveIntegerField(default=0)
    exploitable = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["departement", "month", "source"], name="monthly_count_unique"
            )
        ]
        indexes = [models.Index(fields=["month"], name="monthly_count_month_idx")]

    def __str__(self) -> str:
        return f"{self.departement_id} {self.month:%Y-%m} {self.source}: {self.reports}"


class CommuneWeek(models.Model):
    """Activity of a commune in a week (Monday): reports received, dossiers opened on it,
    points de deal dismantled there. Only weeks with something in them have a row."""

    commune = models.ForeignKey("geo.Commune", on_delete=models.CASCADE, related_name="+")
    departement = models.ForeignKey("geo.Departement", on_delete=models.CASCADE, related_name="+")
    week = models.DateField()
    reports = models.PositiveIntegerField(default=0)
    dossiers = models.PositiveIntegerField(default=0)
    dismantled = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["commune", "week"], name="commune_week_unique")
        ]
        indexes = [
            models.Index(fields=["week"], name="commune_week_week_idx"),
            models.Index(fields=["departement", "week"], name="commune_week_dep_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.commune_id} {self.week}: {self.reports}"


class EmergingAlert(PublicIdModel):
    """A commune whose activity grew beyond what its history and population explain
    (vigie.engine.analytics.emerging), with its likely origin. One row per episode."""

    commune = models.ForeignKey("geo.Commune", on_delete=models.CASCADE, related_name="+")
    departement = models.ForeignKey("geo.Departement", on_delete=models.CASCADE, related_name="+")
    first_seen = models.DateField(_("depuis le"))
    detected_on = models.DateField(_("détectée la semaine du"))
    observed = models.PositiveIntegerField()
    expected = models.FloatField()
    weeks = models.PositiveSmallIntegerField()
    score = models.FloatField(_("score"))
    p_value = models.FloatField()
    new_dossiers = models.PositiveIntegerField(default=0)
    origin = models.ForeignKey(
        "geo.Commune", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    origin_distance_km = models.FloatField(null=True, blank=True)
    explanation = models.CharField(_("explication"), max_length=500)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-detected_on", "-score"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "first_seen"], name="emerging_alert_unique")
        ]
        indexes = [models.Index(fields=["departement", "detected_on"], name="alert_dep_idx")]

    def __str__(self) -> str:
        return self.explanation


class RefreshState(models.Model):
    """When the aggregates were last rebuilt (one row)."""

    refreshed_at = models.DateTimeField()
    reports = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)

    def __str__(self) -> str:
        return f"{self.refreshed_at:%Y-%m-%d %H:%M}"
