import re
import uuid

import pytest
import segno
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from tests.cache_support import fresh_cache
from tests.factories import submitted_report
from vigie.web.public.receipts import qr_svg, qr_text

pytestmark = pytest.mark.django_db

DOWNLOAD = reverse("public:receipt_download")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    fresh_cache()
    yield
    fresh_cache()


def _receipt_page(report, secret) -> str:
    request = RequestFactory().post(reverse("public:report"))
    return render_to_string(
        "public/receipt.html", {"report": report, "secret": secret}, request=request
    )


def _path(svg: str) -> str:
    return re.search(r'<path[^>]* d="([^"]+)"', svg).group(1)


def test_the_receipt_shows_the_reference_the_secret_and_the_warning() -> None:
    submitted = submitted_report()
    html = _receipt_page(submitted.report, submitted.secret)
    assert submitted.report.reference in html
    assert submitted.secret in html
    assert "Conservez ce récépissé en lieu sûr : sans lui, personne — pas même la police" in html
    assert "http://testserver/suivi/" in html


def test_the_qr_code_holds_the_receipt_as_text_never_as_a_link() -> None:
    submitted = submitted_report()
    reference, secret = submitted.report.reference, submitted.secret
    assert qr_text(reference, secret) == f"VIGIE {reference} {secret}"
    assert "://" not in qr_text(reference, secret)
    html = _receipt_page(submitted.report, secret)
    svg = re.search(r"<svg.*?</svg>", html, re.DOTALL).group(0)
    assert "<title>Code QR de votre récépissé" in svg
    # segno cannot decode: draw the expected text independently and compare the modules.
    expected = segno.make(f"VIGIE {reference} {secret}", error="m", micro=False)
    assert _path(svg) == _path(expected.svg_inline(scale=4, border=4))
    assert _path(svg) != _path(qr_svg(reference, secret.replace(secret[0], "Z", 1) + "0"))


def test_a_retried_submission_shows_the_reference_but_never_the_secret_again() -> None:
    submission_id = uuid.uuid4()
    first = submitted_report(submission_id=submission_id)
    retry = submitted_report(submission_id=submission_id)
    assert retry.report == first.report and retry.secret is None
    html = _receipt_page(retry.report, retry.secret)
    assert first.report.reference in html
    assert first.secret not in html
    assert "<svg" not in html
    assert "a été affiché lors du premier envoi" in html
    assert 'name="secret"' not in html


def test_the_receipt_downloads_as_an_uncached_text_attachment(client) -> None:
    submitted = submitted_report()
    reference = submitted.report.reference
    response = client.post(DOWNLOAD, {"reference": reference, "secret": submitted.secret})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert (
        response.headers["Content-Disposition"]
        == f'attachment; filename="recepisse-{reference}.txt"'
    )
    text = response.content.decode()
    assert f"Référence : {reference}" in text
    assert f"Code secret : {submitted.secret}" in text
    assert "http://testserver/suivi/" in text
    assert "pas même la police" in text


def test_the_download_needs_the_right_receipt_and_a_post(client) -> None:
    submitted = submitted_report()
    wrong = client.post(DOWNLOAD, {"reference": submitted.report.reference, "secret": "AAAA-BBBB"})
    assert wrong.status_code == 422
    assert "Content-Disposition" not in wrong.headers
    assert "Référence ou code secret incorrect" in wrong.content.decode()
    assert client.get(DOWNLOAD).status_code == 405


def test_the_download_is_rate_limited_like_the_follow_up(client) -> None:
    submitted = submitted_report()
    for _attempt in range(10):
        client.post(DOWNLOAD, {"reference": submitted.report.reference, "secret": "AAAA-BBBB"})
    response = client.post(
        DOWNLOAD, {"reference": submitted.report.reference, "secret": submitted.secret}
    )
    assert response.status_code == 429
    assert "Content-Disposition" not in response.headers
