"""The « Saisir des suites » form: one form, weapons as one count per kind, drug seizures and
other assets as rows (blank rows ignored; « Ajouter une ligne » works without JavaScript).

Fields parse what is typed; the rules (vigie.outcomes.validation) are the service's, and
their messages are put back on the fields they name (`add_rule_errors`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vigie.outcomes.enums import Drug, NoResultReason, QuantityUnit, WeaponKind
from vigie.outcomes.validation import (
    MAXIMUM_COMMENT,
    MAXIMUM_LABEL,
    AssetLine,
    DrugLine,
    OutcomeData,
    WeaponLine,
)
from vigie.web.forms import VigieForm

DRUG_ROWS = 3
ASSET_ROWS = 1
MAXIMUM_ROWS = 20
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _count(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=False, min_value=0, widget=forms.NumberInput(attrs={"min": 0})
    )


def _euros(label: str, **kwargs: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=14,
        decimal_places=2,
        localize=True,  # « 550,50 » as typed in French
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        **kwargs,
    )


class OutcomeForm(VigieForm):
    occurred_on = forms.DateField(
        label=_("Date de l’opération"), widget=DATE_INPUT, initial=timezone.localdate
    )
    surveillance_on = forms.DateField(
        label=_("Surveillance mise en place le"), required=False, widget=DATE_INPUT
    )
    arrests = _count(_("Interpellations"))
    custodies = _count(_("Gardes à vue"))
    referrals = _count(_("Déferrements"))
    committals = _count(_("Écrous"))
    cash_eur = _euros(_("Numéraire saisi (€)"), required=False)
    vehicles = _count(_("Véhicules saisis"))
    dismantled_on = forms.DateField(
        label=_("Point de deal démantelé le"), required=False, widget=DATE_INPUT
    )
    no_result_reason = forms.ChoiceField(
        label=_("Sans résultat"),
        required=False,
        choices=[("", _("— (il y a un résultat)")), *list(NoResultReason.choices)],
    )
    comment = forms.CharField(
        label=_("Commentaire"),
        help_text=_("Chiffré, lu par la cellule seulement. Aucun nom de témoin."),
        required=False,
        max_length=MAXIMUM_COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind, label in WeaponKind.choices:
            self.fields[f"weapons_{kind}"] = _count(label)
        self.fields["weapons_other_label"] = forms.CharField(
            label=_("Autre arme : laquelle ?"), required=False, max_length=MAXIMUM_LABEL
        )

    def weapon_fields(self) -> list[forms.BoundField]:
        return [self[f"weapons_{kind}"] for kind in WeaponKind.values] + [
            self["weapons_other_label"]
        ]


class DrugLineForm(VigieForm):
    drug = forms.ChoiceField(
        label=_("Produit"), required=False, choices=[("", "—"), *list(Drug.choices)]
    )
    quantity = forms.DecimalField(
        label=_("Quantité"),
        required=False,
        max_digits=14,
        decimal_places=3,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    unit = forms.ChoiceField(
        label=_("Unité"), required=False, choices=[("", "—"), *list(QuantityUnit.choices)]
    )
    label = forms.CharField(
        label=_("Précision (ex. kétamine)"), required=False, max_length=MAXIMUM_LABEL
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.has_changed():
            for name, message in (
                ("drug", _("Choisissez le produit.")),
                ("quantity", _("Indiquez la quantité.")),
                ("unit", _("Choisissez l’unité.")),
            ):
                if cleaned.get(name) in (None, "") and name not in self.errors:
                    self.add_error(name, message)
        return cleaned


class AssetLineForm(VigieForm):
    label = forms.CharField(label=_("Autre bien saisi"), required=False, max_length=MAXIMUM_LABEL)
    value_eur = _euros(_("Valeur estimée (€)"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            self.has_changed()
            and cleaned.get("value_eur") is None
            and "value_eur" not in self.errors
        ):
            self.add_error("value_eur", _("Indiquez une valeur estimée."))
        return cleaned


DrugFormSet = forms.formset_factory(
    DrugLineForm, extra=DRUG_ROWS, max_num=MAXIMUM_ROWS, absolute_max=MAXIMUM_ROWS
)
AssetFormSet = forms.formset_factory(
    AssetLineForm, extra=ASSET_ROWS, max_num=MAXIMUM_ROWS, absolute_max=MAXIMUM_ROWS
)


class OutcomeEntry:
    """The form and its two row sets, bound together."""

    def __init__(self, data: Mapping[str, Any] | None = None, *, add_row: str = "") -> None:
        if data is not None and add_row in ("drugs", "assets"):
            data = data.copy()  # type: ignore[attr-defined]  # a QueryDict
            total = f"{add_row}-TOTAL_FORMS"
            data[total] = str(min(int(data.get(total) or 0) + 1, MAXIMUM_ROWS))
        self.form = OutcomeForm(data)
        self.drugs = DrugFormSet(data, prefix="drugs")
        self.assets = AssetFormSet(data, prefix="assets")
        # Which form of a row set each line of the OutcomeData came from (blank rows skipped).
        self._drug_forms: list[forms.Form] = []
        self._asset_forms: list[forms.Form] = []
        self._weapon_fields: list[str] = []

    def is_valid(self) -> bool:
        return all([self.form.is_valid(), self.drugs.is_valid(), self.assets.is_valid()])

    def outcome_data(self) -> OutcomeData:
        cleaned = self.form.cleaned_data
        drugs = []
        for form in self.drugs.forms:
            if form.has_changed():
                self._drug_forms.append(form)
                row = form.cleaned_data
                drugs.append(
                    DrugLine(
                        drug=row["drug"],
                        quantity=row["quantity"],
                        unit=row["unit"],
                        label=row["label"],
                    )
                )
        assets = []
        for form in self.assets.forms:
            if form.has_changed():
                self._asset_forms.append(form)
                row = form.cleaned_data
                assets.append(AssetLine(label=row["label"], value_eur=row["value_eur"]))
        weapons = []
        for kind in WeaponKind.values:
            count = cleaned.get(f"weapons_{kind}")
            if count:
                self._weapon_fields.append(f"weapons_{kind}")
                label = cleaned["weapons_other_label"] if kind == WeaponKind.OTHER else ""
                weapons.append(WeaponLine(kind=kind, count=count, label=label))
        return OutcomeData(
            occurred_on=cleaned["occurred_on"],
            surveillance_on=cleaned["surveillance_on"],
            arrests=cleaned["arrests"],
            custodies=cleaned["custodies"],
            referrals=cleaned["referrals"],
            committals=cleaned["committals"],
            drugs=tuple(drugs),
            weapons=tuple(weapons),
            cash_eur=cleaned["cash_eur"],
            vehicles=cleaned["vehicles"],
            assets=tuple(assets),
            dismantled_on=cleaned["dismantled_on"],
            no_result_reason=cleaned["no_result_reason"],
            comment=cleaned["comment"],
        )

    def add_rule_errors(self, errors: Mapping[str, list[str]]) -> None:
        """The service's messages, on the field each names (`drugs.0.quantity`…)."""
        for name, messages in errors.items():
            form, field = self._place(name)
            for message in messages:
                form.add_error(field, message)

    def _place(self, name: str) -> tuple[forms.Form, str | None]:
        if name == "__all__":
            return self.form, None
        parts = name.split(".")
        if len(parts) == 3:
            rows, index, field = parts[0], int(parts[1]), parts[2]
            if rows == "drugs":
                return self._drug_forms[index], field
            if rows == "assets":
                return self._asset_forms[index], field
            if rows == "weapons":
                weapon = self._weapon_fields[index]
                return self.form, "weapons_other_label" if field == "label" else weapon
        return self.form, parts[0]

    @property
    def has_errors(self) -> bool:
        return bool(
            self.form.errors
            or any(self.drugs.errors)
            or self.drugs.non_form_errors()
            or any(self.assets.errors)
        )
