"""Checks on a citizen's structured report shared by the API and the form (no HTTP here).

Limits are generous for a real witness and small enough that nobody can use a report to
store or flood: the API's schema and the form read them from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from vigie.geo import reference
from vigie.geo.models import Commune, Departement
from vigie.geo.selectors import commune_by_code, departement_for_point, resolve_commune_input

MAX_SHORT_TEXT = 200  # a make, a colour, a plate, a handle, a place name
MAX_ADDRESS = 300
MAX_SCHEDULE = 500
MAX_PERSON_DESCRIPTION = 1000
MAX_CONTACT = 300
MAX_PEOPLE = 20
MAX_VEHICLES = 20
MAX_IDENTIFIERS = 30
MAX_CANDIDATES = 10
# What a typed plate may hold: letters, digits, dashes and spaces, '?' for an unread character.
PLATE_ALLOWED = re.compile(r"^[A-Z0-9?\- ]+$")
# A point farther than this from the named commune's outline contradicts it: the citizen is
# asked which is right, never routed silently (the outlines are simplified to about 200 m).
POINT_COMMUNE_TOLERANCE_KM = 3.0
_INSEE_CODE = re.compile(r"^(?:\d{5}|2[AaBb]\d{3})$")


def observed_moment(observed: date | None, moment: time | None) -> str:
    """A form's date and optional time as the content's ISO `observed_at` ('' without date)."""
    if observed is None:
        return ""
    if moment is None:
        return observed.isoformat()
    return timezone.make_aware(datetime.combine(observed, moment)).isoformat()


@dataclass(frozen=True)
class FieldError:
    field: str | None  # dotted path in the structured shape, e.g. "location.commune"
    code: str
    message: str  # French, for the citizen
    extra: dict[str, Any] = field(default_factory=dict)


class SubmissionInvalid(Exception):
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class ResolvedPlace:
    departement: Departement
    commune: Commune | None


def _exact_name(candidates: tuple[Commune, ...], text: str) -> Commune | None:
    """'Paris' also prefixes 'Parisot': a single exact name settles it."""
    key = reference.normalise(text)
    exact = [c for c in candidates if reference.normalise(c.name) == key]
    return exact[0] if len(exact) == 1 else None


def resolve_place(
    *,
    commune: str,
    latitude: float | None,
    longitude: float | None,
    field_prefix: str = "location",
    codes_first: bool = True,
    point_confirmed: bool = False,
) -> ResolvedPlace:
    """The report's département (and commune) from what the citizen gave, or precise errors.

    `codes_first`: five digits name an INSEE code before a postcode (the API's contract).
    A person typing into the form means a postcode; there the same digits, when they are also
    another commune's INSEE code, make the answer ambiguous and the person chooses.

    A point more than POINT_COMMUNE_TOLERANCE_KM from the commune is refused
    (`point_far_from_commune`) unless `point_confirmed`: then the commune decides.
    """
    commune_field = f"{field_prefix}.commune"
    text = commune.strip()
    point_code = None
    if latitude is not None and longitude is not None:
        # The offline outlines answer without the database; a row is read only if needed.
        point_code = reference.departement_for_point(latitude, longitude)
        if point_code is None:
            raise SubmissionInvalid(
                [
                    FieldError(
                        f"{field_prefix}.lat",
                        "outside_france",
                        _(
                            "Ce point (%(lat).4f, %(lon).4f) n’est pas en France. Vigie reçoit "
                            "les signalements des départements français : vérifiez le point "
                            "sur la carte ou indiquez la commune."
                        )
                        % {"lat": latitude, "lon": longitude},
                    )
                ]
            )
    if text:
        # The API's contract names communes by INSEE code first: "67500" is Urmatt, even
        # though it is also the postcode of Haguenau and its neighbours.
        found = commune_by_code(text.upper()) if codes_first and _INSEE_CODE.match(text) else None
        candidates: tuple[Commune, ...] = ()
        if found is None:
            resolution = resolve_commune_input(text)
            found = resolution.commune or _exact_name(resolution.candidates, text)
            candidates = resolution.candidates
        if found is not None:
            if point_code is not None and not point_confirmed:
                _check_point_in_commune(found, latitude, longitude, commune_field)
            return ResolvedPlace(departement=found.departement, commune=found)
        if candidates:
            shown = candidates[:MAX_CANDIDATES]
            raise SubmissionInvalid(
                [
                    FieldError(
                        commune_field,
                        "ambiguous_commune",
                        _(
                            "Plusieurs communes correspondent à « %(text)s » : %(names)s. "
                            "Précisez le code postal ou le code INSEE."
                        )
                        % {"text": text, "names": ", ".join(str(c) for c in shown)},
                        extra={
                            "candidates": [
                                {"code": c.code, "name": c.name, "departement": c.departement_id}
                                for c in shown
                            ]
                        },
                    )
                ]
            )
        raise SubmissionInvalid(
            [
                FieldError(
                    commune_field,
                    "unknown_commune",
                    _(
                        "Nous ne trouvons pas la commune « %(text)s ». Vérifiez l’orthographe, "
                        "ou indiquez son code postal ou son code INSEE."
                    )
                    % {"text": text},
                )
            ]
        )
    point_departement = (
        departement_for_point(latitude, longitude)
        if point_code and latitude is not None and longitude is not None
        else None
    )
    if point_departement is not None:
        # A point alone names its commune too (the outline that holds it): the cell's map,
        # its figures per commune and the unit's jurisdiction all go by commune.
        holder = reference.commune_for_point(latitude, longitude)  # type: ignore[arg-type]  # set with point_code
        commune_row = (
            commune_by_code(holder.code)
            if holder is not None and holder.departement == point_departement.code
            else None
        )
        return ResolvedPlace(departement=point_departement, commune=commune_row)
    raise SubmissionInvalid(
        [
            FieldError(
                commune_field,
                "place_required",
                _(
                    "Indiquez la commune (nom, code postal ou code INSEE) ou placez un point "
                    "sur la carte : la cellule de votre département reçoit le signalement."
                ),
            )
        ]
    )


def format_km(distance: float) -> str:
    """37 km, 4.2 km: whole kilometres from 10 on."""
    return f"{distance:.0f}" if distance >= 10 else f"{distance:.1f}"


def _check_point_in_commune(
    commune: Commune, latitude: float | None, longitude: float | None, commune_field: str
) -> None:
    if latitude is None or longitude is None:
        return
    distance = reference.distance_to_commune_km(commune.code, latitude, longitude)
    if distance is None or distance <= POINT_COMMUNE_TOLERANCE_KM:
        return
    holder = reference.commune_for_point(latitude, longitude)
    where = (
        _("dans la commune de %(name)s (%(departement)s)")
        % {"name": holder.name, "departement": holder.departement}
        if holder is not None
        else _("hors de toute commune connue")
    )
    raise SubmissionInvalid(
        [
            FieldError(
                commune_field,
                "point_far_from_commune",
                _(
                    "Le point placé sur la carte (%(lat).4f, %(lon).4f) est à %(km)s km de "
                    "%(commune)s, %(where)s. Indiquez lequel est juste : corrigez la commune "
                    "ou déplacez le point."
                )
                % {
                    "lat": latitude,
                    "lon": longitude,
                    "km": format_km(distance),
                    "commune": str(commune),
                    "where": where,
                },
                extra={
                    "commune": {
                        "code": commune.code,
                        "name": commune.name,
                        "departement": commune.departement_id,
                    },
                    "point_commune": None
                    if holder is None
                    else {
                        "code": holder.code,
                        "name": holder.name,
                        "departement": holder.departement,
                    },
                    "distance_km": round(distance, 1),
                },
            )
        ]
    )
