"""Triage rules on cases that matter most: emergencies, weapons seen in the past, nuisances."""

from __future__ import annotations

import pytest

from vigie.engine.analysis import analyse, model
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


@pytest.fixture
def _rules_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    from vigie.engine.analysis import model

    monkeypatch.setattr(model, "load", lambda: None)


@pytest.mark.usefixtures("_rules_alone")
@pytest.mark.parametrize(
    "text",
    [
        # capitals only in a plate: the lower-case landmark name still counts
        "ya une clio noire plaque FG 221 KT au parking du leclerc de st pierre, un gars ouvre "
        "le coffre 4 fois par soir",
        # a landmark a town has one of, named by its kind, in a named area
        "les jeunes de Bellevue vendent de la beuh derriere la mairie, tous les soirs a 19h",
        "le marche couvert, un gars donne des paquets aux clients chaque samedi vers 10h",
        # overseas drug names with a number to order
        "il livre du zamal sur tout st andre, son num 0692 11 22 33",
        # handing goods over is a behaviour, not the absence of a sign
        "au 14 rue des Lilas a Vierzon des types deposent des sacs dans le garage vers 3h",
        "un homme prend l'argent et donne quelque chose aux gens qui attendent devant le "
        "portail du 6 impasse Colbert, vers 8h",
        # a vehicle used as a relay, short visits, bags carried: behaviours with no drug word
        "scenic gris garé h24 parking du super u av jean jaures a lorient, les jeunes vont ds "
        "le coffre chaque quart d'heure",
        "un fourgon blanc au parking du stade leo lagrange a nevers, des gars y montent 3 min "
        "et repartent tous les soirs",
        "garage n12 residence les tilleuls a vannes, ils remontent chaque nuit vers 2h avec "
        "des sacs",
        # Antilles Creole: a point selling crack, a lookout, the product taken from a boot
        "ni an moun ka vann krak douvan lekol rue Schoelcher Pointe-à-Pitre chak swa 20h",
        "yo ka pran pwodui adan kof a on clio gri parking Carrefour Destreland tout swa",
        # the crews of a point are trafficking even when the flat is rented on a listing site
        "il loue un f2 sur leboncoin au 8 rue victor hugo a sevran pour les charbonneurs du "
        "point, relève chaque lundi",
    ],
)
def test_reports_written_as_texted_are_exploitable(text: str) -> None:
    result = analyse(text)
    assert result.triage == "exploitable", result.reasons


@pytest.mark.usefixtures("_rules_alone")
@pytest.mark.parametrize(
    "text",
    [
        "ca deal au parking a Lyon je crois",
        "il y a du trafic vers la gare, je sais pas plus",
    ],
)
def test_a_kind_of_place_alone_is_not_precise(text: str) -> None:
    assert analyse(text).triage == "vague"


@pytest.mark.usefixtures("_rules_alone")
def test_selling_joints_to_pupils_is_trafficking_not_a_nuisance() -> None:
    result = analyse("un type vend des joints aux eleves devant le college Jean Moulin a 17h")
    assert result.triage == "exploitable", result.reasons


@pytest.mark.usefixtures("_rules_alone")
@pytest.mark.parametrize(
    "text",
    ["il parait qu'il y a du trafic dans la cite des Fleurs", "on dit que ca deal au parc"],
)
def test_a_vague_suspicion_names_no_category_on_one_weak_word(text: str) -> None:
    result = analyse(text)
    assert (result.triage, result.category) == ("vague", None)


@pytest.mark.usefixtures("_rules_alone")
def test_an_emergency_to_a_lookout_keeps_the_trade_category() -> None:
    result = analyse(
        "ils tabassent le petit qui faisait le guet au pied de la tour 4, il est au sol"
    )
    assert (result.triage, result.category) == ("urgence", "point_de_deal")


@pytest.mark.parametrize(
    ("text", "triage"),
    [
        (
            "tous les soirs des jeunes crient et cassent des bouteilles devant le 8 rue Carnot, "
            "je précise que c'est pas des dealers, juste des gens bourrés",
            "tranquillite",
        ),
        ("ils fument sous l'abri bus le soir, ils vendent rien c'est pour eux", "tranquillite"),
        (
            "Je n'ai vu aucun trafic, mais les clients du kebab se garent sur le trottoir",
            "hors_champ",
        ),
        # "not only", or a denial beside signs of trade that remain: the trade stands
        (
            "il vend pas que du shit, aussi de la coke, devant le 4 rue Hoche de 20h à 23h",
            "exploitable",
        ),
        (
            "je n'ai pas vu de vente mais deux guetteurs sifflent devant le 3 allée des Lilas "
            "tous les soirs de 18h à 23h et des clients font la queue",
            "exploitable",
        ),
    ],
)
def test_a_trade_the_citizen_denies_is_not_a_sign_of_trade(
    text: str, triage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(model, "load", lambda: None)  # the rules alone
    assert analyse(text).triage == triage


@pytest.mark.parametrize(
    "text",
    [
        # a business named in lower case, a name after a qualifier, a saint's commune in lower case
        "le mec au volant d'une clio grise vend du shit devant le bar des amis a Niort le vendredi "
        "soir de 22h a 1h",
        "des échanges de sachets devant l'école primaire Jaurès à Douai chaque matin vers 8h",
        "le gars vend de la beuh derriere la mairie de st andre tous les soirs de 19h a 22h, "
        "des clients font la queue",
    ],
)
def test_places_written_freely_are_precise(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "load", lambda: None)  # the rules alone
    result = analyse(text)
    assert result.triage == "exploitable", result.reasons


def test_an_industrial_zone_is_not_loitering(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "load", lambda: None)  # the rules alone
    text = (
        "un hangar de la zone industrielle des Glaises à Sens reçoit des ballots de résine "
        "la nuit vers 3h, deux hommes les déchargent d'un camion"
    )
    assert analyse(text).triage != "tranquillite"


def test_selling_under_the_counter_is_a_concrete_behaviour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "load", lambda: None)  # the rules alone
    text = (
        "l'épicerie du 4 rue Thiers à Vierzon vend de la beuh sous le comptoir, "
        "le gérant sert les habitués"
    )
    assert analyse(text).triage == "exploitable"


@pytest.mark.parametrize(
    ("text", "triage"),
    [
        # the citizen's own sale, a hidden defect: no trade, even with the buyer's number
        (
            "l'acheteur de mon scooter dit qu'il a un vice caché, je lui ai vendu en mai, il "
            "m'insulte au 06 00 00 71 20",
            "hors_champ",
        ),
        # Creole places and nuisances: "lékol", "chapel", "ri" (rue); "fè bri", "mizik"
        ("in boug i vann zamal devant lékol la Ravine, tou lé soir 19h", "exploitable"),
        ("bann zenes i vann pochon derrière la chapel Sainte-Anne tou lé soir 20h", "exploitable"),
        ("an loto grise ri Schoelcher, yo ka pran pwodui adan kof la chak swa", "exploitable"),
        ("yo ka fè bri tout lannuit ek mizik fò douvan lakou a, nou pa ka dòmi", "tranquillite"),
        # "le quartier" then a word that is no name: not a precise place
        (
            "une moto noire passe dans le quartier plusieurs soirs vers 23h, je crois que c'est "
            "du deal",
            "vague",
        ),
    ],
)
def test_labels_by_the_rules_alone(text: str, triage: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "load", lambda: None)
    assert analyse(text).triage == triage


def test_the_citizens_own_order_is_no_online_sale_unless_a_drug_is_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(model, "load", lambda: None)
    scam = "j'ai commandé un sac sur le compte insta @maroquinerie_lux, payé 90 euros, jamais reçu"
    drug = "j'ai commandé de la beuh sur le snap greenexpress44, livré en bas de chez moi"
    assert analyse(scam).triage != "exploitable"
    assert analyse(drug).triage == "exploitable"
