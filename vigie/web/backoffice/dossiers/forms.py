from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vigie.crossref.models import DecisionKind, DossierStatus, WatchKind
from vigie.web.forms import VigieForm


class DossierForm(VigieForm):
    status = forms.ChoiceField(label=_("Statut"), choices=DossierStatus.choices)
    notes = forms.CharField(
        label=_("Notes de l’analyste"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PairForm(VigieForm):
    a = forms.CharField(max_length=16)
    b = forms.CharField(max_length=16)
    decision = forms.ChoiceField(
        choices=[(DecisionKind.CONFIRM, _("Confirmer")), (DecisionKind.REJECT, _("Rejeter"))]
    )


class MergeForm(VigieForm):
    other = forms.CharField(
        label=_("Dossier à fusionner (ex. D-7KQ2MX)"), max_length=40, strip=True
    )


class SplitForm(VigieForm):
    references = forms.MultipleChoiceField(
        label=_("Signalements à sortir de ce dossier"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: object, choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["references"].choices = choices


class WatchForm(VigieForm):
    kind = forms.ChoiceField(label=_("Surveiller"), choices=WatchKind.choices)
    value = forms.CharField(
        label=_("Plaque, téléphone ou compte"),
        help_text=_("Plaque partielle : « ? » pour chaque caractère inconnu. Compte : réseau:nom."),
        required=False,
        max_length=120,
    )
    latitude = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180
    )
    radius_m = forms.IntegerField(
        label=_("Rayon (m)"), required=False, min_value=20, max_value=20000
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("kind") == WatchKind.AREA:
            if (
                data.get("latitude") is None
                or data.get("longitude") is None
                or not data.get("radius_m")
            ):
                raise forms.ValidationError(_("Une zone : latitude, longitude et rayon."))
        elif not (data.get("value") or "").strip():
            self.add_error("value", _("Indiquez ce qu’il faut surveiller."))
        return data


class EntityForm(VigieForm):
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=[
            (WatchKind.PLATE, _("Plaque")),
            (WatchKind.PHONE, _("Téléphone")),
            (WatchKind.HANDLE, _("Compte")),
        ],
    )
    q = forms.CharField(label=_("Valeur"), max_length=120)
