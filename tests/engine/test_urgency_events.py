"""Emergencies told as events (issue 10), and alarming words without a present danger.

The rules alone must hold these (the classifier is switched off): the danger is in what is
happening, to whom, and now, not in a keyword.
"""

from __future__ import annotations

import pytest

from vigie.engine.analysis import analyse, model


@pytest.fixture(autouse=True)
def _rules_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(model, "load", lambda: None)


@pytest.mark.parametrize(
    "text",
    [
        "un gars est allongé devant le hall 3, il respire à peine, ceux du four sont partis",
        "de la fumée noire sort du 2e étage au 5 rue Hoche, une dame est bloquée sur le balcon",
        "ils ont poussé un jeune dans le coffre d'une Clio grise devant le Lidl",
        "une voiture fonce sur les gens devant le bar de la place et recommence",
        "trois types cagoulés forcent la porte de ma voisine, elle est dedans",
        "mon cousin a pris un truc acheté au bloc, il a les lèvres bleues et ne répond plus quand "
        "on lui parle",
        "le petit de la nourrice est enfermé seul dans l'appart, il pleure et tape à la porte",
        "le vendeur du city tourne avec un pistolet à la main, il y a des enfants qui jouent",
        "ils ont tiré des coups de feu la nuit dernière et encore maintenant devant la tour",
        "ma soeur vient de se faire poignarder par son copain, il est parti",
        # a past fact in the text does not cancel a danger happening now
        "ya 2 semaines il y a eu des tirs, et la maintenant ils se battent au couteau dans le hall",
        # the exclusions above keep a person on the ground, a real fire, a threat made in person
        "des bouteilles partout et un jeune est par terre, il saigne de la tête",
        "ça brûle dans la cage d'escalier, la porte du 3e est bloquée",
        "le voisin me menace avec un couteau sur le palier, il frappe à ma porte",
        "des bagarres en ce moment devant la gare, venez vite",
        # a driver fleeing a check among other cars; cars rammed on purpose, men coming out armed
        "une Golf noire vient de foncer à travers le barrage de gendarmerie et roule à "
        "contresens sur la nationale",
        "deux cagoulés viennent de rentrer dans le hall du 4 avec un sac, ça crie en haut",
        "une petite de 4 ans toute seule sur le trottoir de l'avenue, en pyjama, elle pleure",
        # held since yesterday (still going on), fireworks aimed at firefighters, stones thrown
        # at a child, forced into a car, chased and hiding, an overdose told by its signs, a
        # weapon shown to people, Creole, a toll forced now
        "ma cousine est séquestrée depuis hier soir au 4e du 10 rue Gambetta, ils la retiennent",
        "ils tirent des mortiers d'artifice sur les policiers rue Arago, là, ils visent les têtes",
        "deux grands balancent des cailloux sur un gamin coincé en haut du mur du stade",
        "trois types ont obligé un ado à monter dans le coffre d'un Duster devant le Lidl",
        "ils me courent après avec un couteau, je suis caché dans les poubelles du bâtiment C",
        "mon coloc a pris un truc, il tremble de partout, il ne nous reconnaît plus depuis 10 min",
        "le passager d'une Clio agite un pistolet vers les gens qui attendent à l'arrêt de bus",
        "au moment où j'écris un type fait les cent pas devant la crèche avec une machette",
        "yo ka tiré anba bilding la kounye a, an jenn ka senyen, fè vit",
        "une Mercedes vient de forcer le péage de l'A9 et a manqué renverser le caissier",
        "un 4x4 gris roule sur le trottoir du marché, il a renversé une vieille dame et continue",
        "deux bagnoles se rentrent dedans exprès devant le four et les gars descendent avec "
        "des barres de fer",
    ],
)
def test_emergencies_told_as_events_are_urgence(text: str) -> None:
    result = analyse(text)
    assert result.triage == "urgence", result.reasons
    assert "17" in result.reasons[0].rule


@pytest.mark.parametrize(
    "text",
    [
        "il y a trois semaines ils ont menacé mon fils avec un couteau, il a déménagé depuis",
        "accident ce matin au carrefour, deux voitures abîmées, personne n'est blessé",
        "le compte snap menace de poster les photos de ceux qui ne paient pas",
        "les jeunes tirent au pistolet à billes sur les pigeons",
        "des feux d'artifice et des pétards tous les soirs depuis trois soirs",
        "je n'ai jamais été menacé mais je crains pour mon commerce",
        "la camionnette ne bouge plus depuis des semaines sur le parking",
        "le vendeur ne répond plus à mes messages depuis que j'ai payé",
        "le feu tricolore du carrefour ne marche plus",
        "l'an dernier un client a fait une overdose, il s'en est sorti",
        # written as texted: the past or the routine is said with "ya", "y avait", plurals
        "ya 3 mois mon voisin a pris un coup de couteau au parking, depuis ca deal tjrs la bas",
        "y avait de la fumee ce matin au local velo, les pompiers ont eteint, tout va bien",
        "mon neveu a fait un malaise apres un joint, il va bien maintenant, le vendeur est au bloc",
        "ils sortent leur flingue tous les vendredis soir pour impressionner les petits",
        "un gars m'a menace sur fb de me frapper, ca fait une semaine, rien ne s'est passe",
        "ca fait deux mois une bagarre au bar a mal tourne, depuis ca deale derriere",
        # a lawsuit threatened, litter on the ground, an activity that goes on, a season gone,
        # fights told as what the area is like
        "le syndic nous menace d'un procès si on ne repeint pas la façade",
        "des seringues et du papier alu brûlé par terre sous le préau de l'école",
        "le trafic se poursuit jusqu'à minuit sous le porche du 12",
        "des tirs à la cité l'hiver dernier, j'ai peur que ça recommence",
        "on voit des bagarres, des gens qui se piquent, la pharmacie a fermé, invivable",
        # spitting or throwing on the ground, a car that has not moved for months, a threat
        # received by message, a near miss told as a routine
        "les jeunes du porche crachent par terre et laissent leurs canettes, c'est sale",
        "des pochons vides par terre tous les matins sous le toboggan",
        "un vieux Kangoo ne bouge plus depuis l'été au fond du parking, des gars y passent",
        "des gosses jettent des pierres sur mon chat dans la cour, les parents s'en fichent",
        "je ne reconnais plus rien de mon quartier, avant on se parlait dans la rue",
        "les jeunes tirent des feux d'artifice depuis le toit du parking chaque 14 juillet",
        "une voiture louche tourne la nuit dans la cité avec des types cagoulés dedans",
        "une trottinette m'a accroché sur le trottoir, rien de cassé, il a filé",
        "on m'envoie sur WhatsApp des menaces, il écrit qu'il va brûler mon scooter",
        "les motos ont failli écraser un gamin dimanche dernier sur la digue, comme chaque semaine",
    ],
)
def test_alarming_words_without_a_present_danger_are_not_urgence(text: str) -> None:
    assert analyse(text).triage != "urgence"


@pytest.mark.parametrize(
    "text",
    [
        "Ce n'est plus urgent mais samedi dernier il y a eu des tirs vers le stade, depuis "
        "les vendeurs sont revenus sous les arcades tous les soirs",
        "Des collégiens parlent de « la frappe » à la sortie du gymnase, c'est de la drogue ?",
    ],
)
def test_a_denied_urgency_and_a_cited_word_are_no_emergency(text: str) -> None:
    assert analyse(text).triage != "urgence"
