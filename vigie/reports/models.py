from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.core.models import PublicIdModel
from vigie.reports.enums import (
    Category,
    MissingElement,
    Qualification,
    QualificationReason,
    ReportEventKind,
    ReportStatus,
    Triage,
)


class ReportQuerySet(models.QuerySet["Report"]):
    def in_departement(self, departement_code: str) -> ReportQuerySet:
        return self.filter(departement_id=departement_code)

    def awaiting_triage(self) -> ReportQuerySet:
        return self.filter(qualification="")

    def by_priority(self) -> ReportQuerySet:
        """Emergencies first, then the most exploitable, then the oldest."""
        urgent_first = models.Case(
            models.When(triage_suggestion=Triage.URGENT, then=0),
            default=1,
            output_field=models.IntegerField(),
        )
        return self.order_by(urgent_first, "-score", "received_at", "id")


class Report(PublicIdModel):
    """A citizen's report. Everything the citizen wrote is in `sealed_content` (encrypted).

    Kept in clear, because the cell's queues, scope and statistics need them: the
    département and commune, the category, the analysis' triage/score/missing codes, the
    status, and a reception time rounded down to the hour (no exact timestamp of a citizen).
    """

    reference = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=200)
    submission_id = models.UUIDField(null=True, blank=True, unique=True)
    departement = models.ForeignKey(
        "geo.Departement", on_delete=models.PROTECT, related_name="reports"
    )
    commune = models.ForeignKey(
        "geo.Commune", on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    category = models.CharField(_("catégorie"), max_length=32, choices=Category.choices)
    status = models.CharField(
        _("statut"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.RECEIVED
    )
    received_at = models.DateTimeField(_("reçu (à l’heure près)"))
    sealed_content = models.BinaryField()
    triage_suggestion = models.CharField(max_length=16, choices=Triage.choices)
    score = models.PositiveSmallIntegerField(default=0)
    missing = models.JSONField(default=list, blank=True)
    qualification = models.CharField(
        _("qualification"), max_length=20, choices=Qualification.choices, blank=True
    )
    qualification_reason = models.CharField(
        _("motif"), max_length=32, choices=QualificationReason.choices, blank=True
    )
    qualified_at = models.DateTimeField(null=True, blank=True)
    qualified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_demo = models.BooleanField(default=False)

    objects = ReportQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["departement", "qualification", "score"]),
            models.Index(fields=["departement", "received_at"]),
        ]
        verbose_name = _("signalement")

    def __str__(self) -> str:
        return self.reference

    @property
    def missing_labels(self) -> list[str]:
        known = dict(MissingElement.choices)
        return [str(known.get(code, code)) for code in self.missing]

    @property
    def associated_data(self) -> bytes:
        return b"report:" + str(self.public_id).encode()


class ReportEvent(models.Model):
    """The history of a report (itou-style transition log)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=ReportEventKind.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    from_status = models.CharField(max_length=20, choices=ReportStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ReportStatus.choices)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id} {self.kind} → {self.to_status}"
