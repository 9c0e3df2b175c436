"""Evidence files for the back office: decrypted on the fly, never cached, every view audited."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

from vigie.evidence.access import access_evidence
from vigie.evidence.models import StoredFile
from vigie.evidence.selectors import iter_evidence, read_thumbnail


def _private(response: HttpResponse | StreamingHttpResponse) -> None:
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    # Even a cleaned file is the citizen's content: it may not run anything on our origin.
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self'; media-src 'self'; sandbox"
    )


def file_response(stored: StoredFile, download_name: str) -> StreamingHttpResponse:
    """A cleaned evidence file, decrypted as it streams (the caller went through access)."""
    response = StreamingHttpResponse(iter_evidence(stored), content_type=stored.media_type)
    response["Content-Length"] = str(stored.size)
    response["Content-Disposition"] = f'inline; filename="{download_name}"'
    _private(response)
    return response


def thumbnail_response(stored: StoredFile) -> HttpResponse:
    thumbnail = read_thumbnail(stored)
    if thumbnail is None:
        raise Http404
    response = HttpResponse(thumbnail, content_type="image/jpeg")
    _private(response)
    return response


@login_required
@require_GET
def evidence_file(request: HttpRequest, public_id: UUID) -> StreamingHttpResponse:
    access = access_evidence(request.user, public_id, variant="file")
    return file_response(access.file, access.download_name)


@login_required
@require_GET
def evidence_thumbnail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    access = access_evidence(request.user, public_id, variant="thumbnail")
    return thumbnail_response(access.file)
