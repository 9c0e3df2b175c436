import io
import re
import uuid
from itertools import count

import pytest
from django.urls import reverse

from tests.cache_support import fresh_cache
from tests.engine.media.samples import LEAKS, jpeg_with_everything
from tests.factories import AgentFactory, submitted_report
from vigie.core import abuse
from vigie.evidence.selectors import iter_evidence
from vigie.reports.enums import MessageAuthor, MessageKind
from vigie.reports.selectors import cell_messages
from vigie.reports.services import post_cell_message, qualify_report

pytestmark = pytest.mark.django_db

URL = reverse("public:follow_up")
WRITE = reverse("public:follow_up_write")
COMPLETE = reverse("public:follow_up_complete")
TOO_MANY = re.compile(r"^Trop d’essais\. Réessayez dans \d+ minutes?\.$")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    fresh_cache()
    yield
    fresh_cache()


def _receipt(submitted) -> dict[str, str]:
    return {"reference": submitted.report.reference, "secret": submitted.secret}


def _errors(response) -> list[str]:
    return list(response.context["form"].non_field_errors())


def test_the_right_secret_shows_the_status_without_operational_detail(client) -> None:
    submitted = submitted_report()
    qualify_report(
        report=submitted.report,
        agent=AgentFactory(analyst=True),
        qualification="exploitable",
        reason="precise_facts",
    )
    response = client.post(URL, _receipt(submitted))
    assert response.status_code == 200
    html = response.content.decode()
    assert "En cours d’analyse" in html
    assert "hall B" not in html
    assert "Lieu précis et faits vérifiables" not in html
    assert response.headers["Cache-Control"] == "no-store"


def test_a_wrong_secret_and_an_unknown_reference_get_the_same_answer(client) -> None:
    submitted = submitted_report()
    wrong_secret = client.post(
        URL, {"reference": submitted.report.reference, "secret": "AAAA-BBBB"}
    )
    unknown = client.post(URL, {"reference": "VG-0000-0000", "secret": "AAAA-BBBB"})
    assert wrong_secret.status_code == unknown.status_code == 422
    assert "Référence ou code secret incorrect" in wrong_secret.content.decode()
    assert _errors(wrong_secret) == _errors(unknown)
    # The typed receipt is kept, so a typo can be corrected rather than retyped.
    assert 'value="AAAA-BBBB"' in wrong_secret.content.decode()


def test_the_status_page_carries_the_receipt_only_in_post_bodies(client) -> None:
    submitted = submitted_report()
    html = client.post(URL, _receipt(submitted)).content.decode()
    forms = re.findall(r"<form[^>]*>", html)
    receipt_forms = [f for f in forms if "suivi/" in f or "recepisse/" in f]
    assert len(receipt_forms) == 3
    assert all('method="post"' in f and "?" not in f for f in receipt_forms)
    assert html.count(f'name="secret" value="{submitted.secret}"') == 3
    assert client.cookies.get("sessionid") is None


def test_eleven_wrong_secrets_are_refused_even_when_the_eleventh_is_right(client) -> None:
    submitted = submitted_report()
    for _attempt in range(10):
        response = client.post(
            URL, {"reference": submitted.report.reference, "secret": "AAAA-BBBB"}
        )
        assert response.status_code == 422
    refused = client.post(URL, _receipt(submitted))
    assert refused.status_code == 429
    assert TOO_MANY.match(_errors(refused)[0])
    assert int(refused.headers["Retry-After"]) > 0
    assert 'data-testid="status"' not in refused.content.decode()


def test_the_limit_answers_alike_for_an_unknown_reference_and_a_wrong_secret(client) -> None:
    submitted = submitted_report()

    def blocked_answer(reference: str):
        fresh_cache()
        for _attempt in range(11):
            response = client.post(URL, {"reference": reference, "secret": "AAAA-BBBB"})
        return response

    known = blocked_answer(submitted.report.reference)
    unknown = blocked_answer("VG-0000-0000")
    assert known.status_code == unknown.status_code == 429

    def without_numbers(response) -> str:
        return re.sub(r"\d+", "N", " ".join(_errors(response)))

    assert without_numbers(known) == without_numbers(unknown)
    assert TOO_MANY.match(_errors(known)[0])


def test_wrong_secrets_are_counted_per_reference_across_clients(client, monkeypatch) -> None:
    buckets = count()
    monkeypatch.setattr(abuse, "client_bucket", lambda request: f"b{next(buckets)}")
    submitted = submitted_report()
    wrong = {"reference": submitted.report.reference, "secret": "AAAA-BBBB"}
    for _attempt in range(10):
        assert client.post(URL, wrong).status_code == 422
    assert client.post(URL, wrong).status_code == 429
    # Another report, from yet another client, is not affected.
    other = submitted_report()
    assert client.post(URL, _receipt(other)).status_code == 200


def test_strangers_who_know_a_reference_cannot_lock_its_citizen_out(client, monkeypatch) -> None:
    """Issue 12 #8: the per-reference limit refuses wrong secrets only, never the right one
    (the web answered 429 to the right secret while the API let it in)."""
    buckets = count()
    monkeypatch.setattr(abuse, "client_bucket", lambda request: f"b{next(buckets)}")
    submitted = submitted_report()
    for _attempt in range(30):
        client.post(URL, {"reference": submitted.report.reference, "secret": "AAAA-BBBB"})
    for door in (URL, WRITE):
        response = client.post(
            door, {**_receipt(submitted), "text": "Encore là", "message_id": uuid.uuid4()}
        )
        assert response.status_code == 200, door
        assert 'data-testid="status"' in response.content.decode()


def test_right_secrets_do_not_count_toward_the_limit(client) -> None:
    submitted = submitted_report()
    for _visit in range(15):
        assert client.post(URL, _receipt(submitted)).status_code == 200


def test_a_message_posted_twice_is_stored_once_and_shown_to_both_sides(client) -> None:
    submitted = submitted_report()
    message_id = str(uuid.uuid4())
    posted = {**_receipt(submitted), "message_id": message_id, "text": "La Clio est revenue."}
    first = client.post(WRITE, posted)
    second = client.post(WRITE, posted)
    assert first.status_code == second.status_code == 200
    assert first.headers["Cache-Control"] == "no-store"
    thread = cell_messages(submitted.report)
    assert [(m.author, m.kind, m.text) for m in thread] == [
        (MessageAuthor.CITIZEN, MessageKind.MESSAGE, "La Clio est revenue.")
    ]
    html = second.content.decode()
    assert "La Clio est revenue." in html
    assert "Votre message a été transmis à la cellule." in html
    # The next message gets a fresh id.
    assert message_id not in html


def test_the_cells_messages_are_signed_by_the_cell_never_by_an_agent(client) -> None:
    submitted = submitted_report()
    agent = AgentFactory(analyst=True, first_name="Camille", last_name="Dupont")
    post_cell_message(report=submitted.report, agent=agent, text="À quelle heure ?")
    html = client.post(URL, _receipt(submitted)).content.decode()
    assert "À quelle heure ?" in html
    assert "La cellule" in html
    assert "Dupont" not in html
    assert agent.username not in html


def test_an_addition_is_stored_as_such_and_highlighted(client) -> None:
    submitted = submitted_report()
    response = client.post(
        COMPLETE,
        {
            **_receipt(submitted),
            "message_id": str(uuid.uuid4()),
            "text": "Depuis lundi, ils vendent aussi le matin.",
        },
    )
    assert response.status_code == 200
    [addition] = cell_messages(submitted.report)
    assert addition.kind == MessageKind.ADDITION
    assert addition.text == "Depuis lundi, ils vendent aussi le matin."
    assert "Complément" in response.content.decode()


def test_an_empty_addition_is_explained(client) -> None:
    submitted = submitted_report()
    response = client.post(
        COMPLETE, {**_receipt(submitted), "message_id": str(uuid.uuid4()), "text": ""}
    )
    assert response.status_code == 422
    assert "Écrivez un complément ou choisissez un fichier." in response.content.decode()
    assert cell_messages(submitted.report) == []


def test_a_message_too_long_is_refused_and_kept(client, settings) -> None:
    settings.CHAT_MESSAGE_MAX_LENGTH = 50
    submitted = submitted_report()
    text = "Un message bien trop long pour la limite fixée. " * 3
    response = client.post(
        WRITE, {**_receipt(submitted), "message_id": str(uuid.uuid4()), "text": text}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "la limite est de 50" in html
    assert text.strip() in html
    assert cell_messages(submitted.report) == []


def test_a_message_with_a_wrong_secret_is_not_posted(client) -> None:
    submitted = submitted_report()
    response = client.post(
        WRITE,
        {
            "reference": submitted.report.reference,
            "secret": "AAAA-BBBB",
            "message_id": str(uuid.uuid4()),
            "text": "Bonjour",
        },
    )
    assert response.status_code == 422
    assert "Référence ou code secret incorrect" in response.content.decode()
    assert cell_messages(submitted.report) == []


def _upload(name: str, data: bytes) -> io.BytesIO:
    upload = io.BytesIO(data)
    upload.name = name
    return upload


def test_a_photo_added_later_is_attached_without_its_metadata(client) -> None:
    submitted = submitted_report()
    posted = {
        **_receipt(submitted),
        "message_id": str(uuid.uuid4()),
        "text": "Photo prise de ma fenêtre.",
    }
    response = client.post(
        COMPLETE, {**posted, "files": [_upload("hall.jpg", jpeg_with_everything())]}
    )
    assert response.status_code == 200
    assert "1 fichier joint." in response.content.decode()
    [attachment] = submitted.report.attachments.all()
    stored = b"".join(iter_evidence(attachment.file))
    assert not any(leak in stored for leak in LEAKS)
    # The same form posted again (a reload) adds neither the file nor the text twice.
    again = client.post(
        COMPLETE, {**posted, "files": [_upload("hall.jpg", jpeg_with_everything())]}
    )
    assert again.status_code == 200
    assert submitted.report.attachments.count() == 1
    assert [m.text for m in cell_messages(submitted.report)] == ["Photo prise de ma fenêtre."]


def test_a_fake_photo_is_refused_by_name_and_the_text_still_reaches_the_cell(client) -> None:
    submitted = submitted_report()
    fake = _upload("photo.jpg", b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n")
    response = client.post(
        COMPLETE,
        {
            **_receipt(submitted),
            "message_id": str(uuid.uuid4()),
            "text": "Une nouvelle voiture, une Golf noire.",
            "files": [fake],
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ces fichiers n’ont pas été ajoutés" in html
    assert "« photo.jpg » : Ce fichier n’est ni une photo ni une vidéo acceptée" in html
    assert submitted.report.attachments.count() == 0
    assert [m.text for m in cell_messages(submitted.report)] == [
        "Une nouvelle voiture, une Golf noire."
    ]


def test_a_fake_photo_alone_is_refused_and_nothing_is_added(client) -> None:
    submitted = submitted_report()
    fake = _upload("photo.jpg", b"%PDF-1.4\n%%EOF\n")
    response = client.post(
        COMPLETE, {**_receipt(submitted), "message_id": str(uuid.uuid4()), "files": [fake]}
    )
    assert response.status_code == 422
    assert "« photo.jpg » :" in response.content.decode()
    assert cell_messages(submitted.report) == []


def test_too_many_files_are_refused_and_the_text_is_kept(client, settings) -> None:
    settings.EVIDENCE_MAX_FILES_PER_REPORT = 1
    submitted = submitted_report()
    response = client.post(
        COMPLETE,
        {
            **_receipt(submitted),
            "message_id": str(uuid.uuid4()),
            "text": "Deux photos du parking.",
            "files": [
                _upload("a.jpg", jpeg_with_everything()),
                _upload("b.jpg", jpeg_with_everything()),
            ],
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Vous pouvez joindre au plus 1 fichiers" in html
    assert "Deux photos du parking." in html
    assert submitted.report.attachments.count() == 0
    assert cell_messages(submitted.report) == []


def test_the_two_text_areas_say_which_is_for_what(client) -> None:
    html = client.post(URL, _receipt(submitted_report())).content.decode()
    fieldsets = re.findall(r"<fieldset.*?</fieldset>", html, re.DOTALL)
    areas = {
        re.sub(
            r"<[^>]+>", "", re.search(r"<legend.*?</legend>", fieldset, re.DOTALL).group(0)
        ).strip(): fieldset
        for fieldset in fieldsets
        if "<textarea" in fieldset
    }
    assert sorted(areas) == ["Compléter mon signalement", "Écrire à la cellule"]
    for fieldset in areas.values():
        assert fieldset.count("<textarea") == 1
    message = " ".join(areas["Écrire à la cellule"].split())
    addition = " ".join(areas["Compléter mon signalement"].split())
    # Each says what it is for, and where the other thing goes.
    assert "une réponse à une question de la cellule" in message
    assert "utilisez « Compléter mon signalement »" in message
    assert "ajouté à votre signalement et analysé avec lui" in addition
    assert "utilisez « Écrire à la cellule »" in addition
