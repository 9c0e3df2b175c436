from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vigie.core.models import PublicIdModel, RandomIdModel
from vigie.reports.enums import (
    AnalysisTrigger,
    Category,
    ClosingMessage,
    MessageAuthor,
    MessageKind,
    MissingElement,
    Qualification,
    QualificationReason,
    ReportEventKind,
    ReportSource,
    ReportStatus,
    Triage,
)

# The order of the triage queue (issue 11). Emergencies first; then, highest first,
#
#     priority = score + points(size) × freshness
#
# where `score` is the analysis' 0–100, `size` the number of reports of the live dossier the
# report joined (0 when it joined none), points(size) = 0 (no dossier), 5 (2 reports),
# 10 (3–4), 15 (5 or more: about 5·log2(size), capped), and freshness = 2 when the dossier's
# latest report is at most 7 days old, 1 at most 30 days, 0 beyond. The bonus is therefore at
# most +30: a vague report (score < 50) joining a large dossier fed this week goes before an
# exploitable lone one of score < 80, never before an emergency. Ties: the oldest first.
# The French help text of the page (backoffice/triage.html) says the same: keep them together.
DOSSIER_SIZE_POINTS = ((5, 15), (3, 10), (2, 5))  # (at least this many reports, points)
DOSSIER_FRESH = ((timedelta(days=7), 2), (timedelta(days=30), 1))  # (at most this old, factor)


def dossier_bonus(*, size: int, last_report_at: datetime | None, now: datetime) -> int:
    """The bonus of the formula above, in Python (the queue computes it in SQL)."""
    points = next((p for least, p in DOSSIER_SIZE_POINTS if size >= least), 0)
    if last_report_at is None:
        return 0
    factor = next((f for age, f in DOSSIER_FRESH if last_report_at >= now - age), 0)
    return points * factor


class ReportQuerySet(models.QuerySet["Report"]):
    def in_departement(self, departement_code: str) -> ReportQuerySet:
        return self.filter(departement_id=departement_code)

    def awaiting_triage(self) -> ReportQuerySet:
        return self.filter(qualification="")

    def with_dossier(self) -> ReportQuerySet:
        """The dossier each report joined, in the same query (`Report.joined_dossier`).

        For lists: the sealed columns (the report's content, the dossier's notes) are left
        out, which keeps a sort over thousands of rows from carrying kilobytes each."""
        return self.select_related("dossier_membership__dossier").defer(
            "sealed_content", "citizen_key", "dossier_membership__dossier__sealed_notes"
        )

    def by_priority(self, *, now: datetime | None = None) -> ReportQuerySet:
        """Emergencies first, then `priority` (score plus the dossier's bonus, see
        `dossier_bonus`), then the oldest. One query: the bonus is computed in SQL."""
        now = now or timezone.now()
        size = "dossier_membership__dossier__size"
        last = "dossier_membership__dossier__last_report_at"
        points = models.Case(
            *[models.When(**{f"{size}__gte": least}, then=p) for least, p in DOSSIER_SIZE_POINTS],
            default=0,
            output_field=models.IntegerField(),
        )
        freshness = models.Case(
            *[models.When(**{f"{last}__gte": now - age}, then=f) for age, f in DOSSIER_FRESH],
            default=0,
            output_field=models.IntegerField(),
        )
        urgent_first = models.Case(
            models.When(triage_suggestion=Triage.URGENT, then=0),
            default=1,
            output_field=models.IntegerField(),
        )
        return self.annotate(
            urgent_first=urgent_first,
            priority=models.ExpressionWrapper(
                models.F("score") + points * freshness, output_field=models.IntegerField()
            ),
        ).order_by("urgent_first", "-priority", "received_at", "id")


class Report(RandomIdModel, PublicIdModel):
    """A report: a citizen’s, or a unit officer’s (`source`). Its content is in `sealed_content`
    (encrypted).

    Kept in clear, because the cell's queues, scope and statistics need them: the
    département and commune, the category, the analysis' triage/score/missing codes, the
    status, and a reception time rounded down to the hour (no exact timestamp of a citizen).
    """

    reference = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=200)
    # X25519 public key derived from the receipt secret: the cell's replies are sealed to it.
    citizen_key = models.BinaryField(max_length=32, default=b"")
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
    # « Autre » needs the analyst's words; « Doublon » and « Recoupe » name the other report.
    qualification_note = models.CharField(_("précision"), max_length=500, blank=True)
    related_report = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    qualified_at = models.DateTimeField(null=True, blank=True)
    qualified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    source = models.CharField(
        _("origine"), max_length=16, choices=ReportSource.choices, default=ReportSource.WEB_FORM
    )
    # A field report (« remontée terrain ») is not anonymous: the officer and their unit are
    # kept, for the cell only. It has no receipt: `secret_hash` and `citizen_key` stay empty,
    # so no secret opens it and nothing can be sealed to a citizen (vigie.field).
    field_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="field_reports",
        verbose_name=_("agent de terrain"),
    )
    field_unit = models.ForeignKey(
        "cells.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="field_reports",
        verbose_name=_("unité"),
    )
    is_demo = models.BooleanField(default=False)
    # The neutral message the citizen reads once the cell closed the report (operations).
    closing_message = models.CharField(max_length=20, choices=ClosingMessage.choices, blank=True)
    # Something was added (files, information) on a host that cannot open the report: the
    # back office re-analyses it the next time it is opened.
    needs_reanalysis = models.BooleanField(default=False)

    objects = ReportQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["departement", "qualification", "score"]),
            models.Index(fields=["departement", "received_at"]),
            # The triage page's « récemment qualifiés » (the latest 20 of the département).
            models.Index(fields=["departement", "qualified_at"], name="report_dep_qualified_idx"),
            # An officer's own list of field reports, newest first.
            models.Index(fields=["field_officer", "received_at"], name="report_field_officer_idx"),
        ]
        constraints = [
            # A field report names its officer and unit; no other report names any.
            models.CheckConstraint(
                name="field_reports_name_their_officer",
                condition=(
                    models.Q(source="field", field_officer__isnull=False, field_unit__isnull=False)
                    | (
                        ~models.Q(source="field")
                        & models.Q(field_officer__isnull=True, field_unit__isnull=True)
                    )
                ),
            )
        ]
        verbose_name = _("signalement")

    def __str__(self) -> str:
        return self.reference

    @property
    def is_field_report(self) -> bool:
        return self.source == ReportSource.FIELD

    @property
    def missing_labels(self) -> list[str]:
        known = dict(MissingElement.choices)
        return [str(known.get(code, code)) for code in self.missing]

    @property
    def joined_dossier(self) -> models.Model | None:
        """The live dossier (2 reports or more) this report is in, or None; no query after
        `ReportQuerySet.with_dossier()`."""
        membership = getattr(self, "dossier_membership", None)  # absent: AttributeError
        dossier = membership.dossier if membership is not None else None
        if dossier is None or dossier.size < 2 or dossier.merged_into_id is not None:
            return None
        return dossier

    @property
    def associated_data(self) -> bytes:
        return b"report:" + str(self.public_id).encode()


class ReportEvent(RandomIdModel):
    """The history of a report (itou-style transition log)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=ReportEventKind.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    from_status = models.CharField(max_length=20, choices=ReportStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ReportStatus.choices)
    # What a qualification changed (back office only: the citizen sees statuses).
    from_qualification = models.CharField(max_length=20, choices=Qualification.choices, blank=True)
    from_reason = models.CharField(max_length=32, choices=QualificationReason.choices, blank=True)
    qualification = models.CharField(max_length=20, choices=Qualification.choices, blank=True)
    reason = models.CharField(max_length=32, choices=QualificationReason.choices, blank=True)
    note = models.CharField(max_length=500, blank=True)
    related_report = models.ForeignKey(
        Report, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id} {self.kind} → {self.to_status}"

    @property
    def change(self) -> str:
        """What a qualification changed, in French: « exploitable → non exploitable (rumeur) »."""
        if self.kind != ReportEventKind.QUALIFIED or not self.qualification:
            return ""
        after = f"{self.get_qualification_display().lower()} ({self.get_reason_display().lower()})"
        if not self.from_qualification:
            return after
        before = self.get_from_qualification_display().lower()
        if self.from_reason and self.from_qualification == self.qualification:
            before += f" ({self.get_from_reason_display().lower()})"
        return f"{before} → {after}"


class ReportAnalysis(RandomIdModel):
    """One run of the automatic analysis: at submission, then after each addition.

    The latest run is copied onto the report (triage, score, missing) for the queues; the
    entities it found (plates, phones, handles) are sealed like the report they come from.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="analyses")
    public_id = models.UUIDField(unique=True)
    at = models.DateTimeField()
    trigger = models.CharField(max_length=16, choices=AnalysisTrigger.choices)
    triage = models.CharField(max_length=16, choices=Triage.choices)
    category = models.CharField(max_length=32, blank=True)
    score = models.PositiveSmallIntegerField(default=0)
    missing = models.JSONField(default=list, blank=True)
    attachment_count = models.PositiveIntegerField(default=0)
    sealed_entities = models.BinaryField(default=b"", blank=True)
    # The run's number for its report (1, 2…): runs of one hour share `at`, and ids are
    # random. Rows from before it have 0 and sequential ids.
    run = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["at", "run", "id"]
        verbose_name = _("analyse")

    def __str__(self) -> str:
        return f"{self.report_id} {self.trigger} {self.triage} {self.score}"

    @property
    def associated_data(self) -> bytes:
        return b"report-analysis:" + str(self.public_id).encode()

    @property
    def missing_labels(self) -> list[str]:
        known = dict(MissingElement.choices)
        return [str(known.get(code, code)) for code in self.missing]


class ReportSearchToken(RandomIdModel):
    """A keyed blind index of one normalised entity of a report (plate, phone, handle), so
    the cell's list can find reports by entity without their contents in clear. Rewritten
    from the latest analysis each time the report is stored or re-analysed."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="search_tokens")
    kind = models.CharField(max_length=16)
    token = models.CharField(max_length=64)
    # The blind-index key version it was made with (vigie.core.rotation).
    key_version = models.PositiveIntegerField(default=1, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "kind", "token"], name="one_search_token_per_entity"
            )
        ]
        indexes = [models.Index(fields=["token"])]

    def __str__(self) -> str:
        return f"{self.report_id} {self.kind}"


class ReportMessage(models.Model):
    """A message of the two-way thread between the citizen and the cell, or an addition.

    Sealed twice: for the cell (back office key) and for the citizen (the key derived from
    their receipt), so each side reads the whole thread and the public intake reads nothing
    without the receipt. A citizen's message is dated to the hour, as their report is.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    public_id = models.UUIDField(unique=True)
    author = models.CharField(max_length=8, choices=MessageAuthor.choices)
    kind = models.CharField(max_length=10, choices=MessageKind.choices, default=MessageKind.MESSAGE)
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField()
    sealed_for_cell = models.BinaryField()
    sealed_for_citizen = models.BinaryField()
    read_by_cell_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["report", "at"]),
            # The citizen's messages the cell has not read: few at any time, whatever the total.
            models.Index(
                fields=["report"],
                name="message_unread_citizen_idx",
                condition=models.Q(author="citizen", read_by_cell_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report_id} {self.author} {self.kind}"

    @property
    def associated_data(self) -> bytes:
        return b"report-message:" + str(self.public_id).encode()


class ReportAttachment(RandomIdModel):
    """An evidence file attached to a report, at submission or later from the follow-up."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    file = models.OneToOneField(
        "evidence.StoredFile", on_delete=models.PROTECT, related_name="report_attachment"
    )
    added_at = models.DateTimeField()  # to the hour
    # The file's number for its report (1, 2…), for the same reason as ReportAnalysis.run.
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["added_at", "position", "id"]

    def __str__(self) -> str:
        return f"{self.report_id} {self.file_id}"


class ReportDraft(models.Model):
    """A report being written, between two steps of the form (vigie.reports.drafts).

    Keyed by a digest of a random token that only the citizen's browser holds (a
    session-only cookie), and encrypted with a key derived from that same token: the
    database alone can neither find whose draft it is nor read it. Deleted on submission,
    and after a few hours in any case. No IP address, no user agent, no account.
    """

    lookup = models.CharField(max_length=64, primary_key=True)
    sealed = models.BinaryField()
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("brouillon de signalement")

    def __str__(self) -> str:
        return f"draft {self.lookup[:8]}…"
