"""Failure classes of held-out batch I (scored first, then read): each written anew here, with
a control that must keep its old answer."""

from __future__ import annotations

import pytest

from vigie.engine.analysis import analyse


@pytest.mark.parametrize(
    "text",
    [
        # exasperation at a nuisance, not a cry for help
        "Au secours, on n'en peut plus : les motos tournent tous les soirs dans la rue du stade.",
        "AU SECOURS !!! j'en peux plus de ces scooters sous mes fenêtres toutes les nuits",
        # a threat made before, nothing happening now
        "Il m'a menacé de revenir chez moi quand je lui ai réclamé mon argent pour la console.",
        "Ma fille a reçu des menaces sur son téléphone pour une dette, ça s'est calmé depuis.",
        # figures of speech and traces, not a danger now
        "Une explosion de violence dans la ville ces derniers mois, tout le monde le dit.",
        "Des traces de sang ce matin dans l'escalier du 8 rue Pasteur, c'est là qu'ils vendent.",
    ],
)
def test_alarming_words_without_a_danger_now_are_not_emergencies(text: str) -> None:
    assert analyse(text).triage != "urgence"


@pytest.mark.parametrize(
    "text",
    [
        "Au secours il y a un homme avec un couteau dans le hall, venez vite",
        "il me menace avec un couteau devant ma porte",
        "Il m'a menacé avec un pistolet et il est encore là, en bas de chez moi, maintenant",
        "une explosion dans l'immeuble, il y a de la fumée partout",
    ],
)
def test_the_controls_stay_emergencies(text: str) -> None:
    assert analyse(text).triage == "urgence"


def test_a_place_held_by_a_network_is_a_suspicion() -> None:
    assert analyse("Tout le quartier est tenu par eux, j'ai peur des représailles.").triage == (
        "vague"
    )


def test_a_district_in_a_town_is_not_a_precise_place_but_hall_a_is() -> None:
    vague = analyse(
        "Une Clio grise plaque commence par GH tourne dans mon quartier à Lorient, pour la drogue."
    )
    assert not any(m.kind == "lieu" for m in vague.entities.places)
    assert vague.triage == "vague"
    hall = analyse("Deal tous les soirs devant le hall A du 3 rue Jean Jaurès à Lille.")
    assert any(m.kind == "lieu" and m.text == "hall A" for m in hall.entities.places)
