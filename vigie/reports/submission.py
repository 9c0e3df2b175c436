"""Checks on a citizen's structured report shared by the API and the form (no HTTP here).

Limits are generous for a real witness and small enough that nobody can use a report to
store or flood: the API's schema and the form read them from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

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
_INSEE_CODE = re.compile(r"^(?:\d{5}|2[AaBb]\d{3})$")


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
) -> ResolvedPlace:
    """The report's département (and commune) from what the citizen gave, or precise errors.

    `codes_first`: five digits name an INSEE code before a postcode (the API's contract).
    A person typing into the form means a postcode; there the same digits, when they are also
    another commune's INSEE code, make the answer ambiguous and the person chooses.
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
        if codes_first and _INSEE_CODE.match(text):
            by_code = commune_by_code(text.upper())
            if by_code is not None:
                return ResolvedPlace(departement=by_code.departement, commune=by_code)
        resolution = resolve_commune_input(text)
        found = resolution.commune or _exact_name(resolution.candidates, text)
        if found is not None:
            return ResolvedPlace(departement=found.departement, commune=found)
        if resolution.candidates:
            shown = resolution.candidates[:MAX_CANDIDATES]
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
        return ResolvedPlace(departement=point_departement, commune=None)
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
