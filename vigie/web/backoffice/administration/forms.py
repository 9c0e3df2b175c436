from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext_lazy as _

from vigie.accounts.models import CELL_ROLES, Role
from vigie.accounts.selectors import username_is_taken
from vigie.audit.models import AuditAction
from vigie.cells.models import Cell, UnitKind
from vigie.cells.selectors import all_cells, departements_without_cell
from vigie.retention.selectors import RULE_LABELS
from vigie.web.forms import VigieForm


class CellChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Cell) -> str:
        return f"{obj.departement_id} — {obj.name}"


def _cell_field(*, required: bool, label: Any = None, **kwargs: Any) -> CellChoiceField:
    return CellChoiceField(
        queryset=all_cells(),
        required=required,
        label=label or _("Cellule (département)"),
        **kwargs,
    )


class CellForm(VigieForm):
    name = forms.CharField(label=_("Nom"), max_length=120)
    contact = forms.CharField(
        label=_("Contact"),
        help_text=_("Adresse électronique ou téléphone de la permanence de la cellule."),
        max_length=200,
        required=False,
    )


class NewCellForm(CellForm):
    departement = forms.ModelChoiceField(
        queryset=departements_without_cell(), label=_("Département")
    )

    field_order = ["departement", "name", "contact"]


class UnitForm(VigieForm):
    name = forms.CharField(label=_("Nom"), max_length=160)
    kind = forms.ChoiceField(label=_("Type"), choices=UnitKind.choices)
    # A form's copy of the queryset is evaluated afresh each time (ModelChoiceField).
    cell = _cell_field(required=True, label=_("Département (cellule)"))
    contact_email = forms.EmailField(label=_("Adresse électronique de contact"), required=False)


class AssignmentForm(VigieForm):
    role = forms.ChoiceField(label=_("Rôle"), choices=Role.choices)
    cell = _cell_field(
        required=False,
        help_text=_("Obligatoire pour les agents, analystes et chefs de cellule."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role") in CELL_ROLES and not data.get("cell"):
            self.add_error("cell", _("Ce rôle travaille dans une cellule : choisissez-la."))
        return data


class NewAgentForm(AssignmentForm):
    username = forms.RegexField(
        label=_("Identifiant de connexion"),
        regex=r"^[\w.@+-]+\Z",
        max_length=150,
        help_text=_("Lettres, chiffres et . @ + - _ uniquement."),
    )
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    email = forms.EmailField(label=_("Adresse électronique professionnelle"), required=False)

    field_order = ["username", "first_name", "last_name", "email", "role", "cell"]

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        if username_is_taken(username):
            raise forms.ValidationError(_("Cet identifiant est déjà pris."))
        return username


class AgentFilterForm(VigieForm):
    cell = _cell_field(required=False, label=_("Cellule"), empty_label=_("Toutes"))
    role = forms.ChoiceField(
        label=_("Rôle"), choices=[("", _("Tous")), *list(Role.choices)], required=False
    )
    status = forms.ChoiceField(
        label=_("État"),
        choices=[("", _("Tous")), ("active", _("Actifs")), ("inactive", _("Désactivés"))],
        required=False,
    )


class RetentionForm(VigieForm):
    """One field per rule, bounded by the deployment's maximum."""

    def __init__(self, *args: Any, current: dict[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for rule, maximum in settings.RETENTION.items():
            self.fields[rule] = forms.IntegerField(
                label=RULE_LABELS.get(rule, rule),
                min_value=1,
                max_value=int(maximum),
                initial=current.get(rule, maximum),
                help_text=_("En jours ; au plus %(maximum)s.") % {"maximum": maximum},
            )


class AuditFilterForm(VigieForm):
    since = forms.DateField(
        label=_("Du"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Au"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    actor = forms.CharField(label=_("Auteur (identifiant)"), required=False, max_length=150)
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", _("Toutes")), *list(AuditAction.choices)], required=False
    )
    target = forms.CharField(
        label=_("Objet"),
        help_text=_(
            "Son identifiant (référence, identifiant d’agent…) ou son type (report, agent, cell…)."
        ),
        required=False,
        max_length=64,
    )


class ActivationForm(VigieForm, SetPasswordForm):  # type: ignore[misc]
    """The new agent's password, under AUTH_PASSWORD_VALIDATORS (ANSSI's guidance)."""
