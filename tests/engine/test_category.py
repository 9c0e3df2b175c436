"""Categories from the rules' cues (issue 10): words that only look like networks, and a place
that outweighs the account its buyers use to reach it."""

from __future__ import annotations

import pytest

from vigie.engine.analysis.analyse import _VAGUE_CATEGORY_CUE, analyse
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


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # dealing told at a spot is a point of sale, even in a short vague message
        ("franchement ca vend devant la laverie tous les jours", "point_de_deal"),
        ("les dealers ont pris la placette derriere l'eglise, c'est triste", "point_de_deal"),
        ("je crois que la cour ou ils vendent le soir sert à la drogue", "point_de_deal"),
        # housing let to strangers, as witnesses name it
        ("des gites de location au bord du lac reçoivent des gens louches", "logement"),
        ("un appartement loué au mois sert aux trafiquants, j'en suis sûr", "logement"),
        # a van that stays parked without moving
        ("un fourgon gris reste stationné devant la salle des fêtes", "vehicule_relais"),
    ],
)
def test_vague_reports_name_their_kind_of_trade(text: str, category: str) -> None:
    # the rules alone, strongly enough for a vague report (not left to the classifier)
    guess = guess_category(fold_text(text), 0, precise_place=False)
    assert guess.category == category
    assert guess.weight >= _VAGUE_CATEGORY_CUE


@pytest.mark.parametrize(
    "text",
    [
        # a Renault Trafic named by its colour is a van, the citizen's bus is their job
        "deux hommes ont jeté un sac dans un trafic blanc qui roulait vers la zone",
        "je suis chauffeur de bus et j'ai vu un jeune fumer un joint à l'arrêt",
        "conducteur de tram, je vois tous les soirs des gens fumer du shit sur le quai",
    ],
)
def test_a_van_and_the_citizens_own_wheel_are_no_trade_cues(text: str) -> None:
    guess = guess_category(fold_text(text), 0, precise_place=False)
    assert guess.category not in ("point_de_deal", "livraison")


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # the courier's car was seen (its plate read): a delivery, ordered through an account
        (
            "on écrit sur tg à @coursier_vert31 et une c4 grise FK-210-LM livre devant la mairie",
            "livraison",
        ),
        (
            "livraison de beuh commandée au 07 00 00 41 23, le livreur vient en ds3 blanche "
            "dont la plaque commence par GB 8",
            "livraison",
        ),
        # an account that advertises deliveries, no courier seen: selling online
        ("le compte snap mimosa.frais83 poste son menu, livraison sur tout toulon", "en_ligne"),
    ],
)
def test_a_delivery_seen_is_a_delivery_whatever_takes_the_orders(text: str, category: str) -> None:
    assert analyse(text).category == category


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # weapons offered for sale through an account: organised crime, not an online drug shop
        ("sur snap le compte @gunz.ouest44 vend des pistolets, paiement en espèces", "autre_crime"),
        (
            "des fusils à vendre sur un groupe telegram, le canal c'est arsenal_nord59",
            "autre_crime",
        ),
        # weapons only shown by an account that sells drugs: still selling drugs online
        ("le compte snap frappe.sud83 pose avec un pistolet et vend de la beuh", "en_ligne"),
    ],
)
def test_weapons_for_sale_are_other_crime_whatever_the_channel(text: str, category: str) -> None:
    assert analyse(text).category == category


@pytest.mark.parametrize(
    "text",
    [
        # the citizen's own delivery job is no cue of a drug delivery
        "je suis livreur Deliveroo à Lille, deux types se battent au couteau devant le kebab",
        "jsuis livreuse en scooter chez just eat et un mec me menace avec un tournevis",
        "je bosse pour Stuart, un homme est tombé inanimé sur le trottoir devant moi",
    ],
)
def test_the_citizens_own_delivery_job_is_no_delivery_cue(text: str) -> None:
    assert guess_category(fold_text(text), 0, precise_place=True).category != "livraison"


def test_a_dealer_disguised_as_a_delivery_rider_is_still_a_delivery() -> None:
    text = "un livreur avec un sac deliveroo vide livre du shit au 4 rue des lilas tous les soirs"
    assert guess_category(fold_text(text), 0, precise_place=True).category == "livraison"
