"""Reports: create (idempotent), status and thread, messages, attachments (receipt-authorised)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Status

from vigie.core import abuse
from vigie.core.abuse import RateDecision
from vigie.core.receipt_attempts import try_receipt
from vigie.evidence.services import (
    EvidenceRejected,
    check_file_count,
    rejections_from_request,
    store_evidence,
)
from vigie.reports.enums import MessageAuthor, MessageKind, ReportSource, ReportStatus
from vigie.reports.selectors import report_by_receipt, report_for_receipt
from vigie.reports.services import (
    SubmittedReport,
    attach_file,
    post_citizen_message,
    submit_report,
)
from vigie.reports.submission import FieldError, SubmissionInvalid, resolve_place
from vigie.web.api.base import rate_limit, receipt_auth
from vigie.web.api.errors import ApiProblem, problem, too_many
from vigie.web.api.schemas import (
    AttachmentOut,
    ErrorsOut,
    MessageIn,
    MessageOut,
    ReportCreated,
    ReportIn,
    ReportStatusOut,
    StatusLabel,
    challenge_body,
)

router = Router(tags=["signalements"])
T = TypeVar("T")

# Error statuses each kind of operation may answer, documented in the OpenAPI document.
_JSON_ERRORS: dict[int, Any] = {400: ErrorsOut, 413: ErrorsOut, 415: ErrorsOut, 422: ErrorsOut}
_RECEIPT_ERRORS: dict[int, Any] = {401: ErrorsOut, 404: ErrorsOut, 429: ErrorsOut}
# vigie.evidence's refusals: not a type we take (checked by content), too large; the
# others ("too_many", "damaged") are 422.
_FILE_REFUSAL_STATUS = {"unsupported_type": 415, "too_large": 413}


def _label(choices: Any, value: str) -> StatusLabel:
    return StatusLabel(code=value, label=str(choices(value).label))


def _status_url(reference: str) -> str:
    return reverse("api-v1:report_status", kwargs={"reference": reference})


def _pow_refused() -> ApiProblem:
    """403 with a fresh challenge attached, so a client can solve and resend at once."""
    challenge = abuse.issue_challenge()
    message = _(
        "Preuve de travail absente, invalide, expirée ou déjà utilisée. Résolvez le nouveau "
        "défi joint (ou GET /api/v1/challenge) et renvoyez."
    )
    return ApiProblem(
        403,
        [FieldError("pow", "proof_of_work_invalid", message)],
        extra={"challenge": challenge_body(challenge)},
    )


def _with_receipt(request: HttpRequest, reference: str, lookup: Callable[..., T | None]) -> T:
    """The object for a receipt, or the same refusal for a wrong secret and an unknown reference.

    Limited as every door a receipt opens (`vigie.core.receipt_attempts`).
    """
    secret = str(request.auth)
    attempt = try_receipt(
        bucket=abuse.client_bucket(request),
        reference=reference,
        lookup=lambda: lookup(reference=reference, secret=secret),
    )
    if attempt.found is not None:
        return attempt.found
    if attempt.refused:
        raise too_many(RateDecision(allowed=False, retry_after=attempt.retry_after))
    raise problem(
        404,
        "receipt_not_found",
        _("Référence ou code secret incorrect. Vérifiez votre récépissé."),
    )


def submit_payload(
    payload: ReportIn,
    *,
    source: ReportSource,
    received_at: datetime | None = None,
) -> SubmittedReport:
    """Store a validated report: what `POST /reports` and `vigie reports import` both do
    (place resolved, content sealed, analysed, linking enqueued). Raises SubmissionInvalid."""
    location = payload.location
    place = resolve_place(
        commune=(location.commune or "") if location else "",
        latitude=location.lat if location else None,
        longitude=location.lon if location else None,
        point_confirmed=location.point_confirmed if location else False,
    )
    content = payload.content(
        commune_name=place.commune.name if place.commune else "",
        commune_code=place.commune.code if place.commune else "",
    )
    return submit_report(
        category=payload.category,
        departement=place.departement,
        commune=place.commune,
        content=content,
        submission_id=payload.submission_id,
        received_at=received_at,
        source=source,
    )


@router.post(
    "/reports",
    response={201: ReportCreated, 200: ReportCreated, 403: ErrorsOut, 429: ErrorsOut}
    | _JSON_ERRORS,
    url_name="report_create",
    operation_id="createReport",
    summary="Créer un signalement",
    description=(
        "201 à la création (le code secret n’est montré que cette fois) ; 200 pour un renvoi "
        "du même `submission_id`, qui rend le même signalement sans code secret."
    ),
)
def create_report(request: HttpRequest, payload: ReportIn) -> Status:
    bucket = abuse.client_bucket(request)
    rate_limit("report_submit", bucket)
    if settings.POW_DIFFICULTY > 0:
        if payload.pow is None or not abuse.verify_solution(
            payload.pow.challenge, payload.pow.nonce
        ):
            raise _pow_refused()
    else:
        rate_limit("report_submit_without_pow", bucket)
    try:
        submitted = submit_payload(payload, source=ReportSource.API)
    except SubmissionInvalid as invalid:
        raise ApiProblem(422, invalid.errors) from None
    report = submitted.report
    body = ReportCreated(
        reference=report.reference,
        secret=submitted.secret,
        secret_shown=submitted.created,
        notice=None
        if submitted.created
        else _(
            "Ce signalement avait déjà été reçu : c’est le même. Le code secret n’est montré "
            "qu’une fois, à la première réponse."
        ),
        triage=report.triage_suggestion,
        score=report.score,
        missing=list(report.missing),
        status_url=_status_url(report.reference),
    )
    return Status(201 if submitted.created else 200, body)


@router.get(
    "/reports/{reference}/status",
    auth=receipt_auth,
    response={200: ReportStatusOut} | _RECEIPT_ERRORS,
    url_name="report_status",
    operation_id="getReportStatus",
    summary="Statut et messages d’un signalement",
)
def report_status(request: HttpRequest, reference: str) -> ReportStatusOut:
    view = _with_receipt(request, reference, report_for_receipt)
    return ReportStatusOut(
        reference=view.reference,
        status=_label(ReportStatus, view.status),
        received_at=view.received_at,
        history=[
            {"at": at, "status": _label(ReportStatus, status)} for at, status in view.status_history
        ],
        messages=[
            {
                "id": message.public_id,
                "author": _label(MessageAuthor, message.author),
                "kind": _label(MessageKind, message.kind),
                "at": message.at,
                "text": message.text,
            }
            for message in view.messages
        ],
        attachment_count=view.attachment_count,
    )


@router.post(
    "/reports/{reference}/messages",
    auth=receipt_auth,
    response={201: MessageOut} | _RECEIPT_ERRORS | _JSON_ERRORS,
    url_name="report_message",
    operation_id="addReportMessage",
    summary="Ajouter un message ou un complément",
    description="Idempotent sur `message_id` : un renvoi n’ajoute rien et rend le même message.",
)
def add_message(request: HttpRequest, reference: str, payload: MessageIn) -> Status:
    report = _with_receipt(request, reference, report_by_receipt)
    rate_limit("chat_message", f"report:{report.reference}")
    message = post_citizen_message(
        report=report, text=payload.text, kind=payload.kind, message_id=payload.message_id
    )
    return Status(
        201,
        MessageOut(
            id=str(message.public_id), kind=_label(MessageKind, message.kind), at=message.at
        ),
    )


_MULTIPART_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": (
                                "Une photo ou une vidéo (JPEG, PNG, HEIC/HEIF, WebP, MP4, MOV) ; "
                                "ses métadonnées sont supprimées avant chiffrement."
                            ),
                        }
                    },
                }
            }
        },
    }
}


@router.post(
    "/reports/{reference}/attachments",
    auth=receipt_auth,
    response={201: AttachmentOut, 413: ErrorsOut, 415: ErrorsOut, 422: ErrorsOut} | _RECEIPT_ERRORS,
    url_name="report_attachment",
    operation_id="addReportAttachment",
    summary="Joindre une photo ou une vidéo",
    openapi_extra=_MULTIPART_BODY,
)
def add_attachment(request: HttpRequest, reference: str) -> Status:
    if (request.content_type or "").lower() != "multipart/form-data":
        raise problem(
            415,
            "unsupported_media_type",
            _("Envoyez le fichier en multipart/form-data, dans le champ « file »."),
        )
    rate_limit("attachment_upload", abuse.client_bucket(request))
    report = _with_receipt(request, reference, report_by_receipt)
    uploads = request.FILES.getlist("file")
    skipped = rejections_from_request(request)
    if skipped:
        raise _file_refused(skipped[0])
    if not uploads:
        raise problem(422, "missing", _("Joignez un fichier dans le champ « file »."), field="file")
    if len(uploads) > 1:
        raise problem(
            422, "one_file_per_request", _("Envoyez un fichier par requête."), field="file"
        )
    already = report.attachments.count()
    try:
        check_file_count(existing=already)
        stored = store_evidence(uploads[0])
    except EvidenceRejected as rejected:
        raise _file_refused(rejected) from None
    attach_file(report=report, file=stored)
    return Status(
        201,
        AttachmentOut(
            id=str(stored.public_id),
            kind=stored.kind,
            media_type=stored.media_type,
            size=stored.size,
            cleaning=StatusLabel(code=stored.cleaning, label=stored.get_cleaning_display()),
            attachment_count=already + 1,
        ),
    )


def _file_refused(rejected: EvidenceRejected) -> ApiProblem:
    status = _FILE_REFUSAL_STATUS.get(rejected.code, 422)
    return problem(status, rejected.code, str(rejected.message), field="file")
