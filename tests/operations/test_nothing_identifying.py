"""Nothing that could identify a citizen reaches a unit: no receipt reference, no contact
(unless the cell shares it, audited), no thread with the cell, no chat."""

from __future__ import annotations

import uuid

from django.urls import reverse

from tests.chat.conftest import started
from tests.factories import dispatched
from vigie.audit.models import AuditAction, AuditEvent
from vigie.chat.services import convert_to_report
from vigie.chat.services import post_citizen_message as post_chat
from vigie.geo.models import Commune
from vigie.operations.models import DispatchReport
from vigie.reports.content import ReportContent, Vehicle
from vigie.reports.enums import MessageKind
from vigie.reports.services import post_cell_message, post_citizen_message, submit_report

CONTACT = "joignable au 07 98 76 54 32 après 20h, demander Sandrine"
THREAD_TEXT = "Je suis la gardienne du 12, je les vois de ma loge"
CELL_QUESTION = "Pouvez-vous préciser l’étage du logement ?"
CHAT_TEXT = "j'habite juste au-dessus du local poubelles, c'est moi qui ai appelé"
FACTS = "Deux vendeurs devant le hall B tous les soirs, un guetteur sur le parking."


def _report_with_everything(analyst):
    commune = Commune.objects.select_related("departement").get(code="25056")
    submitted = submit_report(
        category="point_de_deal",
        departement=commune.departement,
        commune=commune,
        content=ReportContent(
            description=FACTS,
            address="12 rue de Dole",
            commune_name="Besançon",
            latitude=47.2380,
            longitude=6.0243,
            vehicles=(Vehicle(kind="voiture", make="Clio", colour="grise", plate="AB-123-CD"),),
            risks=("enfants", "menaces_temoin"),
            contact=CONTACT,
        ),
    )
    report = submitted.report
    post_citizen_message(report=report, text=THREAD_TEXT, kind=MessageKind.MESSAGE)
    post_cell_message(report=report, agent=analyst, text=CELL_QUESTION)
    return report


def _report_from_a_chat(agent):
    conversation = started().conversation
    post_chat(conversation=conversation, text=CHAT_TEXT, client_id=uuid.uuid4())
    return convert_to_report(
        conversation=conversation,
        agent=agent,
        category="point_de_deal",
        details=ReportContent(description="", address="rue de Vesoul"),
    ), conversation.reference


def _unit_pages(client, member, dispatch) -> str:
    client.force_login(member)
    pages = [
        client.get(reverse("backoffice:unit_space")),
        client.get(reverse("unit:detail", args=[dispatch.public_id])),
        client.get(reverse("backoffice:notifications")),
    ]
    assert [page.status_code for page in pages] == [200, 200, 200]
    return "\n".join(page.content.decode() for page in pages)


def test_no_receipt_contact_thread_or_chat_reaches_the_unit(client, world) -> None:
    report = _report_with_everything(world.analyst)
    from_chat, chat_reference = _report_from_a_chat(world.analyst)
    dispatch = dispatched(by=world.analyst, unit=world.besancon, reports=[report, from_chat])

    html = _unit_pages(client, world.member, dispatch)

    assert FACTS in html  # the facts reach the unit…
    assert "AB-123-CD" in html
    assert "Des enfants à proximité" in html
    for secret in (
        report.reference,
        from_chat.reference,
        chat_reference,
        CONTACT,
        "07 98 76 54 32",
        THREAD_TEXT,
        CELL_QUESTION,
        CHAT_TEXT,
        "Je suis menacé",  # the witness's fear of reprisals says they are known
    ):
        assert secret not in html, secret
    assert 'data-testid="from-chat"' in html


def test_the_unit_gets_no_receipt_reference_in_an_evidence_file_name(client, world) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.engine.media.samples import jpeg_with_everything
    from vigie.evidence.services import store_evidence
    from vigie.reports.services import attach_file

    report = _report_with_everything(world.analyst)
    stored = store_evidence(SimpleUploadedFile("IMG_maison.jpg", jpeg_with_everything()))
    attach_file(report=report, file=stored)
    dispatch = dispatched(by=world.analyst, unit=world.besancon, reports=[report])
    client.force_login(world.member)
    answer = client.get(reverse("unit:evidence_file", args=[dispatch.public_id, stored.public_id]))
    assert answer.status_code == 200
    assert report.reference not in answer["Content-Disposition"]
    assert "IMG_maison" not in answer["Content-Disposition"]
    assert dispatch.label in answer["Content-Disposition"]
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW_EVIDENCE, actor=world.member, target_id=str(stored.public_id)
    ).exists()


def test_the_contact_reaches_the_unit_only_once_the_cell_shares_it_audited(client, world) -> None:
    report = _report_with_everything(world.analyst)
    dispatch = dispatched(by=world.analyst, unit=world.besancon, reports=[report])
    assert CONTACT not in _unit_pages(client, world.member, dispatch)

    client.force_login(world.analyst)
    answer = client.post(reverse("operations:share_contact", args=[dispatch.public_id, 1]))
    assert answer.status_code == 302
    assert DispatchReport.objects.get(dispatch=dispatch).contact_shared_by == world.analyst
    assert AuditEvent.objects.filter(
        action=AuditAction.DISPATCH_SHARE_CONTACT,
        actor=world.analyst,
        target_id=str(dispatch.public_id),
    ).exists()

    html = _unit_pages(client, world.member, dispatch)
    assert CONTACT in html
    assert report.reference not in html


def test_a_report_without_a_contact_has_none_to_share(client, world) -> None:
    from tests.factories import report as new_report

    dispatch = dispatched(by=world.analyst, unit=world.besancon, reports=[new_report()])
    client.force_login(world.analyst)
    page = client.get(reverse("operations:detail", args=[dispatch.public_id]))
    assert 'data-testid="share-contact-form"' not in page.content.decode()
    client.post(reverse("operations:share_contact", args=[dispatch.public_id, 1]))
    assert DispatchReport.objects.get(dispatch=dispatch).contact_shared_at is None
    assert not AuditEvent.objects.filter(action=AuditAction.DISPATCH_SHARE_CONTACT).exists()
