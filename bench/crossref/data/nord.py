# ruff: noqa: E501  (hand-written citizens' texts, kept as typed)
"""A hand-written set of reports of the Nord (59), with ground truth, for `bench.crossref.score`.

Written by hand before any tuning on it (its first score is in bench/results/crossref-quality.md):
many "citizens" (SMS style, capitals, typos, long and short), most identifiers only in the free
text, decoys next to targets: a second point of sale ~200 m from a first one with other hours,
people and vehicles; unrelated incidents in the same building as a point of sale or a stash
(a noisy neighbour, a stolen scooter, a stolen bike); look-alike vehicles of the same make and
colour with another plate; a delivery network that changes phone; a point of sale that moves two
streets after a police operation but keeps its car and its phone; a relay van seen with partial
plates and one misread character; lone reports near dossiers. Some lines use words an
integration partner would write for the API's enumerations (``garage``, ``college``,
``mineurs``…). All names, plates, phones and handles are invented.

    python -m bench.crossref.data.nord   # writes nord.jsonl and nord.truth.jsonl next to it
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

_NS = uuid.UUID("0b5e59a1-3c2d-4e6f-9a8b-7c6d5e4f3a21")
_ROWS: list[tuple[str | None, dict[str, Any]]] = []

LILLE, ROUBAIX, TOURCOING, VDA = "59350", "59512", "59599", "59009"


def _r(dossier: str | None, when: str, category: str, text: str, **fields: Any) -> None:
    number = len(_ROWS)
    report: dict[str, Any] = {
        "submission_id": str(uuid.uuid5(_NS, str(number))),
        "received_at": f"2026-{when}:00+01:00",
        "category": category,
        "description": text,
    }
    report.update(fields)
    _ROWS.append((dossier, report))


def _loc(lat: float, lon: float, commune: str, **more: Any) -> dict[str, Any]:
    return {"lat": lat, "lon": lon, "commune": commune, **more}


DEAL, LIV, MOB, STOCK, RELAIS, AUTRE = (
    "point_de_deal",
    "livraison",
    "vendeur_mobile",
    "stockage",
    "vehicule_relais",
    "autre_crime",
)

# ---------------------------------------------------------------------------------------------
# A — point of sale, hall of 14 rue de l'Alma, Roubaix; evenings 18h–minuit; a tall bearded
# seller in a black North Face down jacket, a small lookout on a kick scooter, a grey Peugeot 308
# FR-613-KD that brings the stock.
_r(
    A := "A",
    "01-09T22:14",
    DEAL,
    "Bonsoir, trafic de drogue tous les soirs devant le hall du 14 rue de l'Alma à Roubaix. Ça "
    "commence vers 18h et ça tourne jusqu'à minuit passé. Un grand barbu avec une doudoune noire "
    "North Face fait les ventes, un petit sur une trottinette fait le guet au coin.",
    location=_loc(50.69931, 3.16522, ROUBAIX, place_kind="hall"),
)
_r(
    A,
    "01-17T19:40",
    DEAL,
    "14 rue de l alma, les clients défilent en voiture, ils se garent en double file et repartent "
    "au bout de 2 min. ca dure toute la soiree",
    location=_loc(50.69942, 3.16508, ROUBAIX),
)
_r(
    A,
    "01-28T23:05",
    DEAL,
    "Je vis au 14. Le soir on ne peut plus rentrer dans notre hall sans passer devant eux. Une 308 "
    "grise FR-613-KD vient vers 21h, le barbu récupère un sac dans le coffre.",
    location=_loc(50.69925, 3.16530, ROUBAIX, place_kind="entree_immeuble"),
)
_r(
    A,
    "02-06T20:30",
    DEAL,
    "DEAL DEVANT LE 14 RUE DE L'ALMA !!! LE GRAND BARBU EN DOUDOUNE NOIRE CRIE SUR LES HABITANTS. "
    "LA POLICE NE FAIT RIEN",
    location=_loc(50.69936, 3.16515, ROUBAIX),
    risks=["violences"],
)
_r(
    A,
    "02-19T18:45",
    DEAL,
    "Point de vente rue de l'Alma (hall du 14). Ouverture vers 18h, fermeture vers 0h30. Le "
    "guetteur est un ado d'environ 15 ans sur une trottinette électrique, casquette blanche.",
    location=_loc(50.69929, 3.16519, ROUBAIX, place_kind="hall"),
    risks=["mineurs"],
)
_r(
    A,
    "03-03T21:50",
    DEAL,
    "peugeot 308 gris plaque FR 613 KD garée devant l'immeuble tous les soirs, le conducteur "
    "donne des paquets au type en doudoune",
    location=_loc(50.69945, 3.16535, ROUBAIX),
)
_r(
    A,
    "03-21T22:20",
    DEAL,
    "Toujours le même manège au 14 rue de l'Alma. Le vendeur : grand, barbe, doudoune North Face "
    "noire même quand il fait doux. Entre 19h et minuit.",
    location=_loc(50.69938, 3.16512, ROUBAIX, place_kind="hall"),
)
_r(
    A,
    "04-12T19:10",
    DEAL,
    "Des jeunes vendent du shit dans l'entrée de notre immeuble rue de l'Alma, le soir. Ma fille a "
    "peur de rentrer.",
    location=_loc(50.69924, 3.16526, ROUBAIX, place_kind="entree_immeuble"),
    risks=["mineurs"],
)
_r(
    A,
    "05-02T23:40",
    DEAL,
    "ce soir encore deal au hall 14 alma, la 308 grise FR-613-K? est là, le guetteur en "
    "trottinette aussi",
    location=_loc(50.69933, 3.16524, ROUBAIX),
)

# A2 — decoy: another point of sale ~190 m east, in front of the épicerie rue Archimède,
# afternoons 13h–18h, a young man with bleached hair and a Gucci bag, a black Golf GB-208-ZN.
_r(
    A2 := "A2",
    "01-14T15:30",
    DEAL,
    "Devant l'épicerie de la rue Archimède à Roubaix, un jeune aux cheveux décolorés (blond) vend "
    "de la résine l'après-midi, il a une sacoche Gucci.",
    location=_loc(50.69930, 3.16788, ROUBAIX, place_kind="commerce"),
)
_r(
    A2,
    "02-02T16:05",
    DEAL,
    "rue archimede devant l epicerie, deal entre 13h et 18h environ, une golf noire GB-208-ZN "
    "stationne sur le trottoir",
    location=_loc(50.69941, 3.16801, ROUBAIX),
)
_r(
    A2,
    "02-24T14:20",
    DEAL,
    "Le blond à la sacoche Gucci est encore devant l'épicerie cet après-midi, il fait des "
    "allers-retours vers une Golf noire.",
    location=_loc(50.69926, 3.16776, ROUBAIX, place_kind="rue"),
)
_r(
    A2,
    "03-30T17:15",
    DEAL,
    "Trafic en plein jour rue Archimède, à côté de l'épicerie. Vers 14h-17h il y a toujours 3 ou 4 "
    "clients qui attendent. Golf noire immatriculée GB 208 ZN.",
    location=_loc(50.69937, 3.16795, ROUBAIX),
)
_r(
    A2,
    "04-27T13:50",
    DEAL,
    "jeune cheveux blonds teints, survet blanc, sacoche gucci, vend devant l'épicerie de la rue "
    "archimède l'aprem",
    location=_loc(50.69933, 3.16782, ROUBAIX, place_kind="commerce"),
)

# Unrelated incidents in A's building (lone).
_r(
    None,
    "02-11T02:30",
    AUTRE,
    "Voisin du 3e étage au 14 rue de l'Alma : musique à fond toutes les nuits jusqu'à 3h, cris, "
    "on n'arrive plus à dormir. Il a une quarantaine d'années, petit et chauve.",
    location=_loc(50.69932, 3.16521, ROUBAIX, place_kind="logement"),
)
_r(
    None,
    "03-14T09:10",
    AUTRE,
    "On m'a volé mon scooter Peugeot Kisbee bleu cette nuit dans le garage de la résidence du 14 "
    "rue de l'Alma. La porte du garage est cassée depuis des semaines.",
    location=_loc(50.69940, 3.16528, ROUBAIX, place_kind="garage"),
)

# ---------------------------------------------------------------------------------------------
# B — delivery network in Lille, known as "lille_drive59" on Snapchat; phone 06 51 23 47 89,
# then 07 68 21 94 03 from March; drivers in a grey Clio FK-418-SC.
_r(
    B := "B",
    "01-11T20:00",
    LIV,
    "Des cartes de visite sur les pare-brise dans tout le quartier Vauban : « Livraison 7j/7 "
    "11h-2h, snap lille_drive59 ». C'est de la drogue évidemment.",
    location=_loc(50.63420, 3.04860, LILLE, place_kind="rue"),
)
_r(
    B,
    "01-23T22:35",
    LIV,
    "Mon voisin commande de la coke, un livreur passe en Clio grise. Sur la carte il y a le numéro "
    "06 51 23 47 89.",
    location=_loc(50.63020, 3.09110, LILLE, place_kind="logement"),
)
_r(
    B,
    "02-05T23:50",
    LIV,
    "Livraison de drogue devant chez moi à Wazemmes vers minuit, une Clio 4 grise, plaque "
    "FK-418-SC, le livreur est resté 1 minute.",
    location=_loc(50.62770, 3.05430, LILLE),
)
_r(
    B,
    "02-16T18:20",
    LIV,
    "Sur snapchat le compte lille_drive59 poste son menu tous les jours (beuh, résine, cc) avec "
    "livraison sur toute la métropole",
    location=_loc(50.62030, 3.07010, LILLE),
)
_r(
    B,
    "03-04T21:15",
    LIV,
    "Attention ils ont changé de numéro : l'ancien 06.51.23.47.89 ne répond plus, le nouveau "
    "c'est le 07 68 21 94 03, ils l'ont envoyé par SMS à tous leurs clients.",
    location=_loc(50.63110, 3.06020, LILLE),
)
_r(
    B,
    "03-18T00:40",
    LIV,
    "0768219403 sur whatsapp, ils livrent en 30 min à Fives. Le livreur est en Clio grise, jeune "
    "avec une casquette.",
    location=_loc(50.63190, 3.09280, LILLE, place_kind="rue"),
)
_r(
    B,
    "04-01T19:55",
    LIV,
    "Je reçois des SMS de pub pour de la drogue venant du +33 7 68 21 94 03, je ne connais pas "
    "ce numéro.",
    location=_loc(50.61840, 3.06250, LILLE),
)
_r(
    B,
    "04-20T23:10",
    LIV,
    "Clio grise FK-41?-S? qui fait des livraisons rue Solférino le soir, le livreur ne descend "
    "jamais, les gens viennent à la fenêtre.",
    location=_loc(50.63260, 3.05590, LILLE),
)
_r(
    B,
    "05-13T21:00",
    LIV,
    "« Lille drive » sur snap (@lille_drive59), ils font même des promos pour les étudiants.",
    location=_loc(50.62510, 3.07550, LILLE),
)

# Look-alike car: a grey Clio with another plate, a man selling from it at a supermarket car
# park at lunchtime (lone).
_r(
    None,
    "03-09T12:40",
    MOB,
    "Un homme d'une cinquantaine d'années vend des cachets depuis sa Clio grise sur le parking du "
    "Carrefour de Lomme? Non, Lille Fives, vers midi. Plaque FN-227-TB.",
    location=_loc(50.63300, 3.09800, LILLE, place_kind="parking"),
)

# ---------------------------------------------------------------------------------------------
# C — point of sale in Tourcoing: car park rue de Tournai, then, after a police operation in
# March, square Churchill two streets away; same black Audi A3 GH-482-KL and phone
# 07 53 18 62 40; seller in his thirties, shaved head, tattoo on the neck; 17h–22h.
_r(
    C := "C",
    "01-20T19:30",
    DEAL,
    "Parking de la rue de Tournai à Tourcoing, derrière la salle de sport : vente de drogue tous "
    "les soirs de 17h à 22h. Une Audi A3 noire est toujours là.",
    location=_loc(50.72200, 3.15500, TOURCOING, place_kind="parking"),
)
_r(
    C,
    "02-03T20:45",
    DEAL,
    "Le vendeur du parking rue de Tournai a le crâne rasé et un tatouage dans le cou, la trentaine. "
    "Les clients appellent le 07 53 18 62 40 avant de venir.",
    location=_loc(50.72214, 3.15522, TOURCOING),
)
_r(
    C,
    "02-17T18:10",
    DEAL,
    "audi a3 noire GH-482-KL, le mec vend depuis la voiture sur le parking derriere la salle de "
    "sport",
    location=_loc(50.72188, 3.15486, TOURCOING, place_kind="parking"),
)
_r(
    C,
    "03-01T21:30",
    DEAL,
    "Point de deal parking rue de Tournai, de 17h à 22h, l'Audi noire GH 482 KL. Il y a des "
    "bagarres entre clients.",
    location=_loc(50.72205, 3.15510, TOURCOING),
    risks=["violences"],
)
_r(
    C,
    "03-20T19:15",
    DEAL,
    "Depuis la descente de police la semaine dernière il n'y a plus rien sur le parking rue de "
    "Tournai, mais ils se sont installés au square Churchill, deux rues plus loin. Même Audi A3 "
    "noire.",
    location=_loc(50.72378, 3.15762, TOURCOING, place_kind="place"),
)
_r(
    C,
    "04-03T20:00",
    DEAL,
    "Au square Churchill, un homme au crâne rasé avec un tatouage au cou vend de 17h à 22h, les "
    "gens lui téléphonent au 0753186240.",
    location=_loc(50.72390, 3.15748, TOURCOING),
)
_r(
    C,
    "04-22T18:35",
    DEAL,
    "square churchill trafic le soir, audi noire GH482KL garée sur le côté",
    location=_loc(50.72371, 3.15770, TOURCOING, place_kind="parc"),
)
_r(
    C,
    "05-10T21:05",
    DEAL,
    "Des enfants jouent au square Churchill pendant que le dealer vend à côté, entre 18h et 22h. "
    "C'est la même équipe que rue de Tournai avant.",
    location=_loc(50.72385, 3.15755, TOURCOING),
    risks=["enfants"],
)
_r(
    C,
    "05-28T19:50",
    DEAL,
    "Trafic square Churchill : le numéro 07-53-18-62-40 circule dans le quartier pour commander.",
    location=_loc(50.72382, 3.15766, TOURCOING),
)

# Lone, in the same square, the afternoon: high-school pupils smoking.
_r(
    None,
    "04-15T14:10",
    AUTRE,
    "Des lycéens fument des joints au square Churchill l'après-midi pendant la pause, ils "
    "laissent leurs déchets partout.",
    location=_loc(50.72392, 3.15775, TOURCOING, place_kind="square"),
)

# ---------------------------------------------------------------------------------------------
# D — relay van: white Renault Trafic DS-719-PM, seen at boxes in Roubaix, at Villeneuve-d'Ascq,
# in Lille; partial plates and one misread character (R for P).
_r(
    D := "D",
    "01-26T03:10",
    RELAIS,
    "Cette nuit vers 3h un Renault Trafic blanc immatriculé DS-719-PM a déchargé des gros sacs "
    "dans un box des garages de la rue Pierre de Roubaix. Ça fait la troisième fois.",
    location=_loc(50.68820, 3.18110, ROUBAIX, place_kind="garage"),
)
_r(
    D,
    "02-22T02:45",
    RELAIS,
    "Camionnette blanche Renault, plaque DS-7??-PM, stationnée aux boxes en pleine nuit, deux "
    "hommes transportent des sacs de sport.",
    location=_loc(50.68832, 3.18095, ROUBAIX),
)
_r(
    D,
    "03-12T11:20",
    RELAIS,
    "Sur le parking du centre commercial V2 à Villeneuve d'Ascq, échange de sacs entre un Trafic "
    "blanc DS 719 RM et une Audi noire.",
    location=_loc(50.64480, 3.14350, VDA, place_kind="parking"),
)
_r(
    D,
    "04-08T04:00",
    RELAIS,
    "Utilitaire blanc (Trafic) garé devant un box la nuit, les 2 gars regardent partout avant "
    "d'ouvrir. Je n'ai vu que le début de la plaque : DS-71",
    location=_loc(50.68815, 3.18120, ROUBAIX, place_kind="box"),
)
_r(
    D,
    "05-05T13:30",
    RELAIS,
    "Le fourgon blanc que tout le monde voit aux garages de la rue Pierre, je l'ai vu porte des "
    "Postes à Lille, même plaque DS719PM, il livrait un appartement.",
    location=_loc(50.61800, 3.05700, LILLE),
)
_r(
    D,
    "05-30T02:20",
    RELAIS,
    "Trafic blanc",
    location=_loc(50.68826, 3.18104, ROUBAIX, place_kind="garage"),
    vehicles=[{"kind": "utilitaire", "make": "Renault", "colour": "blanc", "plate": "DS-719-PM"}],
    observed_at="2026-05-30T02:00:00+02:00",
)

# Look-alike van (lone): another white Trafic, a plumber's, reported by a worried neighbour.
_r(
    None,
    "04-18T10:00",
    AUTRE,
    "Un Renault Trafic blanc DX-552-HB se gare tous les matins devant l'école rue de Lannoy à "
    "Roubaix, le chauffeur regarde les enfants, je trouve ça bizarre.",
    location=_loc(50.68540, 3.17900, ROUBAIX, place_kind="ecole"),
)

# ---------------------------------------------------------------------------------------------
# E — stash flat, Lille-Sud, résidence des Oliviers bâtiment C, 2nd floor: a woman of about 50
# with grey hair, young men bringing sports bags at night (23h–2h), a red scooter.
_r(
    E := "E",
    "02-09T01:20",
    STOCK,
    "Appartement au 2e étage du bâtiment C de la résidence des Oliviers (Lille-Sud) : des jeunes "
    "apportent des sacs de sport en pleine nuit, entre 23h et 2h. Une dame d'une cinquantaine "
    "d'années aux cheveux gris leur ouvre.",
    location=_loc(50.61420, 3.05610, LILLE, place_kind="appartement"),
)
_r(
    E,
    "02-25T23:45",
    STOCK,
    "resid des oliviers bat C, je pense qu'il y a une nourrice au 2eme, allers retours la nuit avec "
    "des sacs, un scooter rouge attend en bas",
    location=_loc(50.61428, 3.05598, LILLE),
)
_r(
    E,
    "03-16T00:30",
    STOCK,
    "Encore des allées et venues cette nuit au bâtiment C, 2e étage. La femme aux cheveux gris "
    "descend récupérer les sacs au scooter rouge.",
    location=_loc(50.61415, 3.05620, LILLE, place_kind="entree_immeuble"),
)
_r(
    E,
    "04-06T01:50",
    STOCK,
    "Odeur très forte de cannabis dans la cage d'escalier du bât C (Oliviers) et des sacs "
    "déposés dans une cave la nuit vers 1h.",
    location=_loc(50.61424, 3.05605, LILLE, place_kind="cave"),
)
_r(
    E,
    "05-19T23:20",
    STOCK,
    "La dame du 2e (bâtiment C résidence des Oliviers), la cinquantaine, cheveux gris, reçoit des "
    "jeunes avec des sacs Adidas vers 23h-1h, c'est un stockage",
    location=_loc(50.61419, 3.05614, LILLE),
)

# Unrelated incidents in E's building (lone).
_r(
    None,
    "03-07T03:15",
    AUTRE,
    "Fête tous les week-ends au 4e du bâtiment C des Oliviers, musique, bouteilles jetées par la "
    "fenêtre. Ce sont des étudiants.",
    location=_loc(50.61421, 3.05609, LILLE, place_kind="appartement"),
)
_r(
    None,
    "04-29T08:30",
    AUTRE,
    "Mon vélo a été volé dans la cave du bâtiment C, résidence des Oliviers. Le cadenas a été "
    "coupé.",
    location=_loc(50.61426, 3.05612, LILLE, place_kind="cave"),
)

# ---------------------------------------------------------------------------------------------
# F — point of sale at the Gambetta metro exit, Wazemmes; daytime 11h–19h; one with a black bob
# hat and a Louis Vuitton bag, one small and thin in a grey jogging suit.
_r(
    F := "F",
    "01-15T14:30",
    DEAL,
    "Sortie du métro Gambetta côté marché de Wazemmes : deux types vendent de la résine en pleine "
    "journée, de 11h à 19h. L'un porte un bob noir et une sacoche Louis Vuitton.",
    location=_loc(50.62840, 3.05200, LILLE, place_kind="arret"),
)
_r(
    F,
    "02-01T12:10",
    DEAL,
    "métro gambetta deal devant la sortie, un petit maigre en jogging gris et un autre avec un bob",
    location=_loc(50.62852, 3.05188, LILLE),
)
_r(
    F,
    "02-21T16:45",
    DEAL,
    "Vente de drogue au métro Gambetta en plein marché le dimanche matin et tous les après-midis. "
    "Le gars au bob noir interpelle les passants.",
    location=_loc(50.62833, 3.05212, LILLE, place_kind="gare"),
)
_r(
    F,
    "03-13T18:20",
    DEAL,
    "Devant la station Gambetta, toujours le même duo : sacoche LV + bob noir, et un petit en "
    "survêtement gris. De midi à 19h environ.",
    location=_loc(50.62845, 3.05195, LILLE, place_kind="station"),
)
_r(
    F,
    "04-04T11:40",
    DEAL,
    "Wazemmes, sortie métro Gambetta, rue des Sarrazins : trafic de shit à toute heure de la "
    "journée, des collégiens achètent.",
    location=_loc(50.62858, 3.05215, LILLE),
    risks=["mineurs"],
)
_r(
    F,
    "04-25T15:05",
    DEAL,
    "Un jeune au bob noir vend au métro Gambetta, il range la marchandise dans sa sacoche Louis "
    "Vuitton. 15h aujourd'hui.",
    location=_loc(50.62838, 3.05205, LILLE),
)
_r(
    F,
    "05-23T13:25",
    DEAL,
    "Deal à la sortie du métro Gambetta, 2 personnes, entre 11h et 19h tous les jours sauf le "
    "lundi.",
    location=_loc(50.62849, 3.05192, LILLE, place_kind="transport"),
)

# F2 — decoy: another point of sale ~210 m away, place de la Nouvelle Aventure, at night
# (21h–2h), a tall man with braids and a Canada Goose parka, a white Mercedes class A.
_r(
    F2 := "F2",
    "01-30T23:15",
    DEAL,
    "Place de la Nouvelle Aventure, la nuit, un grand avec des tresses et une parka Canada Goose "
    "vend de la cocaïne près du kebab, de 21h à 2h du matin.",
    location=_loc(50.62660, 3.05090, LILLE, place_kind="place"),
)
_r(
    F2,
    "02-27T00:30",
    DEAL,
    "place nouvelle aventure deal la nuit, mercedes classe A blanche garée devant le kebab avec "
    "les warnings",
    location=_loc(50.62648, 3.05102, LILLE),
)
_r(
    F2,
    "03-27T22:40",
    DEAL,
    "Le type aux tresses (parka Canada Goose) vend encore place de la Nouvelle Aventure ce soir, "
    "il monte dans une Mercedes blanche quand la police passe.",
    location=_loc(50.62655, 3.05085, LILLE, place_kind="bar"),
)
_r(
    F2,
    "05-08T01:10",
    DEAL,
    "Trafic nocturne place de la Nouvelle-Aventure, entre 22h et 2h, près du kebab. Grand, "
    "tresses, doudoune Canada Goose.",
    location=_loc(50.62663, 3.05096, LILLE),
)

# ---------------------------------------------------------------------------------------------
# G — mobile seller in Villeneuve-d'Ascq, Telegram "vda_plug", black Yamaha T-Max EZ-391-WB.
_r(
    G := "G",
    "02-12T21:30",
    MOB,
    "À Villeneuve d'Ascq un vendeur en T-Max noir livre les étudiants de la cité scientifique, il "
    "se fait contacter sur Telegram : vda_plug.",
    location=_loc(50.60910, 3.14020, VDA),
)
_r(
    G,
    "03-05T22:15",
    MOB,
    "Scooter Yamaha TMAX noir immatriculé EZ-391-WB, il fait des échanges rapides devant les "
    "résidences étudiantes de Pont de Bois.",
    location=_loc(50.62310, 3.12700, VDA, place_kind="residence"),
)
_r(
    G,
    "03-29T20:50",
    MOB,
    "telegram @vda_plug fait de la pub dans les groupes d'étudiants de la fac, livraison en tmax",
    location=_loc(50.61580, 3.13550, VDA),
)
_r(
    G,
    "04-17T23:05",
    MOB,
    "Un gars en T-Max noir vend au Triolo le soir, plaque EZ-39?-W?, casque noir, il ne reste "
    "jamais plus de 2 minutes.",
    location=_loc(50.61820, 3.13600, VDA, place_kind="rue"),
)
_r(
    G,
    "05-21T21:40",
    MOB,
    "Le « plug » de VDA (Telegram vda_plug) passe maintenant aussi à Hellemmes, toujours avec "
    "son maxi-scooter noir.",
    location=_loc(50.62680, 3.10920, LILLE),
)

# ---------------------------------------------------------------------------------------------
# H — dealing at the gates of a collège in Tourcoing (collège Albert Roussel), 15h30–18h,
# a young adult of about 20 on a white scooter, selling to pupils.
_r(
    H := "H",
    "01-22T16:40",
    DEAL,
    "À la sortie du collège Albert Roussel à Tourcoing, un jeune d'une vingtaine d'années sur un "
    "scooter blanc vend du cannabis aux collégiens, vers 16h30.",
    location=_loc(50.71700, 3.17200, TOURCOING, place_kind="college"),
    risks=["mineurs"],
)
_r(
    H,
    "02-13T17:05",
    DEAL,
    "Mon fils de 13 ans s'est fait proposer de la drogue devant le collège Roussel. Le vendeur a "
    "un scooter blanc et une veste Moncler.",
    location=_loc(50.71712, 3.17188, TOURCOING, place_kind="ecole"),
    risks=["mineurs"],
)
_r(
    H,
    "03-10T15:50",
    DEAL,
    "Devant le collège Albert-Roussel, tous les jours de 15h30 à 18h, un homme de 20 ans environ "
    "en scooter blanc. Les élèves font la queue !",
    location=_loc(50.71695, 3.17210, TOURCOING),
    risks=["enfants"],
)
_r(
    H,
    "04-14T16:20",
    DEAL,
    "scooter blanc devant le college roussel a la sortie des cours, il vend aux 4e et 3e",
    location=_loc(50.71705, 3.17196, TOURCOING, place_kind="college"),
)
_r(
    H,
    "05-26T17:30",
    DEAL,
    "Le dealer du collège Roussel (veste Moncler, scooter blanc) est revenu après les vacances, "
    "entre 16h et 18h.",
    location=_loc(50.71708, 3.17205, TOURCOING, place_kind="etablissement_scolaire"),
    risks=["mineurs"],
)

# Lone, at the same collège: a fight between pupils.
_r(
    None,
    "03-24T12:15",
    AUTRE,
    "Bagarre entre élèves devant le collège Albert Roussel à midi, un adulte en voiture noire les "
    "filme. Je ne sais pas si ça a un rapport avec la drogue.",
    location=_loc(50.71702, 3.17215, TOURCOING, place_kind="college"),
)

# ---------------------------------------------------------------------------------------------
# Lone reports across the département, some near dossiers.
_r(
    None,
    "01-12T17:00",
    DEAL,
    "Des jeunes traînent le soir au pied des tours du quartier de la Bourgogne à Tourcoing, je "
    "pense qu'ils vendent.",
    location=_loc(50.73020, 3.17050, TOURCOING, place_kind="quartier"),
)
_r(
    None,
    "01-25T20:30",
    LIV,
    "Un livreur de drogue passe tous les vendredis soir dans ma rue à Lambersart, en Twingo "
    "verte. Numéro sur le pare-brise : 06 22 98 14 07.",
    location=_loc(50.64750, 3.02180, "59328", place_kind="rue"),
)
_r(
    None,
    "02-04T10:00",
    DEAL,
    "Rue de l'Alma à Roubaix, le matin vers 10h, un homme âgé vend des cigarettes de "
    "contrebande devant la boulangerie.",
    location=_loc(50.69910, 3.16410, ROUBAIX, place_kind="commerce"),
)
_r(
    None,
    "02-14T18:00",
    DEAL,
    "Trafic de cocaïne dans un bar du centre de Valenciennes, le patron est au courant.",
    location=_loc(50.35790, 3.52380, "59606", place_kind="bar"),
)
_r(
    None,
    "02-20T22:00",
    DEAL,
    "Point de deal au pied de la tour Europe à Dunkerque, quartier de l'île Jeanty, le soir.",
    location=_loc(51.03200, 2.38500, "59183", place_kind="hall"),
)
_r(
    None,
    "03-02T15:00",
    STOCK,
    "Une maison rue de Valenciennes à Douai reçoit des colis toute la journée, les volets sont "
    "toujours fermés.",
    location=_loc(50.36500, 3.08700, "59178", place_kind="maison"),
)
_r(
    None,
    "03-11T19:30",
    MOB,
    "Un vendeur en vélo électrique noir livre au campus de Cambrai, pseudo insta : cambrai.weed",
    location=_loc(50.17500, 3.23600, "59122"),
)
_r(
    None,
    "03-17T21:00",
    DEAL,
    "Square Churchill? Non, square du Pont de Neuville à Tourcoing : deux hommes en noir vendent le "
    "soir vers 21h.",
    location=_loc(50.73380, 3.16050, TOURCOING, place_kind="square"),
)
_r(
    None,
    "03-25T23:30",
    DEAL,
    "Deal près de la gare de Maubeuge la nuit, un homme en capuche.",
    location=_loc(50.27680, 3.96720, "59392", place_kind="gare"),
)
_r(
    None,
    "04-02T17:45",
    DEAL,
    "Sur le parking de la rue de Tournai à Tourcoing, un homme en survêtement rouge vend des "
    "pneus volés le samedi après-midi.",
    location=_loc(50.72195, 3.15495, TOURCOING, place_kind="parking"),
)
_r(
    None,
    "04-10T20:15",
    LIV,
    "Livraison de drogue à Croix : appeler le 07 45 11 38 90, livreur en scooter gris.",
    location=_loc(50.67990, 3.15690, "59163", place_kind="rue"),
)
_r(
    None,
    "04-21T16:00",
    DEAL,
    "Rue Archimède à Roubaix, une voiture noire Golf GB-281-NZ fait des tours de pâté de maisons "
    "le matin, ça a l'air louche.",
    location=_loc(50.69950, 3.16850, ROUBAIX, place_kind="rue"),
)
_r(
    None,
    "04-30T22:00",
    DEAL,
    "Sortie de métro Gambetta à Lille, le soir vers 22h, un homme âgé en fauteuil roulant "
    "demande de l'argent et propose des cachets.",
    location=_loc(50.62846, 3.05207, LILLE, place_kind="station"),
)
_r(
    None,
    "05-06T18:30",
    DEAL,
    "Trafic au city stade de Wattrelos, des ados à vélo, vers 18h.",
    location=_loc(50.70200, 3.21600, "59650", place_kind="place"),
)
_r(
    None,
    "05-12T14:00",
    AUTRE,
    "Des seringues retrouvées dans le hall du 14 rue de l'Alma ce matin, des enfants auraient pu "
    "se piquer.",
    location=_loc(50.69934, 3.16523, ROUBAIX, place_kind="hall"),
    risks=["enfants"],
)
_r(
    None,
    "05-16T23:00",
    DEAL,
    "Résidence des Oliviers, bâtiment A (pas le C), des jeunes vendent du shit sur le parking de "
    "20h à 23h, un Audi Q3 gris.",
    location=_loc(50.61470, 3.05700, LILLE, place_kind="parking"),
)
_r(
    None,
    "05-24T20:40",
    MOB,
    "Un type en T-Max blanc vend à la sortie du métro Pont de Bois à Villeneuve d'Ascq, plaque "
    "FA-882-LK.",
    location=_loc(50.62330, 3.12690, VDA, place_kind="arret"),
)
_r(
    None,
    "06-01T19:00",
    DEAL,
    "Mons-en-Barœul, au pied de la résidence du Nouveau Mons, vente de résine le soir par des "
    "mineurs en scooter.",
    location=_loc(50.64240, 3.11030, "59410", place_kind="quartier"),
    risks=["mineurs"],
)
_r(
    None,
    "06-04T16:30",
    DEAL,
    "Armentières, derrière la médiathèque, un vendeur au bob beige le mercredi après-midi.",
    location=_loc(50.68600, 2.88250, "59017", place_kind="place"),
)
_r(
    None,
    "06-07T21:20",
    LIV,
    "Hem, livraison de drogue par un certain « Momo » sur Snapchat (momo_hem59), voiture Clio "
    "grise.",
    location=_loc(50.65420, 3.18000, "59299"),
)

# A few more, written after the first pass (still before any scoring).
_r(
    A,
    "05-20T20:05",
    DEAL,
    "Signalement pour le 14 rue de l'Alma (Roubaix) : le barbu à la doudoune noire et son "
    "guetteur sont là chaque soir à partir de 18h, les voisins n'osent plus rien dire.",
    location=_loc(50.69927, 3.16517, ROUBAIX),
)
_r(
    B,
    "05-29T22:25",
    LIV,
    "j'ai reçu un message du 07 68 21 94 03 : 'nouvelle carte dispo, livraison lille et "
    "alentours'. c'est le meme reseau que les cartes sur les voitures ?",
    location=_loc(50.64010, 3.06900, LILLE),
)
_r(
    D,
    "06-03T03:30",
    RELAIS,
    "Garages rue Pierre à Roubaix : le Trafic blanc de la nuit est revenu, DS-719-P?, ils ont "
    "chargé des cartons.",
    location=_loc(50.68818, 3.18102, ROUBAIX),
)
_r(
    G,
    "06-05T22:45",
    MOB,
    "étudiante à la cité scientifique : un mec en TMAX noir EZ 391 WB vend devant la résidence "
    "Camus, on le contacte sur telegram",
    location=_loc(50.60950, 3.14080, VDA),
)
_r(
    None,
    "06-06T18:10",
    DEAL,
    "Roubaix, rue de l'Alma, devant le 40 : des jeunes à vélo vendent l'après-midi, je ne sais "
    "pas qui.",
    location=_loc(50.70020, 3.16310, ROUBAIX, place_kind="rue"),
)
_r(
    None,
    "06-08T20:00",
    AUTRE,
    "Rodéos urbains tous les soirs rue de Tournai à Tourcoing, des motos cross sans plaque.",
    location=_loc(50.72230, 3.15540, TOURCOING, place_kind="rue"),
)
_r(
    None,
    "06-09T11:00",
    DEAL,
    "Marché de Wazemmes, un vendeur à la sauvette propose du tabac à chicha et « autre chose » "
    "le dimanche matin.",
    location=_loc(50.62790, 3.05330, LILLE, place_kind="place"),
)
_r(
    None,
    "06-10T23:45",
    DEAL,
    "Lille Moulins, rue d'Arras, deal dans le hall du 25 le soir, un homme en doudoune rouge.",
    location=_loc(50.61960, 3.06830, LILLE, place_kind="hall"),
)


def rows() -> list[tuple[str | None, dict[str, Any]]]:
    return list(_ROWS)


def main() -> None:
    here = Path(__file__).resolve().parent
    with (here / "nord.jsonl").open("w", encoding="utf-8") as fh:
        for _, report in _ROWS:
            fh.write(json.dumps(report, ensure_ascii=False) + "\n")
    with (here / "nord.truth.jsonl").open("w", encoding="utf-8") as fh:
        for dossier, report in _ROWS:
            line = {"submission_id": report["submission_id"], "dossier": dossier}
            fh.write(json.dumps(line) + "\n")
    labels = {d for d, _ in _ROWS if d}
    print(f"{len(_ROWS)} reports, {len(labels)} true dossiers, "
          f"{sum(1 for d, _ in _ROWS if not d)} lone")  # fmt: skip


if __name__ == "__main__":
    main()
