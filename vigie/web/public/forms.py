"""Citizen report form. Errors speak plainly, and a re-rendered form keeps everything typed.

The report is asked for in six steps (`STEPS`). Every step's fields are in every page (the
steps not shown sit in `hidden` sections), so each post carries all that was typed; the
view keeps it in a sealed, short-lived draft (vigie.reports.drafts) and redirects to the
step's page, so that the browser's back button and a language switch lose nothing.
Evidence files are never kept in a draft: they are asked for on the last step only.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.forms.utils import ErrorDict
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vigie.geo import reference
from vigie.reports import submission as limits
from vigie.reports.content import (
    Person,
    ReportContent,
    identifiers_from_rows,
    vehicles_from_rows,
)
from vigie.reports.enums import Category, IdentifierKind, PlaceKind, Risk
from vigie.reports.submission import ResolvedPlace, SubmissionInvalid, resolve_place
from vigie.web.forms import VigieForm

TEXT_TOO_LONG = _(
    "Votre texte fait %(length)s caractères ; la limite est de %(limit)s. "
    "Raccourcissez-le : rien de ce que vous avez écrit n’a été perdu."
)

CATEGORY_EXPLANATIONS: dict[str, Promise] = {
    Category.DEALING_SPOT: _("Des ventes au même endroit : hall, parking, coin de rue…"),
    Category.DELIVERY: _("Des produits livrés à domicile, souvent commandés par message."),
    Category.MOBILE_SELLER: _("Un vendeur qui se déplace : à pied, en scooter, en voiture."),
    Category.STASH: _("Un appartement, une cave ou un garage où la drogue est gardée."),
    Category.RENTAL: _("Une location de courte durée occupée par des vendeurs ou des guetteurs."),
    Category.RELAY_VEHICLE: _("Un véhicule qui sert à stocker ou à transporter la marchandise."),
    Category.ONLINE: _("Une vente par Snapchat, Telegram, un site… sans lieu physique précis."),
    Category.OTHER_CRIME: _("Armes, blanchiment, violences liées au trafic…"),
}


@dataclass(frozen=True)
class Step:
    number: int
    slug: str
    title: Promise
    fields: tuple[str, ...]
    formsets: tuple[str, ...] = ()


STEPS = (
    Step(1, "quoi", _("Quoi"), ("category",)),
    Step(
        2,
        "ou",
        _("Où"),
        (
            "commune",
            "commune_code",
            "place_check",
            "address",
            "latitude",
            "longitude",
            "place_kind",
        ),
    ),
    Step(3, "quand", _("Quand"), ("observed_date", "observed_time", "schedule")),
    Step(4, "qui", _("Personnes, véhicules, identifiants"), (), ("people", "vehicles", "ids")),
    Step(5, "recit", _("Récit"), ("description", "risks", "contact_wanted", "contact")),
    Step(6, "envoi", _("Relecture et envoi"), ()),
)
LAST_STEP = STEPS[-1].number
# Where the shared place check's errors (vigie.reports.submission) land in this form.
PLACE_ERROR_FIELDS = {"location.lat": "latitude", "location.lon": "longitude"}
# The citizen's answers when the point and the commune disagree.
PLACE_KEEP_COMMUNE, PLACE_KEEP_POINT, PLACE_MOVE_POINT = "commune", "point", "move"


class _NotRequiredInput(forms.TextInput):
    def use_required_attribute(self, initial: Any) -> bool:
        return False


class _NotRequiredRadios(forms.RadioSelect):
    def use_required_attribute(self, initial: Any) -> bool:
        return False


class CheckedInCleanField(forms.CharField):
    """A field needed only in some cases, which the form's clean() checks and explains:
    never labelled « (Optionnel) » (it is not, when its error shows), never a browser's own
    "required" check."""

    widget = _NotRequiredInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=True, **kwargs)

    def validate(self, value: Any) -> None:
        """Empty is allowed here: the form's clean() decides."""


class ReportForm(VigieForm):
    """Every scalar field of the report, all steps together (rows are in the formsets)."""

    submission_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    step = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    # Proof of work solved in the browser while the citizen types (vigie/static/vigie/pow.js).
    pow_challenge = forms.CharField(widget=forms.HiddenInput, required=False, max_length=400)
    pow_nonce = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)

    category = forms.ChoiceField(
        label=_("Que voulez-vous signaler ?"),
        choices=Category.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez ce que vous voulez signaler.")},
    )

    # Needed unless a point is placed on the map.
    commune = CheckedInCleanField(
        label=_("Commune ou code postal"),
        help_text=_("Par exemple : Besançon, 25000"),
        max_length=120,
    )
    # Validated in clean(): its choices exist only once the typed commune is ambiguous.
    commune_code = forms.CharField(
        label=_("Précisez la commune"), required=False, max_length=5, widget=forms.RadioSelect
    )
    address = forms.CharField(
        label=_("Adresse ou lieu précis"),
        help_text=_("Numéro et rue, entrée d’immeuble, parking, commerce à proximité…"),
        max_length=limits.MAX_ADDRESS,
        required=False,
    )
    # Asked only when the point and the commune disagree (see _ask_which_place_is_right);
    # the answer is applied to the data by ReportFlow.data_with_place_answer.
    place_check = CheckedInCleanField(
        label=_("Le point et la commune ne correspondent pas : lequel est juste ?"),
        max_length=10,
        widget=_NotRequiredRadios,
    )
    latitude = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180
    )
    place_kind = forms.ChoiceField(
        label=_("Type de lieu"),
        choices=[("", _("Choisir (facultatif)")), *PlaceKind.choices],
        required=False,
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
    schedule = forms.CharField(
        label=_("Est-ce que cela se répète ? Quand ?"),
        help_text=_("Par exemple : tous les soirs entre 18 h et 20 h, surtout le week-end."),
        max_length=limits.MAX_SCHEDULE,
        required=False,
    )

    description = forms.CharField(
        label=_("Décrivez ce que vous avez vu"),
        help_text=_(
            "Des faits que vous avez constatés : ce qui se passe, les allers-retours, les "
            "échanges, les guetteurs. Pas de rumeurs, pas de suppositions."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Décrivez ce que vous avez vu.")},
    )
    risks = forms.MultipleChoiceField(
        label=_("Y a-t-il un risque particulier ?"),
        choices=Risk.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    contact_wanted = forms.ChoiceField(
        label=_("Voulez-vous laisser un moyen de vous contacter ?"),
        choices=[
            ("no", _("Non, je reste anonyme (recommandé)")),
            ("yes", _("Oui, je laisse un contact")),
        ],
        widget=forms.RadioSelect,
        initial="no",
        required=False,
    )
    contact = forms.CharField(
        label=_("Votre contact (téléphone ou adresse électronique)"),
        help_text=_(
            "Seule la cellule le lira. Il permet à un enquêteur de vous rappeler ; vous "
            "n’êtes alors plus anonyme pour la cellule. Sans contact, vous pourrez toujours "
            "lire ses questions avec votre récépissé."
        ),
        max_length=limits.MAX_CONTACT,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.place: ResolvedPlace | None = None
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
        if cleaned.get("contact_wanted") == "yes" and not (cleaned.get("contact") or "").strip():
            self.add_error(
                "contact",
                _("Indiquez votre contact, ou choisissez de rester anonyme."),
            )
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if "latitude" in self.errors or "longitude" in self.errors:
            return cleaned
        if (latitude is None) != (longitude is None):
            self.add_error("longitude", _("Indiquez la latitude et la longitude, ou aucune."))
            return cleaned
        self.place = self._resolve_place(cleaned, latitude, longitude)
        return cleaned

    def _resolve_place(
        self, cleaned: dict[str, Any], latitude: float | None, longitude: float | None
    ) -> ResolvedPlace | None:
        typed = (cleaned.get("commune") or "").strip()
        chosen = cleaned.get("commune_code") or ""
        try:
            return resolve_place(
                commune=typed, latitude=latitude, longitude=longitude, codes_first=False
            )
        except SubmissionInvalid as invalid:
            error = invalid.errors[0]
        if error.code == "ambiguous_commune":
            candidates = error.extra["candidates"]
            if chosen not in {candidate["code"] for candidate in candidates}:
                self.fields["commune_code"].widget.choices = [
                    (c["code"], f"{c['name']} ({c['departement']})") for c in candidates
                ]
                self.add_error(
                    "commune_code", _("Plusieurs communes correspondent : choisissez la vôtre.")
                )
                return None
            try:
                return resolve_place(commune=chosen, latitude=latitude, longitude=longitude)
            except SubmissionInvalid as invalid:
                error = invalid.errors[0]
        if error.code == "point_far_from_commune":
            self._ask_which_place_is_right(error.extra)
            return None
        self.add_error(PLACE_ERROR_FIELDS.get(error.field or "", "commune"), error.message)
        return None

    def _ask_which_place_is_right(self, extra: dict[str, Any]) -> None:
        """The point and the commune disagree: the citizen says which is right."""
        commune, holder = extra["commune"], extra["point_commune"]
        named = f"{commune['name']} ({commune['departement']})"
        choices = [
            (
                PLACE_KEEP_COMMUNE,
                _("C’est bien à %(commune)s : retirer le point") % {"commune": named},
            )
        ]
        if holder is not None:
            choices.append(
                (
                    PLACE_KEEP_POINT,
                    _("Le point est juste : la commune est %(commune)s")
                    % {"commune": f"{holder['name']} ({holder['departement']})"},
                )
            )
        choices.append((PLACE_MOVE_POINT, _("Je vais déplacer le point sur la carte")))
        self.fields["place_check"].widget.choices = choices
        km = limits.format_km(extra["distance_km"])
        if holder is None:
            message = _("Le point placé sur la carte est à %(km)s km de %(commune)s.") % {
                "km": km,
                "commune": named,
            }
        else:
            message = _(
                "Le point placé sur la carte est à %(km)s km de %(commune)s, dans la commune "
                "de %(holder)s."
            ) % {
                "km": km,
                "commune": named,
                "holder": f"{holder['name']} ({holder['departement']})",
            }
        self.add_error("place_check", message)

    def observed_at(self) -> str:
        return limits.observed_moment(
            self.cleaned_data.get("observed_date"), self.cleaned_data.get("observed_time")
        )


class PersonForm(VigieForm):
    description = forms.CharField(
        label=_("Description"),
        help_text=_(
            "Tenue, taille, corpulence, signes distinctifs, rôle (guetteur, vendeur), "
            "comportement. Pas d’origine supposée ni de religion."
        ),
        max_length=limits.MAX_PERSON_DESCRIPTION,
        required=False,
    )


class VehicleForm(VigieForm):
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=[
            ("", _("Choisir")),
            ("voiture", _("Voiture")),
            ("utilitaire", _("Utilitaire, camionnette")),
            ("deux_roues", _("Scooter, moto")),
            ("velo", _("Vélo, trottinette")),
            ("autre", _("Autre")),
        ],
        required=False,
    )
    make = forms.CharField(
        label=_("Marque et modèle"),
        help_text=_("Par exemple : Renault Clio"),
        max_length=limits.MAX_SHORT_TEXT,
        required=False,
    )
    colour = forms.CharField(label=_("Couleur"), max_length=limits.MAX_SHORT_TEXT, required=False)
    plate = forms.CharField(
        label=_("Plaque d’immatriculation"),
        help_text=_(
            "Même partielle : écrivez ? pour chaque caractère que vous n’avez pas pu lire, "
            "par exemple AB-12?-C?."
        ),
        max_length=16,
        required=False,
    )

    def clean_plate(self) -> str:
        plate = (self.cleaned_data.get("plate") or "").strip().upper()
        if plate and not limits.PLATE_ALLOWED.match(plate):
            raise forms.ValidationError(
                _(
                    "Une plaque ne contient que des lettres, des chiffres et des tirets ; "
                    "écrivez ? pour un caractère illisible (par exemple AB-12?-C?)."
                )
            )
        return plate


class IdentifierForm(VigieForm):
    kind = forms.ChoiceField(
        label=_("De quoi s’agit-il ?"),
        choices=[("", _("Choisir")), *IdentifierKind.choices],
        required=False,
    )
    value = forms.CharField(
        label=_("Numéro ou pseudo"),
        help_text=_("Par exemple : 06 12 34 56 78, ou le pseudo Snapchat menu_25"),
        max_length=limits.MAX_SHORT_TEXT,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind, value = cleaned.get("kind"), (cleaned.get("value") or "").strip()
        if value and not kind:
            self.add_error("kind", _("Précisez s’il s’agit d’un numéro ou de quel réseau social."))
        if kind and not value:
            self.add_error("value", _("Indiquez le numéro ou le pseudo, ou laissez le type vide."))
        if kind == IdentifierKind.PHONE and value and len(re.sub(r"\D", "", value)) < 8:
            self.add_error(
                "value",
                _(
                    "Ce numéro semble incomplet. Vérifiez-le ; si vous n’en avez qu’une "
                    "partie, écrivez-la dans le récit."
                ),
            )
        cleaned["value"] = value.lstrip("@") if kind != IdentifierKind.PHONE else value
        return cleaned


class RowFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def filled(self) -> list[dict[str, Any]]:
        return [form.cleaned_data for form in self.forms if form.has_changed() and form.is_valid()]


def _formset(form: type[forms.Form], extra: int) -> type[forms.BaseFormSet]:  # type: ignore[type-arg]
    return forms.formset_factory(
        form, formset=RowFormSet, extra=extra, max_num=10, absolute_max=10, validate_max=True
    )


# Prefix → (formset class, blank rows offered at first).
ROWS: dict[str, type[forms.BaseFormSet]] = {  # type: ignore[type-arg]
    "people": _formset(PersonForm, 1),
    "vehicles": _formset(VehicleForm, 1),
    "ids": _formset(IdentifierForm, 1),
}


class ReportFlow:
    """The form and its three row sets, bound together, with per-step validation."""

    def __init__(self, data: Any = None) -> None:
        self.form = ReportForm(data)
        self.formsets = {prefix: cls(data, prefix=prefix) for prefix, cls in ROWS.items()}

    @staticmethod
    def data_with_row_added(data: Any, prefix: str) -> Any:
        data = data.copy()
        key = f"{prefix}-TOTAL_FORMS"
        try:
            total = int(data.get(key, 0))
        except (TypeError, ValueError):
            total = 0
        data[key] = str(min(max(total, 0) + 1, 10))
        return data

    @staticmethod
    def data_with_place_answer(data: Any) -> tuple[Any, bool]:
        """Apply the citizen's answer to "the point or the commune?"; True when they chose
        to move the point themselves (the place step is shown again, without error)."""
        answer = data.get("place_check") or ""
        if not answer:
            return data, False
        data = data.copy()
        data["place_check"] = ""
        if answer == PLACE_KEEP_COMMUNE:
            data["latitude"] = data["longitude"] = ""
        elif answer == PLACE_KEEP_POINT:
            try:
                holder = reference.commune_for_point(
                    float(data.get("latitude", "")), float(data.get("longitude", ""))
                )
            except ValueError:
                holder = None
            if holder is not None:
                data["commune"], data["commune_code"] = holder.name, holder.code
        return data, answer == PLACE_MOVE_POINT

    def focus_last_row(self, prefix: str) -> None:
        """Without JavaScript the row just added is where the keyboard lands."""
        new_row = self.formsets[prefix].forms[-1]
        first = next(iter(new_row.fields.values()))
        first.widget.attrs["autofocus"] = True

    @property
    def current_step(self) -> int:
        try:
            number = int(self.form.data.get("step") or 1)
        except (TypeError, ValueError):
            number = 1
        return min(max(number, 1), LAST_STEP)

    def step_has_errors(self, step: Step) -> bool:
        self.form.is_valid()  # runs the validation once; errors are cached
        if any(name in self.form.errors for name in step.fields):
            return True
        return any(not self.formsets[prefix].is_valid() for prefix in step.formsets)

    def first_step_with_errors(self) -> Step | None:
        return next((step for step in STEPS if self.step_has_errors(step)), None)

    def summary(self) -> list[tuple[Step, list[tuple[str, str]]]]:
        """The review step's recap, step by step (only what was given)."""
        data = self.form.cleaned_data
        form = self.form
        content = self.content()

        def label(name: str) -> str:
            return str(form.fields[name].label)

        def choice(name: str, value: str) -> str:
            return str(dict(form.fields[name].choices).get(value, value))

        where = [
            (label("commune"), content.commune_name),
            (label("address"), content.address),
            (
                label("place_kind"),
                choice("place_kind", content.place_kind) if content.place_kind else "",
            ),
            (
                str(_("Point sur la carte")),
                f"{content.latitude:.5f}, {content.longitude:.5f}"
                if content.latitude is not None and content.longitude is not None
                else "",
            ),
        ]
        when = [
            (
                label("observed_date"),
                data["observed_date"].strftime("%d/%m/%Y") if data.get("observed_date") else "",
            ),
            (
                label("observed_time"),
                data["observed_time"].strftime("%H:%M") if data.get("observed_time") else "",
            ),
            (label("schedule"), content.schedule),
        ]
        kinds = dict(IdentifierKind.choices)
        vehicle_kinds = dict(VehicleForm.base_fields["kind"].choices)  # type: ignore[attr-defined]
        who = [(str(_("Personne")), person.description) for person in content.people]
        who += [
            (
                str(_("Véhicule")),
                " · ".join(
                    str(part)
                    for part in (
                        vehicle_kinds.get(vehicle.kind, vehicle.kind),
                        vehicle.make,
                        vehicle.colour,
                        vehicle.plate,
                    )
                    if part
                ),
            )
            for vehicle in content.vehicles
        ]
        who += [(str(kinds.get(i.kind, i.kind)), i.value) for i in content.identifiers]
        risks = dict(Risk.choices)
        story = [
            (label("description"), content.description),
            (label("risks"), ", ".join(str(risks[r]) for r in content.risks)),
            (
                str(_("Contact")),
                content.contact or str(_("Aucun : vous restez anonyme")),
            ),
        ]
        sections = [
            (STEPS[0], [(label("category"), choice("category", data["category"]))]),
            (STEPS[1], where),
            (STEPS[2], when),
            (STEPS[3], who),
            (STEPS[4], story),
        ]
        return [(step, [(k, v) for k, v in rows if v]) for step, rows in sections]

    def category_options(self) -> list[tuple[str, str, str, bool]]:
        chosen = self.form["category"].value()
        return [
            (value, str(text), str(CATEGORY_EXPLANATIONS.get(value, "")), value == chosen)
            for value, text in Category.choices
        ]

    def keep_errors_of(self, step: Step | None) -> None:
        """Validate everything, then show only the errors of `step` (none if None).

        Steps the citizen has not reached yet must not greet them with errors; the steps'
        values are all carried whatever their errors.
        """
        self.form.is_valid()
        for formset in self.formsets.values():
            formset.is_valid()
        shown = set(step.fields) if step else set()
        for name in list(self.form.errors):
            if name not in shown:
                del self.form.errors[name]
        for prefix, formset in self.formsets.items():
            if step is None or prefix not in step.formsets:
                formset._non_form_errors = formset.error_class()
                for form in formset.forms:
                    form._errors = ErrorDict()

    def errors_shown(self) -> list[tuple[str, str, str]]:
        """(field id, label, message) for the error summary at the top of the page."""
        shown: list[tuple[str, str, str]] = []
        for field in self.form:
            target = field.id_for_label or f"{field.auto_id}_0"
            shown.extend((target, str(field.label), str(e)) for e in field.errors)
        for formset in self.formsets.values():
            for number, form in enumerate(formset.forms, start=1):
                for field in form:
                    label = f"{field.label} ({number})"
                    shown.extend((field.id_for_label, label, str(e)) for e in field.errors)
        return shown

    def content(self) -> ReportContent:
        data = self.form.cleaned_data
        commune = self.form.place.commune if self.form.place else None
        return ReportContent(
            description=data["description"],
            address=data.get("address", ""),
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            place_kind=data.get("place_kind", ""),
            commune_name=commune.name if commune else "",
            commune_code=commune.code if commune else "",
            observed_at=self.form.observed_at(),
            schedule=data.get("schedule", ""),
            people=tuple(
                Person(description=row["description"])
                for row in self.formsets["people"].filled()
                if row.get("description")
            ),
            vehicles=vehicles_from_rows(self.formsets["vehicles"].filled()),
            identifiers=identifiers_from_rows(self.formsets["ids"].filled()),
            risks=tuple(data.get("risks") or ()),
            contact=(data.get("contact") or "").strip()
            if data.get("contact_wanted") == "yes"
            else "",
        )
