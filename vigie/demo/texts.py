"""Synthetic French report texts for the demo: varied, realistic, deterministic from a seed.

Nothing in a text says it is synthetic: it must read like what a citizen writes. The demo is
marked in the database instead (`Report.is_demo`, `Cell.is_demo`).

Identifiers are fictional: phone numbers come from the block ARCEP reserves for works of
fiction (06 39 98 xx xx); plates follow the SIV pattern (AB-123-CD) without the letters I, O
and U; handles are made of drug-market slang and local suffixes.

Exploitable reports are written about *sites* (a hall, a car park, a lock-up garage, an
online account) with their vehicle, phone and handle; a later witness may describe a site
already reported, in other words and sometimes with only part of the plate, so that the
cross-referencing engine has something to link.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from vigie.reports.enums import Category, QualificationReason


class Kind(StrEnum):
    """What a text was written to be (the answer a careful analyst would give)."""

    EXPLOITABLE = "exploitable"
    VAGUE = "vague"
    NUISANCE = "nuisance"
    OUT_OF_SCOPE = "out_of_scope"
    URGENT = "urgent"


# Communes at least this populated get blocks of flats (halls, stairwells) in their places.
URBAN_POPULATION = 5000
# Chance that an exploitable report describes a site already reported in the same commune.
REPEAT_SITE_CHANCE = 0.35

STREETS = (
    "rue Victor Hugo",
    "rue de la République",
    "rue Pasteur",
    "avenue Jean Jaurès",
    "rue des Lilas",
    "rue du Général de Gaulle",
    "rue de Belfort",
    "rue de Dole",
    "rue de Vesoul",
    "rue de Montbéliard",
    "rue Louis Pergaud",
    "rue Gustave Courbet",
    "rue Pierre Vernier",
    "rue Jean Moulin",
    "rue des Écoles",
    "rue du Stade",
    "avenue de la Gare",
    "rue des Jardins",
    "chemin des Vignes",
    "rue Pierre et Marie Curie",
    "rue des Acacias",
    "allée des Tilleuls",
    "rue de la Paix",
    "boulevard Léon Blum",
    "rue Anatole France",
    "rue du Moulin",
    "rue des Fontaines",
    "rue Émile Zola",
    "avenue du Maréchal Foch",
    "rue des Peupliers",
)

# (place kind, where — with its preposition). {n}: number, {street}, {letter}: building.
URBAN_PLACES = (
    ("hall", "dans le hall {letter} du {n} {street}"),
    ("hall", "devant l'entrée {letter} du {n} {street}"),
    ("cage_escalier", "dans la cage d'escalier du bâtiment {letter}, {n} {street}"),
    ("parking", "sur le parking de la résidence, {n} {street}"),
    ("cave", "au niveau des caves du {n} {street}"),
    ("commerce", "devant le tabac du {n} {street}"),
    ("commerce", "devant la laverie du {n} {street}"),
    ("arret", "à l'arrêt de bus en face du {n} {street}"),
    ("aire_de_jeux", "près de l'aire de jeux derrière le {n} {street}"),
    ("parking", "sur le parking du centre commercial, {n} {street}"),
)
RURAL_PLACES = (
    ("parking", "sur le parking de la salle des fêtes, {n} {street}"),
    ("arret", "à l'abribus en face du {n} {street}"),
    ("equipement", "au city stade à côté du {n} {street}"),
    ("parking", "sur le parking de la supérette, {n} {street}"),
    ("logement", "devant la maison au {n} {street}"),
    ("equipement", "derrière le gymnase, {n} {street}"),
)
GARAGE_PLACE = ("garage", "aux garages en box derrière le {n} {street}")

SCHEDULES = (
    "tous les soirs entre 18h et 21h",
    "tous les jours de 14h à 23h",
    "le week-end, de 22h à 2h du matin",
    "en semaine vers 17h-19h",
    "du lundi au samedi à partir de 16h",
    "tous les après-midi après la sortie des cours",
    "chaque soir à partir de 20h",
    "tous les jours entre midi et 14h puis le soir",
    "le vendredi et le samedi soir jusqu'à minuit",
)
NIGHT_HOURS = ("1h", "2h", "3h du matin", "minuit", "23h30")
EVENING_HOURS = ("21h", "22h", "19h30", "20h", "23h")
FREQUENCIES = ("3 ou 4 fois par semaine", "presque tous les soirs", "deux fois par jour")
SINCE = (
    "trois semaines",
    "le début du mois",
    "cet été",
    "plusieurs mois",
    "la rentrée",
    "quinze jours",
)
PEOPLE = (
    "un jeune en survêtement gris",
    "un homme d'une trentaine d'années, 1m80, doudoune noire",
    "deux jeunes en sweat à capuche",
    "un homme barbu avec une casquette rouge",
    "un adolescent avec une sacoche banane",
    "une femme d'une quarantaine d'années avec un sac de sport",
    "un grand mince en veste kaki",
)
LOOKOUTS = (
    "Un guetteur est assis sur une chaise de camping à l'entrée et siffle dès qu'une "
    "voiture de police arrive.",
    "Deux petits font le guet au coin de la rue et crient « ara » quand une patrouille passe.",
    "Un jeune en survêtement fait le guet devant la porte toute la soirée.",
    "Il y a toujours quelqu'un qui surveille depuis le muret en face.",
)
EXCHANGES = (
    "Les échanges se font de la main à la main, ça dure à peine une minute.",
    "Le vendeur prend l'argent et un autre va chercher les sachets derrière les poubelles.",
    "Les clients donnent des billets et repartent avec un petit sachet.",
)
QUEUES = (
    "les acheteurs font la queue",
    "il y a un défilé de clients à pied et en voiture",
    "des gens arrivent, restent une minute et repartent",
)
SHOPS = ("salon de manucure", "magasin de cigarettes électroniques", "snack", "épicerie de nuit")
PRODUCTS = (
    "shit, beuh et coke",
    "résine et herbe",
    "beuh « amnesia », shit et ecstasy",
    "cocaïne à 60 € le gramme et résine",
)

CARS = (
    "Peugeot 208",
    "Peugeot 308",
    "Renault Clio",
    "Renault Mégane",
    "Volkswagen Golf",
    "Audi A3",
    "Citroën C3",
    "Dacia Sandero",
    "BMW Série 1",
    "Seat Leon",
    "Mercedes Classe A",
    "Fiat 500",
)
VANS = ("Renault Master", "Peugeot Partner", "Citroën Berlingo", "Ford Transit")
TWO_WHEELERS = ("scooter Yamaha T-Max", "scooter Piaggio", "scooter MBK Booster")
# (masculine, feminine)
COLOURS = (
    ("noir", "noire"),
    ("gris", "grise"),
    ("blanc", "blanche"),
    ("bleu", "bleue"),
    ("rouge", "rouge"),
    ("gris foncé", "gris foncé"),
)
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTVWXYZ"  # the SIV alphabet: no I, O, U

HANDLE_STEMS = ("charbon", "lafrappe", "menu", "green", "frais", "plug", "chill", "fresh", "beuh")
HANDLE_SUFFIXES = ("25", "du25", "off", "express", "delivery", "bsc", "shop", "39")
NETWORK_NAMES = {"snapchat": "Snapchat", "telegram": "Telegram"}

GREETINGS = ("", "", "", "Bonjour, ", "Bonsoir, ", "Bonjour. ")
SIGN_OFFS = ("", "", "", " Merci.", " Je préfère rester anonyme.", " Merci de faire quelque chose.")


@dataclass(frozen=True)
class Vehicle:
    kind: str  # voiture, utilitaire, deux-roues
    model: str
    colour: str  # agreed with the noun
    feminine: bool
    plate: str  # SIV, e.g. "GH-482-KL"

    @property
    def described(self) -> str:
        article = "une" if self.feminine else "un"
        return f"{article} {self.model} {self.colour}"


@dataclass(frozen=True)
class Site:
    """A trafficking site that several witnesses may report."""

    key: str
    category: Category
    address: str  # "12 rue Victor Hugo"; "" for an online account
    place_kind: str
    where: str  # "dans le hall B du 12 rue Victor Hugo"
    vehicle: Vehicle
    network: str
    handle: str
    phone: str
    offset_m: tuple[float, float] | None  # east, north of the commune centre


@dataclass(frozen=True)
class SyntheticText:
    kind: Kind
    category: Category  # what the citizen picked in the form
    text: str
    reason: QualificationReason  # the reason a careful analyst would record
    address: str = ""
    place_kind: str = ""
    offset_m: tuple[float, float] | None = None
    site_key: str = ""
    repeats_site: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


# Exploitable templates by category. Slots: {Where}/{where}, {commune}, {address},
# {schedule}, {lookout}, {exchange}, {queue}, {people}/{People}, {since}, {vehicle},
# {vehicle_bare} (no article: "en Clio grise"),
# {Vehicle}, {vehicle_plate}, {plate_sentence}, {phone}, {handle_account}, {handle},
# {network}, {hour}, {night_hour}, {frequency}, {shop}, {products}, {box}.
EXPLOITABLE_TEMPLATES: dict[Category, tuple[str, ...]] = {
    Category.DEALING_SPOT: (
        "{Where} à {commune}, il y a du passage {schedule}. Des gens arrivent, restent une "
        "minute et repartent. {lookout}",
        "Point de vente {where} à {commune} : {queue}, surtout {schedule}. {exchange}",
        "Depuis {since}, {people} vend {where} ({commune}) {schedule}. {exchange}",
        "{Where} à {commune} c'est un point de deal ouvert {schedule}. {lookout} Les "
        "acheteurs arrivent en voiture et repartent aussitôt.",
        "Je vous écris parce que ça devient invivable : {where}, à {commune}, {queue} "
        "{schedule}. {lookout}",
        "trafic {where} a {commune} {schedule}, echanges de main a main, {vehicle_plate} "
        "vient deposer des sachets",
        "Il y a un guetteur {where} à {commune} {schedule}, il siffle quand une voiture de "
        "police passe. Le vendeur se tient un peu plus loin et fait des échanges de main à "
        "main.",
        "Point de deal {where} à {commune}, ouvert {schedule}. Le vendeur donne son numéro "
        "aux habitués : {phone}.",
        "{Where} ({commune}) : {vehicle_plate} est garée presque en permanence et le "
        "conducteur sert les clients par la vitre, {schedule}.",
        "{Where} à {commune}, {people} vend de la résine {schedule}. Ils font leur pub sur "
        "{network} avec {handle_account} en postant les horaires d'ouverture.",
    ),
    Category.DELIVERY: (
        "{Vehicle_plate} fait des allers-retours {where} à {commune} {schedule}. Le "
        "chauffeur ne descend jamais, quelqu'un sort de l'immeuble, se penche à la vitre et "
        "repart.",
        "Un livreur en {vehicle_bare} s'arrête {schedule} {where} à {commune}, il donne des "
        "petits paquets par la vitre. Les clients commandent sur {network} via "
        "{handle_account}. {plate_sentence}",
        "Mon voisin du {address} à {commune} reçoit la visite d'{vehicle_plate} "
        "{frequency}, toujours vers {hour}. Le chauffeur ne descend pas, le voisin monte "
        "côté passager une minute et redescend.",
        "Tous les soirs vers {hour}, {vehicle} fait un arrêt d'une minute {where} à "
        "{commune} ; quelqu'un sort, se penche à la vitre et remonte. {plate_sentence}",
    ),
    Category.MOBILE_SELLER: (
        "{People} en {vehicle_bare} vend {where} à {commune} {schedule}. Il prend l'argent et "
        "tend des sachets ; son numéro tourne : {phone}.",
        "{People} vend de la beuh {where} à {commune} {schedule}, il reste une dizaine de "
        "minutes et les clients viennent un par un. Il circule en {vehicle_bare}. "
        "{plate_sentence}",
        "le gars en {vehicle_bare} qui vend {where} a {commune} a un numero : {phone}, il passe "
        "{schedule}",
    ),
    Category.STASH: (
        "{Where} à {commune} : le box n°{box} est ouvert presque chaque nuit vers "
        "{night_hour}. {Vehicle_plate} arrive, deux personnes déchargent de gros sacs "
        "noirs puis referment avec un cadenas.",
        "Je pense qu'un appartement du {address} à {commune} sert de nourrice : des jeunes "
        "du point de vente y montent {schedule} avec des sacs et redescendent les mains "
        "vides. {Vehicle_plate} est souvent garé devant.",
        "{Vehicle_plate} chargé de sacs poubelles fermés, vu trois nuits de suite vers "
        "{night_hour} {where} à {commune}, un homme garde la porte pendant le "
        "déchargement.",
    ),
    Category.RENTAL: (
        "L'appartement loué en courte durée au {address} à {commune} change d'occupants "
        "chaque semaine, mais c'est toujours le même défilé : {queue} {schedule}. "
        "{Vehicle_plate} est garée devant.",
        "Un meublé de tourisme au {address} ({commune}) est loué depuis {since} par des "
        "jeunes qui ne sortent que pour servir des clients au pied de l'immeuble, "
        "{schedule}. {lookout}",
    ),
    Category.RELAY_VEHICLE: (
        "{Vehicle_plate} stationnée 24h/24 {where} à {commune}, toujours au même endroit. "
        "Les guetteurs du quartier vont régulièrement dans le coffre et y prennent des "
        "sachets.",
        "{Where} à {commune}, {vehicle} reste garée des jours entiers ; des types viennent "
        "ouvrir le coffre {schedule} et repartent avec des sacs. {plate_sentence}",
    ),
    Category.ONLINE: (
        "Le compte {network} « {handle} » publie tous les jours un menu avec les prix "
        "({products}) et propose la livraison sur {commune} et alentours.",
        "Sur {network} il y a {handle_account} qui propose {products} avec livraison à "
        "{commune}, le numéro affiché c'est {phone}.",
        "Mon fils a été ajouté sur {network} par {handle_account} qui poste des stories avec "
        "des pochons ({products}) et les horaires de livraison sur {commune} : {schedule}.",
    ),
    Category.OTHER_CRIME: (
        "Le {shop} du {address} à {commune} ne vend presque rien mais brasse beaucoup "
        "d'argent liquide ; {schedule}, des jeunes du point de vente y déposent des "
        "sacoches. Le gérant roule en {vehicle_plate}.",
        "{Where} à {commune}, un homme passe {schedule} récupérer l'argent des vendeurs du "
        "quartier et repart en {vehicle_plate} avec une sacoche pleine de billets.",
    ),
}
EXPLOITABLE_WEIGHTS: dict[Category, int] = {
    Category.DEALING_SPOT: 40,
    Category.DELIVERY: 14,
    Category.MOBILE_SELLER: 10,
    Category.STASH: 8,
    Category.RENTAL: 6,
    Category.RELAY_VEHICLE: 8,
    Category.ONLINE: 11,
    Category.OTHER_CRIME: 3,
}

_R = QualificationReason
# (category picked by the citizen, reason an analyst records, template)
VAGUE_TEMPLATES: tuple[tuple[Category, QualificationReason, str], ...] = (
    (Category.DEALING_SPOT, _R.TOO_VAGUE, "il y a de la drogue dans le quartier"),
    (
        Category.DEALING_SPOT,
        _R.TOO_VAGUE,
        "Je pense qu'il y a de la drogue dans mon quartier à {commune}, on n'est plus tranquilles.",
    ),
    (Category.DEALING_SPOT, _R.TOO_VAGUE, "ça deal partout à {commune} maintenant"),
    (
        Category.DEALING_SPOT,
        _R.TOO_VAGUE,
        "Des jeunes louches traînent souvent vers la gare de {commune}, à mon avis ils vendent.",
    ),
    (
        Category.DEALING_SPOT,
        _R.RUMOUR,
        "Il paraît que le fils des voisins vend de la drogue, tout le monde le dit dans le "
        "village.",
    ),
    (
        Category.DEALING_SPOT,
        _R.TOO_VAGUE,
        "Je soupçonne mon voisin de vendre de la drogue, il y a toujours du monde qui passe "
        "chez lui. J'habite à {commune}. Je préfère rester anonyme.",
    ),
    (
        Category.DEALING_SPOT,
        _R.TOO_VAGUE,
        "TRAFIC DE DROGUE EN PLEIN {COMMUNE} ET PERSONNE NE FAIT RIEN !!!",
    ),
    (
        Category.ONLINE,
        _R.TOO_VAGUE,
        "Sur Snap il y a plein de comptes qui vendent de la drogue sur {commune}, ça "
        "s'affiche dans les stories de tous les ados. Il faut les fermer.",
    ),
    (Category.DEALING_SPOT, _R.TOO_VAGUE, "J'ai vu un jeune avec un sac louche près de chez moi."),
    (
        Category.DEALING_SPOT,
        _R.TOO_VAGUE,
        "Au bout de ma rue il y a un trafic, mais je préfère ne pas dire où j'habite.",
    ),
    (
        Category.DEALING_SPOT,
        _R.RUMOUR,
        "Je crois qu'il y a un trafic vers le centre de {commune} mais je ne suis pas sûr, "
        "c'est ce qu'on m'a dit.",
    ),
    (
        Category.MOBILE_SELLER,
        _R.TOO_VAGUE,
        "un mec en scooter noir vend du shit aux jeunes a {commune}, je sais pas ou il "
        "habite ni comment il s'appelle",
    ),
    (
        Category.STASH,
        _R.TOO_VAGUE,
        "je pense qu'il y a de la drogue cachée dans les caves de mon immeuble, ya des "
        "allées et venues",
    ),
)
NUISANCE_TEMPLATES: tuple[tuple[Category, QualificationReason, str], ...] = (
    (
        Category.DEALING_SPOT,
        _R.NUISANCE,
        "Des jeunes font du bruit tous les soirs sur le parking du supermarché de {commune}, "
        "musique à fond jusqu'à 2h du matin, c'est insupportable.",
    ),
    (
        Category.OTHER_CRIME,
        _R.NUISANCE,
        "Rodéos de motos cross tous les week-ends {street} à {commune}, ils roulent sur "
        "une roue, c'est dangereux pour les enfants.",
    ),
    (
        Category.DEALING_SPOT,
        _R.NUISANCE,
        "Bonsoir, mon voisin fume des joints sur son balcon, l'odeur monte chez moi. Je "
        "voudrais que ça cesse.",
    ),
    (
        Category.DEALING_SPOT,
        _R.NUISANCE,
        "Rassemblements bruyants devant l'épicerie de nuit, {street}, à {commune}, cris et "
        "klaxons jusqu'à 3h du matin.",
    ),
    (
        Category.OTHER_CRIME,
        _R.NUISANCE,
        "Des quads font des rodéos dans le lotissement à {commune} tous les dimanches "
        "après-midi, impossible de sortir avec les enfants.",
    ),
    (
        Category.DEALING_SPOT,
        _R.NUISANCE,
        "Des jeunes fument du cannabis sous l'abribus près de chez moi à {commune} et laissent "
        "leurs déchets partout.",
    ),
)
OUT_OF_SCOPE_TEMPLATES: tuple[tuple[Category, QualificationReason, str], ...] = (
    (
        Category.OTHER_CRIME,
        _R.OTHER_OFFENCE,
        "On m'a volé mon vélo devant la gare de {commune} hier soir, un VTT bleu. Comment "
        "porter plainte ?",
    ),
    (
        Category.OTHER_CRIME,
        _R.NEIGHBOUR_DISPUTE,
        "Bonjour, j'aimerais signaler un chien qui aboie toute la journée chez mon voisin.",
    ),
    (
        Category.OTHER_CRIME,
        _R.OTHER_OFFENCE,
        "Je me suis fait arnaquer sur Leboncoin, j'ai payé 300 € pour une console que je "
        "n'ai jamais reçue.",
    ),
    (
        Category.OTHER_CRIME,
        _R.NEIGHBOUR_DISPUTE,
        "Mon voisin à {commune} a coupé ma haie sans me demander, on s'est encore disputés "
        "ce matin. Est-ce que je peux porter plainte ?",
    ),
    (
        Category.OTHER_CRIME,
        _R.OTHER,
        "J'ai perdu mon portefeuille au marché de {commune} samedi, est-ce que quelqu'un l'a "
        "rapporté ?",
    ),
    (
        Category.OTHER_CRIME,
        _R.OTHER_OFFENCE,
        "Ma trottinette électrique a été volée dans le local à vélos de ma résidence à {commune}.",
    ),
)
URGENT_TEMPLATES: tuple[str, ...] = (
    "Des tirs là maintenant {where} à {commune}, au moins 4 coups, des gens courent. C'est "
    "au point de deal.",
    "VENEZ VITE ça se bat en ce moment {where} à {commune}, ils frappent un client avec des "
    "bâtons, il saigne de la tête",
    "Un homme vient de sortir un couteau {where} à {commune}, il menace deux jeunes en ce "
    "moment même, vite !!",
)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    word = max(ascii_name.replace("-", " ").replace("'", " ").split(), key=len)
    return word.lower()[:8]


class TextGenerator:
    """Draws report texts one at a time; the same seed gives the same sequence."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311  # reproducible demo data, not secrets
        self._sites: dict[str, list[Site]] = {}
        self._site_count = 0

    # -- identifiers -------------------------------------------------------------------

    def plate(self) -> str:
        letters = PLATE_LETTERS
        first = self.rng.choice(letters) + self.rng.choice(letters)
        while first in ("SS", "WW"):  # reserved series
            first = self.rng.choice(letters) + self.rng.choice(letters)
        last = self.rng.choice(letters) + self.rng.choice(letters)
        return f"{first}-{self.rng.randint(1, 999):03d}-{last}"

    def phone(self) -> str:
        """A number in the block reserved for fiction: 06 39 98 00 00 to 06 39 98 99 99."""
        a, b = self.rng.randint(0, 99), self.rng.randint(0, 99)
        separator = self.rng.choice((" ", " ", "."))
        return separator.join(("06", "39", "98", f"{a:02d}", f"{b:02d}"))

    def handle(self, commune: str) -> tuple[str, str]:
        network = self.rng.choice(("snapchat", "snapchat", "telegram"))
        stem = self.rng.choice(HANDLE_STEMS)
        suffix = self.rng.choice((*HANDLE_SUFFIXES, _slug(commune)))
        return network, f"{stem}{self.rng.choice(('_', '.', '_', ''))}{suffix}"

    def vehicle(self, category: Category) -> Vehicle:
        if category == Category.MOBILE_SELLER:
            kind, model, feminine = "deux-roues", self.rng.choice(TWO_WHEELERS), False
        elif category == Category.STASH:
            kind, model, feminine = "utilitaire", self.rng.choice(VANS), False
        else:
            kind, model, feminine = "voiture", self.rng.choice(CARS), True
        masculine_colour, feminine_colour = self.rng.choice(COLOURS)
        colour = feminine_colour if feminine else masculine_colour
        return Vehicle(kind, model, colour, feminine, self.plate())

    # -- sites -------------------------------------------------------------------------

    def _new_site(self, category: Category, commune: str, urban: bool) -> Site:
        self._site_count += 1
        n, street = self.rng.randint(1, 60), self.rng.choice(STREETS)
        if category == Category.STASH and self.rng.random() < 0.5:
            place_kind, where = GARAGE_PLACE
        else:
            place_kind, where = self.rng.choice(URBAN_PLACES if urban else RURAL_PLACES)
        where = where.format(n=n, street=street, letter=self.rng.choice("ABCDEF"))
        network, handle = self.handle(commune)
        online = category == Category.ONLINE
        spread = 1500 if urban else 500
        offset = (self.rng.uniform(-spread, spread), self.rng.uniform(-spread, spread))
        return Site(
            key=f"site-{self._site_count}",
            category=category,
            address="" if online else f"{n} {street}",
            place_kind="en_ligne" if online else place_kind,
            where=where,
            vehicle=self.vehicle(category),
            network=network,
            handle=handle,
            phone=self.phone(),
            offset_m=None if online else offset,
        )

    def _site(self, commune: str, urban: bool) -> tuple[Site, bool]:
        known = self._sites.setdefault(commune, [])
        if known and self.rng.random() < REPEAT_SITE_CHANCE:
            return self.rng.choice(known), True
        categories = list(EXPLOITABLE_WEIGHTS)
        weights = list(EXPLOITABLE_WEIGHTS.values())
        category = self.rng.choices(categories, weights=weights)[0]
        site = self._new_site(category, commune, urban)
        known.append(site)
        return site, False

    # -- texts -------------------------------------------------------------------------

    def _plate_as_seen(self, plate: str, *, repeated: bool) -> tuple[str, str]:
        """The plate as this witness read it: (vehicle suffix, sentence)."""
        if repeated and self.rng.random() < 0.6:
            if self.rng.random() < 0.5:
                return "", f"La plaque commence par {plate[:4]}."
            return "", f"La plaque finit par {plate[-5:]}."
        shown = plate if self.rng.random() < 0.7 else plate.replace("-", " ")
        return f" (plaque {shown})", f"Plaque {shown}."

    def _exploitable(self, commune: str, urban: bool) -> SyntheticText:
        site, repeated = self._site(commune, urban)
        plate_suffix, plate_sentence = self._plate_as_seen(site.vehicle.plate, repeated=repeated)
        vehicle_plate = site.vehicle.described + plate_suffix
        handle_account = (
            f"le compte « {site.handle} »"
            if site.network == "snapchat"
            else f"le canal @{site.handle}"
        )
        people = self.rng.choice(PEOPLE)
        slots = {
            "where": site.where,
            "Where": _capitalise(site.where),
            "commune": commune,
            "address": site.address,
            "schedule": self.rng.choice(SCHEDULES),
            "lookout": self.rng.choice(LOOKOUTS),
            "exchange": self.rng.choice(EXCHANGES),
            "queue": self.rng.choice(QUEUES),
            "people": people,
            "People": _capitalise(people),
            "since": self.rng.choice(SINCE),
            "vehicle": site.vehicle.described,
            "vehicle_bare": f"{site.vehicle.model} {site.vehicle.colour}",
            "vehicle_plate": vehicle_plate,
            "Vehicle_plate": _capitalise(vehicle_plate),
            "plate_sentence": plate_sentence,
            "phone": site.phone,
            "handle": site.handle,
            "handle_account": handle_account,
            "network": NETWORK_NAMES[site.network],
            "hour": self.rng.choice(EVENING_HOURS),
            "night_hour": self.rng.choice(NIGHT_HOURS),
            "frequency": self.rng.choice(FREQUENCIES),
            "shop": self.rng.choice(SHOPS),
            "products": self.rng.choice(PRODUCTS),
            "box": self.rng.randint(1, 40),
        }
        template = self.rng.choice(EXPLOITABLE_TEMPLATES[site.category])
        text = self._frame(template.format(**slots))
        offset = None
        if site.offset_m is not None:  # a second witness stands a few metres away
            offset = (
                site.offset_m[0] + self.rng.uniform(-40, 40),
                site.offset_m[1] + self.rng.uniform(-40, 40),
            )
        return SyntheticText(
            kind=Kind.EXPLOITABLE,
            category=site.category,
            text=text,
            reason=_R.CORROBORATES if repeated else _R.PRECISE_PLACE_AND_FACTS,
            address=site.address,
            place_kind=site.place_kind,
            offset_m=offset,
            site_key=site.key,
            repeats_site=repeated,
            extra={
                "place_kind": site.place_kind,
                "schedule": slots["schedule"],
            },
        )

    def _frame(self, body: str) -> str:
        """A greeting and a sign-off, as people write them, now and then."""
        greeting = self.rng.choice(GREETINGS)
        first_word = body.split(maxsplit=1)[0]
        shouting = first_word.isupper() and sum(ch.isalpha() for ch in first_word) > 1
        if greeting.endswith(", ") and not shouting:
            body = body[:1].lower() + body[1:]
        return f"{greeting}{body}{self.rng.choice(SIGN_OFFS)}".strip()

    def _from_table(
        self,
        kind: Kind,
        table: tuple[tuple[Category, QualificationReason, str], ...],
        commune: str,
    ) -> SyntheticText:
        category, reason, template = self.rng.choice(table)
        street = self.rng.choice(STREETS)
        text = template.format(commune=commune, COMMUNE=commune.upper(), street=street)
        return SyntheticText(kind=kind, category=category, text=text, reason=reason)

    def _urgent(self, commune: str, urban: bool) -> SyntheticText:
        n, street = self.rng.randint(1, 60), self.rng.choice(STREETS)
        _kind, where = self.rng.choice(URBAN_PLACES if urban else RURAL_PLACES)
        where = where.format(n=n, street=street, letter=self.rng.choice("ABCDEF"))
        text = self.rng.choice(URGENT_TEMPLATES).format(where=where, commune=commune)
        return SyntheticText(
            kind=Kind.URGENT,
            category=Category.DEALING_SPOT,
            text=text,
            reason=_R.PRECISE_PLACE_AND_FACTS,
            address=f"{n} {street}",
            offset_m=(self.rng.uniform(-800, 800), self.rng.uniform(-800, 800)),
        )

    def text(self, *, kind: Kind, commune: str, population: int = 0) -> SyntheticText:
        urban = population >= URBAN_POPULATION
        if kind == Kind.EXPLOITABLE:
            return self._exploitable(commune, urban)
        if kind == Kind.URGENT:
            return self._urgent(commune, urban)
        table = {
            Kind.VAGUE: VAGUE_TEMPLATES,
            Kind.NUISANCE: NUISANCE_TEMPLATES,
            Kind.OUT_OF_SCOPE: OUT_OF_SCOPE_TEMPLATES,
        }[kind]
        return self._from_table(kind, table, commune)
