from __future__ import annotations

from django import forms
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
