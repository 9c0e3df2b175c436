"""Citizen chat forms. The receipt travels in hidden fields of each POST, never in a session."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vigie.geo.selectors import PlaceResolution, resolve_commune_input
from vigie.web.forms import VigieForm
from vigie.web.public.follow_up_forms import FollowUpForm


class StartForm(VigieForm):
    start_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    commune = forms.CharField(
        label=_("Votre commune ou code postal"),
        help_text=_(
            "Pour vous mettre en relation avec la cellule de votre département. "
            "Par exemple : Besançon, 25000"
        ),
        max_length=120,
        error_messages={"required": _("Indiquez une commune ou un code postal.")},
    )
    commune_code = forms.CharField(
        label=_("Précisez la commune"), required=False, max_length=5, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.place: PlaceResolution | None = None
        if not self.is_bound:
            self.initial.setdefault("start_id", uuid.uuid4())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        typed = (cleaned.get("commune") or "").strip()
        if not typed:
            return cleaned
        place = resolve_commune_input(typed)
        chosen = [c for c in place.candidates if c.code == cleaned.get("commune_code")]
        if chosen:
            place = PlaceResolution(commune=chosen[0], departement=chosen[0].departement)
        elif place.candidates:
            self.fields["commune_code"].widget.choices = [
                (c.code, f"{c.name} ({c.departement_id})") for c in place.candidates
            ]
            self.add_error(
                "commune_code", _("Plusieurs communes correspondent : choisissez la vôtre.")
            )
            return cleaned
        if place.departement is None:
            self.add_error(
                "commune",
                _(
                    "Nous ne trouvons pas la commune « %(typed)s ». Vérifiez l’orthographe "
                    "ou indiquez le code postal."
                )
                % {"typed": typed},
            )
            return cleaned
        self.place = place
        return cleaned


class ReceiptForm(FollowUpForm):
    """A conversation's receipt: the report receipt's form (same secret field), its own label."""

    reference = forms.CharField(
        label=_("Référence de la discussion"),
        help_text=_("Par exemple : VC-7K3M-9QXD"),
        max_length=40,
        error_messages={"required": _("Saisissez la référence de votre récépissé.")},
    )


class MessageForm(ReceiptForm):
    """The no-JavaScript thread: receipt (hidden), a message and/or a photo."""

    message_id = forms.UUIDField(widget=forms.HiddenInput, required=False)
    # The receipt card is still on screen (set until « J'ai conservé mon récépissé »).
    receipt_pending = forms.BooleanField(widget=forms.HiddenInput, required=False)
    text = forms.CharField(
        label=_("Votre message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    photo = forms.FileField(
        label=_("Ajouter une photo"),
        help_text=_("Les informations cachées de la photo (lieu, appareil, date) sont effacées."),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
