"""Follow-up forms: the receipt that opens a report, and what the citizen adds to it."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from vigie.evidence.services import EvidenceRejected, check_file_count
from vigie.web.forms import VigieForm
from vigie.web.public.forms import TEXT_TOO_LONG


class FollowUpForm(VigieForm):
    reference = forms.CharField(
        label=_("Référence du signalement"),
        help_text=_("Par exemple : VG-7K3M-9QXD"),
        max_length=40,
        error_messages={"required": _("Saisissez la référence de votre récépissé.")},
    )
    secret = forms.CharField(
        label=_("Code secret"),
        max_length=80,
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "off"}),
        error_messages={"required": _("Saisissez le code secret de votre récépissé.")},
    )


def _limit_length(text: str, limit: int) -> str:
    if len(text) > limit:
        raise forms.ValidationError(
            TEXT_TOO_LONG, params={"length": f"{len(text):,}".replace(",", " "), "limit": limit}
        )
    return text


class _IdempotentForm(VigieForm):
    """Carries an id drawn when the form is shown: posted twice, it is stored once."""

    message_id = forms.UUIDField(widget=forms.HiddenInput)
    id_prefix = "id"  # both forms sit on the status page: their fields need distinct ids

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("message_id", uuid.uuid4())


class MessageForm(_IdempotentForm):
    id_prefix = "message"
    text = forms.CharField(
        label=_("Votre message à la cellule"),
        help_text=_(
            "Une question, ou une réponse à une question de la cellule : elle vous répondra "
            "ici. Pour ajouter des faits, des photos ou des vidéos au signalement lui-même, "
            "utilisez « Compléter mon signalement »."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Écrivez votre message avant de l’envoyer.")},
    )

    def clean_text(self) -> str:
        return _limit_length(self.cleaned_data["text"], settings.CHAT_MESSAGE_MAX_LENGTH)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Files are checked by `vigie.evidence` (content, size, metadata), not by the form."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPTED_MEDIA}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(upload, initial) for upload in files]


ACCEPTED_MEDIA = "image/jpeg,image/png,image/heic,image/heif,image/webp,video/mp4,video/quicktime"


class AdditionForm(_IdempotentForm):
    id_prefix = "addition"
    text = forms.CharField(
        label=_("Ce que vous voulez ajouter"),
        help_text=_(
            "Ce que vous avez vu depuis : un nouvel horaire, une plaque, un changement sur "
            "place… Ce texte est ajouté à votre signalement et analysé avec lui. Des faits, pas "
            "des rumeurs ; ne prenez aucun risque pour observer. Pour poser une question, "
            "utilisez « Écrire à la cellule »."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    files = MultipleFileField(
        label=_("Photos ou vidéos"),
        help_text=_(
            "JPEG, PNG, HEIC, WebP, MP4 ou MOV. Leurs métadonnées (lieu, appareil, date) sont "
            "supprimées avant d’être enregistrées."
        ),
        required=False,
    )

    def __init__(
        self, *args: Any, attachment_count: int = 0, skipped: int = 0, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.attachment_count = attachment_count
        self.skipped = skipped  # files the upload handler refused (too large) before the form

    def clean_text(self) -> str:
        return _limit_length(self.cleaned_data["text"], settings.REPORT_TEXT_MAX_LENGTH)

    def clean_files(self) -> list[UploadedFile]:
        files: list[UploadedFile] = self.cleaned_data["files"]
        try:
            check_file_count(existing=self.attachment_count, adding=len(files))
        except EvidenceRejected as rejection:
            raise forms.ValidationError(rejection.message) from rejection
        return files

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        nothing = not cleaned.get("text") and not cleaned.get("files") and not self.skipped
        if not self.errors and nothing:
            raise forms.ValidationError(_("Écrivez un complément ou choisissez un fichier."))
        return cleaned
