"""Follow-up forms: the receipt that opens a report, and what the citizen adds to it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vigie.web.forms import VigieForm


class FollowUpForm(VigieForm):
    reference = forms.CharField(
        label=_("Référence du signalement"),
        help_text=_("Par exemple : VG-7K3M-9QXD"),
        max_length=40,
        error_messages={"required": _("Saisissez la référence de votre récépissé.")},
    )
    secret = forms.CharField(
        label=_("Code secret"),
        max_length=80,
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "off"}),
        error_messages={"required": _("Saisissez le code secret de votre récépissé.")},
    )
