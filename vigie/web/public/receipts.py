"""The receipt carried away: a QR code to move it to another device, and a text file.

Neither ever names a URL holding the secret. The QR code encodes plain text
(``VIGIE VG-7K3M-9QXD 1ABC-…``), not a follow-up link: a phone camera opens a scanned URL
at once (and some scanners fetch it for a preview), which would put the secret in a query
string — in browser history, proxy and server logs, a scanner's cloud. Plain text is only
shown; the citizen pastes it into the follow-up form, which sends it in a POST body.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from vigie.core.receipts import CONVERSATION_PREFIX
from vigie.web.public.follow_up import open_receipt, private, render_follow_up_form
from vigie.web.qr import inline_qr_svg

QR_PREFIX = "VIGIE"


def qr_text(reference: str, secret: str) -> str:
    return f"{QR_PREFIX} {reference} {secret}"


def qr_svg(reference: str, secret: str) -> str:
    """An inline SVG (no request, no data: URL) with an accessible name."""
    return inline_qr_svg(
        qr_text(reference, secret),
        title=_("Code QR de votre récépissé (référence et code secret)"),
        svgclass="vigie-receipt-qr",
    )


def receipt_text(reference: str, secret: str, *, follow_up_url: str, chat_url: str = "") -> str:
    """`chat_url`: the receipt is a conversation's (it also follows the report it may become)."""
    if chat_url:
        heading = _("Vigie — récépissé de discussion")
        where = [
            _("Reprendre la discussion : %(url)s") % {"url": chat_url},
            _("Suivre le signalement qu’elle deviendrait : %(url)s") % {"url": follow_up_url},
        ]
        keep = _(
            "Conservez ce récépissé en lieu sûr : sans lui, personne — pas même la police — "
            "ne peut retrouver votre discussion."
        )
    else:
        heading = _("Vigie — récépissé de signalement")
        where = [_("Suivre votre signalement : %(url)s") % {"url": follow_up_url}]
        keep = _(
            "Conservez ce récépissé en lieu sûr : sans lui, personne — pas même la police — "
            "ne peut retrouver votre signalement."
        )
    lines = [
        heading,
        "",
        _("Référence : %(reference)s") % {"reference": reference},
        _("Code secret : %(secret)s") % {"secret": secret},
        "",
        *where,
        _("Saisissez-y la référence et le code secret."),
        "",
        keep,
        _(
            "Ne le laissez pas sur un appareil ou un compte partagé, ne l’envoyez à personne "
            "et n’en faites pas de photo sur un téléphone partagé. Si vous craignez qu’on le "
            "trouve, apprenez-le ou recopiez-le, puis supprimez ce fichier."
        ),
        "",
    ]
    return "\r\n".join(lines)


@sensitive_post_parameters("secret")
@require_POST
def download_receipt(request: HttpRequest) -> HttpResponse:
    """The receipt as a text file, for whoever already holds it (rate-limited like the form).

    A POST, so the secret is never in a URL; the answer is an attachment that no cache keeps.
    """
    opened = open_receipt(request)
    if opened.report is None and opened.conversation is None:
        return render_follow_up_form(request, opened)
    reference = opened.reference
    follow_up_url = request.build_absolute_uri(reverse("public:follow_up"))
    chat_url = ""
    if reference.startswith(CONVERSATION_PREFIX):
        chat_url = request.build_absolute_uri(reverse("chat:start"))
    body = receipt_text(reference, opened.secret, follow_up_url=follow_up_url, chat_url=chat_url)
    response = HttpResponse(body.encode(), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="recepisse-{reference}.txt"'
    response["X-Content-Type-Options"] = "nosniff"
    return private(response)
