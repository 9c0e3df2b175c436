"""The NinjaAPI instance of v1: strict JSON parsing, receipt authentication, error handlers."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.parser import Parser
from ninja.security.http import HttpAuthBase

from vigie.core import abuse
from vigie.reports.submission import FieldError
from vigie.web.api.errors import (
    ApiProblem,
    body_too_large,
    install_handlers,
    malformed_json,
    problem,
    receipt_required,
    too_many,
)

# A report's JSON: 8,000 characters of text (up to 6 bytes each once escaped) plus the
# structured fields fit well under this; anything larger is not a report.
MAX_JSON_BODY_BYTES = 256 * 1024
_JSON_TYPES = ("application/json",)


class StrictJsonParser(Parser):
    """JSON objects only, declared as such, of a sane size, in valid UTF-8."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        content_type = (request.content_type or "").lower()
        if content_type not in _JSON_TYPES and not content_type.endswith("+json"):
            raise problem(
                415,
                "unsupported_media_type",
                _("Envoyez le corps en JSON (Content-Type: application/json)."),
            )
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > MAX_JSON_BODY_BYTES or len(request.body) > MAX_JSON_BODY_BYTES:
            raise body_too_large()
        try:
            data = json.loads(request.body)
            # Lone surrogates ("\ud800") parse but cannot be stored or encrypted as UTF-8.
            json.dumps(data, ensure_ascii=False).encode()
        except (ValueError, RecursionError) as exc:
            raise malformed_json(exc if isinstance(exc, ValueError) else ValueError()) from exc
        if not isinstance(data, dict):
            raise problem(422, "object_expected", _("Le corps doit être un objet JSON."))
        return data


class ReceiptAuth(HttpAuthBase):
    """``Authorization: Receipt <secret>``: the secret of the report's receipt."""

    openapi_scheme = "Receipt"
    openapi_description = (
        "Le code secret du récépissé remis à la création du signalement, présenté ainsi : "
        "`Authorization: Receipt XXXX-XXXX-…`. Un code faux et une référence inconnue "
        "reçoivent la même réponse (404) ; les essais sont limités."
    )

    def __call__(self, request: HttpRequest) -> str:
        value = request.headers.get("Authorization", "")
        scheme, _space, secret = value.strip().partition(" ")
        if scheme.lower() != "receipt" or not secret.strip() or len(secret) > 200:
            raise receipt_required()
        return secret.strip()


def rate_limit(name: str, key: str) -> None:
    decision = abuse.hit(name, key)
    if not decision.allowed:
        raise too_many(decision)


DESCRIPTION = """
API de Vigie : signalement citoyen anonyme du trafic de stupéfiants.

* Aucun cookie, aucune adresse IP ni user-agent conservés ; les limites de débit comptent par
  empreinte anonyme qui change toutes les heures.
* Créer un signalement demande une preuve de travail quand la difficulté est non nulle :
  `GET /challenge`, trouver `nonce` tel que SHA-256(`challenge:nonce`) commence par
  `difficulty` bits à zéro, l'envoyer dans `pow`. Un défi sert une fois ; un renvoi
  (même `submission_id`) en demande un nouveau.
* Les erreurs ont toutes la forme `{"errors": [{"field", "code", "message"}]}`.
"""

api = NinjaAPI(
    title="Vigie API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    # Swagger UI would load from a CDN: no third-party request, ever. The document is enough.
    docs_url=None,
    parser=StrictJsonParser(),
)
install_handlers(api)
receipt_auth = ReceiptAuth()

__all__ = ["ApiProblem", "FieldError", "api", "rate_limit", "receipt_auth"]
