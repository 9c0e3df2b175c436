"""Triage rules on cases that matter most: emergencies, weapons seen in the past, nuisances."""

from __future__ import annotations

import pytest

from vigie.engine.analysis import analyse
from vigie.engine.analysis.triage import HINTS


@pytest.mark.parametrize(
    "text",
    [
        "il sort un flingue devant le kebab là maintenant",
        "ça tire en bas de la tour, j'entends encore des détonations",
        "un jeune poignardé devant le lycée, il perd beaucoup de sang",
        "ils viennent de tabasser un client dans le hall, il ne bouge plus",
        "au secours ils cassent ma porte",
        "un adulte frappe le petit guetteur en ce moment même",
        "mon voisin pointe une carabine vers les enfants",
        "ILS SE BATTENT AU COUTEAU DEVANT LE 10 ALLEE DES PINS VENEZ",
    ],
)
def test_emergencies_are_urgence(text: str) -> None:
    result = analyse(text)
    assert result.triage == "urgence"
    assert result.missing == ()
    assert "17" in result.reasons[0].rule


@pytest.mark.parametrize(
    "text",
    [
        "Le mois dernier j'ai vu un guetteur du 15 rue des Roses avec un pistolet, ils vendent "
        "tous les jours de 14h à minuit",
        "lundi soir mon fils a vu les jeunes cacher un fusil dans le local poubelles du 10 rue "
        "Pierre Loti, ils y retournent plusieurs fois par jour",
    ],
)
def test_weapons_seen_in_the_past_are_a_flag_not_an_emergency(text: str) -> None:
    result = analyse(text)
    assert result.triage == "exploitable"
    assert "arme" in result.flags


@pytest.mark.parametrize(
    ("text", "triage"),
    [
        ("des jeunes mettent la musique à fond tous les soirs sur le parking", "tranquillite"),
        ("mon voisin fume des joints sur son balcon", "tranquillite"),
        ("on m'a volé mon vélo devant la gare", "hors_champ"),
        ("J'ai trouvé un chat blessé dans la rue, que faire ?", "hors_champ"),
        ("je pense qu'il y a de la drogue dans mon quartier", "vague"),
        ("ça deal a la gare tlm le sait", "vague"),
        (
            "slt ya un point de deal au 3 rue Jean Goujon, un guetteur crie qd la bac passe",
            "exploitable",
        ),
        ("le snap kbz_shop42 vend de la beuh et livre sur Angers", "exploitable"),
    ],
)
def test_labels(text: str, triage: str) -> None:
    assert analyse(text).triage == triage


def test_missing_elements_come_with_french_hints_and_score_follows_triage() -> None:
    vague = analyse("je crois que mon voisin vend de la drogue")
    assert vague.triage == "vague"
    assert vague.score < 50
    assert [m.code for m in vague.missing][:2] == ["lieu_precis", "horaires"]
    assert all(m.hint == HINTS[m.code] for m in vague.missing)
    good = analyse(
        "Au 14 rue Saint-Julien à Rouen, hall B, tous les soirs entre 19h et 22h, échanges de "
        "main à main, un guetteur en survêtement gris, Clio grise GH-482-KL, j'ai une photo"
    )
    assert good.triage == "exploitable"
    assert good.score >= 80
    assert [m.code for m in good.missing] == ["identifiant"]


def test_reasons_quote_the_words_the_citizen_typed() -> None:
    result = analyse("Coup de feu entendu à l'instant, une personne au sol devant l'entrée C")
    evidence = result.reasons[0].evidence
    assert "Coup de feu" in evidence
    assert "à l'instant" in evidence
