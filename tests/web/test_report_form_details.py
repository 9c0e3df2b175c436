"""The report form's smaller defects (issue 9 item 8), without JavaScript."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.web.test_report_form import page, post, shown_step

pytestmark = pytest.mark.django_db

URL = reverse("public:report")


def _label_of(text: str, field_id: str) -> str:
    found = re.search(rf'<label[^>]*for="{field_id}"[^>]*>(.*?)</label>', text, re.S)
    assert found, field_id
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1)))


def test_the_commune_is_never_labelled_optional_least_of_all_when_it_is_missing(client) -> None:
    response = post(client, step="2", action="next", commune="", latitude="", longitude="")
    assert response.status_code == 422 and shown_step(response) == 2
    text = page(response)
    assert "Indiquez la commune (nom, code postal ou code INSEE) ou placez un point" in text
    label = _label_of(text, "id_commune")
    assert "Commune ou code postal" in label and "Optionnel" not in label
    assert not re.search(r'<input[^>]*name="commune"[^>]*\srequired', text)
    # A point alone is still enough.
    assert (
        post(client, step="2", action="next", commune="", latitude="47.2380", longitude="6.0243")
        .context["step"]
        .number
        == 3
    )


def test_step_four_opens_with_one_row_of_each_and_ajouter_adds_more(client) -> None:
    text = page(client.get(f"{URL}?etape=4"))
    for prefix, field in (("people", "description"), ("vehicles", "make"), ("ids", "value")):
        assert f'name="{prefix}-TOTAL_FORMS" value="1"' in text.replace(
            f' id="id_{prefix}-TOTAL_FORMS"', ""
        )
        assert f'name="{prefix}-0-{field}"' in text and f'name="{prefix}-1-{field}"' not in text
        assert f'value="add-{prefix}"' in text  # « Ajouter », a plain submit button


def test_the_review_names_the_vehicle_kind_in_words(client) -> None:
    response = post(client, step="5", action="next")
    assert shown_step(response) == 6
    text = page(response)
    assert "Voiture · Renault Clio · grise · AB-12?-CD" in text
    assert "voiture · Renault" not in text
