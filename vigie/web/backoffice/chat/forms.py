"""Agent console forms."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from vigie.chat.models import CannedReply, CloseReason
from vigie.reports.enums import Category
from vigie.web.forms import VigieForm


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
    category = forms.ChoiceField(
        label=_("Catégorie"),
        choices=[("", "—"), *Category.choices],
        error_messages={"required": _("Choisissez la catégorie du signalement.")},
    )
    description = forms.CharField(
        label=_("Description (les messages du citoyen, à relire)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=settings.REPORT_TEXT_MAX_LENGTH,
        error_messages={"required": _("La description ne peut pas être vide.")},
    )


class CannedReplyForm(VigieForm, forms.ModelForm):  # type: ignore[misc]  # DSFR + model form
    class Meta:
        model = CannedReply
        fields = ["title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
