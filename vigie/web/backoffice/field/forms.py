"""The field report form: one short page for a phone on patrol, usable without JavaScript."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vigie.cells.models import Unit
from vigie.field.services import check_place_in_cell
from vigie.reports import search
from vigie.reports import submission as limits
from vigie.reports.content import Identifier, ReportContent, Vehicle
from vigie.reports.enums import Category, IdentifierKind
from vigie.reports.submission import ResolvedPlace, SubmissionInvalid, resolve_place
from vigie.web.forms import VigieForm

MAX_DESCRIPTION = 5000
# « snapchat : menu_25 », « tel 06… »: the words an officer may put before an identifier.
_IDENTIFIER_WORDS = {
    **{kind.value: kind.value for kind in IdentifierKind},
    **{str(kind.label).lower(): kind.value for kind in IdentifierKind},
    "tel": IdentifierKind.PHONE,
    "tél": IdentifierKind.PHONE,
    "téléphone": IdentifierKind.PHONE,
    "telephone": IdentifierKind.PHONE,
    "insta": IdentifierKind.INSTAGRAM,
    "snap": IdentifierKind.SNAPCHAT,
}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def parse_vehicles(text: str) -> tuple[Vehicle, ...]:
    """One vehicle a line: « AB-123-CD, Clio grise » (plate, then what it looks like), or
    a plate alone, or a description alone; raises ValidationError naming a bad line."""
    vehicles = []
    for number, line in enumerate(_lines(text), start=1):
        plate, _comma, looks = (part.strip() for part in line.partition(","))
        if not _comma and not search.normalised_plate(plate):
            plate, looks = "", line  # « scooter noir »: a description without a plate
        if plate and not limits.PLATE_ALLOWED.match(plate.upper()):
            raise forms.ValidationError(
                _(
                    "Ligne %(number)s : « %(plate)s » n’est pas une plaque. Une plaque ne "
                    "contient que des lettres, des chiffres et des tirets (? pour un caractère "
                    "illisible) ; la marque et la couleur viennent après une virgule."
                ),
                params={"number": number, "plate": plate},
            )
        vehicles.append(Vehicle(plate=plate.upper(), make=looks))
    if len(vehicles) > limits.MAX_VEHICLES:
        raise forms.ValidationError(
            _("Au plus %(max)s véhicules."), params={"max": limits.MAX_VEHICLES}
        )
    return tuple(vehicles)


def parse_identifiers(text: str) -> tuple[Identifier, ...]:
    """One identifier a line: « 06 12 34 56 78 », « snapchat : menu_25 »; a line that is
    neither a phone number nor named is kept as « autre »."""
    identifiers = []
    for line in _lines(text):
        word, colon, value = (part.strip() for part in line.partition(":"))
        kind = _IDENTIFIER_WORDS.get(word.lower()) if colon else None
        if kind is None:
            value = line
            kind = IdentifierKind.PHONE if search.normalised_phone(line) else IdentifierKind.OTHER
        identifiers.append(Identifier(kind=str(kind), value=value))
    if len(identifiers) > limits.MAX_IDENTIFIERS:
        raise forms.ValidationError(
            _("Au plus %(max)s identifiants."), params={"max": limits.MAX_IDENTIFIERS}
        )
    return tuple(identifiers)


class FieldReportForm(VigieForm):
    # A double tap, or a form sent again after a lost answer, makes one report.
    submission_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    commune = forms.CharField(
        label=_("Commune"),
        help_text=_("Nom, code postal ou code INSEE. Facultatif si vous placez un point."),
        max_length=120,
        required=False,
    )
    address = forms.CharField(
        label=_("Adresse ou repère"),
        help_text=_("Par exemple : 12 rue de Dole, hall B ; parking de la gare."),
        max_length=limits.MAX_ADDRESS,
        required=False,
    )
    # Filled by the map or « ici » with JavaScript; typed by hand without it.
    latitude = forms.FloatField(
        label=_("Latitude"),
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        required=False,
        min_value=-90,
        max_value=90,
    )
    longitude = forms.FloatField(
        label=_("Longitude"),
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        required=False,
        min_value=-180,
        max_value=180,
    )
    observed_date = forms.DateField(
        label=_("Date de l’observation"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Indiquez la date de l’observation."),
            "invalid": _("Écrivez la date au format jj/mm/aaaa."),
        },
    )
    observed_time = forms.TimeField(
        label=_("Heure"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        required=False,
        error_messages={"invalid": _("Écrivez l’heure au format hh:mm.")},
    )
    description = forms.CharField(
        label=_("Ce que vous avez vu"),
        help_text=_("Les faits : activité, allers-retours, guetteurs, personnes, horaires."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_DESCRIPTION,
        error_messages={"required": _("Décrivez ce que vous avez vu.")},
    )
    category = forms.ChoiceField(
        label=_("Catégorie"),
        choices=[("", _("Laisser l’analyse proposer")), *Category.choices],
        required=False,
    )
    vehicles = forms.CharField(
        label=_("Véhicules"),
        help_text=_(
            "Une ligne par véhicule : la plaque, puis après une virgule la marque et la "
            "couleur. Par exemple : AB-123-CD, Clio grise. « ? » pour un caractère illisible."
        ),
        widget=forms.Textarea(attrs={"rows": 2, "autocapitalize": "characters"}),
        required=False,
    )
    identifiers = forms.CharField(
        label=_("Identifiants (téléphones, comptes)"),
        help_text=_(
            "Une ligne par identifiant. Par exemple : 06 12 34 56 78 ; snapchat : menu_25."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    photos = forms.FileField(
        label=_("Photos"),
        help_text=_(
            "Leurs métadonnées (position, appareil, date) sont effacées avant l’envoi à la cellule."
        ),
        widget=MultipleFileInput(attrs={"accept": "image/*,video/*"}),
        required=False,
    )

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.place: ResolvedPlace | None = None

    def clean_observed_date(self) -> date:
        observed: date = self.cleaned_data["observed_date"]
        if observed > timezone.localdate():
            raise forms.ValidationError(_("La date de l’observation ne peut pas être à venir."))
        return observed

    def clean_vehicles(self) -> tuple[Vehicle, ...]:
        return parse_vehicles(self.cleaned_data.get("vehicles", ""))

    def clean_identifiers(self) -> tuple[Identifier, ...]:
        return parse_identifiers(self.cleaned_data.get("identifiers", ""))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "latitude" in self.errors or "longitude" in self.errors:
            return cleaned
        try:
            place = resolve_place(
                commune=cleaned.get("commune", ""),
                latitude=cleaned.get("latitude"),
                longitude=cleaned.get("longitude"),
                codes_first=False,
            )
            check_place_in_cell(place=place, unit=self.unit)
        except SubmissionInvalid as invalid:
            for error in invalid.errors:
                self.add_error("commune", error.message)
            return cleaned
        self.place = place
        return cleaned

    def observed_at(self) -> str:
        return limits.observed_moment(
            self.cleaned_data.get("observed_date"), self.cleaned_data.get("observed_time")
        )

    def content(self) -> ReportContent:
        data = self.cleaned_data
        place = self.place
        return ReportContent(
            description=data["description"].strip(),
            address=data.get("address", "").strip(),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            commune_name=place.commune.name if place and place.commune else "",
            commune_code=place.commune.code if place and place.commune else "",
            observed_at=self.observed_at(),
            vehicles=data.get("vehicles", ()),
            identifiers=data.get("identifiers", ()),
        )

    @property
    def submission_uuid(self) -> uuid.UUID | None:
        value: uuid.UUID | None = self.cleaned_data.get("submission_id")
        return value
