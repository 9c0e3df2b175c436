"""The citizen's report form without JavaScript: every step, every validation path.

Each refusal must say what is wrong in French and give back everything typed.
"""

from __future__ import annotations

import html
import io
import re
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from tests.cache_support import fresh_cache
from vigie.evidence.models import StoredFile
from vigie.reports.models import Report
from vigie.reports.selectors import report_content

pytestmark = pytest.mark.django_db

URL = reverse("public:report")
DESCRIPTION = "Deux vendeurs devant le hall B tous les soirs vers 19h, un guetteur au parking."
EMERGENCY = "Un homme sort une arme maintenant devant le hall, venez vite"


@pytest.fixture(autouse=True)
def fresh_counters() -> Iterator[None]:
    """Rate counters live in the cache: each test starts from zero."""
    fresh_cache()
    yield
    fresh_cache()


def _rows(prefix: str, rows: list[dict[str, str]], blank: int) -> dict[str, str]:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows) + blank),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "10",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def payload(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "submission_id": str(uuid.uuid4()),
        "step": "6",
        "action": "submit",
        "category": "point_de_deal",
        "commune": "Besançon",
        "address": "12 rue de Dole, hall B",
        "place_kind": "hall",
        "observed_date": (timezone.localdate() - timedelta(days=2)).isoformat(),
        "observed_time": "19:15",
        "schedule": "tous les soirs entre 18h et 20h",
        "description": DESCRIPTION,
        "risks": ["enfants"],
        "contact_wanted": "no",
        "contact": "",
        **_rows("people", [{"description": "homme, blouson noir, 1m80, guetteur"}], 1),
        **_rows(
            "vehicles",
            [{"kind": "voiture", "make": "Renault Clio", "colour": "grise", "plate": "ab-12?-cd"}],
            1,
        ),
        **_rows("ids", [{"kind": "snapchat", "value": "@menu_25"}], 2),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def post(client, **overrides):
    """Post a step and follow its redirect to the step's page (the final post answers directly)."""
    return client.post(URL, payload(**overrides), follow=True)


def page(response) -> str:
    return html.unescape(response.content.decode())


def shown_step(response) -> int:
    return response.context["step"].number


# --------------------------------------------------------------------------- the pages


def test_the_first_step_works_without_javascript_and_holds_every_field(client) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    text = page(response)
    assert 'method="post"' in text and 'enctype="multipart/form-data"' in text
    assert "Étape 1 sur 6" in text
    # Every step's fields are in the page (the other steps are hidden sections), so going
    # back and forth without JavaScript keeps everything.
    for name in ("category", "commune", "observed_date", "people-0-description", "description"):
        assert f'name="{name}"' in text
    assert re.search(r'<section class="vigie-step" id="etape-ou" data-step="2"\s+hidden', text)
    assert 'name="evidence"' not in text  # files are asked for on the last step only
    assert response.headers["Cache-Control"] == "no-store"
    assert "Des ventes au même endroit" in text  # each category is explained


def test_step_one_requires_a_category_and_keeps_the_rest(client) -> None:
    response = post(client, step="1", action="next", category="")
    assert response.status_code == 422
    assert shown_step(response) == 1
    text = page(response)
    assert "Choisissez ce que vous voulez signaler." in text
    assert 'href="#id_category_0"' in text  # the summary links to the field
    assert DESCRIPTION in text and 'value="Besançon"' in text


def test_next_moves_forward_without_showing_the_next_steps_errors(client) -> None:
    response = post(client, step="1", action="next", commune="", description="")
    assert response.status_code == 200
    assert shown_step(response) == 2
    assert "Indiquez où cela se passe" not in page(response)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"commune": ""},
            "Indiquez la commune (nom, code postal ou code INSEE) ou placez un point",
        ),
        (
            {"commune": "Trifouilly-les-Oies"},
            "Nous ne trouvons pas la commune « Trifouilly-les-Oies »",
        ),
        ({"commune": "", "latitude": "40.0", "longitude": "-40.0"}, "n’est pas en France"),
        ({"commune": "", "latitude": "47.2"}, "Indiquez la latitude et la longitude, ou aucune."),
        ({"latitude": "quatre"}, "Saisissez un nombre."),
        ({"latitude": "123"}, "inférieure ou égale à 90"),
    ],
)
def test_step_two_explains_each_place_problem_and_keeps_everything(
    client, overrides, message
) -> None:
    response = post(client, step="2", action="next", **overrides)
    assert response.status_code == 422
    assert shown_step(response) == 2
    text = page(response)
    assert message in text
    assert DESCRIPTION in text
    assert "12 rue de Dole, hall B" in text
    for value in overrides.values():
        assert f'value="{value}"' in text or value == ""


def test_a_homonym_commune_asks_to_choose_then_goes_on(client) -> None:
    response = post(client, step="2", action="next", commune="Sainte-Colombe")
    assert response.status_code == 422
    assert "Plusieurs communes correspondent : choisissez la vôtre." in page(response)
    choices = response.context["form"].fields["commune_code"].widget.choices
    assert len(choices) > 1
    response = post(
        client, step="2", action="next", commune="Sainte-Colombe", commune_code=choices[1][0]
    )
    assert shown_step(response) == 3


def test_a_postcode_that_is_also_another_communes_insee_code_asks_to_choose(client) -> None:
    # 25300 is Pontarlier's postcode and Guyans-Durnes's INSEE code: never guess for a person.
    response = post(client, step="2", action="next", commune="25300")
    choices = response.context["form"].fields["commune_code"].widget.choices
    assert {"25462", "25300"} <= {code for code, _label in choices}
    response = post(client, step="2", action="next", commune="25300", commune_code="25462")
    assert shown_step(response) == 3


def test_a_point_alone_places_the_report(client) -> None:
    response = post(client, commune="", latitude="47.2380", longitude="6.0243")
    assert response.status_code == 200
    assert Report.objects.get().departement_id == "25"
    assert Report.objects.get().source == "web_form"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"observed_date": (timezone.localdate() + timedelta(days=3)).isoformat()},
            "La date des faits ne peut pas être dans le futur.",
        ),
        ({"observed_date": "31/02/2025"}, "Saisissez une date valide"),
        ({"observed_time": "25:99"}, "Saisissez une heure valide"),
    ],
)
def test_step_three_explains_dates_and_times(client, overrides, message) -> None:
    response = post(client, step="3", action="next", **overrides)
    assert response.status_code == 422
    assert shown_step(response) == 3
    text = page(response)
    assert message in text
    assert "tous les soirs entre 18h et 20h" in text
    for value in overrides.values():
        assert f'value="{value}"' in text


@pytest.mark.parametrize(
    ("overrides", "message", "kept"),
    [
        ({"vehicles-0-plate": "AB/12*CD"}, "Une plaque ne contient que des lettres", "AB/12*CD"),
        (
            {"ids-0-kind": ""},
            "Précisez s’il s’agit d’un numéro ou de quel réseau social.",
            "@menu_25",
        ),
        ({"ids-0-value": ""}, "Indiquez le numéro ou le pseudo", "snapchat"),
        (
            {"ids-0-kind": "phone", "ids-0-value": "06 12"},
            "Ce numéro semble incomplet.",
            "06 12",
        ),
        ({"people-0-description": "x" * 1001}, "au plus 1000 caractères", "x" * 1001),
    ],
)
def test_step_four_explains_each_row_problem(client, overrides, message, kept) -> None:
    response = post(client, step="4", action="next", **overrides)
    assert response.status_code == 422
    assert shown_step(response) == 4
    text = page(response)
    assert message in text
    assert kept in text
    assert "Renault Clio" in text and DESCRIPTION in text


def test_ajouter_adds_a_row_without_javascript_and_keeps_the_others(client) -> None:
    response = post(client, step="4", action="add-people")
    assert response.status_code == 200
    assert shown_step(response) == 4
    text = page(response)
    assert 'name="people-TOTAL_FORMS" value="3"' in text.replace(' id="id_people-TOTAL_FORMS"', "")
    assert 'name="people-2-description"' in text
    assert "homme, blouson noir, 1m80, guetteur" in text
    assert re.search(r'name="people-2-description"[^>]*autofocus', text)


def test_rows_stop_at_ten(client) -> None:
    response = post(client, step="4", action="add-ids", **{"ids-TOTAL_FORMS": "10"})
    text = page(response)
    assert 'name="ids-9-value"' in text and 'name="ids-10-value"' not in text
    assert 'value="add-ids"' not in text


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"description": ""}, "Décrivez ce que vous avez vu."),
        ({"contact_wanted": "yes"}, "Indiquez votre contact, ou choisissez de rester anonyme."),
    ],
)
def test_step_five_explains_the_story_and_contact(client, overrides, message) -> None:
    response = post(client, step="5", action="next", **overrides)
    assert response.status_code == 422
    assert shown_step(response) == 5
    text = page(response)
    assert message in text
    assert "Renault Clio" in text


def test_a_50000_character_text_is_refused_politely_and_kept_whole(client) -> None:
    text = ("Vente tous les soirs au hall B. " * 1600)[:50_000]
    response = post(client, step="5", action="next", description=text)
    assert response.status_code == 422
    body = page(response)
    assert "Votre texte fait 50 000 caractères ; la limite est de 8000." in body
    assert text in body


def test_back_never_loses_anything(client) -> None:
    response = post(client, step="3", action="back", observed_time="25:99")
    assert response.status_code == 200
    assert shown_step(response) == 2
    text = page(response)
    assert 'value="25:99"' in text  # even an invalid value is carried, untouched
    assert "Saisissez une heure valide" not in text


def test_the_review_shows_the_coach_and_a_recap(client) -> None:
    response = post(client, step="5", action="next")
    assert response.status_code == 200
    assert shown_step(response) == 6
    text = page(response)
    assert "Qualité de votre signalement" in text
    assert 'name="evidence"' in text
    assert "AB-12?-CD" in text  # the recap, plate normalised
    assert "Aucun : vous restez anonyme" in text
    assert response.context["coaching"].score > 0
    assert "Danger immédiat ? Appelez le 17" not in text


def test_a_vague_report_gets_advice_on_the_review(client) -> None:
    response = post(
        client,
        step="5",
        action="next",
        description="Il y a du trafic dans le quartier.",
        address="",
        schedule="",
        observed_date="",
        observed_time="",
        **{
            "vehicles-0-plate": "",
            "vehicles-0-make": "",
            "vehicles-0-kind": "",
            "vehicles-0-colour": "",
            "ids-0-kind": "",
            "ids-0-value": "",
            "people-0-description": "",
        },
    )
    text = page(response)
    assert "Précisez quand" in text
    assert "<strong>Horaires</strong>" in text


def test_emergency_wording_puts_the_17_before_anything_else(client) -> None:
    response = post(client, step="5", action="next", description=EMERGENCY)
    text = page(response)
    assert "Danger immédiat ? Appelez le 17" in text
    assert 'href="tel:17"' in text and 'href="tel:112"' in text and 'href="sms:114"' in text
    assert text.index("Danger immédiat ? Appelez le 17") < text.index("<h1")
    # The citizen may still send it afterwards.
    response = post(client, description=EMERGENCY)
    assert response.status_code == 200
    assert Report.objects.get().triage_suggestion == "urgence"


def test_a_nuisance_is_redirected_but_may_be_sent(client) -> None:
    response = post(client, step="5", action="next", description="Musique forte tous les soirs")
    text = page(response)
    assert "Une nuisance plutôt qu’un trafic ?" in text
    assert "police municipale" in text
    assert 'value="submit"' in text


def test_going_to_the_review_with_a_faulty_step_shows_that_step(client) -> None:
    response = post(client, step="2", action="goto-6", category="")
    assert response.status_code == 422
    assert shown_step(response) == 1


# --------------------------------------------------------------------------- the final post


def test_a_complete_report_gives_a_receipt_with_everything_sealed(client) -> None:
    response = post(client)
    assert response.status_code == 200
    report = Report.objects.get()
    text = page(response)
    assert report.reference in text and 'data-testid="secret"' in text
    assert response.headers["Cache-Control"] == "no-store"
    assert report.commune_id == "25056"
    content = report_content(report)
    assert content.description == DESCRIPTION
    assert content.place_kind == "hall"
    assert content.schedule == "tous les soirs entre 18h et 20h"
    assert [p.description for p in content.people] == ["homme, blouson noir, 1m80, guetteur"]
    assert content.vehicles[0].plate == "AB-12?-CD"
    assert (content.identifiers[0].kind, content.identifiers[0].value) == ("snapchat", "menu_25")
    assert content.risks == ("enfants",)
    assert content.contact == ""
    assert content.observed_at.endswith(("+01:00", "+02:00")) and "T19:15" in content.observed_at


def test_a_contact_is_kept_only_when_chosen(client) -> None:
    post(client, contact_wanted="no", contact="06 11 22 33 44")
    assert report_content(Report.objects.get()).contact == ""
    Report.objects.all().delete()
    post(client, contact_wanted="yes", contact="06 11 22 33 44")
    assert report_content(Report.objects.get()).contact == "06 11 22 33 44"


def test_the_final_post_is_idempotent_on_its_submission_id(client) -> None:
    submission = str(uuid.uuid4())
    first = post(client, submission_id=submission)
    second = post(client, submission_id=submission)
    assert first.status_code == second.status_code == 200
    assert Report.objects.count() == 1
    assert "Ce signalement avait déjà été envoyé" in page(second)


def test_a_final_post_with_a_faulty_step_names_the_files_to_choose_again(client) -> None:
    photo = _jpeg("preuve-hall.jpg")
    response = post(client, description="", evidence=[photo])
    assert response.status_code == 422
    assert shown_step(response) == 5
    text = page(response)
    assert "Décrivez ce que vous avez vu." in text
    assert "Choisissez de nouveau vos fichiers" in text and "preuve-hall.jpg" in text
    assert "Renault Clio" in text
    assert not Report.objects.exists()


def test_the_stricter_limit_applies_without_proof_of_work(client, settings) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "report_submit_without_pow": (1, 3600)}
    assert post(client).status_code == 200
    response = post(client)
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    text = page(response)
    assert "Trop de signalements ont été envoyés depuis cette connexion" in text
    assert DESCRIPTION in text and "Renault Clio" in text
    assert Report.objects.count() == 1


def test_a_solved_proof_of_work_uses_the_ordinary_limit(client, settings) -> None:
    settings.POW_DIFFICULTY = 0
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "report_submit_without_pow": (0, 3600)}
    response = post(client, pow_challenge="challenge", pow_nonce="0")
    assert response.status_code == 200
    assert Report.objects.count() == 1
    assert post(client).status_code == 429


# --------------------------------------------------------------------------- evidence


def _jpeg(name: str, *, gps: bool = True) -> io.BytesIO:
    image = Image.new("RGB", (64, 48), "orange")
    exif = Image.Exif()
    if gps:
        exif[0x8825] = {1: "N", 2: (47.0, 14.0, 24.0), 3: "E", 4: (6.0, 1.0, 30.0)}
    exif[0x010F] = "VigieTestCamera"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    buffer.seek(0)
    buffer.name = name
    return buffer


def test_a_photo_is_attached_cleaned_of_its_gps_position(client) -> None:
    from vigie.evidence.selectors import iter_evidence

    response = post(client, evidence=[_jpeg("hall.jpg")])
    assert response.status_code == 200, page(response)
    report = Report.objects.get()
    attachment = report.attachments.get()
    stored = b"".join(iter_evidence(attachment.file))
    image = Image.open(io.BytesIO(stored))
    assert image.size == (64, 48)
    assert not image.getexif()
    assert b"VigieTestCamera" not in stored


def test_a_fake_photo_is_refused_before_any_report_exists(client) -> None:
    fake = io.BytesIO(b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n")
    fake.name = "photo.jpg"
    response = post(client, evidence=[_jpeg("vraie.jpg"), fake])
    assert response.status_code == 422
    assert shown_step(response) == 6
    text = page(response)
    assert "« photo.jpg » est refusé et n’est pas joint :" in text
    # Only the accepted photo is to be chosen again: the refused one is never listed there.
    files_lost = re.search(r'data-testid="files-lost">(.*?)</div>', text, re.S).group(1)
    assert "vraie.jpg" in files_lost and "photo.jpg" not in files_lost
    assert DESCRIPTION in text and "Renault Clio" in text
    assert not Report.objects.exists()
    # The good photo, already cleaned and stored, is not left behind unattached.
    assert not StoredFile.objects.exists()
    assert not any(Path(django_settings.EVIDENCE_DIR).iterdir())


def test_a_retried_submission_keeps_no_second_copy_of_its_files(client) -> None:
    submission_id = str(uuid.uuid4())
    for _attempt in range(2):
        response = post(client, submission_id=submission_id, evidence=[_jpeg("hall.jpg")])
        assert response.status_code == 200
    assert Report.objects.count() == 1
    assert StoredFile.objects.count() == 1
    assert len(list(Path(django_settings.EVIDENCE_DIR).iterdir())) == 2  # the file, its thumbnail


def test_too_many_files_are_refused_and_nothing_is_lost(client, settings) -> None:
    settings.EVIDENCE_MAX_FILES_PER_REPORT = 1
    response = post(client, evidence=[_jpeg("a.jpg"), _jpeg("b.jpg")])
    assert response.status_code == 422
    assert "Vous pouvez joindre au plus 1 fichiers" in page(response)
    assert not Report.objects.exists()


# --------------------------------------------------------------------------- privacy


def test_submitting_a_report_stores_no_ip_address_or_user_agent(client) -> None:
    ip, agent = "198.51.100.23", "Mozilla/5.0 (Linux; Android 14) VigieTestBrowser/1.0"
    response = client.post(
        URL,
        payload(),
        REMOTE_ADDR=ip,
        HTTP_USER_AGENT=agent,
        HTTP_X_FORWARDED_FOR=ip,
    )
    assert response.status_code == 200
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table.startswith(
                ("geo_", "django_migrations", "django_content_type", "auth_permission")
            ):
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608  # table names come from introspection
            dump = repr(cursor.fetchall())
            assert ip not in dump, table
            assert "VigieTestBrowser" not in dump, table
