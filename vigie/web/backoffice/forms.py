from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from vigie.reports.enums import (
    REASONS_FOR,
    REASONS_NAMING_A_REPORT,
    REASONS_NEEDING_A_NOTE,
    Category,
    Qualification,
    QualificationReason,
    ReportSource,
    ReportStatus,
    Triage,
)
from vigie.reports.models import Report
from vigie.reports.selectors import ReportFilters, report_in_departement
from vigie.web.forms import VigieForm


class LoginForm(VigieForm, AuthenticationForm):
    pass


def _reasons_help() -> str:
    return " ".join(
        f"{Qualification(qualification).label} : "
        + ", ".join(str(reason.label).lower() for reason in reasons)
        + "."
        for qualification, reasons in REASONS_FOR.items()
    )


class QualifyForm(VigieForm):
    """The analyst's decision, checked against the rules of `REASONS_FOR`.

    `report` is the report being qualified: a report it names (duplicate, cross-reference)
    must be another report of the same département.
    """

    qualification = forms.ChoiceField(
        label=_("Qualification"),
        choices=Qualification.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez une qualification.")},
    )
    reason = forms.ChoiceField(
        label=_("Motif"),
        choices=QualificationReason.choices,
        error_messages={"required": _("Choisissez un motif.")},
    )
    note = forms.CharField(
        label=_("Précision"),
        required=False,
        max_length=500,
        help_text=_("Obligatoire si vous choisissez « Autre »."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    related_reference = forms.CharField(
        label=_("Signalement lié"),
        required=False,
        max_length=32,
        help_text=_(
            "Référence du signalement doublé ou recoupé (VG-…), obligatoire pour ces motifs."
        ),
    )

    def __init__(self, *args: Any, report: Report, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.report = report
        self.fields["reason"].help_text = _reasons_help()
        self.related_report: Report | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        qualification, reason = data.get("qualification"), data.get("reason")
        if not qualification or not reason:
            return data
        if reason not in REASONS_FOR[qualification]:
            self.add_error(
                "reason",
                _("Le motif « %(reason)s » ne convient pas à « %(qualification)s ».")
                % {
                    "reason": QualificationReason(reason).label,
                    "qualification": Qualification(qualification).label,
                },
            )
        if reason in REASONS_NEEDING_A_NOTE and not data.get("note", "").strip():
            self.add_error("note", _("Précisez le motif « Autre »."))
        if reason in REASONS_NAMING_A_REPORT:
            self._clean_related(data.get("related_reference", ""))
        elif data.get("related_reference"):
            self.add_error(
                "related_reference",
                _("Seuls les motifs « doublon » et « recoupe » nomment un autre signalement."),
            )
        return data

    def _clean_related(self, typed: str) -> None:
        if not typed.strip():
            self.add_error(
                "related_reference", _("Indiquez la référence du signalement doublé ou recoupé.")
            )
            return
        related = report_in_departement(
            reference=typed, departement_code=self.report.departement_id
        )
        if related is None:
            self.add_error(
                "related_reference",
                _("Aucun signalement « %(reference)s » dans votre département.")
                % {"reference": typed},
            )
        elif related.pk == self.report.pk:
            self.add_error(
                "related_reference", _("Un signalement ne peut pas se doubler lui-même.")
            )
        else:
            self.related_report = related


class CellMessageForm(VigieForm):
    text = forms.CharField(
        label=_("Message au citoyen"),
        help_text=_(
            "Le citoyen le lira avec son récépissé, signé « La cellule ». N’y mettez aucun "
            "détail opérationnel : il peut être lu par quelqu’un d’autre que lui."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Écrivez le message avant de l’envoyer.")},
    )

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        limit = settings.CHAT_MESSAGE_MAX_LENGTH
        if len(text) > limit:
            raise forms.ValidationError(
                _("Le message fait %(length)s caractères ; la limite est de %(limit)s."),
                params={"length": len(text), "limit": limit},
            )
        return text


def _any(choices: list[tuple[str, Any]], label: str) -> list[tuple[str, Any]]:
    return [("", label), *choices]


def _date_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Date invalide : utilisez le format JJ/MM/AAAA.")},
    )


class ReportSearchForm(VigieForm):
    """The filters of the cell's list (GET): a wrong value is explained, never fatal."""

    q = forms.CharField(
        label=_("Rechercher"),
        required=False,
        max_length=100,
        help_text=_("Référence, commune, plaque, téléphone ou pseudo."),
    )
    received_from = _date_field(_("Reçu à partir du"))
    received_to = _date_field(_("Reçu jusqu’au"))
    commune = forms.CharField(
        label=_("Commune"), required=False, max_length=80, help_text=_("Nom ou code INSEE.")
    )
    category = forms.ChoiceField(
        label=_("Catégorie"), required=False, choices=_any(Category.choices, _("Toutes"))
    )
    triage = forms.ChoiceField(
        label=_("Analyse"), required=False, choices=_any(Triage.choices, _("Toutes"))
    )
    status = forms.ChoiceField(
        label=_("Statut"), required=False, choices=_any(ReportStatus.choices, _("Tous"))
    )
    source = forms.ChoiceField(
        label=_("Origine"), required=False, choices=_any(ReportSource.choices, _("Toutes"))
    )
    evidence = forms.ChoiceField(
        label=_("Pièces jointes"),
        required=False,
        choices=[("", _("Indifférent")), ("yes", _("Avec pièces")), ("no", _("Sans pièce"))],
    )
    unread = forms.BooleanField(label=_("Avec des messages non lus"), required=False)
    sort = forms.ChoiceField(
        label=_("Trier par"),
        required=False,
        choices=[
            ("recent", _("Les plus récents")),
            ("oldest", _("Les plus anciens")),
            ("score", _("Score décroissant")),
            ("priority", _("Priorité (urgences, puis score)")),
        ],
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", _("La fin de la période précède son début."))
        return data

    def filters(self) -> ReportFilters:
        """The valid filters (an invalid field filters nothing, and says why)."""
        data: dict[str, Any] = getattr(self, "cleaned_data", {})
        evidence = data.get("evidence")
        return ReportFilters(
            words=data.get("q", ""),
            received_from=data.get("received_from"),
            received_to=data.get("received_to"),
            commune=data.get("commune", ""),
            category=data.get("category", ""),
            triage=data.get("triage", ""),
            status=data.get("status", ""),
            source=data.get("source", ""),
            has_evidence={"yes": True, "no": False}.get(evidence or ""),
            has_unread_messages=bool(data.get("unread")),
            sort=data.get("sort") or "recent",
        )
