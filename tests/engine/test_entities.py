"""Entity extraction: what must be found, normalised, and the look-alikes that must not."""

from __future__ import annotations

import pytest

from vigie.engine.analysis import analyse


def _entities(text: str) -> dict[str, object]:
    entities = analyse(text).to_dict()["entities"]
    assert isinstance(entities, dict)
    return entities


@pytest.mark.parametrize(
    ("text", "plates"),
    [
        ("une Clio immatriculée GH-482-KL devant le tabac", ["GH-482-KL"]),
        ("Peugeot 208 blanche AB 315 FD qui tourne", ["AB-315-FD"]),
        ("plaque ab123cd vue hier", ["AB-123-CD"]),
        ("la plaque c'est dk 604 rb", ["DK-604-RB"]),
        ("immat FG.482.KT", ["FG-482-KT"]),
        ("vieille 205 immatriculée 4521 TW 26", ["4521 TW 26"]),
        ("ancienne plaque 4471TK26 garée là", ["4471 TK 26"]),
        ("plaque 123 ABC 2A en Corse", ["123 ABC 2A"]),
        ("deux voitures: EB-903-LC et CV-318-HN", ["EB-903-LC", "CV-318-HN"]),
    ],
)
def test_plates_are_found_and_normalised(text: str, plates: list[str]) -> None:
    assert _entities(text)["plates"] == plates


@pytest.mark.parametrize(
    "text",
    [
        "sur la RN 57 puis l'A7 vers Lyon",
        "au 12 rue des Lilas, 25000 Besançon",
        "le 12/03/2024 à 18h30 puis à 18 h 45",
        "un homme de 1 m 80, code de porte 4521B, bâtiment 3",
        "les 12 et 13 mars, ligne de bus 5 et tram T2",
        "le 250 et le 300 de la rue",
        "il fait 12 km 50 par jour",
        "au 123 bd 12 de la ville",
        "SIRET 852 000 114 00017",
        "une Audi A3 et une Peugeot 308",
        "AB-000-CD n'est pas une plaque émise",
    ],
)
def test_look_alikes_are_not_plates(text: str) -> None:
    entities = _entities(text)
    assert entities["plates"] == []
    assert entities["partial_plates"] == []


@pytest.mark.parametrize(
    ("text", "partial"),
    [
        ("plaque GZ-9?7-AB, chargée de sacs", "GZ-9?7-AB"),
        ("plaque DL-204-?H dans le quartier", "DL-204-?H"),
        ("la plaque commence par FG-4", "FG-4??-??"),
        ("La plaque commence par EN-7, pas lu la suite", "EN-7??-??"),
        ("la plaque finit par 58-ZR", "??-?58-ZR"),
        ("plaque ED-71 puis la suite est couverte de boue", "ED-71?-??"),
        ("plaque qui commence par FG", "FG-???-??"),
        ("immatriculation AB-12X-CD je crois", "AB-12?-CD"),
        ("plaque AB-1**-CD", "AB-1??-CD"),
        ("l'immat se termine par ZR", "??-???-ZR"),
    ],
)
def test_partial_plates_use_one_question_mark_per_unknown(text: str, partial: str) -> None:
    entities = _entities(text)
    assert entities["partial_plates"] == [partial]
    assert entities["plates"] == []


@pytest.mark.parametrize(
    "text",
    [
        "ça commence par faire peur, ça finit par lasser",
        "la plaque commence par un 4",  # FNI or SIV: the position is ambiguous
        "la plaque finit par 26",
        "Ça se passe où ? Au 12 ? Non.",
    ],
)
def test_ambiguous_fragments_are_not_partial_plates(text: str) -> None:
    assert _entities(text)["partial_plates"] == []


@pytest.mark.parametrize(
    ("text", "phones"),
    [
        ("son numéro 06 00 00 41 27", ["+33600004127"]),
        ("appelez le 06.00.00.19.03.", ["+33600001903"]),
        ("0700001852 sur whatsapp", ["+33700001852"]),
        ("contact +33 6 12 34 56 78", ["+33612345678"]),
        ("contact 0033 (0)6 12 34 56 78", ["+33612345678"]),
        ("+33612345678", ["+33612345678"]),
        ("tel 06-12-34-56-78 ou 07 11 22 33 44", ["+33612345678", "+33711223344"]),
        ("un numéro belge +32 470 12 34 56", ["+32470123456"]),
    ],
)
def test_phones_are_e164(text: str, phones: list[str]) -> None:
    assert _entities(text)["phones"] == phones


@pytest.mark.parametrize(
    "text",
    [
        "SIRET 852 000 114 00017 sur la vitrine",
        "le 12/03/2024, code 2580, 25000 Besançon",
        "entre 18h30 et 20h45, bus 12",
        "appelez le 17 ou le 112",
        "payé 250€ le 01.02.2024",
        "dossier n° 2024 123 456",
    ],
)
def test_look_alikes_are_not_phones(text: str) -> None:
    assert _entities(text)["phones"] == []


@pytest.mark.parametrize(
    ("text", "handles"),
    [
        ("commandent par snap (compte: caen_delivery14)", [("snapchat", "caen_delivery14")]),
        ("sur Telegram un canal @Lemans_Green_72 propose", [("telegram", "lemans_green_72")]),
        ("le snap kbz_shop42 envoie des menus", [("snapchat", "kbz_shop42")]),
        ("compte instagram @weedexpress.annecy.", [("instagram", "weedexpress.annecy")]),
        ("ajoute son snap: stef_42vert", [("snapchat", "stef_42vert")]),
        ("canal t.me/greenexpress84 tous les jours", [("telegram", "greenexpress84")]),
        ("sur Signal, son pseudo c'est greenleaf.42, il livre", [("signal", "greenleaf.42")]),
        ("sur tiktok @weed_paris75", [("tiktok", "weed_paris75")]),
        ("son insta c'est jeanmich et", [("instagram", "jeanmich")]),
        ("contacter @plug_93 pour commander", [("other", "plug_93")]),
        (
            "snap « lafrappe_du25 » puis leur telegram @Frappe25_Off",
            [("snapchat", "lafrappe_du25"), ("telegram", "frappe25_off")],
        ),
    ],
)
def test_handles_are_lower_case_without_at(text: str, handles: list[tuple[str, str]]) -> None:
    found = _entities(text)["handles"]
    assert isinstance(found, list)
    assert [(h["network"], h["value"]) for h in found] == handles


@pytest.mark.parametrize(
    "text",
    [
        "sur snap il y a plein de comptes qui vendent",
        "mail: commissaire.brigade-mineurs@outlook.fr",
        "je vous signale un dealer",
        "contact whatsapp au 06 00 00 19 03",
        "menu telegram (beuh « amnesia », shit)",
    ],
)
def test_look_alikes_are_not_handles(text: str) -> None:
    assert _entities(text)["handles"] == []
