"""Report vocabularies: English values (stable, used by the API), French labels."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    DEALING_SPOT = "point_de_deal", _("Point de vente fixe (point de deal)")
    DELIVERY = "livraison", _("Livraison à domicile")
    MOBILE_SELLER = "vendeur_mobile", _("Vendeur mobile")
    STASH = "stockage", _("Lieu de stockage (nourrice)")
    RENTAL = "logement", _("Logement de courte durée utilisé par un réseau")
    RELAY_VEHICLE = "vehicule_relais", _("Véhicule relais")
    ONLINE = "en_ligne", _("Vente en ligne (réseaux sociaux, messageries)")
    OTHER_CRIME = "autre_crime", _("Autre criminalité organisée liée aux stupéfiants")


class ReportSource(models.TextChoices):
    """Where a report came from: the figures count by it (issue 13's dashboard)."""

    WEB_FORM = "web_form", _("Formulaire citoyen")
    API = "api", _("API")
    CHAT = "chat", _("Discussion convertie")
    IMPORT = "import", _("Import (commande d’exploitation)")
    # An officer of a unit, not anonymous: the report keeps who and which unit.
    FIELD = "field", _("Remontée terrain")


class ReportStatus(models.TextChoices):
    """What the citizen sees: never operational detail."""

    RECEIVED = "received", _("Reçu")
    IN_ANALYSIS = "in_analysis", _("En cours d’analyse")
    PASSED_TO_UNIT = "passed_to_unit", _("Transmis à un service")
    CLOSED = "closed", _("Clôturé")


class Triage(models.TextChoices):
    """The analysis' suggestion (same labels as `vigie analyse`)."""

    URGENT = "urgence", _("Urgence")
    PUBLIC_ORDER = "tranquillite", _("Tranquillité publique")
    OUT_OF_FIELD = "hors_champ", _("Hors champ")
    VAGUE = "vague", _("Vague")
    EXPLOITABLE = "exploitable", _("Exploitable")


class Qualification(models.TextChoices):
    """The analyst's decision."""

    EXPLOITABLE = "exploitable", _("Exploitable")
    NOT_EXPLOITABLE = "not_exploitable", _("Non exploitable")
    OUT_OF_SCOPE = "out_of_scope", _("Hors champ")


class QualificationReason(models.TextChoices):
    PRECISE_PLACE_AND_FACTS = "precise_facts", _("Lieu précis et faits vérifiables")
    CORROBORATES = "corroborates", _("Recoupe d’autres signalements")
    TOO_VAGUE = "too_vague", _("Trop vague : ni lieu précis ni fait observable")
    RUMOUR = "rumour", _("Rumeur ou ouï-dire")
    DUPLICATE = "duplicate", _("Doublon d’un signalement déjà traité")
    NUISANCE = "nuisance", _("Nuisance sans trafic (17 ou mairie)")
    NEIGHBOUR_DISPUTE = "neighbour_dispute", _("Conflit de voisinage")
    OTHER_OFFENCE = "other_offence", _("Autre infraction, hors stupéfiants")
    OTHER = "other", _("Autre (préciser)")


# Which reasons fit which decision (« Exploitable » is never a rumour).
REASONS_FOR: dict[str, tuple[QualificationReason, ...]] = {
    Qualification.EXPLOITABLE: (
        QualificationReason.PRECISE_PLACE_AND_FACTS,
        QualificationReason.CORROBORATES,
        QualificationReason.OTHER,
    ),
    Qualification.NOT_EXPLOITABLE: (
        QualificationReason.TOO_VAGUE,
        QualificationReason.RUMOUR,
        QualificationReason.DUPLICATE,
        QualificationReason.OTHER,
    ),
    Qualification.OUT_OF_SCOPE: (
        QualificationReason.NUISANCE,
        QualificationReason.NEIGHBOUR_DISPUTE,
        QualificationReason.OTHER_OFFENCE,
        QualificationReason.OTHER,
    ),
}
# Reasons that name another report of the département, and the one that needs words.
REASONS_NAMING_A_REPORT = frozenset(
    {QualificationReason.DUPLICATE, QualificationReason.CORROBORATES}
)
REASONS_NEEDING_A_NOTE = frozenset({QualificationReason.OTHER})


class MissingElement(models.TextChoices):
    """What would make a report exploitable (the analysis' `missing` codes)."""

    PRECISE_PLACE = "lieu_precis", _("lieu précis")
    TIMES = "horaires", _("horaires")
    VEHICLE = "vehicule", _("véhicule")
    IDENTIFIER = "identifiant", _("identifiant (téléphone, pseudo)")
    BEHAVIOUR = "comportement", _("comportement observé")
    PEOPLE = "personnes", _("description des personnes")
    EVIDENCE = "preuves", _("preuves (photos, vidéos)")


class ReportEventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Signalement reçu")
    QUALIFIED = "qualified", _("Qualifié")
    DISPATCHED = "dispatched", _("Transmis à une unité")
    CLOSED = "closed", _("Clôturé")


class ClosingMessage(models.TextChoices):
    """What the citizen reads when the cell closes their report: neutral, never a unit's
    name nor anything of the operation (the cell chooses one, vigie.operations)."""

    CONTRIBUTED = "contributed", _("Votre signalement a contribué à une action des services.")
    NO_FOLLOW_UP = "no_follow_up", _("Les vérifications n’ont pas permis de donner suite.")
    TAKEN_INTO_ACCOUNT = (
        "taken_into_account",
        _("Votre signalement a été pris en compte par les services compétents."),
    )
    INTELLIGENCE = (
        "intelligence",
        _("Les informations transmises ont enrichi le travail de renseignement des services."),
    )


class AnalysisTrigger(models.TextChoices):
    SUBMITTED = "submitted", _("Signalement reçu")
    FILES = "files", _("Pièces jointes ajoutées")
    ADDITION = "addition", _("Complément du citoyen")
    REANALYSIS = "reanalysis", _("Réanalyse complète")


class PlaceKind(models.TextChoices):
    BUILDING_ENTRANCE = "hall", _("Entrée ou hall d’immeuble")
    CAR_PARK = "parking", _("Parking")
    STREET = "rue", _("Rue, trottoir")
    SQUARE = "place", _("Place, square, parc")
    SHOP = "commerce", _("Commerce, bar, restaurant")
    HOUSE = "logement", _("Maison ou appartement")
    STAIRWELL = "cage_escalier", _("Cage d’escalier, cave, local")
    SCHOOL = "etablissement_scolaire", _("Abords d’un établissement scolaire")
    TRANSPORT = "transport", _("Gare, arrêt, transport en commun")
    ONLINE = "en_ligne", _("En ligne")
    OTHER = "autre", _("Autre")


class Risk(models.TextChoices):
    CHILDREN = "enfants", _("Des enfants à proximité")
    WEAPONS = "armes", _("Des armes vues")
    VIOLENCE = "violences", _("Des violences ou des menaces")
    THREATS_TO_ME = "menaces_temoin", _("Je suis menacé·e ou je crains des représailles")


class IdentifierKind(models.TextChoices):
    PHONE = "phone", _("Numéro de téléphone")
    SNAPCHAT = "snapchat", _("Snapchat")
    TELEGRAM = "telegram", _("Telegram")
    INSTAGRAM = "instagram", _("Instagram")
    WHATSAPP = "whatsapp", _("WhatsApp")
    SIGNAL = "signal", _("Signal")
    TIKTOK = "tiktok", _("TikTok")
    OTHER = "other", _("Autre")


class MessageAuthor(models.TextChoices):
    CITIZEN = "citizen", _("Vous")
    CELL = "cell", _("La cellule")


class MessageKind(models.TextChoices):
    MESSAGE = "message", _("Message")
    ADDITION = "addition", _("Complément d’information")
