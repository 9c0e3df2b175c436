"""Factories with Traits: `AgentFactory(analyst=True, departement="39")`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from vigie.accounts.models import Agent, Role
from vigie.cells.models import Cell, Unit, UnitKind
from vigie.geo.models import Commune, Departement
from vigie.outcomes.enums import Drug, QuantityUnit, WeaponKind
from vigie.outcomes.models import DrugSeizure, Outcome, WeaponSeizure
from vigie.reports.content import Identifier, ReportContent, Vehicle
from vigie.reports.enums import Category
from vigie.reports.models import Report
from vigie.reports.services import SubmittedReport, submit_report

AGENT_PASSWORD = "correct horse battery staple"


class CellFactory(DjangoModelFactory[Cell]):
    class Meta:
        model = Cell
        django_get_or_create = ("departement",)

    departement = factory.LazyFunction(lambda: Departement.objects.get(code="25"))
    name = factory.LazyAttribute(lambda cell: f"CROSS {cell.departement.name}")


class UnitFactory(DjangoModelFactory[Unit]):
    class Meta:
        model = Unit

    class Params:
        inactive = factory.Trait(is_active=False)

    cell = factory.SubFactory(CellFactory)
    name = factory.Sequence(lambda n: f"Commissariat {n}")
    kind = UnitKind.POLICE_ZONE
    contact_email = factory.Sequence(lambda n: f"unite{n}@interieur.gouv.fr")


class AgentFactory(DjangoModelFactory[Agent]):
    class Meta:
        model = Agent
        skip_postgeneration_save = True

    class Params:
        departement = "25"
        analyst = factory.Trait(role=Role.ANALYST)
        national = factory.Trait(role=Role.NATIONAL, cell=None)
        cell_head = factory.Trait(role=Role.CELL_HEAD)
        admin = factory.Trait(role=Role.ADMIN, cell=None)
        # An officer of a unit of the département's cell (« remontée terrain »).
        unit_member = factory.Trait(
            role=Role.UNIT_MEMBER,
            cell=None,
            unit=factory.LazyAttribute(
                lambda agent: UnitFactory(
                    cell=CellFactory(departement=Departement.objects.get(code=agent.departement))
                )
            ),
        )
        inactive = factory.Trait(is_active=False)
        # A unit member: `AgentFactory(unit_member=True, unit=unit)` (a unit of the Doubs cell
        # by default).
        unit_member = factory.Trait(
            role=Role.UNIT_MEMBER, cell=None, unit=factory.SubFactory("tests.factories.UnitFactory")
        )

    username = factory.Sequence(lambda n: f"agent{n}")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    role = Role.AGENT
    cell = factory.LazyAttribute(
        lambda agent: CellFactory(departement=Departement.objects.get(code=agent.departement))
    )
    password = factory.PostGenerationMethodCall("set_password", AGENT_PASSWORD)

    @factory.post_generation
    def _save(obj: Agent, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            obj.save()

    @factory.post_generation
    def enrolled(obj: Agent, create: bool, extracted: Any, **kwargs: Any) -> None:
        """Every agent has an authenticator (tests.login_support.TEST_TOTP_KEY) unless
        `AgentFactory(enrolled=False)`: a first login then enrols one."""
        if create and extracted is not False:
            from tests.login_support import give_authenticator

            give_authenticator(obj)


def submitted_report(
    *,
    commune_code: str = "25056",
    description: str = (
        "Tous les soirs entre 18h et 21h, deux jeunes vendent devant le hall B du 12 rue "
        "de Dole. Un guetteur surveille depuis le parking, une Clio grise AB-123-CD."
    ),
    category: str = Category.DEALING_SPOT,
    **kwargs: Any,
) -> SubmittedReport:
    """A report submitted through the real service (sealed, analysed, with a receipt)."""
    commune = Commune.objects.select_related("departement").get(code=commune_code)
    return submit_report(
        category=category,
        departement=commune.departement,
        commune=commune,
        content=ReportContent(
            description=description, address="12 rue de Dole", commune_name=commune.name
        ),
        **kwargs,
    )


def report(**kwargs: Any) -> Report:
    return submitted_report(**kwargs).report


def field_report(
    *,
    officer: Agent,
    commune_code: str = "25056",
    description: str = "Deux guetteurs devant le hall B, échanges main à main vers 22h.",
    vehicles: tuple[Vehicle, ...] = (),
    identifiers: tuple[Identifier, ...] = (),
) -> Report:
    """A field report sent through the real service (vigie.field.services)."""
    from vigie.field.services import submit_field_report
    from vigie.reports.submission import ResolvedPlace

    commune = Commune.objects.select_related("departement").get(code=commune_code)
    return submit_field_report(
        officer=officer,
        place=ResolvedPlace(departement=commune.departement, commune=commune),
        content=ReportContent(
            description=description,
            address="12 rue de Dole",
            commune_name=commune.name,
            commune_code=commune.code,
            vehicles=vehicles,
            identifiers=identifiers,
        ),
        category=Category.DEALING_SPOT,
        photos=[],
    )


class OutcomeFactory(DjangoModelFactory[Outcome]):
    """An outcome row as stored (no validation): for the figures. Through the service, use
    `vigie.outcomes.services.record_outcome`."""

    class Meta:
        model = Outcome

    departement = factory.LazyFunction(lambda: Departement.objects.get(code="25"))
    recorded_by = factory.SubFactory(
        AgentFactory, analyst=True, departement=factory.SelfAttribute("..departement.code")
    )
    recorded_at = factory.LazyFunction(timezone.now)
    occurred_on = factory.LazyFunction(timezone.localdate)


class DrugSeizureFactory(DjangoModelFactory[DrugSeizure]):
    class Meta:
        model = DrugSeizure

    outcome = factory.SubFactory(OutcomeFactory)
    drug = Drug.CANNABIS_RESIN
    quantity = Decimal("100")
    unit = QuantityUnit.GRAM


class WeaponSeizureFactory(DjangoModelFactory[WeaponSeizure]):
    class Meta:
        model = WeaponSeizure

    outcome = factory.SubFactory(OutcomeFactory)
    kind = WeaponKind.HANDGUN
    count = 1


def dispatched(
    *,
    by: Agent,
    unit: Unit,
    reports: list[Report] | None = None,
    priority: str = "normale",
    instructions: str = "Surveillance du hall en soirée.",
    now: Any = None,
) -> Any:
    """A dispatch made through the real service (reports default to one new report)."""
    from vigie.operations.jurisdiction import Suggestion
    from vigie.operations.services import dispatch_to_unit

    return dispatch_to_unit(
        agent=by,
        cell=unit.cell,
        unit=unit,
        reports=reports if reports is not None else [report()],
        dossier=None,
        priority=priority,
        instructions=instructions,
        suggestion=Suggestion(),
        now=now,
    )
