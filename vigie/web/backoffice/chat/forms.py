"""Agent console forms."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from vigie.chat.models import CannedReply, CloseReason
from vigie.engine.analysis import analyse
from vigie.reports.content import ReportContent, identifiers_from_rows, vehicles_from_rows
from vigie.reports.enums import Category, IdentifierKind
from vigie.web.forms import VigieForm
from vigie.web.public.forms import IdentifierForm, ReportForm, RowFormSet, VehicleForm


class ReplyForm(VigieForm):
    message_id = forms.UUIDField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Votre réponse"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=settings.CHAT_MESSAGE_MAX_LENGTH,
        error_messages={"required": _("Écrivez une réponse.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("message_id", uuid.uuid4())


class CloseForm(VigieForm):
    reason = forms.ChoiceField(
        label=_("Motif de clôture"),
        choices=[("", "—"), *CloseReason.choices],
        error_messages={"required": _("Choisissez le motif de clôture.")},
    )


class HandOverForm(VigieForm):
    colleague = forms.ChoiceField(
        label=_("Transmettre à"), error_messages={"required": _("Choisissez un collègue.")}
    )

    def __init__(self, *args: Any, colleagues: list[Any], online: set[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["colleague"].choices = [("", "—")] + [
            (
                str(colleague.pk),
                f"{colleague.get_full_name() or colleague.username}"
                + (f" ({_('connecté')})" if colleague.pk in online else ""),
            )
            for colleague in colleagues
        ]


class ToReportForm(VigieForm):
    """The structured part of a report, as the citizen's form has it (its very fields), for
    the agent to fill from the conversation; the transcript itself is added by the service.
    Vehicles and identifiers are the citizen form's rows (`rows`)."""

    category = forms.ChoiceField(
        label=_("Catégorie"),
        choices=[("", "—"), *Category.choices],
        error_messages={"required": _("Choisissez la catégorie du signalement.")},
    )
    address = ReportForm.base_fields["address"]
    place_kind = ReportForm.base_fields["place_kind"]
    observed_date = ReportForm.base_fields["observed_date"]
    observed_time = ReportForm.base_fields["observed_time"]
    schedule = ReportForm.base_fields["schedule"]

    clean_observed_date = ReportForm.clean_observed_date
    observed_at = ReportForm.observed_at

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        data = args[0] if args else kwargs.get("data")
        initial = kwargs.get("initial") or {}
        self.rows = {
            prefix: formset(data, prefix=prefix, initial=initial.get(prefix) or None)
            for prefix, formset in CONVERSION_ROWS.items()
        }

    def is_valid(self) -> bool:
        rows_valid = all(rows.is_valid() for rows in self.rows.values())
        return super().is_valid() and rows_valid

    def details(self) -> ReportContent:
        """The filled fields as a report's content (its description comes from the service)."""
        data = self.cleaned_data
        return ReportContent(
            description="",
            address=data.get("address", ""),
            place_kind=data.get("place_kind", ""),
            observed_at=self.observed_at(),
            schedule=data.get("schedule", ""),
            vehicles=vehicles_from_rows(self.rows["vehicles"].filled()),
            identifiers=identifiers_from_rows(self.rows["ids"].filled()),
        )


def _rows(form: type[forms.Form]) -> type[forms.BaseFormSet]:  # type: ignore[type-arg]
    # Pre-filled rows come as `initial`; one blank row more for what the analysis missed.
    return forms.formset_factory(
        form, formset=RowFormSet, extra=1, max_num=10, absolute_max=10, validate_max=True
    )


CONVERSION_ROWS: dict[str, type[forms.BaseFormSet]] = {  # type: ignore[type-arg]
    "vehicles": _rows(VehicleForm),
    "ids": _rows(IdentifierForm),
}


def prefill(words: str) -> dict[str, Any]:
    """The form's initial values from the analysis of the citizen's words (vigie.engine)."""
    analysis = analyse(words)
    entities = analysis.entities
    networks = {kind.value for kind in IdentifierKind}
    identifiers = [
        {"kind": IdentifierKind.PHONE.value, "value": phone} for phone in entities.phones
    ]
    identifiers += [
        {
            "kind": handle.network if handle.network in networks else IdentifierKind.OTHER.value,
            "value": handle.value,
        }
        for handle in entities.handles
    ]
    plates = [*entities.plates, *entities.partial_plates]
    initial: dict[str, Any] = {
        "address": entities.places[0].text if entities.places else "",
        "schedule": ", ".join(dict.fromkeys(mention.text for mention in entities.times)),
        "vehicles": [{"plate": plate} for plate in dict.fromkeys(plates)],
        "ids": identifiers,
    }
    if analysis.category in Category.values:
        initial["category"] = analysis.category
    return initial


class CannedReplyForm(VigieForm, forms.ModelForm):  # type: ignore[misc]  # DSFR + model form
    class Meta:
        model = CannedReply
        fields = ["title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
