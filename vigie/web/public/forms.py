"""Citizen forms. Errors speak plainly, and a re-rendered form keeps everything typed."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vigie.geo.selectors import PlaceResolution, departement_for_point, resolve_commune_input
from vigie.reports.enums import Category
from vigie.web.forms import VigieForm

TEXT_TOO_LONG = _(
    "Votre texte fait %(length)s caractères ; la limite est de %(limit)s. "
    "Raccourcissez-le : rien de ce que vous avez écrit n’a été perdu."
)


class ReportForm(VigieForm):
    submission_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    category = forms.ChoiceField(
        label=_("Que voulez-vous signaler ?"),
        choices=Category.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez ce que vous voulez signaler.")},
    )
    commune = forms.CharField(
        label=_("Commune ou code postal"),
        help_text=_("Par exemple : Besançon, 25000"),
        max_length=120,
        # Required unless a point is given instead (see __init__); the form-level message
        # explains both ways.
        required=True,
        error_messages={
            "required": _("Indiquez où cela se passe : une commune, un code postal ou un point.")
        },
    )
    # Validated in clean(): its choices exist only once the typed commune is ambiguous.
    commune_code = forms.CharField(
        label=_("Précisez la commune"), required=False, max_length=5, widget=forms.RadioSelect
    )
    address = forms.CharField(
        label=_("Adresse ou lieu précis"),
        help_text=_("Numéro et rue, entrée d’immeuble, parking, commerce à proximité…"),
        max_length=300,
        required=False,
    )
    latitude = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180
    )
    observed_date = forms.DateField(
        label=_("Date des faits"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Saisissez une date valide, par exemple 20/11/2026.")},
    )
    observed_time = forms.TimeField(
        label=_("Heure"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={"invalid": _("Saisissez une heure valide, par exemple 18:30.")},
    )
    description = forms.CharField(
        label=_("Décrivez ce que vous avez vu"),
        help_text=_(
            "Où exactement, quand et à quelle fréquence, ce qui se passe, les véhicules "
            "(marque, couleur, plaque même partielle). Décrivez des faits, pas des rumeurs."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Décrivez ce que vous avez vu.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.place: PlaceResolution | None = None
        if self.is_bound and self.data.get("latitude") and self.data.get("longitude"):
            self.fields["commune"].required = False
        if not self.is_bound and not self.initial.get("submission_id"):
            self.initial["submission_id"] = uuid.uuid4()

    def clean_description(self) -> str:
        text: str = self.cleaned_data["description"]
        limit = settings.REPORT_TEXT_MAX_LENGTH
        if len(text) > limit:
            raise forms.ValidationError(
                TEXT_TOO_LONG, params={"length": f"{len(text):,}".replace(",", " "), "limit": limit}
            )
        return text

    def clean_observed_date(self) -> date | None:
        observed: date | None = self.cleaned_data.get("observed_date")
        if observed and observed > timezone.localdate():
            raise forms.ValidationError(_("La date des faits ne peut pas être dans le futur."))
        return observed

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None):
            self.add_error("longitude", _("Indiquez la latitude et la longitude, ou aucune."))
            return cleaned
        self.place = self._resolve_place(cleaned, latitude, longitude)
        return cleaned

    def _resolve_place(
        self, cleaned: dict[str, Any], latitude: float | None, longitude: float | None
    ) -> PlaceResolution | None:
        typed = (cleaned.get("commune") or "").strip()
        chosen = cleaned.get("commune_code") or ""
        if typed:
            place = resolve_commune_input(typed)
            if place.candidates:
                matching = [c for c in place.candidates if c.code == chosen]
                if matching:
                    return PlaceResolution(commune=matching[0], departement=matching[0].departement)
                self.fields["commune_code"].widget.choices = [
                    (c.code, f"{c.name} ({c.departement_id})") for c in place.candidates
                ]
                self.add_error(
                    "commune_code", _("Plusieurs communes correspondent : choisissez la vôtre.")
                )
                return None
            if place.commune is None:
                self.add_error(
                    "commune",
                    _(
                        "Nous ne trouvons pas la commune « %(typed)s ». Vérifiez l’orthographe "
                        "ou indiquez le code postal."
                    )
                    % {"typed": typed},
                )
                return None
            return place
        if latitude is not None and longitude is not None:
            departement = departement_for_point(latitude, longitude)
            if departement is None:
                self.add_error("latitude", _("Ce point n’est pas en France."))
                return None
            return PlaceResolution(commune=None, departement=departement)
        self.add_error(
            "commune", _("Indiquez où cela se passe : une commune, un code postal ou un point.")
        )
        return None

    def observed_at(self) -> str:
        observed: date | None = self.cleaned_data.get("observed_date")
        moment: time | None = self.cleaned_data.get("observed_time")
        if observed is None:
            return ""
        if moment is None:
            return observed.isoformat()
        aware = timezone.make_aware(datetime.combine(observed, moment))
        return aware.isoformat()
