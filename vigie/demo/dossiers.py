"""Demo reports written so that dossiers form on first run (issue 11).

Hand-written, by many different "citizens", in the Doubs: a recurring point of sale, a
delivery network known by a phone and a Snapchat handle, a relay vehicle seen with partial
plates, a point of sale that moved two streets away after an operation (same phone, same
car), and lone reports near them. They go through `submit_report` like every report, so the
linking task (the back office's worker under `make run`) builds the dossiers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from vigie.reports.content import Identifier, Person, ReportContent, Vehicle
from vigie.reports.enums import Qualification, QualificationReason


@dataclass(frozen=True)
class ScenarioReport:
    days_ago: float
    commune: str  # INSEE code
    category: str
    text: str
    point: tuple[float, float] | None = None
    address: str = ""
    place_kind: str = ""
    schedule: str = ""
    people: tuple[str, ...] = ()
    vehicles: tuple[Vehicle, ...] = ()
    identifiers: tuple[Identifier, ...] = field(default_factory=tuple)
    lone: bool = False  # written to stay alone (a nuisance near a dossier)

    @property
    def qualification(self) -> Qualification:
        return Qualification.OUT_OF_SCOPE if self.lone else Qualification.EXPLOITABLE

    @property
    def reason(self) -> QualificationReason:
        if self.lone:
            return QualificationReason.NUISANCE
        return QualificationReason.CORROBORATES

    def content(self, *, commune_name: str, received_at: datetime) -> ReportContent:
        observed = received_at - timedelta(hours=3)
        return ReportContent(
            description=self.text,
            address=self.address,
            latitude=self.point[0] if self.point else None,
            longitude=self.point[1] if self.point else None,
            place_kind=self.place_kind,
            commune_name=commune_name,
            commune_code=self.commune,
            observed_at=observed.replace(minute=0, second=0, microsecond=0).isoformat(),
            schedule=self.schedule,
            people=tuple(Person(description=p) for p in self.people),
            vehicles=self.vehicles,
            identifiers=self.identifiers,
        )


BESANCON, MONTBELIARD, PONTARLIER, AUDINCOURT = "25056", "25388", "25462", "25031"
DEAL = "point_de_deal"
DELIVERY = "livraison"

SCENARIOS: tuple[ScenarioReport, ...] = (
    # A recurring point of sale: hall of rue de Cologne, Planoise (Besançon).
    ScenarioReport(
        58,
        BESANCON,
        DEAL,
        "Tous les soirs vers 18h des jeunes vendent dans le hall du 5 rue de Cologne. Un "
        "guetteur en doudoune noire siffle quand une voiture arrive.",
        point=(47.21952, 5.95611),
        address="5 rue de Cologne, Besançon",
        place_kind="hall",
        schedule="tous les soirs de 18h à 21h",
        people=("jeune homme, doudoune noire, guetteur", "homme 20 ans, survêtement gris"),
    ),
    ScenarioReport(
        41,
        BESANCON,
        DEAL,
        "Je rentre du travail à 19h et il y a toujours du monde devant le hall du 5 rue de "
        "Cologne, ils échangent de l'argent contre des petits sachets.",
        point=(47.21961, 5.95627),
        address="rue de Cologne, Planoise",
        place_kind="hall",
        schedule="en semaine vers 19h-20h",
        people=("homme en survêtement gris, casquette",),
    ),
    ScenarioReport(
        23,
        BESANCON,
        DEAL,
        "Hall 5 rue de Cologne : vente tous les soirs entre 18h et 21h. Le guetteur porte "
        "une doudoune noire, le vendeur un survêtement gris.",
        point=(47.21944, 5.95598),
        address="5 rue de Cologne",
        place_kind="hall",
        schedule="18h-21h tous les jours",
        people=("guetteur doudoune noire", "vendeur survêtement gris, 1m75"),
    ),
    ScenarioReport(
        6,
        BESANCON,
        DEAL,
        "Ça continue au pied de l'immeuble rue de Cologne, les clients font la queue le soir "
        "dans le hall, les enfants ne peuvent plus passer.",
        point=(47.21958, 5.95620),
        address="rue de Cologne",
        place_kind="hall",
        schedule="le soir vers 19h",
    ),
    # A delivery network known by a phone and a Snapchat handle, across the département.
    ScenarioReport(
        50,
        BESANCON,
        DELIVERY,
        "Des flyers dans ma boîte aux lettres : « livraison 7j/7 » avec le numéro 06 71 82 "
        "93 04 et un snap.",
        point=(47.24120, 6.02210),
        address="rue Battant, Besançon",
        place_kind="logement",
        identifiers=(Identifier("phone", "06 71 82 93 04"),),
    ),
    ScenarioReport(
        33,
        MONTBELIARD,
        "en_ligne",
        "Mon fils a reçu une pub sur snapchat du compte livraison.doubs25, ils livrent en "
        "scooter en moins de 30 minutes.",
        identifiers=(Identifier("snapchat", "livraison.doubs25"),),
    ),
    ScenarioReport(
        19,
        PONTARLIER,
        DELIVERY,
        "Un livreur en scooter noir passe chaque soir dans la résidence. Commandes au "
        "+33 6 71 82 93 04, aussi sur snap livraison.doubs25.",
        point=(46.90410, 6.35520),
        address="rue de Salins, Pontarlier",
        place_kind="rue",
        identifiers=(
            Identifier("phone", "+33671829304"),
            Identifier("snapchat", "livraison.doubs25"),
        ),
    ),
    ScenarioReport(
        4,
        BESANCON,
        DELIVERY,
        "Le 0671829304 circule dans les groupes du lycée pour commander de la beuh, livré "
        "devant le lycée Pasteur.",
        point=(47.23890, 6.02790),
        address="lycée Pasteur, Besançon",
        place_kind="etablissement_scolaire",
    ),
    # A relay vehicle seen with partial plates.
    ScenarioReport(
        44,
        MONTBELIARD,
        "vehicule_relais",
        "Une Peugeot 308 noire immatriculée FK-812-TR s'arrête derrière la gare, le "
        "conducteur donne des sacs à des jeunes.",
        point=(47.50980, 6.80210),
        address="rue de la gare, Montbéliard",
        place_kind="parking",
        vehicles=(Vehicle(kind="voiture", make="Peugeot 308", colour="noire", plate="FK-812-TR"),),
    ),
    ScenarioReport(
        27,
        AUDINCOURT,
        "vehicule_relais",
        "Peugeot 308 noire, plaque commençant par FK-81 et finissant par TR, même manège "
        "sur le parking du supermarché à Audincourt.",
        point=(47.48310, 6.84080),
        address="parking du supermarché, Audincourt",
        place_kind="parking",
        vehicles=(Vehicle(kind="voiture", make="Peugeot", colour="noire", plate="FK-81?-TR"),),
    ),
    ScenarioReport(
        12,
        MONTBELIARD,
        "vehicule_relais",
        "La 308 noire est revenue, j'ai lu F?-812-T? sur la plaque, ils déchargent dans un "
        "garage rue de Belfort.",
        point=(47.51420, 6.80930),
        address="rue de Belfort, Montbéliard",
        place_kind="rue",
        vehicles=(Vehicle(kind="voiture", make="308", colour="noir", plate="F?-812-T?"),),
    ),
    # A point of sale that moved two streets away after an operation: same phone, same car.
    ScenarioReport(
        70,
        MONTBELIARD,
        DEAL,
        "Vente place Cassin près de l'arrêt de bus, une Clio rouge GZ-447-MB sert de "
        "réserve. Commandes au 07 58 21 33 90.",
        point=(47.50310, 6.79140),
        address="place Cassin, Montbéliard",
        place_kind="rue",
        schedule="l'après-midi 14h-19h",
        vehicles=(Vehicle(kind="voiture", make="Renault Clio", colour="rouge", plate="GZ-447-MB"),),
    ),
    ScenarioReport(
        52,
        MONTBELIARD,
        DEAL,
        "Place Cassin, un homme vend depuis une Clio rouge, les clients appellent le "
        "0758213390 avant de venir.",
        point=(47.50322, 6.79155),
        address="place Cassin",
        place_kind="rue",
        schedule="14h-19h",
    ),
    ScenarioReport(
        16,
        MONTBELIARD,
        DEAL,
        "Depuis la descente de police place Cassin, ils se sont mis rue Lhomme, deux rues "
        "plus loin. Même Clio rouge GZ-447-MB.",
        point=(47.50560, 6.79430),
        address="rue Lhomme, Montbéliard",
        place_kind="rue",
        vehicles=(Vehicle(kind="voiture", make="Clio", colour="rouge", plate="GZ 447 MB"),),
    ),
    ScenarioReport(
        3,
        MONTBELIARD,
        DEAL,
        "Rue Lhomme l'après-midi : vente à la portière, commande au 07.58.21.33.90.",
        point=(47.50571, 6.79446),
        address="rue Lhomme",
        place_kind="rue",
        schedule="l'après-midi",
    ),
    # Lone reports near the dossiers: nothing links them.
    ScenarioReport(
        9,
        BESANCON,
        DEAL,
        "Un homme seul fume des joints sur un banc du parc de Planoise le dimanche.",
        point=(47.22400, 5.95100),
        address="parc de Planoise",
        place_kind="place",
        lone=True,
    ),
    ScenarioReport(
        30,
        MONTBELIARD,
        DEAL,
        "Des jeunes boivent et font du bruit près du gymnase de la Chiffogne le samedi soir.",
        point=(47.49300, 6.77000),
        address="quartier de la Chiffogne, Montbéliard",
        place_kind="rue",
        schedule="samedi soir",
        lone=True,
    ),
)
