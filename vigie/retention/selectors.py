"""Reads for the administration's retention page."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vigie.retention.models import PurgedKind, PurgeRun, PurgeTally, RetentionOverride

RULE_LABELS: dict[str, Promise] = {
    "report_out_of_scope": _("Signalement hors champ"),
    "report_not_exploitable": _("Signalement non exploitable"),
    "report_exploitable": _("Signalement exploitable (après qualification)"),
    "conversation_closed": _("Discussion close sans signalement"),
}


@dataclass(frozen=True)
class RuleRow:
    rule: str
    label: Promise | str
    maximum_days: int
    days: int
    is_shortened: bool


def retention_rules() -> list[RuleRow]:
    overrides = dict(RetentionOverride.objects.values_list("rule", "days"))
    rows = []
    for rule, maximum in settings.RETENTION.items():
        days = min(int(overrides.get(rule, maximum)), int(maximum))
        rows.append(
            RuleRow(
                rule=rule,
                label=RULE_LABELS.get(rule, rule),
                maximum_days=int(maximum),
                days=days,
                is_shortened=days < int(maximum),
            )
        )
    return rows


def last_purge() -> PurgeRun | None:
    return PurgeRun.objects.order_by("-at", "-pk").first()


def purged_totals() -> dict[str, int]:
    """How many reports and conversations were purged since the start, per kind."""
    totals = dict(
        PurgeTally.objects.values_list("kind").annotate(total=Sum("count")).order_by("kind")
    )
    return {kind: int(totals.get(kind, 0)) for kind in PurgedKind.values}
