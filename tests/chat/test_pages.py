"""The citizen chat pages (without JavaScript) and the agent console forms."""

from __future__ import annotations

import io
import re
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from tests.chat.conftest import started
from tests.factories import AgentFactory
from vigie.audit.models import AuditAction, AuditEvent
from vigie.chat.models import CannedReply, ChatMessage, Conversation, ConversationStatus
from vigie.chat.selectors import cell_thread
from vigie.chat.services import post_citizen_message, start_conversation, take_conversation
from vigie.geo.models import Commune
from vigie.reports.models import Report

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return response.content.decode()


def test_starting_a_conversation_shows_its_receipt_once_and_never_caches_it(client: Client) -> None:
    response = client.get("/discuter/")
    start_id = response.context["form"].initial["start_id"]
    response = client.post("/discuter/", {"commune": "Besançon", "start_id": start_id})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    conversation = Conversation.objects.get()
    assert conversation.departement_id == "25" and conversation.commune_id == "25056"
    assert conversation.status == ConversationStatus.WAITING
    secret = response.context["secret"]
    assert secret in text_of(response) and conversation.reference in text_of(response)
    assert "Aucun agent de votre département n’est connecté" in text_of(response)
    assert secret not in conversation.secret_hash
    # The same form posted twice starts one conversation and does not show the secret again.
    again = client.post("/discuter/", {"commune": "Besançon", "start_id": start_id})
    assert again.status_code == 409 and secret not in text_of(again)
    assert Conversation.objects.count() == 1


def test_a_shared_postcode_asks_to_choose_the_commune(client: Client) -> None:
    response = client.post("/discuter/", {"commune": "25390"})
    assert response.status_code == 422
    assert "Plusieurs communes correspondent : choisissez la vôtre." in text_of(response)
    choices = response.context["form"].fields["commune_code"].widget.choices
    response = client.post("/discuter/", {"commune": "25390", "commune_code": choices[1][0]})
    assert response.status_code == 200
    assert Conversation.objects.get().commune_id == choices[1][0]


def test_without_javascript_the_citizen_writes_and_reads_with_the_receipt_in_the_form(
    client: Client,
) -> None:
    conversation = started()
    receipt = {"reference": conversation.conversation.reference, "secret": conversation.secret}
    message_id = str(uuid.uuid4())
    for _attempt in range(2):  # a double submission stores the message once
        response = client.post(
            "/discuter/fil/", {**receipt, "message_id": message_id, "text": "Un guetteur au parc."}
        )
        assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert ChatMessage.objects.count() == 1
    agent = AgentFactory(departement="25")
    take_conversation(conversation=conversation.conversation, agent=agent)
    page = text_of(client.post("/discuter/fil/", {**receipt, "refresh": "1"}))
    assert "Un guetteur au parc." in page and "a rejoint la discussion" in page
    assert 'aria-live="polite"' in page
    # The receipt is in hidden fields of the form, not in any URL.
    assert re.search(rf'type="hidden" name="secret" value="{re.escape(conversation.secret)}"', page)
    assert conversation.secret not in "".join(re.findall(r'(?:href|action)="([^"]*)"', page))


def test_a_wrong_receipt_reveals_nothing(client: Client) -> None:
    conversation = started()
    post_citizen_message(
        conversation=conversation.conversation,
        text="Un message confidentiel",
        client_id=uuid.uuid4(),
    )
    response = client.post(
        "/discuter/fil/",
        {"reference": conversation.conversation.reference, "secret": "0000-" * 6 + "0000"},
    )
    assert response.status_code == 422
    assert "Référence ou code secret incorrect" in text_of(response)
    assert "Un message confidentiel" not in text_of(response)


def test_a_too_long_message_is_refused_in_french_and_kept(client: Client, settings) -> None:
    settings.CHAT_MESSAGE_MAX_LENGTH = 20
    conversation = started()
    receipt = {"reference": conversation.conversation.reference, "secret": conversation.secret}
    long_text = "Un très long message de plus de vingt caractères"
    response = client.post("/discuter/fil/", {**receipt, "text": long_text})
    assert response.status_code == 422
    assert "la limite est de 20" in text_of(response)
    assert long_text in text_of(response)
    assert ChatMessage.objects.count() == 0


def test_citizen_messages_are_limited_per_conversation(settings) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "chat_message": (2, 60)}
    from vigie.chat.services import ChatError

    first, second = started(), started()
    for _ in range(2):
        post_citizen_message(conversation=first.conversation, text="x", client_id=uuid.uuid4())
    with pytest.raises(ChatError) as refused:
        post_citizen_message(conversation=first.conversation, text="x", client_id=uuid.uuid4())
    assert refused.value.code == "rate_limited" and "Patientez" in refused.value.message
    # Another conversation is not affected: nothing is counted per client address.
    post_citizen_message(conversation=second.conversation, text="y", client_id=uuid.uuid4())


def test_times_of_citizen_messages_are_kept_to_the_minute() -> None:
    conversation = started()
    posted = post_citizen_message(
        conversation=conversation.conversation, text="x", client_id=uuid.uuid4()
    )
    assert posted.message.at.second == 0 and posted.message.at.microsecond == 0
    assert conversation.conversation.started_at.second == 0


# ---- console


def console_client(agent) -> Client:
    client = Client()
    client.force_login(agent)
    return client


def test_the_console_lists_the_queue_and_the_navigation_counts_it() -> None:
    first, second = started(), started()
    started("39198")
    agent = AgentFactory(departement="25")
    response = console_client(agent).get("/cellule/discussions/")
    assert response.status_code == 200
    assert [item.reference for item in response.context["queue"]] == [
        first.conversation.reference,
        second.conversation.reference,
    ]
    assert "Discussions (2 en attente)" in text_of(response)
    assert AuditEvent.objects.filter(actor=agent, action=AuditAction.VIEW_CHAT_QUEUE).exists()


def test_an_agent_takes_replies_hands_over_and_closes() -> None:
    conversation = started().conversation
    agent = AgentFactory(departement="25", first_name="Léa")
    colleague = AgentFactory(departement="25", first_name="Hugo")
    client = console_client(agent)
    base = f"/cellule/discussions/{conversation.public_id}/"
    assert client.post(base + "prendre/").status_code == 302
    reply = {"message_id": str(uuid.uuid4()), "text": "Bonjour, je vous écoute."}
    assert client.post(base + "repondre/", reply).status_code == 302
    assert client.post(base + "repondre/", reply).status_code == 302  # resubmitted: stored once
    assert [m.text for m in cell_thread(conversation)][-1] == "Bonjour, je vous écoute."
    assert ChatMessage.objects.filter(author="agent").count() == 1
    assert client.post(base + "transmettre/", {"colleague": colleague.pk}).status_code == 302
    conversation.refresh_from_db()
    assert conversation.agent == colleague
    # The former agent can no longer write; the colleague closes it with a reason.
    assert (
        client.post(base + "repondre/", {"message_id": str(uuid.uuid4()), "text": "x"}).status_code
        == 422
    )
    response = console_client(colleague).post(base + "cloturer/", {"reason": "answered"})
    assert response.status_code == 302
    conversation.refresh_from_db()
    assert (
        conversation.status == ConversationStatus.CLOSED and conversation.close_reason == "answered"
    )
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    for action in (
        AuditAction.TAKE_CONVERSATION,
        AuditAction.HAND_OVER_CONVERSATION,
        AuditAction.CLOSE_CONVERSATION,
    ):
        assert action in actions


def test_a_conversation_becomes_a_report_triaged_by_the_analysis() -> None:
    started_conversation = started()
    conversation = started_conversation.conversation
    for text in (
        "Tous les soirs entre 18h et 21h, deux jeunes vendent devant le hall B du 12 rue de Dole.",
        "Un guetteur surveille depuis le parking, une Clio grise AB-123-CD.",
    ):
        post_citizen_message(conversation=conversation, text=text, client_id=uuid.uuid4())
    agent = AgentFactory(departement="25")
    take_conversation(conversation=conversation, agent=agent)
    client = console_client(agent)
    base = f"/cellule/discussions/{conversation.public_id}/"
    form = client.get(base).context["report_form"]
    assert form.initial["address"] and form.initial["schedule"]
    rows = {"vehicles-TOTAL_FORMS": "1", "vehicles-INITIAL_FORMS": "0"}
    rows |= {"ids-TOTAL_FORMS": "1", "ids-INITIAL_FORMS": "0"}
    converted = {"category": "point_de_deal", "address": form.initial["address"], **rows}
    response = client.post(base + "signalement/", converted)
    report = Report.objects.get()
    assert response.status_code == 302 and str(report.public_id) in response.url
    conversation.refresh_from_db()
    assert conversation.report == report
    assert report.commune_id == "25056" and report.triage_suggestion and report.score > 0
    # Converting twice files one report.
    client.post(base + "signalement/", converted)
    assert Report.objects.count() == 1


def test_an_agent_of_another_departement_gets_a_404_like_a_missing_conversation() -> None:
    conversation = started().conversation
    outsider = console_client(AgentFactory(departement="39"))
    base = f"/cellule/discussions/{conversation.public_id}/"
    assert outsider.get(base).status_code == 404
    assert outsider.get(f"/cellule/discussions/{uuid.uuid4()}/").status_code == 404
    assert outsider.post(base + "prendre/").status_code == 404
    conversation.refresh_from_db()
    assert conversation.agent is None


def test_canned_replies_are_edited_by_analysts_and_offered_to_agents() -> None:
    analyst = AgentFactory(departement="25", analyst=True)
    client = console_client(analyst)
    response = client.post(
        "/cellule/discussions/reponses-types/",
        {"title": "Urgence", "text": "En cas de danger immédiat, appelez le 17."},
    )
    assert response.status_code == 302
    reply = CannedReply.objects.get()
    client.post(
        f"/cellule/discussions/reponses-types/{reply.pk}/",
        {"title": "Urgence 17", "text": reply.text},
    )
    reply.refresh_from_db()
    assert reply.title == "Urgence 17"
    agent = AgentFactory(departement="25")
    assert console_client(agent).get("/cellule/discussions/reponses-types/").status_code == 404
    conversation = started().conversation
    take_conversation(conversation=conversation, agent=agent)
    page = text_of(console_client(agent).get(f"/cellule/discussions/{conversation.public_id}/"))
    assert "Urgence 17" in page
    jura = console_client(AgentFactory(departement="39", analyst=True))
    assert (
        jura.post(f"/cellule/discussions/reponses-types/{reply.pk}/supprimer/").status_code == 404
    )
    assert (
        client.post(f"/cellule/discussions/reponses-types/{reply.pk}/supprimer/").status_code == 302
    )
    assert not CannedReply.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.EDIT_CANNED_REPLIES).count() == 3


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), "red")
    exif = Image.Exif()
    exif[0x010F] = "TelephoneDeTemoin"  # Make
    exif.get_ifd(0x8825)[2] = (47.0, 14.0, 0.0)  # GPSLatitude
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_a_photo_joins_the_thread_cleaned_and_a_wrong_file_is_refused_in_french(
    client: Client,
) -> None:
    conversation = started()
    receipt = {"reference": conversation.conversation.reference, "secret": conversation.secret}
    photo = SimpleUploadedFile("IMG_0001.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    response = client.post("/discuter/fil/", {**receipt, "text": "Le véhicule", "photo": photo})
    assert response.status_code == 200
    message = ChatMessage.objects.get()
    assert message.attachment is not None and message.attachment.kind == "image"
    assert "Photo jointe" in text_of(response)
    evidence_dir = Path(django_settings.EVIDENCE_DIR)
    stored_bytes = b"".join(p.read_bytes() for p in evidence_dir.rglob("*") if p.is_file())
    assert b"TelephoneDeTemoin" not in stored_bytes  # encrypted and cleaned on disk

    text_file = SimpleUploadedFile("notes.txt", b"pas une photo", content_type="text/plain")
    response = client.post("/discuter/fil/", {**receipt, "text": "Et ceci", "photo": text_file})
    assert response.status_code == 422
    assert "n’est ni une photo ni une vidéo acceptée" in text_of(response)
    assert "Et ceci" in text_of(response)  # nothing typed is lost
    assert ChatMessage.objects.count() == 1


def test_conversation_starts_are_limited_per_client_not_per_departement(settings) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "chat_start": (1, 3600)}
    from vigie.chat.services import ChatError

    commune = Commune.objects.select_related("departement").get(code="25056")
    start_conversation(departement=commune.departement, commune=commune, client_key="bucket-a")
    with pytest.raises(ChatError) as refused:
        start_conversation(departement=commune.departement, commune=commune, client_key="bucket-a")
    assert refused.value.code == "rate_limited"
    # Someone else in the same département can still reach the cell.
    start_conversation(departement=commune.departement, commune=commune, client_key="bucket-b")
