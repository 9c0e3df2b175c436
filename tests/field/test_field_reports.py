"""Field officers' direct input (« remontée terrain »): analysed and linked like a citizen's
report, marked and attributed, without a receipt, read by the cell of its département only."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.engine.media.samples import LEAKS, jpeg_with_everything
from tests.factories import AgentFactory, UnitFactory, field_report, report
from vigie.audit.models import AuditAction, AuditEvent
from vigie.core import receipts
from vigie.crossref.models import DossierMember
from vigie.evidence.selectors import iter_evidence
from vigie.reports.content import Identifier, Vehicle
from vigie.reports.enums import ReportSource
from vigie.reports.models import Report
from vigie.reports.selectors import report_by_receipt, report_content
from vigie.reports.services import post_cell_message

pytestmark = pytest.mark.django_db

NEW = reverse("field:new")


def _dossier_of(report: Report) -> int | None:
    member = DossierMember.objects.filter(report=report).first()
    return member.dossier_id if member else None


# --------------------------------------------------------------------------- the service


def test_a_field_report_is_analysed_and_linked_with_a_citizen_report_on_the_same_plate() -> None:
    citizen = report()  # names the Clio AB-123-CD at 12 rue de Dole, Besançon
    officer = AgentFactory(unit_member=True)

    sent = field_report(
        officer=officer,
        commune_code="25388",  # Montbéliard: far away, linked by the plate alone
        description="Clio grise stationnée devant le bar, passages brefs toute la soirée.",
        vehicles=(Vehicle(plate="AB-123-CD", make="Clio grise"),),
    )

    assert sent.analyses.count() == 1 and sent.triage_suggestion
    assert sent.search_tokens.filter(kind="plate").exists()
    assert _dossier_of(sent) is not None
    assert _dossier_of(sent) == _dossier_of(citizen)


def test_a_field_report_links_with_a_citizen_report_on_the_same_phone() -> None:
    citizen = report(description="Commande au 06 12 34 56 78, livraison le soir en bas.")
    sent = field_report(
        officer=AgentFactory(unit_member=True),
        commune_code="25462",
        identifiers=(Identifier(kind="phone", value="06 12 34 56 78"),),
    )
    assert _dossier_of(sent) is not None and _dossier_of(sent) == _dossier_of(citizen)


def test_a_field_report_keeps_its_officer_and_unit_has_no_receipt_and_is_audited() -> None:
    officer = AgentFactory(unit_member=True)

    sent = field_report(officer=officer)

    sent.refresh_from_db()
    assert sent.source == ReportSource.FIELD
    assert sent.field_officer == officer
    assert sent.field_unit == officer.unit
    assert sent.secret_hash == "" and bytes(sent.citizen_key) == b""
    event = AuditEvent.objects.get(action=AuditAction.SUBMIT_FIELD_REPORT)
    assert event.actor == officer and event.target_id == sent.reference
    assert event.details["unit"] == officer.unit.name


def test_no_citizen_path_reaches_a_field_report_even_with_a_secret_hash_planted() -> None:
    sent = field_report(officer=AgentFactory(unit_member=True))
    assert report_by_receipt(reference=sent.reference, secret="") is None
    secret = receipts.new_secret()
    Report.objects.filter(pk=sent.pk).update(secret_hash=receipts.hash_secret(secret))

    assert report_by_receipt(reference=sent.reference, secret=secret) is None
    with pytest.raises(ValueError, match="no citizen"):
        post_cell_message(report=sent, agent=AgentFactory(analyst=True), text="Bonjour")


# --------------------------------------------------------------------------- who sees it


def test_the_cell_of_its_departement_sees_the_source_and_the_officer(client) -> None:
    officer = AgentFactory(unit_member=True, first_name="Lucie", last_name="Garnier")
    sent = field_report(officer=officer)
    client.force_login(AgentFactory(analyst=True))

    detail = client.get(reverse("backoffice:report_detail", args=[sent.public_id]))
    triage = client.get(reverse("backoffice:triage"))
    only_field = client.get(reverse("backoffice:report_list"), {"source": "field"})

    tag = f"Remontée terrain — {officer.unit.name}"
    assert detail.status_code == 200
    html = detail.content.decode()
    assert tag in html and "Lucie Garnier" in html
    assert 'data-testid="reply-form"' not in html
    assert tag in triage.content.decode()
    assert [r.pk for r in only_field.context["reports"]] == [sent.pk]
    reply = client.post(reverse("backoffice:reply", args=[sent.public_id]), {"text": "Merci"})
    assert reply.status_code == 404


def test_the_citizen_list_filter_leaves_field_reports_out(client) -> None:
    citizen = report()
    field_report(officer=AgentFactory(unit_member=True))
    client.force_login(AgentFactory(analyst=True))
    listed = client.get(reverse("backoffice:report_list"), {"source": "web_form"})
    assert [r.pk for r in listed.context["reports"]] == [citizen.pk]


@pytest.mark.parametrize(
    "viewer",
    [
        lambda: AgentFactory(analyst=True, departement="39"),  # another cell
        lambda: AgentFactory(),  # a chat agent of the same cell: no report handling
        lambda: AgentFactory(unit_member=True),  # another unit of the same cell
        lambda: AgentFactory(unit_member=True, departement="39"),  # a unit elsewhere
    ],
)
def test_nobody_else_opens_a_field_report(client, viewer) -> None:
    sent = field_report(officer=AgentFactory(unit_member=True))
    client.force_login(viewer())
    assert client.get(reverse("backoffice:report_detail", args=[sent.public_id])).status_code == 404
    assert client.get(reverse("field:detail", args=[sent.public_id])).status_code == 404


def test_the_officer_sees_their_own_reports_and_no_one_elses(client) -> None:
    officer = AgentFactory(unit_member=True)
    mine = field_report(officer=officer, description="Mon observation au parking.")
    colleague = AgentFactory(unit_member=True, unit=officer.unit)
    theirs = field_report(officer=colleague)
    client.force_login(officer)

    listed = client.get(reverse("field:list"))
    detail = client.get(reverse("field:detail", args=[mine.public_id]))

    assert [r.pk for r in listed.context["reports"]] == [mine.pk]
    assert detail.status_code == 200 and "Mon observation au parking." in detail.content.decode()
    assert client.get(reverse("field:detail", args=[theirs.public_id])).status_code == 404
    # Their own report in the cell's pages: not theirs to open there.
    assert client.get(reverse("backoffice:report_detail", args=[mine.public_id])).status_code == 404


def test_an_officer_of_an_inactive_unit_cannot_send(client) -> None:
    officer = AgentFactory(unit_member=True, unit=UnitFactory(inactive=True))
    client.force_login(officer)
    assert client.get(NEW).status_code == 404
    assert client.get(reverse("field:list")).status_code == 404


# --------------------------------------------------------------------------- the form


def _form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "submission_id": "5b0c2f0e-5b7a-4a53-9a39-0f3f3c1b2a10",
        "commune": "Besançon",
        "address": "Parking du centre commercial",
        "latitude": "",
        "longitude": "",
        "observed_date": "2026-01-10",
        "observed_time": "21:30",
        "description": "Trois individus, échanges main à main près de la Clio.",
        "category": "",
        "vehicles": "AB-123-CD, Clio grise\nscooter noir",
        "identifiers": "06 12 34 56 78\nsnapchat : menu_25",
    }
    data.update(overrides)
    return data


def test_the_form_sends_a_field_report_with_its_photo_cleaned(client, evidence_dirs) -> None:
    officer = AgentFactory(unit_member=True)
    client.force_login(officer)
    photo = SimpleUploadedFile("IMG_2041 Kevin.jpg", jpeg_with_everything(), "image/jpeg")

    response = client.post(NEW, _form(photos=[photo]))

    sent = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("field:detail", args=[sent.public_id])
    assert sent.source == ReportSource.FIELD and sent.field_officer == officer
    assert sent.category  # left to the analysis, which proposed one
    content = report_content(sent)
    assert content.vehicles == (
        Vehicle(plate="AB-123-CD", make="Clio grise"),
        Vehicle(plate="", make="scooter noir"),
    )
    assert content.identifiers == (
        Identifier(kind="phone", value="06 12 34 56 78"),
        Identifier(kind="snapchat", value="menu_25"),
    )
    assert content.observed_at.startswith("2026-01-10T21:30")
    stored = sent.attachments.get().file
    plaintext = b"".join(iter_evidence(stored))
    assert [leak for leak in LEAKS if leak in plaintext] == []
    # Sent twice (a double tap): one report.
    client.post(NEW, _form())
    assert Report.objects.count() == 1


def test_bad_input_is_explained_in_french_and_nothing_typed_is_lost(client) -> None:
    client.force_login(AgentFactory(unit_member=True))
    photo = SimpleUploadedFile("vue-du-parking.jpg", jpeg_with_everything(), "image/jpeg")

    response = client.post(
        NEW,
        _form(
            commune="", description="", vehicles="AB-123-CD, Clio grise\n@@@, vélo", photos=[photo]
        ),
    )

    assert response.status_code == 422
    html = response.content.decode()
    assert "La remontée n’a pas encore été envoyée" in html
    assert "Décrivez ce que vous avez vu." in html
    assert "Indiquez la commune" in html
    assert "Ligne 2 : « @@@ » n’est pas une plaque" in html
    assert "Parking du centre commercial" in html  # the address typed
    assert "AB-123-CD, Clio grise" in html and "snapchat : menu_25" in html
    assert "Choisissez de nouveau vos photos" in html and "vue-du-parking.jpg" in html
    assert not Report.objects.exists()


def test_a_place_outside_the_officers_departement_is_refused_with_what_to_do(client) -> None:
    client.force_login(AgentFactory(unit_member=True))
    response = client.post(NEW, _form(commune="Dole"))
    assert response.status_code == 422
    assert "votre remontée va à la cellule de votre unité" in response.content.decode()
    assert not Report.objects.exists()


def test_a_point_alone_places_a_field_report(client) -> None:
    client.force_login(AgentFactory(unit_member=True))
    response = client.post(NEW, _form(commune="", latitude="47.2380", longitude="6.0243"))
    assert response.status_code == 302
    sent = Report.objects.get()
    assert sent.departement_id == "25"
    assert report_content(sent).latitude == pytest.approx(47.238)


def test_the_header_links_a_unit_officer_to_their_field_reports(client) -> None:
    client.force_login(AgentFactory(unit_member=True))
    assert 'data-testid="nav-field"' in client.get(reverse("field:list")).content.decode()
    client.force_login(AgentFactory(analyst=True))
    assert (
        'data-testid="nav-field"' not in client.get(reverse("backoffice:triage")).content.decode()
    )
