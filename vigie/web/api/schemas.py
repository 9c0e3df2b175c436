"""Typed shapes of API v1 (PRODUCT.md "Interfaces"): what is accepted, what is answered."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import ConfigDict, Field, StringConstraints, field_validator, model_validator

from vigie.reports import submission as limits
from vigie.reports.content import Identifier, Person, ReportContent, Vehicle
from vigie.reports.enums import Category, IdentifierKind, MessageKind, PlaceKind, Risk
from vigie.reports.synonyms import (
    PLACE_KIND_SYNONYMS,
    RISK_SYNONYMS,
    canonical_place_kind,
    canonical_risk,
    described,
)

# Optional texts: null and absent mean "not given", like an empty string.
ShortText = Annotated[str, StringConstraints(max_length=limits.MAX_SHORT_TEXT)] | None
Description = Annotated[str, StringConstraints(max_length=settings.REPORT_TEXT_MAX_LENGTH)]


def _text(value: str | None) -> str:
    return (value or "").strip()


# --------------------------------------------------------------------------- report in


# What the server enforces, said in the schema (JSON Schema 2020-12, OpenAPI 3.1): a point is
# given whole or not at all (lat and lon both numbers, or both absent or null).
_WHOLE_POINT: dict[str, Any] = {
    "anyOf": [
        {
            "required": ["lat", "lon"],
            "properties": {"lat": {"type": "number"}, "lon": {"type": "number"}},
        },
        {"properties": {"lat": {"type": "null"}, "lon": {"type": "null"}}},
    ]
}
# A report reaches a cell through its place: a commune (not blank) or a whole point.
_PLACE_GIVEN: dict[str, Any] = {
    "anyOf": [
        {"required": ["commune"], "properties": {"commune": {"type": "string", "pattern": "\\S"}}},
        {
            "required": ["lat", "lon"],
            "properties": {"lat": {"type": "number"}, "lon": {"type": "number"}},
        },
    ]
}


class LocationIn(Schema):
    model_config = ConfigDict(json_schema_extra=_WHOLE_POINT)

    lat: float | None = Field(None, ge=-90, le=90, description="Latitude WGS84")
    lon: float | None = Field(None, ge=-180, le=180, description="Longitude WGS84")
    address: Annotated[str, StringConstraints(max_length=limits.MAX_ADDRESS)] | None = None
    commune: ShortText = Field(
        None,
        description="Code INSEE, ou nom / code postal désignant une seule commune",
        examples=["25056"],
    )
    place_kind: PlaceKind | None = Field(
        None,
        description=(
            "Genre de lieu. Les synonymes courants sont acceptés et ramenés à la valeur "
            "canonique (casse, accents, espaces et tirets indifférents) : "
            + described(PLACE_KIND_SYNONYMS)
            + ". Tout autre mot est refusé (422, `location.place_kind`)."
        ),
        json_schema_extra={"x-synonyms": {k: str(v) for k, v in PLACE_KIND_SYNONYMS.items()}},
    )
    point_confirmed: bool = Field(
        False,
        description=(
            "Le citoyen a confirmé le point et la commune alors qu’ils ne concordent pas. "
            "Sans ce drapeau, un point à plus de 3 km du contour de la commune est refusé "
            "(422, code `point_far_from_commune` sur `location.commune`, avec la commune "
            "qui contient le point) : demandez au citoyen lequel est juste. Confirmé, la "
            "commune désigne la cellule destinataire."
        ),
    )

    @field_validator("place_kind", mode="before")
    @classmethod
    def place_kind_synonym(cls, value: Any) -> Any:
        return canonical_place_kind(value)

    @model_validator(mode="after")
    def point_is_whole(self) -> LocationIn:
        if (self.lat is None) != (self.lon is None):
            raise ValueError(_("Donnez la latitude et la longitude ensemble."))
        return self


class PersonIn(Schema):
    description: Annotated[
        str, StringConstraints(min_length=1, max_length=limits.MAX_PERSON_DESCRIPTION)
    ]


class VehicleIn(Schema):
    kind: ShortText = None
    make: ShortText = None
    colour: ShortText = None
    plate: ShortText = Field(None, description="Complète ou partielle, « ? » pour l’inconnu")


class IdentifierIn(Schema):
    kind: IdentifierKind
    value: Annotated[str, StringConstraints(min_length=1, max_length=limits.MAX_SHORT_TEXT)]


class StructuredReport(Schema):
    """PRODUCT.md's structured report; unknown keys are ignored (more fields are welcome)."""

    model_config = ConfigDict(extra="ignore")

    category: Category | None = None
    description: Description | None = None
    location: LocationIn | None = None
    observed_at: datetime | date | None = Field(
        None, description="ISO 8601 : une date, ou une date et une heure"
    )
    schedule: Annotated[str, StringConstraints(max_length=limits.MAX_SCHEDULE)] | None = None
    people: list[PersonIn] | None = Field(default_factory=list, max_length=limits.MAX_PEOPLE)
    vehicles: list[VehicleIn] | None = Field(default_factory=list, max_length=limits.MAX_VEHICLES)
    identifiers: list[IdentifierIn] | None = Field(
        default_factory=list, max_length=limits.MAX_IDENTIFIERS
    )
    risks: list[Risk] | None = Field(
        default_factory=list,
        max_length=len(Risk.values),
        description=(
            "Risques. Les synonymes courants sont acceptés et ramenés à la valeur canonique : "
            + described(RISK_SYNONYMS)
            + ". Tout autre mot est refusé (422, `risks.N`)."
        ),
        json_schema_extra={"x-synonyms": {k: str(v) for k, v in RISK_SYNONYMS.items()}},
    )
    contact: Annotated[str, StringConstraints(max_length=limits.MAX_CONTACT)] | None = Field(
        None, description="Facultatif : l’anonymat est la règle"
    )

    # null is accepted and means an empty list (the schema says so: `anyOf [array, null]`).
    @field_validator("people", "vehicles", "identifiers", "risks", mode="before")
    @classmethod
    def null_is_empty(cls, value: Any) -> Any:
        return [] if value is None else value

    @field_validator("risks", mode="before")
    @classmethod
    def risk_synonyms(cls, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return [canonical_risk(v) for v in value]
        return value

    def content(self, *, commune_name: str = "", commune_code: str = "") -> ReportContent:
        location = self.location or LocationIn()
        return ReportContent(
            description=_text(self.description),
            address=_text(location.address),
            latitude=location.lat,
            longitude=location.lon,
            place_kind=location.place_kind.value if location.place_kind else "",
            commune_name=commune_name,
            commune_code=commune_code,
            observed_at=self.observed_at.isoformat() if self.observed_at else "",
            schedule=_text(self.schedule),
            people=tuple(Person(description=p.description.strip()) for p in self.people or ()),
            vehicles=tuple(
                Vehicle(
                    kind=_text(v.kind),
                    make=_text(v.make),
                    colour=_text(v.colour),
                    plate=_text(v.plate),
                )
                for v in self.vehicles or ()
            ),
            identifiers=tuple(
                Identifier(kind=i.kind.value, value=i.value.strip()) for i in self.identifiers or ()
            ),
            risks=tuple(dict.fromkeys(risk.value for risk in self.risks or ())),
            contact=_text(self.contact),
        )


class ProofOfWork(Schema):
    challenge: Annotated[str, StringConstraints(min_length=1, max_length=512)]
    nonce: Annotated[str, StringConstraints(min_length=1, max_length=64)]


def _report_needs_a_place(schema: dict[str, Any]) -> None:
    """`location` is required and names a commune or a whole point (else 422 `place_required`)."""
    location = schema["properties"]["location"]
    ref = next(option for option in location.get("anyOf", [location]) if "$ref" in option)
    description = location.get("description")
    schema["properties"]["location"] = {"allOf": [ref, _PLACE_GIVEN]} | (
        {"description": description} if description else {}
    )
    schema["required"] = [*schema.get("required", []), "location"]


class ReportIn(StructuredReport):
    model_config = ConfigDict(extra="ignore", json_schema_extra=_report_needs_a_place)

    submission_id: uuid.UUID | None = Field(
        None,
        description="Choisi par le client : un nouvel envoi du même id rend le même signalement",
    )
    category: Category
    description: Annotated[
        str,
        StringConstraints(min_length=1, max_length=settings.REPORT_TEXT_MAX_LENGTH),
    ]
    pow: ProofOfWork | None = Field(
        None, description="Preuve de travail (GET /challenge), requise si la difficulté > 0"
    )

    @field_validator("description")
    @classmethod
    def description_is_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError(_("Décrivez ce que vous avez vu."))
        return value


# --------------------------------------------------------------------------- answers


class ErrorItem(Schema):
    field: str | None = Field(description="Chemin du champ en cause, ex. location.commune")
    code: str
    message: str = Field(description="Message en français, à montrer tel quel")
    candidates: list[dict[str, str]] | None = Field(
        None, description="Communes possibles quand le nom est ambigu"
    )


class ChallengeOut(Schema):
    challenge: str
    difficulty: int = Field(description="Bits à zéro exigés en tête de SHA-256(challenge:nonce)")
    expires_in: int = Field(description="Secondes")
    algorithm: str = "sha256-leading-zero-bits"


def challenge_body(challenge: Any) -> dict[str, Any]:
    return ChallengeOut(
        challenge=challenge.challenge,
        difficulty=challenge.difficulty,
        expires_in=challenge.expires_in,
    ).model_dump()


class ErrorsOut(Schema):
    errors: list[ErrorItem]
    challenge: ChallengeOut | None = Field(
        None, description="Un nouveau défi, quand la preuve de travail est refusée"
    )


class ReportCreated(Schema):
    reference: str
    secret: str | None = Field(
        description="Le code secret du récépissé, montré une seule fois (null sur un renvoi)"
    )
    secret_shown: bool
    notice: str | None = None
    triage: str
    score: int
    missing: list[str]
    status_url: str


class StatusLabel(Schema):
    code: str
    label: str


class StatusChange(Schema):
    at: datetime
    status: StatusLabel


class ThreadMessage(Schema):
    id: str
    author: StatusLabel
    kind: StatusLabel
    at: datetime
    text: str


class ReportStatusOut(Schema):
    reference: str
    status: StatusLabel
    received_at: datetime = Field(description="À l’heure près")
    history: list[StatusChange]
    messages: list[ThreadMessage]
    attachment_count: int


class MessageIn(Schema):
    message_id: uuid.UUID | None = Field(
        None, description="Choisi par le client : un nouvel envoi du même id n’ajoute rien"
    )
    kind: MessageKind = MessageKind.MESSAGE
    text: Annotated[
        str, StringConstraints(min_length=1, max_length=settings.REPORT_TEXT_MAX_LENGTH)
    ]

    @field_validator("text")
    @classmethod
    def text_is_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError(_("Le message est vide."))
        return value.strip()


class MessageOut(Schema):
    id: str
    kind: StatusLabel
    at: datetime


class AttachmentOut(Schema):
    id: str
    kind: str
    media_type: str
    size: int
    cleaning: StatusLabel
    attachment_count: int


class MissingOut(Schema):
    code: str
    label: str
    hint: str


class EmergencyNumber(Schema):
    number: str
    label: str
    sms: bool = False


class Guidance(Schema):
    kind: str = Field(
        description="emergency (appeler le 17), nuisance (17 ou mairie), out_of_scope"
    )
    title: str
    message: str
    numbers: list[EmergencyNumber]


class AnalysisOut(Schema):
    triage: str
    category: str | None
    score: int
    level: str = Field(description="low, medium ou high : la jauge du formulaire")
    level_label: str
    missing: list[MissingOut]
    guidance: Guidance | None = Field(description="Que faire d’abord (17, mairie…), ou null")


class CommuneOut(Schema):
    code: str
    name: str
    postcodes: list[str]
    departement: str
    lat: float | None = Field(None, description="Point de la commune (mairie), WGS84")
    lon: float | None = Field(None, description="Point de la commune (mairie), WGS84")
