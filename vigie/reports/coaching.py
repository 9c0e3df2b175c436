"""The quality coach: an analysis turned into the advice a citizen reads before sending.

One function, `coaching_for`, shared by the report form's review step (no JavaScript) and by
`POST /api/v1/analyse` (the live coach), so both say exactly the same thing. Its `as_dict()`
is the API's answer: ``{triage, category, score, level, missing: [{code, label, hint}],
guidance}``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from vigie.engine.analysis.types import Analysis
from vigie.reports.enums import MissingElement, Triage


@dataclass(frozen=True)
class Advice:
    code: str
    label: str
    hint: str


@dataclass(frozen=True)
class Guidance:
    """What to do instead of (or before) sending: shown above everything else."""

    kind: str  # "emergency", "nuisance", "out_of_scope"
    title: str
    text: str


@dataclass(frozen=True)
class Coaching:
    triage: str
    category: str | None
    score: int
    level: str  # "low", "medium", "high": the gauge's colour and words
    level_label: str
    missing: tuple[Advice, ...]
    guidance: Guidance | None

    @property
    def is_emergency(self) -> bool:
        return self.triage == Triage.URGENT

    def as_dict(self) -> dict[str, Any]:
        return {
            "triage": self.triage,
            "category": self.category,
            "score": self.score,
            "level": self.level,
            "level_label": self.level_label,
            "missing": [
                {"code": item.code, "label": item.label, "hint": item.hint} for item in self.missing
            ],
            "guidance": None
            if self.guidance is None
            else {
                "kind": self.guidance.kind,
                "title": self.guidance.title,
                "text": self.guidance.text,
            },
        }


def _guidance(triage: str) -> Guidance | None:
    if triage == Triage.URGENT:
        return Guidance(
            kind="emergency",
            title=_("Danger immédiat ? Appelez le 17"),
            text=_(
                "Si quelqu’un est en danger maintenant, appelez le 17 (police secours) ou le "
                "112. Si vous ne pouvez pas parler ou entendre, envoyez un SMS au 114. "
                "Vous pourrez envoyer ce signalement ensuite."
            ),
        )
    if triage == Triage.PUBLIC_ORDER:
        return Guidance(
            kind="nuisance",
            title=_("Une nuisance plutôt qu’un trafic ?"),
            text=_(
                "Si cela se passe maintenant, appelez le 17. Pour une nuisance qui se répète "
                "(bruit, rassemblements, rodéos), la mairie ou la police municipale est le bon "
                "interlocuteur. Si vous avez vu des signes de trafic (échanges, guetteurs, "
                "allers-retours), décrivez-les : vous pouvez envoyer ce signalement."
            ),
        )
    if triage == Triage.OUT_OF_FIELD:
        return Guidance(
            kind="out_of_scope",
            title=_("Ce signalement concerne-t-il un trafic de stupéfiants ?"),
            text=_(
                "Pour un vol, une escroquerie, un conflit de voisinage ou une autre infraction, "
                "déposez plainte au commissariat, à la brigade de gendarmerie ou en ligne sur "
                "le site officiel de plainte en ligne. Vous pouvez tout de même envoyer ce "
                "signalement."
            ),
        )
    return None


def _level(score: int, triage: str) -> tuple[str, str]:
    """The gauge's words agree with the triage: an exploitable report is never told it
    would become exploitable, only that more would strengthen it."""
    exploitable = triage == "exploitable"
    if score >= 70 and exploitable:
        return "high", _("Signalement précis : la cellule pourra l’exploiter.")
    if exploitable:
        return "medium", _("Signalement exploitable : ces précisions le renforceraient.")
    if score >= 40:
        return "medium", _("Signalement utile : quelques précisions le rendraient exploitable.")
    return "low", _("Signalement encore trop vague pour que la cellule puisse agir.")


def coaching_for(analysis: Analysis) -> Coaching:
    labels = dict(MissingElement.choices)
    level, level_label = _level(analysis.score, analysis.triage)
    return Coaching(
        triage=analysis.triage,
        category=analysis.category,
        score=analysis.score,
        level=level,
        level_label=level_label,
        missing=tuple(
            Advice(code=item.code, label=str(labels.get(item.code, item.code)), hint=item.hint)
            for item in analysis.missing
        ),
        guidance=_guidance(analysis.triage),
    )
