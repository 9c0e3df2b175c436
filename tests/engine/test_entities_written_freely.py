"""Entities as real witnesses write them (issue 10): overseas numbers, the reporter's own number,
overseas and foreign plates, partial plates in every notation, handles without ``@``."""

from __future__ import annotations

import pytest

from tests.engine.test_entities import _entities


@pytest.mark.parametrize(
    ("text", "phones"),
    [
        ("le livreur répond au 0692 12 34 56 à Saint-Denis", ["+262692123456"]),
        ("son num c 06 93 40 12 77 il livre au Port", ["+262693401277"]),
        ("appelez le 0690 55 12 34 à Pointe-à-Pitre pour commander", ["+590690551234"]),
        ("numéro de commande 0691.22.33.44 en Guadeloupe", ["+590691223344"]),
        ("à Mamoudzou le vendeur c'est le 0639 45 67 89", ["+262639456789"]),
        ("Fort-de-France, il vend par le 0696 11 22 33", ["+596696112233"]),
        ("Cayenne : le 06 94 20 30 40 pour la beuh", ["+594694203040"]),
        ("le fixe du snack 0262 41 00 00 sert à commander", ["+262262410000"]),
        ("il deale, son 06 00 00 41 27", ["+33600004127"]),
        (
            "le dealer répond au 06 00 00 41 27. Vous pouvez me joindre au 06 00 00 99 88.",
            ["+33600004127"],
        ),
        (
            "Mon numéro : 07 00 00 12 34, rappelez-moi. Le vendeur : 06 00 00 55 66",
            ["+33600005566"],
        ),
        (
            "Joignable au 06 00 00 12 34 le soir. Leur numéro de commande : 07 00 00 56 78",
            ["+33700005678"],
        ),
        ("le vendeur est joignable au 07 00 00 56 78", ["+33700005678"]),
        ("sur les flyers : (0696) 45 12 78", ["+596696451278"]),
        ("je vous laisse mon tel si besoin 0600004444", []),
        ("trouvé un portefeuille, vous pouvez m'appeler au 06 00 00 52 19", []),
        ("on m'a volé mon vélo, mon autre num c 07 00 00 31 08", []),
        ("moun ka goumen devan lakou la, rapel mwen o 0690 00 44 12", []),
        (
            "leur num c 0692 00 11 22. Je vous laisse le mien si besoin : 0693 00 33 44",
            ["+262692001122"],
        ),
        (
            "le vendeur : 06 00 00 44 71. Si besoin je suis joignable au 06 00 00 10 20.",
            ["+33600004471"],
        ),
        ("leur numéro sur les papiers : +33-7-00-00-37-51", ["+33700003751"]),
        ("le numéro 0 6 0 0 0 0 7 3 1 8 est écrit sur les papiers", ["+33600007318"]),
    ],
)
def test_phones_overseas_and_not_the_reporters_own(text: str, phones: list[str]) -> None:
    assert _entities(text)["phones"] == phones


@pytest.mark.parametrize(
    ("text", "plates"),
    [
        ("une vieille 206 immatriculée 1234 AB 974 à Saint-Pierre", ["1234 AB 974"]),
        ("plaque 567 BCD 971 garée devant le snack", ["567 BCD 971"]),
        ("Clio plaque 4321 ZX 972", ["4321 ZX 972"]),
        ("une golf immatriculée Fb-482-kL devant le hall", ["FB-482-KL"]),
        ("plaque FB482KL", ["FB-482-KL"]),
        ("plaque EF 482-KL sur la Clio", ["EF-482-KL"]),
        ("une BMW avec une plaque belge 1-ABC-123 devant le bar", []),
        ("voiture immatriculée en Allemagne, plaque B-XY 1234", []),
        ("plaque espagnole 1234 BCD sur la Seat", []),
        ("une plaque italienne AB 123 CD, voiture rouge", []),
        # a word-like pair typed in capitals after a model the lexicon knows; mixed case is prose
        ("un pick-up Navara gris 3120 TH 974 au radier", ["3120 TH 974"]),
        ("un Jumpy blanc GE 512 RD devant le box", ["GE-512-RD"]),
        ("un jumpy blanc ge 512 rd devant le box", ["GE-512-RD"]),
        ("plaque FE-318 et la fin était masquée", []),
        # a foreign plate then a French one on another car; a model the lexicon does not know
        # after "roule en"; a vehicle named earlier in the same sentence
        ("un Audi à plaque suisse ZH 4471, et une megane noire DK 318 TP", ["DK-318-TP"]),
        ("le gérant roule en cayenne blanc hb 448 pl", ["HB-448-PL"]),
        (
            "une twingo verte reste au fond du parking de la gare, jamais déplacée, fw 203 ks",
            ["FW-203-KS"],
        ),
    ],
)
def test_plates_overseas_foreign_and_free_writing(text: str, plates: list[str]) -> None:
    assert _entities(text)["plates"] == plates


@pytest.mark.parametrize(
    ("text", "partial"),
    [
        ("plaque AB-1**-CD, Clio grise", ["AB-1??-CD"]),
        ("plaque AB-12x-xx sur la 208", ["AB-12?-??"]),
        ("plaque GH-4_2-K_ sur la Polo", ["GH-4?2-K?"]),
        ("plaque commence par FG", ["FG-???-??"]),
        ("j'ai pas tout vu, la plaque finit par ZR", ["??-???-ZR"]),
        ("plaque qui se termine par 58-ZR", ["??-?58-ZR"]),
        ("je n'ai vu que le début de la plaque : EN-7", ["EN-7??-??"]),
        ("plaque EN-7… pas pu lire la suite", ["EN-7??-??"]),
        ("la plaque : FG-4..., le reste illisible", ["FG-4??-??"]),
        ("Renault Clio plaque ??-?58-ZR", ["??-?58-ZR"]),
        ("sur la plaque j'ai juste vu les lettres de la fin : LV", ["??-???-LV"]),
        ("la plaque c'est DX-…-PL, pas eu les chiffres", ["DX-???-PL"]),
        ("Peugeot 2008 noire, plaque FR_ _ _ BC", ["FR-???-BC"]),
        ("A3 noire ( ...23-CD ) toujours garée là", ["??-?23-CD"]),
        ("je n'ai vu que la fin de la plaque : -482-NP", ["??-482-NP"]),
        ("une 208 dont je n'ai vu que le début de la plaque EN, il appelle", ["EN-???-??"]),
        ("la Clio plaque DJ-4 quelque chose, pas vu la suite", ["DJ-4??-??"]),
        # written freely: x for unknown letters too, a space before the dash, "c" for "c'est",
        # a start and an end told in one sentence, x after the start read
        ("un kangoo blanc FH-7xx-Lx garé au fond", ["FH-7??-L?"]),
        ("megane grise kb-5** -tz tous les soirs", ["KB-5??-TZ"]),
        ("la plaque c HN 41 mais jai pas vu la suite", ["HN-41?-??"]),
        ("la plaque commence par FK-2 et finit par MP, le reste flou", ["FK-2??-MP"]),
        ("il vient en scoot gris fd31x je sais plus", ["FD-31?-??"]),
        ("plaque FE-318 et la fin, je l'ai pas vue, cachée par la boue", ["FE-318-??"]),
        ("Plaque HB-52 puis deux lettres masquées par un sticker", ["HB-52?-??"]),
        ("immat KR-… je sais plus le reste", ["KR-???-??"]),
        # dots for unknown characters, a start cut by the end of the sentence, quotes, a start
        # told several words after "plaque", "par" that is no plate, "pas pu lire" no cue
        ("une C4 grise plaque HD-2.. je sais plus", ["HD-2??-??"]),
        ("plaque EF 3.. GH sur la Polo", ["EF-3??-GH"]),
        ("la Zoé immat FC-27.", ["FC-27?-??"]),
        ("une Corsa, plaque 'GL 6' puis j'ai pas vu", ["GL-6??-??"]),
        ("la plaque de la Megane c'était DW-5 et quelque chose", ["DW-5??-??"]),
        ("plaque commençant par gk, je n'ai pas vu le reste", ["GK-???-??"]),
        ("j'ai juste eu le temps de voir 'FM 8' sur la plaque", ["FM-8??-??"]),
        ("une plaque que je n'ai pas pu lire, devant le 4 rue Hoche", []),
        # unknown characters spaced out, the end after dots, the part read before the words
        # that place it, digits only, a start then mud or a fold, "je vois que"
        ("un Partner gris plaque HK-3_ _-VB", ["HK-3??-VB"]),
        ("twingo plaque _ _-5 8 2-_ _ vue hier", ["??-582-??"]),
        ("je n'ai vu que la fin de la plaque : ...WR", ["??-???-WR"]),
        ("Une Polo: j'ai vu KC4 au début et TS à la fin de la plaque", ["KC-4??-TS"]),
        ("kangoo plaque ds au debut jsp la suite", ["DS-???-??"]),
        ("une Laguna dont j'ai lu les chiffres 906 sur la plaque, rien d'autre", ["??-906-??"]),
        ("la plaque de la Kangoo : HR-5 et ensuite elle était couverte de terre", ["HR-5??-??"]),
        ("le seul bout de plaque que j'ai vu : JB-3 et le reste tordu", ["JB-3??-??"]),
        ("jvois que EW 2 sur la plaque du scoot", ["EW-2??-??"]),
        ("plaque HF-62 et deux mecs dedans", ["HF-62?-??"]),
        # "comment" is not "commence"
        ("ma plaque FK-211-SD, jsais pas comment faire pr lassurance", []),
    ],
)
def test_partial_plates_in_every_notation(text: str, partial: list[str]) -> None:
    assert _entities(text)["partial_plates"] == partial


@pytest.mark.parametrize(
    ("text", "handles"),
    [
        ("son snap c'est zonevert974", [("snapchat", "zonevert974")]),
        ("il vend des taz, son snap c juste dylan_frais59", [("snapchat", "dylan_frais59")]),
        ("sur tg c'est seulement greenbox33", [("telegram", "greenbox33")]),
        ("sur tg ils s'appellent NiceGreenDelivery06", [("telegram", "nicegreendelivery06")]),
        ("un compte insta, julie.prive.13, me harcele", [("instagram", "julie.prive.13")]),
        ("le compte TikTok qui filme les billets, c'est celui du grand", []),
        ("sur snap, il y a des menus tous les soirs", []),
        ("sur insta : weed_paris_20", [("instagram", "weed_paris_20")]),
        ("commande sur tg greenmarket_75", [("telegram", "greenmarket_75")]),
        ("le compte frais.du.76 sur Telegram", [("telegram", "frais.du.76")]),
        ("ajoutez t.me/livraison974 pour commander", [("telegram", "livraison974")]),
        ("le lien snapchat.com/add/plug_marseille13", [("snapchat", "plug_marseille13")]),
        (
            "leur page https://www.instagram.com/weedshop.lyon/ vend",
            [("instagram", "weedshop.lyon")],
        ),
        ("il faut l'ajouter sur snap, il vend de la beuh", []),
        ("telegram : t.me/s/weed_bzh29 (canal)", [("telegram", "weed_bzh29")]),
        ("insta: thc.paradise__ vend des vapes", [("instagram", "thc.paradise__")]),
        ("ajoute : Pharma-Martinik sur snap, ya tout", [("snapchat", "pharma-martinik")]),
        (
            "Sur Snapchat, un compte « Le Boulanger » (identifiant : leboulanger.off) vend",
            [("snapchat", "leboulanger.off")],
        ),
        ("sur snap il y a plein de vendeurs", []),
        ("sur insta ils font de la pub", []),
        (
            "mon snap si vous voulez des photos : lucie.dpt62. Ils vendent sur snap: plug_62",
            [("snapchat", "plug_62")],
        ),
        (
            "vous pouvez me contacter sur insta : marie_59, le vendeur c'est @dealer59",
            [("instagram", "dealer59")],
        ),
        # "c"/"cest" for "c'est", a name starting like "de", a drug name before the network,
        # "(compte …)", the network named in an earlier sentence, a verb after "compte"
        ("vend sur signal son pseudo c lynx.974 il livre", [("signal", "lynx.974")]),
        ("son insta cest kiki.weed", [("instagram", "kiki.weed")]),
        ("le snap du livreur: delivrance95", [("snapchat", "delivrance95")]),
        ("de la 3mmc sur telegram, le canal vert_974", [("telegram", "vert_974")]),
        ("un menu sur snap (compte pl4g.drive) le soir", [("snapchat", "pl4g.drive")]),
        (
            "On me harcèle sur TikTok depuis un mois. Le compte s'appelle « mia_fake_07 ».",
            [("tiktok", "mia_fake_07")],
        ),
        ("un canal telegram qui compte plus de 500 membres", []),
        ("tu envoies un msg sur snap a verdure_31 et il livre", [("snapchat", "verdure_31")]),
        ("sur insta il se fait appeler mr.kush.13", [("instagram", "mr.kush.13")]),
        (
            "ajoutez moi sur snap lea.m95 pour en parler. Le vendeur : snap kush.king95",
            [("snapchat", "kush.king95")],
        ),
        ("sur snapchat ya des comptes qui vendent de la beuh, c'est partout", []),
        # Signal named right before a handle-shaped name, an emoji between network and name,
        # the account that acts ("par x"); a plain "signal" is no network
        ("il file un contact Signal fenua_vert.987 aux clients", [("signal", "fenua_vert.987")]),
        ("commande sur signal kaya.pf 24h/24", [("signal", "kaya.pf")]),
        ("le menu est sur insta 📸 herbe_du_lagon.987", [("instagram", "herbe_du_lagon.987")]),
        ("insultée sur tiktok par lina_v77 tous les soirs", [("tiktok", "lina_v77")]),
        ("le signal d'alarme du train 2 fois", []),
        ("envoie un signal a12 fois", []),
        ("sur snap par ici ils vendent", []),
        # a group named on Signal, its admin's name in the next sentence
        (
            "On m'a ajouté à un groupe Signal qui vend des buvards. Le chef du groupe signe sous "
            "le pseudo acid_king.35.",
            [("signal", "acid_king.35")],
        ),
    ],
)
def test_handles_without_at_and_links(text: str, handles: list[tuple[str, str]]) -> None:
    got = _entities(text)["handles"]
    assert isinstance(got, list)
    assert [(h["network"], h["value"]) for h in got] == handles
