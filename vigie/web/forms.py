"""The base of every interface form: DSFR rendering, optional fields marked (DSFR's rule)."""

from __future__ import annotations

from typing import Any

from django import forms
from dsfr.forms import DsfrBaseForm


class VigieForm(DsfrBaseForm):
    def get_context(self) -> dict[str, Any]:
        # DsfrBaseForm.get_context only warns about the transitional setting, which
        # config/settings/base.py sets for good (DSFR_MARK_OPTIONAL_FIELDS = True).
        context: dict[str, Any] = forms.Form.get_context(self)
        context["DSFR_MARK_OPTIONAL_FIELDS"] = True
        return context
