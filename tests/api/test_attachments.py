"""POST /api/v1/reports/{reference}/attachments: checked by content, cleaned, counted."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from tests.api.conftest import errors_of, post_json
from tests.factories import submitted_report
from vigie.evidence.models import StoredFile
from vigie.reports.models import ReportAttachment

FAKE_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "CanaryPhone"  # Make
    exif[0x8825] = {1: "N", 2: (47.0, 14.0, 37.0), 3: "E", 4: (6.0, 1.0, 17.0)}  # GPS IFD
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


@pytest.fixture
def receipt():
    submitted = submitted_report()
    return submitted.report, {"HTTP_AUTHORIZATION": f"Receipt {submitted.secret}"}


def _url(report) -> str:
    return f"/api/v1/reports/{report.reference}/attachments"


def _upload(api, report, headers, name: str, content: bytes, content_type: str = "image/jpeg"):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    return api.post(_url(report), {"file": upload}, **headers)


def test_a_photo_is_stored_cleaned_and_attached(api, receipt) -> None:
    report, headers = receipt
    response = _upload(api, report, headers, "IMG_2041.jpg", _jpeg_with_gps())

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["kind"] == "image"
    assert body["attachment_count"] == 1
    assert body["cleaning"]["code"] in {"cleaned", "reencoded"}
    stored = StoredFile.objects.get(public_id=body["id"])
    assert ReportAttachment.objects.get(report=report).file == stored
    assert "IMG_2041" not in repr(vars(stored))


def test_a_pdf_renamed_jpg_is_refused_by_its_content(api, receipt) -> None:
    report, headers = receipt
    response = _upload(api, report, headers, "photo.jpg", FAKE_PDF)

    assert response.status_code == 415
    [error] = errors_of(response)
    assert (error["field"], error["code"]) == ("file", "unsupported_type")
    assert "JPEG" in error["message"]
    assert not ReportAttachment.objects.exists()
    assert not StoredFile.objects.exists()


def test_a_file_must_be_sent_as_multipart(api, receipt) -> None:
    report, headers = receipt
    response = post_json(api, _url(report), {"file": "aGVsbG8="}, **headers)
    assert response.status_code == 415
    assert errors_of(response)[0]["code"] == "unsupported_media_type"


def test_a_multipart_without_file_names_the_field(api, receipt) -> None:
    report, headers = receipt
    response = api.post(_url(report), {"note": "rien"}, **headers)
    assert response.status_code == 422
    assert errors_of(response)[0]["field"] == "file"


def test_a_wrong_secret_uploads_nothing(api, receipt) -> None:
    report, _headers = receipt
    response = _upload(api, report, {"HTTP_AUTHORIZATION": "Receipt faux"}, "a.jpg", b"x")
    assert response.status_code == 404
    assert errors_of(response)[0]["code"] == "receipt_not_found"
    assert not StoredFile.objects.exists()


@override_settings(EVIDENCE_MAX_FILES_PER_REPORT=1)
def test_no_more_files_than_the_limit(api, receipt) -> None:
    report, headers = receipt
    assert _upload(api, report, headers, "a.jpg", _jpeg_with_gps()).status_code == 201
    refused = _upload(api, report, headers, "b.jpg", _jpeg_with_gps())
    assert refused.status_code == 422
    assert errors_of(refused)[0]["code"] == "too_many"
    assert ReportAttachment.objects.filter(report=report).count() == 1


@override_settings(EVIDENCE_MAX_VIDEO_BYTES=1024, EVIDENCE_MAX_IMAGE_BYTES=1024)
def test_a_file_over_the_size_limit_is_a_413(api, receipt) -> None:
    report, headers = receipt
    response = _upload(api, report, headers, "big.jpg", _jpeg_with_gps() + b"\0" * 4096)
    assert response.status_code == 413
    assert errors_of(response)[0]["code"] == "too_large"
