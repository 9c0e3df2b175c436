from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vigie.web.forms import VigieForm


class SecondFactorForm(VigieForm):
    code = forms.CharField(
        label=_("Code de vérification"),
        help_text=_(
            "Les 6 chiffres affichés par votre application d’authentification, ou l’un de vos "
            "codes de secours (XXXX-XXXX-XXXX)."
        ),
        max_length=32,
        error_messages={"required": _("Saisissez le code affiché par votre application.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class EnrolmentForm(VigieForm):
    code = forms.CharField(
        label=_("Code affiché par l’application"),
        help_text=_("6 chiffres, pour vérifier que l’application est bien configurée."),
        max_length=16,
        error_messages={"required": _("Saisissez le code affiché par votre application.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
