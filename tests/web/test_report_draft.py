"""The report form keeps its values between steps in a sealed draft (post-redirect-get).

Each step's post is answered with a redirect to the step's page, so that the browser's back
button never asks to resubmit; a language switch in the middle keeps everything.
"""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from tests.web.test_report_form import DESCRIPTION, payload
from vigie.reports import models
from vigie.reports.models import Report

pytestmark = pytest.mark.django_db

URL = reverse("public:report")
COOKIE = "vigie_brouillon"


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_each_step_is_answered_with_a_redirect_to_its_page(client) -> None:
    response = client.post(URL, payload(step="1", action="next"))
    assert response.status_code == 303
    assert response["Location"] == f"{URL}?etape=2"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.context["step"].number == 2
    text = _text(page)
    assert 'value="Besançon"' in text and DESCRIPTION in text and 'value="Renault Clio"' in text


def test_back_and_previous_pages_are_plain_gets_with_every_value(client) -> None:
    client.post(URL, payload(step="1", action="next"))
    client.post(URL, payload(step="2", action="next", address="7 rue des Lilas"))
    # The browser's back button: a GET of the previous step's address, nothing resubmitted.
    back = client.get(f"{URL}?etape=2")
    assert back.status_code == 200
    assert back.context["step"].number == 2
    assert 'value="7 rue des Lilas"' in _text(back)
    # The "Précédent" button too ends on a GET.
    response = client.post(URL, payload(step="3", action="back", address="7 rue des Lilas"))
    assert response.status_code == 303 and response["Location"] == f"{URL}?etape=2"


def test_step_errors_are_shown_on_the_redirected_page_with_everything_kept(client) -> None:
    response = client.post(URL, payload(step="3", action="next", observed_time="25:99"))
    assert response.status_code == 303 and response["Location"] == f"{URL}?etape=3"
    page = client.get(response["Location"])
    assert page.status_code == 422
    text = _text(page)
    assert "Saisissez une heure valide" in text and 'value="25:99"' in text
    # Going back to another step shows no stale error.
    other = client.get(f"{URL}?etape=2")
    assert other.status_code == 200 and "Saisissez une heure valide" not in _text(other)


def test_the_draft_cookie_lasts_the_session_only_and_the_draft_is_sealed(client) -> None:
    response = client.post(URL, payload(step="1", action="next"))
    cookie = response.cookies[COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Strict"
    assert not cookie["expires"] and not cookie["max-age"]  # gone when the browser closes
    assert cookie["path"] == URL
    draft = models.ReportDraft.objects.get()
    assert timezone.now() + timedelta(hours=2) < draft.expires_at
    assert draft.expires_at < timezone.now() + timedelta(hours=4)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM reports_reportdraft")
        dump = repr(cursor.fetchall())
    assert "Renault" not in dump and "Besan" not in dump and cookie.value not in dump


def test_an_expired_or_unknown_draft_starts_over_and_says_so(client) -> None:
    client.post(URL, payload(step="1", action="next"))
    models.ReportDraft.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    page = client.get(f"{URL}?etape=3")
    assert page.context["step"].number == 1
    assert "Ce brouillon n’existe plus" in _text(page)
    assert 'value="Renault Clio"' not in _text(page)
    client.cookies[COOKIE] = "forged"
    assert client.get(f"{URL}?etape=2").context["step"].number == 1


def test_the_draft_is_deleted_when_the_report_is_sent(client) -> None:
    client.post(URL, payload(step="5", action="next"))
    assert models.ReportDraft.objects.count() == 1
    response = client.post(URL, payload())
    assert response.status_code == 200 and Report.objects.count() == 1
    assert not models.ReportDraft.objects.exists()
    assert client.cookies[COOKIE].value == ""  # the cookie is removed too
    after = client.get(f"{URL}?etape=6")
    assert after.context["step"].number == 1 and 'value="Renault Clio"' not in _text(after)


def test_switching_language_mid_form_keeps_every_value(client) -> None:
    client.post(URL, payload(step="2", action="next", address="7 rue des Lilas"))
    response = client.post(
        reverse("set_language"), {"language": "en", "next": f"{URL}?etape=3"}, follow=True
    )
    assert response.status_code == 200
    assert response.context["step"].number == 3
    text = _text(response)
    assert 'lang="en"' in text
    assert "Step 3 of 6" in text
    assert 'value="7 rue des Lilas"' in text and DESCRIPTION in text
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})


def test_save_keeps_what_is_typed_on_the_current_step_without_errors(client) -> None:
    # The page's script posts "save" before following the language switch.
    response = client.post(URL, payload(step="3", action="save", observed_time="25:99"))
    assert response.status_code == 303 and response["Location"] == f"{URL}?etape=3"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'value="25:99"' in _text(page) and "Saisissez une heure valide" not in _text(page)


def test_new_drafts_are_limited_per_connection_and_nothing_is_lost(client, settings) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "report_draft_new": (1, 3600)}
    assert client.post(URL, payload(step="1", action="next")).status_code == 303
    del client.cookies[COOKIE]  # a client that never keeps the cookie
    response = client.post(URL, payload(step="1", action="next"))
    assert response.status_code == 200  # answered as a page, nothing stored
    assert response.context["step"].number == 2
    assert 'value="Besançon"' in _text(response) and COOKIE not in response.cookies
    assert models.ReportDraft.objects.count() == 1
    # A forged cookie is no token: it makes no draft of its own either.
    client.cookies[COOKIE] = "x" * 10
    assert client.post(URL, payload(step="1", action="next")).status_code == 200
    assert models.ReportDraft.objects.count() == 1
