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


@pytest.mark.parametrize(
    ("text", "identifiers", "category"),
    [
        # "trottoir" is no trottinette; on foot is how buyers come as often as sellers
        (
            "il vend sa résine au coin de la rue, des clients à pied, un blessé sur le trottoir",
            0,
            "point_de_deal",
        ),
        # sellers sitting at one spot whom buyers come to see
        (
            "deux jeunes avec une sacoche s'assoient sur le banc, leurs clients viennent les "
            "voir, à pied",
            0,
            "point_de_deal",
        ),
        # a car that has not moved for weeks, its boot opened by boys on foot
        (
            "la Xsara grise ne bouge plus depuis juin, des ados à pied ouvrent le coffre et "
            "repartent avec une banane",
            0,
            "vehicule_relais",
        ),
        # a seller seen on a bike who gives his account is still a mobile seller
        (
            "un gars à vélo vend sur la promenade tous les soirs, il a donné son snap",
            1,
            "vendeur_mobile",
        ),
    ],
)
def test_what_is_seen_in_the_street_outweighs_weak_cues(
    text: str, identifiers: int, category: str
) -> None:
    assert guess_category(fold_text(text), identifiers, precise_place=False).category == category
