"""Issue 9, the live chat: a receipt kept on screen until the citizen has kept it (4), one
receipt following the conversation and the report it became (5), a report carrying the whole
transcript and structured fields (16), a banner telling who is there (8)."""

from __future__ import annotations

import re
import uuid

import pytest
from django.test import Client

from tests.chat.conftest import started
from tests.factories import AgentFactory
from vigie.chat.services import (
    close_conversation,
    post_agent_message,
    post_citizen_message,
    take_conversation,
)
from vigie.reports.models import Report
from vigie.reports.selectors import report_content
from vigie.reports.services import post_cell_message

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return response.content.decode()


def console_client(agent) -> Client:
    client = Client()
    client.force_login(agent)
    return client


def receipt_of(conversation) -> dict[str, str]:
    return {"reference": conversation.conversation.reference, "secret": conversation.secret}


# ---------------------------------------------------------------- 4. the receipt stays


def test_the_receipt_stays_on_every_page_until_the_citizen_says_it_is_kept(client) -> None:
    response = client.post("/discuter/", {"commune": "Besançon", "start_id": str(uuid.uuid4())})
    secret = response.context["secret"]
    reference = response.context["conversation"].reference
    page = text_of(response)
    assert 'data-testid="chat-receipt"' in page and 'data-testid="receipt-qr"' in page
    assert "Télécharger (fichier texte)" in page and "Imprimer le récépissé" in page
    # Its title comes first in the card, then the codes.
    card = re.sub(r"<[^>]+>", "", page[page.index('data-testid="chat-receipt"') :])  # text only
    assert card.index("Votre récépissé") < card.index(reference) < card.index(secret)
    receipt = {"reference": reference, "secret": secret, "receipt_pending": "1"}

    # The first message (a page reload without JavaScript) shows it again.
    response = client.post("/discuter/fil/", {**receipt, "text": "Un guetteur au parc."})
    assert response.status_code == 200
    assert 'data-testid="chat-receipt"' in text_of(response)
    assert secret in re.sub(r"<[^>]+>", "", text_of(response))
    assert 'name="receipt_pending" value="1"' in text_of(response)

    # « J'ai conservé mon récépissé » hides it for good; what was being typed is kept.
    response = client.post(
        "/discuter/fil/", {**receipt, "receipt_kept": "1", "text": "Et une Clio grise."}
    )
    assert response.status_code == 200
    assert 'data-testid="chat-receipt"' not in text_of(response)
    assert "Et une Clio grise." in text_of(response)
    assert 'name="receipt_pending"' not in text_of(response)
    assert response.context["thread"][-1].text == "Un guetteur au parc."  # not sent

    # Coming back later with the receipt does not show the secret.
    response = client.post("/discuter/fil/", {"reference": reference, "secret": secret})
    assert 'data-testid="chat-receipt"' not in text_of(response)


def test_the_chat_receipt_downloads_like_a_report_receipt(client) -> None:
    conversation = started()
    response = client.post("/recepisse/telecharger/", receipt_of(conversation))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="recepisse-{conversation.conversation.reference}.txt"'
    )
    body = response.content.decode()
    assert "récépissé de discussion" in body
    assert conversation.secret in body and "/discuter/" in body
    assert response.headers["Cache-Control"] == "no-store"


# ---------------------------------------------------------------- 5. one receipt for both


def _taken(first_message: str):
    """A conversation with the citizen's first message, taken by an agent of the Doubs."""
    conversation = started()
    post_citizen_message(
        conversation=conversation.conversation, text=first_message, client_id=uuid.uuid4()
    )
    agent = AgentFactory(departement="25")
    take_conversation(conversation=conversation.conversation, agent=agent)
    return conversation, agent


def _converted(details: dict[str, str] | None = None):
    conversation, agent = _taken(
        "Deux vendeurs devant le hall B du 12 rue de Dole, une Clio grise AB-123-CD."
    )
    post_agent_message(
        conversation=conversation.conversation,
        agent=agent,
        text="À quelle heure les voyez-vous ?",
        client_id=uuid.uuid4(),
    )
    post_citizen_message(
        conversation=conversation.conversation,
        text="Tous les soirs vers 18 h, ils répondent au 06 12 34 56 78.",
        client_id=uuid.uuid4(),
    )
    client = console_client(agent)
    base = f"/cellule/discussions/{conversation.conversation.public_id}/"
    form = client.get(base).context["report_form"]
    data = {"category": "point_de_deal", **(details or {})}
    for prefix, rows in form.rows.items():
        data.update({f"{prefix}-TOTAL_FORMS": str(len(rows.forms)), f"{prefix}-INITIAL_FORMS": "0"})
        for index, row in enumerate(rows.forms):
            for name, value in (row.initial or {}).items():
                data[f"{prefix}-{index}-{name}"] = value
    for name in ("address", "schedule"):
        data.setdefault(name, form.initial.get(name, ""))
    response = client.post(base + "signalement/", data)
    assert response.status_code == 302, response.context["report_form"].errors
    return conversation, agent, client, form


def test_the_conversation_receipt_follows_the_report_it_became(client) -> None:
    conversation, agent, _console, _form = _converted()
    report = Report.objects.get()
    post_cell_message(report=report, agent=agent, text="Merci. Voyez-vous un guetteur ?")
    receipt = receipt_of(conversation)

    response = client.post("/suivi/", receipt)
    assert response.status_code == 200
    page = text_of(response)
    assert "Reçu" in page or response.context["view"].status == "received"
    assert "Merci. Voyez-vous un guetteur ?" in page
    # The page's forms carry the receipt the citizen holds, not the report's own reference.
    assert f'name="reference" value="{conversation.conversation.reference}"' in page
    assert report.reference not in page

    # The citizen adds information with the same receipt; the cell reads it.
    response = client.post(
        "/suivi/ecrire/",
        {**receipt, "text": "Il y a aussi un scooter noir.", "message_id": str(uuid.uuid4())},
    )
    assert response.status_code == 200
    assert "Il y a aussi un scooter noir." in text_of(response)
    from vigie.reports.selectors import cell_messages

    assert "Il y a aussi un scooter noir." in [m.text for m in cell_messages(report)]

    # The API's status endpoint answers the same receipt.
    api = client.get(
        f"/api/v1/reports/{conversation.conversation.reference}/status",
        headers={"Authorization": f"Receipt {conversation.secret}"},
    )
    assert api.status_code == 200
    assert [m["text"] for m in api.json()["messages"]][-1] == "Il y a aussi un scooter noir."

    # A wrong secret on the same reference opens nothing.
    wrong = client.post("/suivi/", {**receipt, "secret": "0000-" * 6 + "0000"})
    assert wrong.status_code == 422 and "Voyez-vous" not in text_of(wrong)


def test_a_conversation_not_made_into_a_report_opens_its_thread_on_the_follow_up_page(
    client,
) -> None:
    conversation = started()
    post_citizen_message(
        conversation=conversation.conversation, text="Un guetteur au parc.", client_id=uuid.uuid4()
    )
    response = client.post("/suivi/", receipt_of(conversation))
    assert response.status_code == 200
    assert "Un guetteur au parc." in text_of(response)
    assert "Référence ou code secret incorrect" not in text_of(response)


def test_the_citizen_is_told_the_conversation_became_a_report_never_invited_to_file_another(
    client,
) -> None:
    conversation, agent, _console, _form = _converted()
    close_conversation(conversation=conversation.conversation, agent=agent, reason="converted")
    page = text_of(client.post("/discuter/fil/", receipt_of(conversation)))
    assert "enregistré votre témoignage comme un signalement" in page
    assert "inutile d’en faire un autre" in page
    assert "ou faire un signalement" not in page
    assert "Suivre le signalement" in page


# ---------------------------------------------------------------- 16. the whole transcript


def test_the_report_carries_the_whole_transcript_and_the_structured_fields() -> None:
    _conversation, _agent, _console, form = _converted(
        {"place_kind": "hall", "observed_date": "2026-11-20", "observed_time": "18:30"}
    )
    # Pre-filled from the analysis of the citizen's words.
    assert [row.initial["plate"] for row in form.rows["vehicles"].forms if row.initial] == [
        "AB-123-CD"
    ]
    assert [row.initial["kind"] for row in form.rows["ids"].forms if row.initial] == ["phone"]
    assert form.initial["schedule"]  # « Tous les soirs vers 18 h »
    report = Report.objects.get()
    content = report_content(report)
    # The whole conversation, the agent's question and the citizen's second answer included.
    assert "Deux vendeurs devant le hall B" in content.description
    assert "À quelle heure les voyez-vous ?" in content.description
    assert "Tous les soirs vers 18 h" in content.description
    assert content.place_kind == "hall"
    assert content.observed_at.startswith("2026-11-20T18:30")
    assert [v.plate for v in content.vehicles] == ["AB-123-CD"]
    assert any(i.kind == "phone" for i in content.identifiers)
    assert content.commune_code == "25056"
    # Analysed on all of it: the place, the time and the vehicle are not reported missing.
    assert not {"lieu", "moment", "horaires"} & set(report.missing)
    assert report.score > 0


# ---------------------------------------------------------------- 8. the banner


def banner(page: str) -> str:
    """The text the availability banner shows (its data-text-* are the script's)."""
    found = re.search(r'data-testid="chat-availability"[^>]*>(.*?)</div>\s*</div>', page, re.S)
    assert found, "no availability banner"
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def test_without_javascript_the_banner_follows_the_conversation(client) -> None:
    conversation = started()
    receipt = receipt_of(conversation)
    assert "Aucun agent" in banner(text_of(client.post("/discuter/fil/", receipt)))
    agent = AgentFactory(departement="25")
    take_conversation(conversation=conversation.conversation, agent=agent)
    assert banner(text_of(client.post("/discuter/fil/", receipt))) == (
        "Un agent de la cellule suit cette discussion."
    )
    close_conversation(conversation=conversation.conversation, agent=agent, reason="answered")
    assert banner(text_of(client.post("/discuter/fil/", receipt))).startswith(
        "Cette discussion est close."
    )


def test_a_conversation_converted_before_one_receipt_followed_both_still_opens_its_thread(
    client,
) -> None:
    conversation, _agent, _console, _form = _converted()
    report = Report.objects.get()
    Report.objects.filter(pk=report.pk).update(citizen_key=b"\0" * 32)  # the former sealing
    response = client.post("/suivi/", receipt_of(conversation))
    assert response.status_code == 200
    assert "Deux vendeurs devant le hall B" in text_of(response)  # the conversation's thread


def test_adding_a_row_without_javascript_keeps_the_conversion_form_and_files_nothing() -> None:
    conversation, agent = _taken("Une Clio grise AB-123-CD.")
    client = console_client(agent)
    base = f"/cellule/discussions/{conversation.conversation.public_id}/"
    data = {
        "category": "point_de_deal",
        "address": "12 rue de Dole",
        "vehicles-TOTAL_FORMS": "2",
        "vehicles-INITIAL_FORMS": "0",
        "vehicles-0-plate": "AB-123-CD",
        "ids-TOTAL_FORMS": "1",
        "ids-INITIAL_FORMS": "0",
        "action": "add-vehicles",
    }
    response = client.post(base + "signalement/", data)
    assert response.status_code == 200 and not Report.objects.exists()
    form = response.context["report_form"]
    assert len(form.rows["vehicles"].forms) == 3
    assert 'value="AB-123-CD"' in text_of(response) and 'value="12 rue de Dole"' in text_of(
        response
    )
