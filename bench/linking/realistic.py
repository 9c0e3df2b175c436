"""A hand-written set of reports of one département (Doubs), with ground truth.

Written by hand to be less regular than the generator: many "citizens", most identifiers only
in the free text, typos, capitals, SMS style; a delivery network that changes phone, a point of
sale that moves after a police operation, decoys next to targets, lone reports. Scored once
before any tuning on it (bench/results/linking.md says which commit). All names, plates,
phones and handles are invented.

    python bench/linking/realistic.py --out realistic.jsonl   # also writes realistic.truth.json
"""

from __future__ import annotations

import argparse
import json
import uuid
from pathlib import Path
from typing import Any

from bench.linking.scenarios import Scenario

_NS = uuid.UUID("6f1c2d3e-4b5a-4c6d-8e7f-001122334455")
_ROWS: list[tuple[str, dict[str, Any]]] = []


def _r(dossier: str, when: str, text: str, **fields: Any) -> None:
    number = len(_ROWS)
    report: dict[str, Any] = {
        "submission_id": str(uuid.uuid5(_NS, str(number))),
        "received_at": f"2026-{when}:00+01:00",
        "description": text,
    }
    report.update(fields)
    _ROWS.append((dossier, report))


def _loc(lat: float, lon: float, commune: str = "25056", **more: Any) -> dict[str, Any]:
    return {"lat": lat, "lon": lon, "commune": commune, **more}


# A — point of sale, hall 12 avenue d'Île-de-France, Planoise (Besançon), evenings.
_r(
    "A",
    "02-03T21:10",
    "Bonjour, tous les soirs il y a un trafic devant le hall du 12 avenue "
    "d'Ile de France a Planoise. Ca commence vers 18h et ca dure jusqu'a 23h. Un jeune en "
    "survet PSG avec une sacoche Lacoste fait les échanges, un autre fait le guet en scooter.",
    location=_loc(47.21852, 5.95296, place_kind="hall"),
    category="point_de_deal",
)
_r(
    "A",
    "02-11T22:40",
    "toujours les memes au 12 av ile de france, le guetteur siffle quand "
    "une voiture arrive. Une Clio grise immatriculée EH-528-QX se gare devant le hall le soir.",
    location=_loc(47.21861, 5.95312),
)
_r(
    "A",
    "02-20T19:05",
    "Deal au pied de mon immeuble (hall 12, avenue d'Île-de-France). "
    "Des clients font la queue entre 19h et 22h.",
    location=_loc(47.21840, 5.95281, place_kind="hall"),
    people=[{"description": "homme, 20 ans environ, survêtement du PSG, sacoche en bandoulière"}],
)
_r(
    "A",
    "03-02T23:30",
    "JE N'EN PEUX PLUS, DEALERS DEVANT LE HALL 12 TOUS LES SOIRS. CLIO "
    "GRISE EH 528 QX. ILS VENDENT A DES GAMINS.",
    location=_loc(47.21858, 5.95301),
    category="point_de_deal",
)
_r(
    "A",
    "03-15T20:15",
    "Il y a du passage en continu le soir devant l'entrée du 12 avenue "
    "d'Ile-de-France, un grand mince en survêtement bleu et blanc du PSG encaisse.",
    observed_at="2026-03-15T20:00:00+01:00",
    location=_loc(47.21849, 5.95322, place_kind="hall"),
)
_r(
    "A",
    "04-01T18:50",
    "Planoise, avenue d'Ile de France, le hall du 12 : vente de shit et "
    "de coke, de 18h à 23h. La Clio grise revient tous les soirs, plaque EH-52?-Q?.",
    location=_loc(47.21866, 5.95290),
)
_r(
    "A",
    "04-19T21:45",
    "Encore ce soir devant notre hall (12 av. Ile-de-France) un jeune "
    "avec une sacoche Lacoste et un guetteur sur un scooter noir.",
    location=_loc(47.21844, 5.95305, place_kind="hall"),
    schedule="le soir jusqu'à 23h",
)
_r(
    "A",
    "05-06T22:05",
    "trafic hall 12 planoise, le vendeur a un survet psg, ya une clio "
    "grise EH528QX toujours garee devant",
    location=_loc(47.21855, 5.95299),
)

# B — decoy next to A: city stade rue de Cologne, 250 m away, afternoons, teenagers.
_r(
    "B",
    "02-08T16:20",
    "Au city stade de la rue de Cologne à Planoise des ados vendent du "
    "cannabis l'après-midi entre 14h et 18h, après les cours.",
    location=_loc(47.22002, 5.95551, place_kind="place"),
    category="point_de_deal",
)
_r(
    "B",
    "02-27T15:40",
    "City stade rue de Cologne : un gamin de 15-16 ans en doudoune rouge "
    "et bonnet vend aux plus jeunes, vers 15h-17h.",
    location=_loc(47.21995, 5.95570),
)
_r(
    "B",
    "03-19T17:05",
    "Les ados du city-stade (rue de Cologne) arrivent sur un scooter Yamaha "
    "blanc, ils vendent des barrettes tous les après-midis.",
    location=_loc(47.22010, 5.95545),
)
_r(
    "B",
    "04-10T14:30",
    "Square et city stade rue de Cologne, l'après-midi : une fille "
    "d'environ 16 ans avec des tresses fait le guet pendant que les autres vendent.",
    location=_loc(47.21990, 5.95562, place_kind="place"),
    schedule="de 14h à 18h",
)
_r(
    "B",
    "05-02T16:55",
    "Encore des mineurs qui dealent au city stade de la rue de Cologne cet "
    "après-midi, doudoune rouge et bonnet noir.",
    location=_loc(47.22006, 5.95558),
)

# C — point at 4 rue Frédéric Chopin (Clairs-Soleils) that moves to the rue Schumann car park
# after a police raid in March; same phone and same black Golf.
_r(
    "C",
    "01-20T20:30",
    "Point de deal devant le 4 rue Frédéric Chopin aux Clairs-Soleils, "
    "tous les soirs de 19h à minuit. Ils distribuent des petits papiers avec le 06 45 87 12 90.",
    location=_loc(47.24750, 6.04800, place_kind="hall"),
    category="point_de_deal",
)
_r(
    "C",
    "02-05T21:15",
    "Rue Chopin au numéro 4, un homme d'une trentaine d'années, barbe, "
    "doudoune beige, vend dans le hall. Une Golf noire GB-771-ZT le ravitaille.",
    location=_loc(47.24762, 6.04788),
)
_r(
    "C",
    "02-22T23:10",
    "hall du 4 r. Chopin, le soir, ça vend. Le numéro pour commander : 0645871290",
    location=_loc(47.24741, 6.04815, place_kind="hall"),
)
_r(
    "C",
    "03-08T20:00",
    "Depuis la descente de police rue Chopin, ils se sont installés sur le "
    "parking de la rue Robert Schumann, juste à côté. Même Golf noire, plaque GB-771-ZT.",
    location=_loc(47.24902, 6.05098, place_kind="parking"),
)
_r(
    "C",
    "03-21T21:45",
    "Parking rue Schumann aux Clairs-Soleils : deal le soir à partir de "
    "19h, un barbu en doudoune beige. Ils donnent le 06.45.87.12.90.",
    location=_loc(47.24895, 6.05110, place_kind="parking"),
)
_r(
    "C",
    "04-09T22:20",
    "Sur le parking Schumann tous les soirs, trafic. Un homme barbu, une "
    "trentaine d'années, veste beige.",
    location=_loc(47.24910, 6.05087, place_kind="parking"),
    schedule="tous les soirs 19h - 0h",
)
_r(
    "C",
    "04-28T20:40",
    "Clairs Soleils parking rue Schumann vente de drogue, golf noire immatriculation GB 771 ZT",
    location=_loc(47.24899, 6.05101),
)
_r(
    "C",
    "05-15T23:55",
    "Le numero 06 45 87 12 90 circule au lycée, c'est le point du parking "
    "Schumann aux Clairs-Soleils",
    location=_loc(47.24905, 6.05095),
)

# D — delivery network, Snapchat le_jardin25, phone changes in March.
_r(
    "D",
    "01-15T19:00",
    "Livraison de cannabis à domicile sur tout Besançon, ils font leur pub "
    "sur Snapchat : le_jardin25. Commande au 07 58 33 21 09.",
    category="livraison",
)
_r(
    "D",
    "02-02T22:30",
    "Mon fils a reçu un menu sur snap de 'le_jardin25', livraison en 30 "
    "minutes. Le livreur vient en Twingo rouge.",
    location=_loc(47.23320, 6.00410, commune="25056"),
)
_r(
    "D",
    "02-25T18:10",
    "Livreurs de drogue dans le quartier des Chaprais, ils donnent le 0758332109 aux clients",
    location=_loc(47.24510, 6.03450, place_kind="rue"),
)
_r(
    "D",
    "03-12T21:00",
    "Le compte snap le_jardin25 annonce un nouveau numéro : 07 66 10 42 88. "
    "Ils livrent à Besançon et autour.",
    category="livraison",
)
_r(
    "D",
    "03-30T20:20",
    "Un livreur en Twingo rouge dépose des sachets à Saint-Ferjeux, on commande au 07.66.10.42.88",
    location=_loc(47.23050, 5.99820),
)
_r(
    "D",
    "04-14T23:40",
    "Livraison de coke à domicile, numéro +33 7 66 10 42 88, secteur Battant et centre-ville.",
    category="livraison",
)
_r(
    "D",
    "05-03T19:30",
    "snapchat @LE_JARDIN25 vend du shit et de la beuh, livraison Besançon",
    category="en_ligne",
)
_r(
    "D",
    "05-20T22:15",
    "Encore la Twingo rouge du livreur rue de Vesoul, il répond au 0766104288",
    location=_loc(47.25310, 6.01550, place_kind="rue"),
)

# E — relay vehicle, white Peugeot Partner DV-391-KM, seen with partial and misread plates.
_r(
    "E",
    "02-14T07:30",
    "Un Peugeot Partner blanc reste garé des heures sur le parking du "
    "Leclerc de Chalezeule, des voitures viennent se garer à côté et repartent vite. Plaque "
    "commence par DV-39",
    location=_loc(47.26210, 6.07020, commune="25111", place_kind="parking"),
    category="vehicule_relais",
)
_r(
    "E",
    "03-03T08:15",
    "Utilitaire blanc Partner immat DV-391-KM, transbordement de sacs sur "
    "le parking de Chalezeule le matin.",
    location=_loc(47.26195, 6.07041, commune="25111"),
)
_r(
    "E",
    "03-25T07:50",
    "Le partner blanc DV 397 KM est encore là ce matin, parking Leclerc.",
    location=_loc(47.26220, 6.07008, commune="25111"),
)
_r(
    "E",
    "04-22T18:40",
    "Sur le parking de la zone commerciale de Valentin un Peugeot Partner "
    "blanc plaque DV-391-K? échange des sacs avec une Audi.",
    location=_loc(47.27980, 5.99030, commune="25056", place_kind="parking"),
)
_r(
    "E",
    "05-12T07:20",
    "Partner blanc (DV-39?-KM) qui sert de nourrice roulante, parking "
    "Leclerc Chalezeule tôt le matin",
    location=_loc(47.26201, 6.07030, commune="25111"),
)

# F — mobile seller in Montbéliard, black Audi A1 FS-204-BN, changes car park.
_r(
    "F",
    "01-28T21:30",
    "A Montbéliard un mec vend depuis une Audi A1 noire, plaque FS-204-BN, "
    "sur le parking de la gare le soir.",
    location=_loc(47.51020, 6.79810, commune="25388", place_kind="parking"),
    category="vendeur_mobile",
)
_r(
    "F",
    "02-18T22:10",
    "Audi A1 noire immat fs 204 bn, le conducteur vend par la fenêtre, "
    "parking du Champ de Foire Montbéliard",
    location=_loc(47.50510, 6.80990, commune="25388"),
)
_r(
    "F",
    "03-09T20:45",
    "vendeur en voiture (A1 noire) qui tourne entre les parkings de Montbéliard, plaque FS-2??-BN",
    location=_loc(47.49480, 6.78990, commune="25388"),
)
_r(
    "F",
    "04-05T21:55",
    "Une Audi noire FS204BN s'arrête devant le bowling, des jeunes viennent acheter à la portière.",
    location=_loc(47.50090, 6.81520, commune="25388"),
)

# G — point at 5 rue de Champvallon, Petite-Hollande (Montbéliard), late afternoons.
_r(
    "G",
    "02-06T17:45",
    "Trafic au 5 rue de Champvallon à la Petite-Hollande, entre 16h et 20h, "
    "deux guetteurs en bas de la tour.",
    location=_loc(47.49850, 6.80400, commune="25388", place_kind="hall"),
    category="point_de_deal",
)
_r(
    "G",
    "03-01T18:30",
    "Petite Hollande, tour du 5 rue de Champvallon, vente de résine fin "
    "d'après-midi. Un homme roux avec une casquette verte.",
    location=_loc(47.49861, 6.80388, commune="25388"),
)
_r(
    "G",
    "03-27T19:10",
    "rue de champvallon n°5 : ca deale au pied de la tour de 16h a 20h, le "
    "rouquin à casquette verte",
    location=_loc(47.49842, 6.80415, commune="25388"),
)
_r(
    "G",
    "04-24T17:20",
    "Deal en bas de chez moi, 5 rue de Champvallon Montbéliard, l'après-midi jusqu'à 20h.",
    location=_loc(47.49855, 6.80395, commune="25388", place_kind="hall"),
)

# G2 — decoy next to G: square 270 m away, late at night, other people.
_r(
    "G2",
    "02-20T23:50",
    "Square de la rue du Dauphiné, Petite-Hollande, ventes la nuit entre "
    "23h et 3h, un grand costaud en doudoune noire.",
    location=_loc(47.50050, 6.80600, commune="25388", place_kind="place"),
    category="point_de_deal",
)
_r(
    "G2",
    "03-18T01:30",
    "La nuit au square rue du Dauphiné ça vend, un homme en doudoune noire "
    "et cagoule, vers 1h du matin.",
    location=_loc(47.50062, 6.80588, commune="25388"),
)
_r(
    "G2",
    "04-30T00:40",
    "Square du Dauphiné (Montbéliard) : trafic nocturne, grand type "
    "costaud, doudoune noire, de minuit à 3h.",
    location=_loc(47.50041, 6.80611, commune="25388"),
)

# H — online seller, Telegram frappe25_off, no place.
_r(
    "H",
    "01-10T12:00",
    "Il y a un canal Telegram frappe25_off qui vend de la drogue dans le "
    "Doubs avec des photos et des prix.",
    category="en_ligne",
)
_r(
    "H",
    "02-16T10:30",
    "Sur telegram : @frappe25_off, menu de cannabis, livraison possible à Montbéliard et Besançon.",
    category="en_ligne",
)
_r(
    "H",
    "03-22T14:15",
    "Mon neveu m'a montré le compte Telegram Frappe25_Off qui poste tous les jours des promos.",
    identifiers=[{"kind": "telegram", "value": "frappe25_off"}],
)
_r(
    "H",
    "05-09T09:45",
    "Vente en ligne de stupéfiants, telegram frappe25_off, ils acceptent les paiements en crypto.",
)

# I — stash flat, 8 rue Battant, 3rd floor.
_r(
    "I",
    "02-09T23:00",
    "Au 8 rue Battant, 3e étage, un appartement où des jeunes déposent et "
    "récupèrent des sacs toute la nuit. Je pense que c'est une nourrice.",
    location=_loc(47.24105, 6.02105, place_kind="logement"),
    category="stockage",
)
_r(
    "I",
    "03-14T02:15",
    "8 rue Battant : va-et-vient de sacs de sport au 3ème étage la nuit, entre minuit et 4h.",
    location=_loc(47.24112, 6.02098, place_kind="logement"),
)
_r(
    "I",
    "04-26T01:40",
    "Appartement 3e étage du 8 rue Battant, passages la nuit, un homme "
    "d'une cinquantaine d'années ouvre aux jeunes.",
    location=_loc(47.24101, 6.02110),
)

# Lone reports, several close to a dossier.
_r(
    "L1",
    "02-12T15:10",
    "Des jeunes fument des joints sur un banc près de l'avenue d'Ile de "
    "France, l'après-midi, je ne sais pas s'ils vendent.",
    location=_loc(47.21710, 5.95150, place_kind="rue"),
)
_r(
    "L2",
    "03-05T11:20",
    "Le matin vers 10h un homme âgé en costume gris reçoit des visites dans un garage rue Chopin.",
    location=_loc(47.24640, 6.04690, place_kind="cage_escalier"),
)
_r(
    "L3",
    "03-28T09:00",
    "Petite-Hollande, un homme en vélo passe chaque matin vers 9h devant "
    "l'école et donne des sachets.",
    location=_loc(47.49700, 6.80250, commune="25388", place_kind="etablissement_scolaire"),
)
_r(
    "L4",
    "04-02T13:30",
    "Une Renault Clio grise fait des allers-retours à midi rue de Belfort, je trouve ça suspect.",
    location=_loc(47.25200, 6.03100, place_kind="rue"),
)
_r(
    "L5",
    "04-15T16:00",
    "Trafic devant le kebab de la place de la Révolution à Besançon vers "
    "16h, une femme blonde en manteau rouge.",
    location=_loc(47.23820, 6.02290, place_kind="commerce"),
)
_r(
    "L6",
    "04-20T10:40",
    "A Pontarlier, vente de cannabis derrière la salle des fêtes le samedi matin.",
    location=_loc(46.90400, 6.35500, commune="25462", place_kind="place"),
)
_r(
    "L7",
    "05-01T12:30",
    "Un scooter rouge fait des livraisons suspectes à Audincourt, le "
    "conducteur porte un casque blanc.",
    location=_loc(47.48300, 6.84000, commune="25031"),
)
_r(
    "L8",
    "05-11T08:30",
    "Des seringues retrouvées tous les matins sur le parking Schumann, je "
    "pense que des gens consomment la nuit.",
    location=_loc(47.24960, 6.05180, place_kind="parking"),
)
_r(
    "L9",
    "05-18T14:00",
    "Un homme d'une soixantaine d'années vend des cachets devant la "
    "pharmacie de Valentigney l'après-midi.",
    location=_loc(47.46200, 6.83200, commune="25580", place_kind="commerce"),
)
_r(
    "L10",
    "05-25T17:30",
    "Au city stade de Planoise, un adulte en veste de cuir marron parle "
    "avec les ados vers 17h, trafic ?",
    location=_loc(47.22150, 5.95700, place_kind="place"),
)


def scenario() -> Scenario:
    reports = [report for _, report in _ROWS]
    truth = {report["submission_id"]: dossier for dossier, report in _ROWS}
    return Scenario(seed=0, reports=reports, truth=truth, moved=frozenset({"C"}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    built = scenario()
    with args.out.open("w", encoding="utf-8") as fh:
        for rep in built.reports:
            fh.write(json.dumps(rep, ensure_ascii=False) + "\n")
    args.out.with_suffix(".truth.json").write_text(json.dumps(built.truth, indent=0))
    print(f"{len(built.reports)} reports, {len(set(built.truth.values()))} true dossiers")


if __name__ == "__main__":
    main()
