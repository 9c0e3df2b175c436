"""Demo field reports (« remontées terrain »): a few observations sent by the Doubs units'
officers, analysed and linked like every report. Called by vigie.demo.services.create_demo."""

from __future__ import annotations

from datetime import datetime, timedelta

from vigie.accounts.models import Agent, Role
from vigie.cells.models import Cell
from vigie.field.services import submit_field_report
from vigie.geo.models import Commune
from vigie.reports.content import Identifier, ReportContent, Vehicle
from vigie.reports.enums import Category
from vigie.reports.models import Report
from vigie.reports.submission import ResolvedPlace

# Only when the demo has no unit member in the Doubs (vigie.demo.services.AGENTS has one).
FALLBACK_OFFICER = "terrain.doubs"

# (days ago, INSEE code, address, what was seen, vehicles, identifiers, category)
OBSERVATIONS = (
    (
        40,
        "25056",
        "Planoise, parking de l’avenue de Ile-de-France",
        "Patrouille de 22h : Clio grise AB-123-CD stationnée moteur tournant, trois allers-"
        "retours de piétons en dix minutes, un guetteur sur la passerelle.",
        (Vehicle(plate="AB-123-CD", make="Renault Clio", colour="grise"),),
        (),
        Category.DEALING_SPOT,
    ),
    (
        18,
        "25388",
        "Rue de Belfort, devant la laverie",
        "Scooter noir sans plaque lisible (FX-4??-K?), le conducteur remet de petits sachets à "
        "deux mineurs et repart vers la gare.",
        (Vehicle(kind="scooter", colour="noir", plate="FX-4??-K?"),),
        (),
        Category.MOBILE_SELLER,
    ),
    (
        6,
        "25462",
        "Gare de Pontarlier, parvis",
        "Contrôle d’un jeune homme : son téléphone affiche des commandes au 06 12 34 56 78 et "
        "un compte Snapchat menu_25 qui publie une carte de livraison.",
        (),
        (
            Identifier(kind="phone", value="06 12 34 56 78"),
            Identifier(kind="snapchat", value="menu_25"),
        ),
        Category.DELIVERY,
    ),
)


def _officers(cell: Cell) -> list[Agent]:
    officers = list(
        Agent.objects.filter(role=Role.UNIT_MEMBER, unit__cell=cell, is_active=True)
        .select_related("unit__cell")
        .order_by("username")
    )
    if officers:
        return officers
    unit = cell.units.filter(is_active=True).order_by("name").first()
    if unit is None:
        return []
    officer = Agent(
        username=FALLBACK_OFFICER,
        role=Role.UNIT_MEMBER,
        unit=unit,
        first_name="Officier de terrain",
        last_name="(démo)",
    )
    officer.set_unusable_password()
    officer.save()
    return [officer]


def create_field_reports(*, cell: Cell, now: datetime) -> list[Report]:
    """The demo's field reports in the cell's département, from its units' officers."""
    officers = _officers(cell)
    if not officers:
        return []
    communes = Commune.objects.select_related("departement").in_bulk(
        {observation[1] for observation in OBSERVATIONS}
    )
    sent = []
    for index, (days_ago, code, address, seen, vehicles, identifiers, category) in enumerate(
        OBSERVATIONS
    ):
        commune = communes.get(code)
        if commune is None or commune.departement_id != cell.departement_id:
            continue
        observed = now - timedelta(days=days_ago)
        report = submit_field_report(
            officer=officers[index % len(officers)],
            place=ResolvedPlace(departement=commune.departement, commune=commune),
            content=ReportContent(
                description=seen,
                address=address,
                commune_name=commune.name,
                commune_code=commune.code,
                observed_at=observed.isoformat(timespec="minutes"),
                vehicles=vehicles,
                identifiers=identifiers,
            ),
            category=category,
            photos=[],
            received_at=observed,
            is_demo=True,
        )
        sent.append(report)
    return sent
