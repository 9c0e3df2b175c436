"""Resolve what a citizen typed (commune, postcode, point) to reference rows."""

from __future__ import annotations

from dataclasses import dataclass

from vigie.geo import reference
from vigie.geo.models import Commune, Departement


@dataclass(frozen=True)
class PlaceResolution:
    commune: Commune | None
    departement: Departement | None
    # Several communes match (a shared postcode, a homonym): the citizen must choose.
    candidates: tuple[Commune, ...] = ()


def resolve_commune_input(text: str) -> PlaceResolution:
    codes = [candidate.code for candidate in reference.parse_commune_input(text)]
    if not codes:
        return PlaceResolution(commune=None, departement=None)
    by_code = Commune.objects.select_related("departement").in_bulk(codes)
    ordered = tuple(by_code[code] for code in codes if code in by_code)
    if len(ordered) == 1:
        return PlaceResolution(commune=ordered[0], departement=ordered[0].departement)
    return PlaceResolution(commune=None, departement=None, candidates=ordered)


def commune_by_code(code: str) -> Commune | None:
    return Commune.objects.select_related("departement").filter(code=code).first()


def departement_for_point(latitude: float, longitude: float) -> Departement | None:
    code = reference.departement_for_point(latitude, longitude)
    return Departement.objects.filter(code=code).first() if code else None
