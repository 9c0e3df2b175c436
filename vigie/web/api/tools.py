"""What a client needs around a report: the quality coach, a proof-of-work challenge, communes."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router

from vigie.core import abuse
from vigie.engine.analysis import analyse
from vigie.geo import reference
from vigie.reports.coaching import coaching_for
from vigie.web.api.base import rate_limit
from vigie.web.api.schemas import (
    AnalysisOut,
    ChallengeOut,
    CommuneOut,
    EmergencyNumber,
    ErrorsOut,
    Guidance,
    MissingOut,
    StructuredReport,
    challenge_body,
)

router = Router(tags=["outils"])
COMMUNE_RESULTS = 10


def _numbers(kind: str) -> list[EmergencyNumber]:
    """Numbers to call, by kind of guidance (the coach's texts say when and why)."""
    if kind == "emergency":
        return [
            EmergencyNumber(number="17", label=_("Police secours")),
            EmergencyNumber(number="112", label=_("Numéro d’urgence européen")),
            EmergencyNumber(
                number="114", label=_("Par SMS, si vous ne pouvez pas parler"), sms=True
            ),
        ]
    if kind == "nuisance":
        return [
            EmergencyNumber(number="17", label=_("Police secours, si cela se passe maintenant"))
        ]
    return []


@router.post(
    "/analyse",
    response={200: AnalysisOut, 400: ErrorsOut, 413: ErrorsOut, 415: ErrorsOut}
    | {422: ErrorsOut, 429: ErrorsOut},
    url_name="analyse",
    operation_id="analyseReport",
    summary="Conseils de qualité (n’enregistre rien)",
    description=(
        "Le « coach » du formulaire : lit un signalement, même incomplet, et dit ce qui le "
        "rendrait exploitable. Rien n’est enregistré ni journalisé."
    ),
)
def analyse_report(request: HttpRequest, payload: StructuredReport) -> AnalysisOut:
    rate_limit("analyse", abuse.client_bucket(request))
    location = payload.location
    content = payload.content(commune_name=(location.commune or "") if location else "")
    category = payload.category.value if payload.category else ""
    analysis = analyse(content.description, report=content.as_structured(category=category))
    coaching = coaching_for(analysis)
    guidance = coaching.guidance
    return AnalysisOut(
        triage=coaching.triage,
        category=coaching.category,
        score=coaching.score,
        level=coaching.level,
        level_label=coaching.level_label,
        missing=[
            MissingOut(code=item.code, label=item.label, hint=item.hint)
            for item in coaching.missing
        ],
        guidance=None
        if guidance is None
        else Guidance(
            kind=guidance.kind,
            title=guidance.title,
            message=guidance.text,
            numbers=_numbers(guidance.kind),
        ),
    )


@router.get(
    "/challenge",
    response={200: ChallengeOut},
    url_name="challenge",
    operation_id="getChallenge",
    summary="Un défi de preuve de travail",
)
def challenge(request: HttpRequest, response: HttpResponse) -> dict[str, object]:
    response["Cache-Control"] = "no-store"
    return challenge_body(abuse.issue_challenge())


@router.get(
    "/communes",
    response={200: list[CommuneOut]},
    url_name="communes",
    operation_id="searchCommunes",
    summary="Communes par nom, code postal ou code INSEE (liste hors ligne)",
)
def communes(
    request: HttpRequest,
    response: HttpResponse,
    q: str = "",
) -> list[CommuneOut]:
    response["Cache-Control"] = "public, max-age=86400"
    return [
        CommuneOut(
            code=commune.code,
            name=commune.name,
            postcodes=list(commune.postcodes),
            departement=commune.departement,
            lat=commune.lat,
            lon=commune.lon,
        )
        for commune in reference.search_communes(q[:100], limit=COMMUNE_RESULTS)
    ]
