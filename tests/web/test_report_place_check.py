"""A point far from the named commune is never accepted silently: the citizen says which is
right (keep the commune, keep the point's commune, or move the point), without JavaScript."""

from __future__ import annotations

import re

import pytest

from tests.web.test_report_form import page, post, shown_step
from vigie.reports.models import Report

pytestmark = pytest.mark.django_db

IN_BOURGES = {"latitude": "47.08100", "longitude": "2.39900"}


def test_a_point_in_the_cher_with_the_commune_besancon_asks_which_is_right(client) -> None:
    response = post(client, step="2", action="next", commune="Besançon", **IN_BOURGES)
    assert response.status_code == 422
    assert shown_step(response) == 2
    text = page(response)
    assert "Besançon (25)" in text and "dans la commune de Bourges (18)" in text
    # The question is asked once, plainly, and never labelled « (Optionnel) ».
    assert "Le point placé sur la carte est à 269 km de Besançon (25)" in text
    assert not re.search(r"lequel est juste \?\s*\(Optionnel\)", text)
    assert not re.search(r'name="place_check"[^>]*\srequired', text)
    for answer in ("commune", "point", "move"):
        assert f'name="place_check" value="{answer}"' in text.replace(' id="', ' x="') or (
            f'value="{answer}"' in text
        )
    assert "C’est bien à Besançon (25) : retirer le point" in text
    assert "Le point est juste : la commune est Bourges (18)" in text
    assert 'value="47.08100"' in text  # nothing typed is lost


def test_keeping_the_points_commune_routes_to_the_cher(client) -> None:
    response = post(
        client, step="2", action="next", commune="Besançon", place_check="point", **IN_BOURGES
    )
    assert shown_step(response) == 3
    assert 'value="Bourges"' in page(response)
    post(client, commune="Besançon", place_check="point", **IN_BOURGES)
    assert Report.objects.get().departement_id == "18"


def test_keeping_the_commune_removes_the_point(client) -> None:
    response = post(
        client, step="2", action="next", commune="Besançon", place_check="commune", **IN_BOURGES
    )
    assert shown_step(response) == 3
    assert 'value="47.08100"' not in page(response)
    assert 'value="Besançon"' in page(response)


def test_choosing_to_move_the_point_shows_the_place_step_again_without_error(client) -> None:
    response = post(
        client, step="2", action="next", commune="Besançon", place_check="move", **IN_BOURGES
    )
    assert response.status_code == 200
    assert shown_step(response) == 2
    text = page(response)
    assert "dans la commune de Bourges" not in text and 'value="47.08100"' in text


def test_the_final_post_never_sends_a_point_that_contradicts_its_commune(client) -> None:
    response = post(client, commune="Besançon", **IN_BOURGES)
    assert response.status_code == 422 and shown_step(response) == 2
    assert not Report.objects.exists()
    # A point in the commune goes through.
    assert (
        post(client, commune="Besançon", latitude="47.2380", longitude="6.0243").status_code == 200
    )
