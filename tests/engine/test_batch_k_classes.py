"""Failure classes of held-out batch K (scored first, then read), each written anew here."""

from __future__ import annotations

import pytest

from vigie.engine.analysis import analyse, model
from vigie.engine.analysis.types import Handle


@pytest.mark.parametrize(
    "text",
    [
        # a fear for some day
        "Des quads roulent à fond dans l'allée du parc tous les dimanches, un jour ils vont "
        "écraser un gamin.",
        # a likeness
        "Depuis trois soirs, des pétards dans le quartier du Mirail. On dirait des coups de feu.",
        # fiction
        "Ma fille regarde des clips de rap où ils brandissent des armes, est-ce normal ?",
        "Mon neveu joue à un jeu où il faut braquer des banques et tirer sur la police.",
        # a trade in weapons is a case for the cell, not a danger now
        "Le voisin du 3 impasse des Lilas à Agde vend des armes de poing le samedi matin.",
        # exasperation after months
        "URGENT AU SECOURS ça fait des mois que ça deale devant chez moi au 2 rue Haute à Dax",
    ],
)
def test_alarming_words_without_a_danger_now_are_not_emergencies(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The rules' answer: the classifier may still raise one of these short texts (it favours
    # recall, p >= 0.45), as it does for the exasperated cry in the last one.
    monkeypatch.setattr(model, "load", lambda: None)
    assert analyse(text).triage != "urgence"


@pytest.mark.parametrize(
    "text",
    [
        "Un homme tire sur les gens devant le bar de la place, venez vite !",
        "Il brandit une arme devant l'école en ce moment",
    ],
)
def test_the_controls_stay_emergencies(text: str) -> None:
    assert analyse(text).triage == "urgence"


@pytest.mark.parametrize(
    "text",
    [
        "Parking de l'Intermarché de Gaillac, le soir vers 21h : une Clio et une Golf se garent "
        "côte à côte et ils passent des sacs d'une voiture à l'autre.",
        "Au garage du 40 route de Paris à Melun, des voitures entrent la nuit et ressortent le "
        "matin avec d'autres plaques.",
    ],
)
def test_goods_or_plates_changing_cars_is_a_behaviour(text: str) -> None:
    assert analyse(text).triage == "exploitable"


@pytest.mark.parametrize(
    "text",
    [
        "les petits de la cité à Auch ont toujours plein de fric, je comprends pas",
        "Des voitures de luxe dans la résidence, je me demande comment ils se les payent.",
    ],
)
def test_money_nobody_can_explain_is_a_suspicion(text: str) -> None:
    assert analyse(text).triage == "vague"


def test_quoted_trade_words_are_not_accounts_and_a_certain_name_is() -> None:
    sold = analyse("Sur Snapchat un « plug » propose de la weed, compte @vert_plaisir33.")
    assert [h.value for h in sold.entities.handles] == ["vert_plaisir33"]
    named = analyse("Dans le groupe Snap du collège, un certain leo_blk menace tout le monde.")
    assert Handle("snapchat", "leo_blk") in named.entities.handles
