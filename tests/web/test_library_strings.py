"""Strings that libraries write in English are French in the French interface."""

from __future__ import annotations

from django import forms
from django.utils import translation

from vigie.web.forms import VigieForm


class _Filters(VigieForm):
    since = forms.DateField(label="Du", required=False)
    actor = forms.CharField(label="Auteur", required=True)


def test_an_optional_field_says_facultatif_in_french_and_optional_in_english() -> None:
    with translation.override("fr"):
        french = str(_Filters())
    assert "Du\xa0(facultatif)" in french  # one optional field, marked once
    assert french.count("(facultatif)") == 1
    assert "Optional" not in french
    with translation.override("en"):
        english = str(_Filters())
    assert "(Optional)" in english
