"""Categories from the rules' cues (issue 10): words that only look like networks, and a place
that outweighs the account its buyers use to reach it."""

from __future__ import annotations

import pytest

from vigie.engine.analysis.category import guess_category
from vigie.engine.analysis.normalize import fold_text


@pytest.mark.parametrize(
    "text",
    [
        "je tiens à signaler ce signalement, ils se sont installés dans le hall",
        "j'ai compté quarante passages, un point de deal s'est installé devant le 4",
        "mon oncle prête son compte bancaire aux vendeurs du quartier",
    ],
)
def test_words_that_look_like_networks_are_not_online_cues(text: str) -> None:
    assert guess_category(fold_text(text), 0, precise_place=True).category != "en_ligne"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("il vend devant le tabac rue Carnot, son snap c'est tabac_carnot", "point_de_deal"),
        (
            "un homme circule sur le quai et aborde les touristes, son insta : quai.night",
            "vendeur_mobile",
        ),
        ("ils livrent à domicile, le livreur passe en Twingo, snap : twingo.liv", "livraison"),
    ],
)
def test_a_place_outweighs_the_account_buyers_use(text: str, category: str) -> None:
    assert guess_category(fold_text(text), 1, precise_place=True).category == category


def test_an_account_alone_carries_an_online_trade() -> None:
    text = fold_text("sur snap le compte menu.vert75 vend de la beuh, envoi par la poste")
    assert guess_category(text, 1, precise_place=False).category == "en_ligne"


@pytest.mark.parametrize(
    ("text", "identifiers", "precise", "category"),
    [
        (
            "deux gars à vélo font des rondes dans la résidence et vendent",
            0,
            True,
            "vendeur_mobile",
        ),
        ("il embauche des mineurs comme mules, rendez-vous au parking", 0, True, "autre_crime"),
        ("une voisine garde des colis pour les dealers dans son appartement", 0, True, "stockage"),
    ],
)
def test_rounds_recruitment_and_kept_parcels(
    text: str, identifiers: int, precise: bool, category: str
) -> None:
    assert guess_category(fold_text(text), identifiers, precise).category == category


@pytest.mark.parametrize(
    "text",
    [
        "l'amicale des locataires de l'immeuble signale un point de deal",
        "mon locataire paie en liquide",
    ],
)
def test_tenants_are_not_short_term_rentals(text: str) -> None:
    assert guess_category(fold_text(text), 0, precise_place=True).category != "logement"
