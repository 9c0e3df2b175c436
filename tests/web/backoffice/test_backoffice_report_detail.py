import io
import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.engine.media.samples import jpeg_with_everything
from tests.factories import AgentFactory, submitted_report
from vigie.audit.models import AuditAction, AuditEvent
from vigie.geo.models import Commune
from vigie.reports.content import Identifier, Person, ReportContent, Vehicle
from vigie.reports.enums import MessageAuthor, MessageKind
from vigie.reports.selectors import citizen_messages
from vigie.reports.services import post_cell_message, post_citizen_message, submit_report

pytestmark = pytest.mark.django_db


def _detail(report) -> str:
    return reverse("backoffice:report_detail", args=[report.public_id])


def _reply(report) -> str:
    return reverse("backoffice:reply", args=[report.public_id])


def _full_report():
    besancon = Commune.objects.select_related("departement").get(code="25056")
    return submit_report(
        category="point_de_deal",
        departement=besancon.departement,
        commune=besancon,
        content=ReportContent(
            description="Vente tous les soirs devant le hall B.",
            address="12 rue de Dole",
            latitude=47.2438,
            longitude=6.0215,
            place_kind="hall",
            commune_name="Besançon",
            commune_code="25056",
            observed_at="2026-11-20T18:30:00+01:00",
            schedule="tous les soirs entre 18h et 20h",
            people=(Person(description="homme, blouson noir, 1m80"),),
            vehicles=(
                Vehicle(kind="voiture", make="Renault Clio", colour="gris", plate="AB-12?-CD"),
            ),
            identifiers=(Identifier(kind="snapchat", value="menu_25"),),
            risks=("enfants",),
            contact="06 12 34 56 78, après 19h",
        ),
    )


def test_the_detail_shows_the_whole_structured_report(client) -> None:
    submitted = _full_report()
    client.force_login(AgentFactory(analyst=True))
    html = client.get(_detail(submitted.report)).content.decode()
    for shown in (
        "Vente tous les soirs devant le hall B.",
        "12 rue de Dole",
        "Entrée ou hall d’immeuble",
        "47.2438, 6.0215",
        "20/11/2026 18:30",
        "tous les soirs entre 18h et 20h",
        "homme, blouson noir, 1m80",
        "Renault Clio",
        "AB-12?-CD",
        "Snapchat : <code>menu_25</code>",
        "Des enfants à proximité",
        "Le citoyen a laissé un contact",
        "06 12 34 56 78, après 19h",
    ):
        assert shown in html, shown


def test_a_report_without_contact_says_nothing_about_one(client) -> None:
    submitted = submitted_report()
    client.force_login(AgentFactory(analyst=True))
    assert (
        "Le citoyen a laissé un contact"
        not in client.get(_detail(submitted.report)).content.decode()
    )


def test_the_thread_is_shown_with_additions_highlighted(client) -> None:
    submitted = submitted_report()
    post_citizen_message(report=submitted.report, text="Ils ont changé d’heure.", kind="addition")
    post_citizen_message(report=submitted.report, text="Merci de votre retour.")
    client.force_login(AgentFactory(analyst=True))
    html = client.get(_detail(submitted.report)).content.decode()
    thread = re.search(r'data-testid="thread".*?</ol>', html, re.DOTALL).group(0)
    assert thread.index("Ils ont changé d’heure.") < thread.index("Merci de votre retour.")
    assert thread.count('data-testid="addition"') == 1
    assert thread.count("Nouveau") == 2
    # Opened once, they are no longer new.
    again = client.get(_detail(submitted.report)).content.decode()
    assert "Nouveau" not in re.search(r'data-testid="thread".*?</ol>', again, re.DOTALL).group(0)


def test_an_analyst_replies_and_the_citizen_reads_it_with_the_receipt(client) -> None:
    submitted = submitted_report()
    analyst = AgentFactory(analyst=True)
    client.force_login(analyst)
    response = client.post(_reply(submitted.report), {"text": "Voyez-vous toujours la Clio ?"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("#fil")
    [message] = citizen_messages(submitted.report, secret=submitted.secret)
    assert (message.author, message.kind, message.text) == (
        MessageAuthor.CELL,
        MessageKind.MESSAGE,
        "Voyez-vous toujours la Clio ?",
    )
    assert AuditEvent.objects.filter(
        action=AuditAction.MESSAGE_CITIZEN, target_id=submitted.report.reference
    ).exists()
    html = client.get(_detail(submitted.report)).content.decode()
    assert "Voyez-vous toujours la Clio ?" in html


def test_a_reply_of_another_departement_is_a_404_and_sends_nothing(client) -> None:
    submitted = submitted_report()  # Doubs
    client.force_login(AgentFactory(analyst=True, departement="39"))
    response = client.post(_reply(submitted.report), {"text": "Bonjour"})
    assert response.status_code == 404
    assert (
        client.post(
            reverse("backoffice:reply", args=[uuid.uuid4()]), {"text": "Bonjour"}
        ).status_code
        == 404
    )
    assert citizen_messages(submitted.report, secret=submitted.secret) == []


def test_a_reply_needs_a_login(client) -> None:
    submitted = submitted_report()
    response = client.post(_reply(submitted.report), {"text": "Bonjour"})
    assert response.status_code == 302
    assert citizen_messages(submitted.report, secret=submitted.secret) == []


def test_an_empty_or_too_long_reply_is_explained_and_kept(client, settings) -> None:
    settings.CHAT_MESSAGE_MAX_LENGTH = 20
    submitted = submitted_report()
    client.force_login(AgentFactory(analyst=True))
    empty = client.post(_reply(submitted.report), {"text": "   "})
    assert empty.status_code == 422
    assert "Écrivez le message avant de l’envoyer." in empty.content.decode()
    long_text = "Pouvez-vous préciser l’heure exacte ?"
    too_long = client.post(_reply(submitted.report), {"text": long_text})
    assert too_long.status_code == 422
    html = too_long.content.decode()
    assert "la limite est de 20" in html
    assert long_text.replace("’", "&#x27;") in html or long_text in html
    assert citizen_messages(submitted.report, secret=submitted.secret) == []


def test_unread_citizen_messages_show_as_a_badge_in_the_triage_list(client) -> None:
    submitted = submitted_report()
    post_cell_message(report=submitted.report, agent=AgentFactory(analyst=True), text="Question")
    post_citizen_message(report=submitted.report, text="Réponse", message_id=uuid.uuid4())
    post_citizen_message(report=submitted.report, text="Complément", kind="addition")
    client.force_login(AgentFactory(analyst=True))
    html = client.get(reverse("backoffice:triage")).content.decode()
    assert "2 messages non lus" in html
    client.get(_detail(submitted.report))
    assert 'data-testid="unread"' not in client.get(reverse("backoffice:triage")).content.decode()


def test_the_triage_list_with_unread_badges_costs_a_constant_number_of_queries(client) -> None:
    client.force_login(AgentFactory(analyst=True))

    def queries_for_the_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("backoffice:triage")).status_code == 200
        return len(captured)

    post_citizen_message(report=submitted_report().report, text="Un")
    with_one = queries_for_the_list()
    for _ in range(5):
        post_citizen_message(report=submitted_report().report, text="Deux")
    assert queries_for_the_list() == with_one


def test_files_added_by_the_citizen_are_listed_on_the_detail(client) -> None:
    submitted = submitted_report()
    photo = io.BytesIO(jpeg_with_everything())
    photo.name = "hall.jpg"
    client.post(
        reverse("public:follow_up_complete"),
        {
            "reference": submitted.report.reference,
            "secret": submitted.secret,
            "message_id": str(uuid.uuid4()),
            "files": [photo],
        },
    )
    client.force_login(AgentFactory(analyst=True))
    html = client.get(_detail(submitted.report)).content.decode()
    assert html.count('data-testid="evidence-link"') == 1
    assert "Fichiers ajoutés (voir les pièces jointes)." in html
