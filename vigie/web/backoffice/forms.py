from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm

from vigie.reports.enums import Qualification, QualificationReason


class LoginForm(DsfrBaseForm, AuthenticationForm):
    pass


class QualifyForm(DsfrBaseForm):
    qualification = forms.ChoiceField(
        label=_("Qualification"), choices=Qualification.choices, widget=forms.RadioSelect
    )
    reason = forms.ChoiceField(label=_("Motif"), choices=QualificationReason.choices)
