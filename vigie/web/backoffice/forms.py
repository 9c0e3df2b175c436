from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from vigie.reports.enums import Qualification, QualificationReason
from vigie.web.forms import VigieForm


class LoginForm(VigieForm, AuthenticationForm):
    pass


class QualifyForm(VigieForm):
    qualification = forms.ChoiceField(
        label=_("Qualification"), choices=Qualification.choices, widget=forms.RadioSelect
    )
    reason = forms.ChoiceField(label=_("Motif"), choices=QualificationReason.choices)


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
