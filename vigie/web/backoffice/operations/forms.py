"""Forms of the dispatch pages (cell and unit)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vigie.cells.models import Cell, Unit
from vigie.operations.models import ClosingReason, Priority
from vigie.operations.services import TEXT_MAX_LENGTH
from vigie.reports.enums import ClosingMessage
from vigie.web.forms import VigieForm


def _text(label: Any, *, required: bool = True, rows: int = 4, help_text: Any = "") -> Any:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX_LENGTH,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]  # django-stubs generic
    def label_from_instance(self, obj: Unit) -> str:
        return f"{obj.name} ({obj.get_kind_display().lower()})"


class DispatchForm(VigieForm):
    unit = UnitChoiceField(
        label=_("Unité"),
        queryset=Unit.objects.none(),
        empty_label=_("— Choisissez l’unité —"),
        error_messages={"required": _("Choisissez l’unité qui recevra ces faits.")},
    )
    priority = forms.ChoiceField(
        label=_("Priorité"),
        choices=Priority.choices,
        initial=Priority.NORMAL,
        widget=forms.RadioSelect,
    )
    instructions = _text(
        _("Consignes pour l’unité"),
        required=False,
        help_text=_("Ce que la cellule attend : surveillance, vérification, interpellation…"),
    )

    def __init__(self, *args: Any, cell: Cell, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(cell=cell, is_active=True).order_by(
            "kind", "name"
        )


class TextForm(VigieForm):
    text = _text(_("Votre message"), rows=3)


class HandBackForm(VigieForm):
    reason = _text(
        _("Pourquoi la rendre à la cellule ?"),
        rows=3,
        help_text=_("Hors de votre compétence, faits insuffisants, déjà traités…"),
    )


class CloseForm(VigieForm):
    reason = forms.ChoiceField(
        label=_("Motif de clôture"), choices=ClosingReason.choices, widget=forms.RadioSelect
    )
    note = _text(_("Précisions (obligatoires pour « Autre »)"), required=False, rows=3)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("reason") == ClosingReason.OTHER and not cleaned.get("note", "").strip():
            self.add_error("note", _("Précisez le motif de clôture."))
        return cleaned


class CitizenCloseForm(VigieForm):
    message = forms.ChoiceField(
        label=_("Message que lira le citoyen"),
        choices=ClosingMessage.choices,
        widget=forms.RadioSelect,
        help_text=_("Un message neutre : jamais le nom d’une unité ni un détail de l’action."),
    )
