import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse

from tests.engine.media.samples import GPS_TEXT, build_movie, jpeg_with_everything
from tests.factories import AgentFactory, report
from vigie.audit.models import AuditAction, AuditEvent
from vigie.evidence.selectors import iter_evidence, read_thumbnail
from vigie.evidence.services import store_evidence
from vigie.reports.services import attach_file

pytestmark = pytest.mark.django_db


def _attached(data: bytes, *, commune_code: str = "25056", count: int = 1):
    doubs_report = report(commune_code=commune_code)
    files = [store_evidence(SimpleUploadedFile("x", data)) for _ in range(count)]
    for stored in files:
        attach_file(report=doubs_report, file=stored)
    return doubs_report, files


def test_a_doubs_analyst_gets_the_cleaned_file_of_a_doubs_report(client) -> None:
    doubs_report, (_first, second) = _attached(jpeg_with_everything(), count=2)
    client.force_login(AgentFactory(analyst=True, departement="25"))
    response = client.get(reverse("backoffice:evidence_file", args=[second.public_id]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body == b"".join(iter_evidence(second))
    assert body.startswith(b"\xff\xd8\xff") and GPS_TEXT not in body
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Length"] == str(second.size)
    assert response["Cache-Control"] == "no-store"
    expected = f'inline; filename="piece-{doubs_report.reference}-2.jpg"'
    assert response["Content-Disposition"] == expected
    event = AuditEvent.objects.filter(action=AuditAction.VIEW_EVIDENCE).get()
    assert event.target_id == str(second.public_id)
    assert event.details == {
        "owner": "report",
        "reference": doubs_report.reference,
        "variant": "file",
    }


def test_the_thumbnail_is_served_and_audited(client) -> None:
    _, (stored,) = _attached(jpeg_with_everything())
    client.force_login(AgentFactory(analyst=True))
    response = client.get(reverse("backoffice:evidence_thumbnail", args=[stored.public_id]))
    assert response.status_code == 200
    assert response.content == read_thumbnail(stored)
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "no-store"
    event = AuditEvent.objects.filter(action=AuditAction.VIEW_EVIDENCE).get()
    assert event.details["variant"] == "thumbnail"


def test_a_video_has_no_thumbnail_but_its_file_streams(client) -> None:
    movie = build_movie()
    _, (stored,) = _attached(movie.data)
    client.force_login(AgentFactory(analyst=True))
    thumb = client.get(reverse("backoffice:evidence_thumbnail", args=[stored.public_id]))
    assert thumb.status_code == 404
    response = client.get(reverse("backoffice:evidence_file", args=[stored.public_id]))
    assert response["Content-Type"] == "video/mp4"
    assert len(b"".join(response.streaming_content)) == len(movie.data)


@pytest.mark.parametrize("view", ["backoffice:evidence_file", "backoffice:evidence_thumbnail"])
def test_a_jura_analyst_gets_404_like_for_a_missing_file(client, view) -> None:
    _, (stored,) = _attached(jpeg_with_everything())
    client.force_login(AgentFactory(analyst=True, departement="39"))
    assert client.get(reverse(view, args=[stored.public_id])).status_code == 404
    missing = "1b4e28ba-2fa1-11d2-883f-0016d3cca427"
    assert client.get(reverse(view, args=[missing])).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW_EVIDENCE).exists()


def test_a_file_attached_to_nothing_is_404(client) -> None:
    stored = store_evidence(SimpleUploadedFile("x", jpeg_with_everything()))
    client.force_login(AgentFactory(analyst=True))
    assert (
        client.get(reverse("backoffice:evidence_file", args=[stored.public_id])).status_code == 404
    )


def test_agents_outside_a_cell_get_404(client) -> None:
    _, (stored,) = _attached(jpeg_with_everything())
    client.force_login(AgentFactory(national=True))
    assert (
        client.get(reverse("backoffice:evidence_file", args=[stored.public_id])).status_code == 404
    )


@pytest.mark.parametrize("view", ["backoffice:evidence_file", "backoffice:evidence_thumbnail"])
def test_anonymous_visitors_are_sent_to_the_login(client, view) -> None:
    _, (stored,) = _attached(jpeg_with_everything())
    response = client.get(reverse(view, args=[stored.public_id]))
    assert response.status_code == 302
    assert reverse("backoffice:login") in response["Location"]


def test_the_attachments_include_shows_thumbnails_videos_and_honest_cleaning() -> None:
    _, (photo,) = _attached(jpeg_with_everything())
    video = store_evidence(SimpleUploadedFile("v", build_movie().data))
    html = render_to_string(
        "backoffice/evidence/_attachments.html", {"attachments": [photo, video]}
    )
    assert reverse("backoffice:evidence_thumbnail", args=[photo.public_id]) in html
    assert reverse("backoffice:evidence_file", args=[photo.public_id]) in html
    assert reverse("backoffice:evidence_file", args=[video.public_id]) in html
    assert reverse("backoffice:evidence_thumbnail", args=[video.public_id]) not in html
    assert "fr-icon-film-line" in html
    assert "Photo réencodée à partir de ses seuls pixels" in html
    assert "Dates de création et de modification effacées" in html
    assert "Non vérifié" in html
    empty = render_to_string("backoffice/evidence/_attachments.html", {"attachments": []})
    assert "Aucune pièce jointe" in empty


def test_the_report_page_shows_its_attachments(client) -> None:
    doubs_report, (photo,) = _attached(jpeg_with_everything())
    client.force_login(AgentFactory(analyst=True))
    response = client.get(reverse("backoffice:report_detail", args=[doubs_report.public_id]))
    html = response.content.decode()
    assert reverse("backoffice:evidence_thumbnail", args=[photo.public_id]) in html
    assert "Métadonnées" in html or "réencodée" in html


def test_a_chat_photo_opens_for_its_cell_only() -> None:
    import uuid

    from django.test import Client

    from tests.chat.conftest import started
    from vigie.chat.services import post_citizen_message

    conversation = started().conversation
    photo = store_evidence(SimpleUploadedFile("x", jpeg_with_everything()))
    post_citizen_message(
        conversation=conversation, text="", client_id=uuid.uuid4(), attachment=photo
    )
    url = reverse("backoffice:evidence_file", args=[photo.public_id])
    doubs, jura = Client(), Client()
    doubs.force_login(AgentFactory(departement="25"))
    jura.force_login(AgentFactory(departement="39"))
    response = doubs.get(url)
    assert response.status_code == 200
    assert f"piece-{conversation.reference}-1.jpg" in response["Content-Disposition"]
    assert GPS_TEXT not in b"".join(response.streaming_content)
    assert jura.get(url).status_code == 404
    event = AuditEvent.objects.filter(action=AuditAction.VIEW_EVIDENCE).get()
    assert event.details["owner"] == "chat"
    console = doubs.get(reverse("console:conversation", args=[conversation.public_id]))
    thumbnail = reverse("backoffice:evidence_thumbnail", args=[photo.public_id])
    assert thumbnail in console.content.decode()
