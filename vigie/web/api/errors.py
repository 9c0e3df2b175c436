"""One error shape for the whole API: ``{"errors": [{"field", "code", "message"}]}``.

Every refusal names the field (a dotted path in the structured report, or null), a stable
English code for programs and a French message for the citizen. Nothing here echoes what the
client sent beyond the field's name: an error must not copy a witness' text into a log.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from vigie.core.abuse import RateDecision
from vigie.reports.submission import FieldError

# Where a parameter came from, as ninja prefixes it; not part of the client's field path.
_PARAM_SOURCES = frozenset({"body", "query", "path", "header", "form", "file", "cookie"})
_PARAM_NAMES = frozenset({"payload"})


class ApiProblem(Exception):
    """Raised anywhere in the API to answer `status` with the shared error shape."""

    def __init__(
        self,
        status: int,
        errors: Iterable[FieldError],
        *,
        headers: Mapping[str, str] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        self.status = status
        self.errors = list(errors)
        self.headers = dict(headers or {})
        self.extra = dict(extra or {})
        super().__init__(status, [error.code for error in self.errors])


def problem(status: int, code: str, message: str, *, field: str | None = None) -> ApiProblem:
    return ApiProblem(status, [FieldError(field, code, message)])


def too_many(decision: RateDecision) -> ApiProblem:
    seconds = max(1, decision.retry_after)
    minutes = max(1, round(seconds / 60))
    return ApiProblem(
        429,
        [
            FieldError(
                None,
                "rate_limited",
                ngettext(
                    "Trop de demandes en peu de temps. Réessayez dans %(minutes)d minute.",
                    "Trop de demandes en peu de temps. Réessayez dans %(minutes)d minutes.",
                    minutes,
                )
                % {"minutes": minutes},
            )
        ],
        headers={"Retry-After": str(seconds)},
    )


def error_body(errors: Iterable[FieldError], extra: Mapping[str, Any] | None = None) -> dict:
    items = []
    for error in errors:
        item: dict[str, Any] = {"field": error.field, "code": error.code, "message": error.message}
        item.update(error.extra)
        items.append(item)
    body: dict[str, Any] = {"errors": items}
    body.update(extra or {})
    return body


def render(api: NinjaAPI, request: HttpRequest, failure: ApiProblem) -> HttpResponse:
    response = api.create_response(
        request, error_body(failure.errors, failure.extra), status=failure.status
    )
    for name, value in failure.headers.items():
        response[name] = value
    return response


# --------------------------------------------------------------------------- validation


def _field_path(location: Iterable[Any]) -> str | None:
    parts = list(location)
    if parts and parts[0] in _PARAM_SOURCES:
        parts = parts[1:]
    if parts and parts[0] in _PARAM_NAMES:
        parts = parts[1:]
    # pydantic names the branch of a union it tried ("str", "function-after[…]"): not a field.
    cleaned = [
        str(part)
        for part in parts
        if isinstance(part, int) or not (str(part).islower() and "[" in str(part))
    ]
    cleaned = [part for part in cleaned if part not in {"str", "float", "int", "none", "enum"}]
    return ".".join(cleaned) or None


def _message(error: Mapping[str, Any]) -> str:  # one branch per pydantic error type
    kind = str(error.get("type", ""))
    context = error.get("ctx") or {}
    if kind == "missing":
        return _("Ce champ est obligatoire.")
    if kind == "string_too_long":
        return _("Ce texte est trop long : %(limit)s caractères au plus.") % {
            "limit": context.get("max_length")
        }
    if kind == "string_too_short":
        return _("Ce champ ne peut pas être vide.")
    if kind == "too_long":
        return _("Trop d’éléments : %(limit)s au plus.") % {"limit": context.get("max_length")}
    if kind in {"string_type", "string_unicode"}:
        return _("Un texte est attendu ici.")
    if kind in {"float_type", "float_parsing", "finite_number"}:
        return _("Un nombre est attendu ici.")
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        return _("Ce nombre est hors des limites admises.")
    if kind in {"enum", "literal_error"}:
        return _("Valeur inconnue. Valeurs admises : %(expected)s.") % {
            "expected": context.get("expected", "")
        }
    if kind in {"uuid_type", "uuid_parsing", "uuid_version"}:
        return _("Un identifiant UUID est attendu (ex. 7d0c2f0e-5b7a-4a53-9a39-0f3f3c1b2a10).")
    if kind.startswith(("datetime", "date", "timezone")):
        return _("Une date ISO 8601 est attendue (ex. 2026-11-20 ou 2026-11-20T18:30:00+01:00).")
    if kind in {"list_type", "tuple_type", "set_type"}:
        return _("Une liste est attendue ici.")
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return _("Un objet JSON est attendu ici.")
    if kind == "bool_type" or kind == "bool_parsing":
        return _("Vrai ou faux est attendu ici.")
    if kind == "value_error":
        return str(context.get("error", "")) or _("Valeur invalide.")
    return _("Valeur invalide.")


def validation_errors(errors: Iterable[Mapping[str, Any]]) -> list[FieldError]:
    result = []
    seen: set[tuple[str | None, str]] = set()
    for error in errors:
        field = _field_path(error.get("loc", ()))
        code = str(error.get("type", "invalid"))
        if code == "value_error":
            code = "invalid"
        if (field, code) in seen:  # a union reports each branch: one message is enough
            continue
        seen.add((field, code))
        result.append(FieldError(field, code, _message(error)))
    return result


# --------------------------------------------------------------------------- handlers


def install_handlers(api: NinjaAPI) -> None:
    def on_problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
        return render(api, request, exc)

    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return render(api, request, ApiProblem(422, validation_errors(exc.errors)))

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # ninja wraps whatever the body parser raises in HttpError(400): unwrap ours.
        cause = exc.__cause__
        if isinstance(cause, ApiProblem):
            return render(api, request, cause)
        if isinstance(exc, AuthenticationError):
            failure = problem(401, "receipt_required", _receipt_required_message())
            failure.headers["WWW-Authenticate"] = "Receipt"
            return render(api, request, failure)
        return render(api, request, problem(exc.status_code, "http_error", _("Requête refusée.")))

    def on_too_big(request: HttpRequest, exc: Exception) -> HttpResponse:
        return render(api, request, body_too_large())

    def on_multipart(request: HttpRequest, exc: Exception) -> HttpResponse:
        return render(
            api,
            request,
            problem(400, "malformed_multipart", _("Le formulaire multipart envoyé est illisible.")),
        )

    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return render(api, request, problem(404, "not_found", _("Ressource introuvable.")))

    api.add_exception_handler(ApiProblem, on_problem)
    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(RequestDataTooBig, on_too_big)
    api.add_exception_handler(TooManyFieldsSent, on_too_big)
    api.add_exception_handler(TooManyFilesSent, on_too_big)
    api.add_exception_handler(MultiPartParserError, on_multipart)
    api.add_exception_handler(Http404, on_not_found)


def _receipt_required_message() -> str:
    return _(
        "Présentez le code secret de votre récépissé dans l’en-tête "
        "« Authorization: Receipt <code secret> »."
    )


def receipt_required() -> ApiProblem:
    failure = problem(401, "receipt_required", _receipt_required_message())
    failure.headers["WWW-Authenticate"] = "Receipt"
    return failure


def body_too_large() -> ApiProblem:
    return problem(413, "body_too_large", _("La requête est trop volumineuse."))


def malformed_json(exc: json.JSONDecodeError | ValueError) -> ApiProblem:
    if isinstance(exc, json.JSONDecodeError):
        message = _("Le JSON envoyé est mal formé (ligne %(line)d, colonne %(column)d).") % {
            "line": exc.lineno,
            "column": exc.colno,
        }
    else:
        message = _("Le JSON envoyé est mal formé ou n’est pas en UTF-8.")
    return problem(400, "malformed_json", message)
