"""The one way to reach dossiers, entities and watchlists from the back office.

A cell's analyst sees the dossiers holding at least one report of their département (a
cross-border dossier is seen by both cells); inside one, only their own reports' contents, plus
the fact and the reasons of each link. The national role sees every département. Missing and
forbidden are the same 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from vigie.accounts.models import Role
from vigie.accounts.permissions import Capability, can
from vigie.audit.models import AuditAction
from vigie.audit.services import record_event
from vigie.crossref.models import Dossier, DossierMember, Watchlist


@dataclass(frozen=True)
class Scope:
    """The départements an agent works on; `None` for every one (national role)."""

    departements: frozenset[str] | None

    @property
    def national(self) -> bool:
        return self.departements is None

    def covers(self, code: str) -> bool:
        return self.departements is None or code in self.departements

    @property
    def home(self) -> str | None:
        """The agent's own département (where their watchlists live); None when national."""
        return next(iter(self.departements)) if self.departements else None


def scope_of(agent: Any) -> Scope:
    if not getattr(agent, "is_authenticated", False) or not agent.is_active:
        raise Http404
    if agent.role == Role.NATIONAL:
        return Scope(None)
    # Cell members who handle reports (not the chat-only role: least privilege, issue 9 #13).
    if can(agent, Capability.HANDLE_REPORTS) and agent.cell_id is not None:
        return Scope(frozenset({agent.cell.departement_id}))
    raise Http404


def visible_dossiers(scope: Scope) -> QuerySet[Dossier]:
    live = Dossier.objects.filter(merged_into__isnull=True, size__gt=1)
    if scope.departements is None:
        return live
    return live.filter(
        pk__in=DossierMember.objects.filter(departement_id__in=scope.departements).values(
            "dossier_id"
        )
    )


def is_visible(scope: Scope, dossier: Dossier) -> bool:
    """`visible_dossiers` for one dossier, as one index seek on (département, dossier) rather
    than the list of every dossier of the département (which grows with it)."""
    if dossier.merged_into_id is not None or dossier.size <= 1:
        return False
    if scope.departements is None:
        return True
    return DossierMember.objects.filter(
        departement_id__in=scope.departements, dossier=dossier
    ).exists()


def find_dossier(public_id: UUID | str) -> Dossier:
    """The dossier of this id or, if it was merged, the one its reports went to; 404 when
    missing. Not an access check: callers apply their own rule (`is_visible`, or
    vigie.outcomes.access.may_record_outcomes)."""
    try:
        dossier = Dossier.objects.get(public_id=public_id)
    except (Dossier.DoesNotExist, ValueError, ValidationError) as error:
        raise Http404 from error
    seen = {dossier.pk}
    while dossier.merged_into_id is not None and dossier.merged_into_id not in seen:
        seen.add(dossier.merged_into_id)
        dossier = Dossier.objects.get(pk=dossier.merged_into_id)
    return dossier


def access_dossier(agent: Any, public_id: UUID | str, *, audit: bool = True) -> Dossier:
    """A live dossier the agent may see; a merged one leads to where its reports went."""
    scope = scope_of(agent)
    dossier = find_dossier(public_id)
    if not is_visible(scope, dossier):
        raise Http404
    if audit:
        record_event(
            actor=agent,
            action=AuditAction.VIEW_DOSSIER,
            target_type="dossier",
            target_id=str(dossier.public_id),
        )
    return dossier


def access_watchlist(agent: Any, public_id: UUID | str) -> Watchlist:
    scope = scope_of(agent)
    try:
        watch = Watchlist.objects.get(public_id=public_id)
    except (Watchlist.DoesNotExist, ValueError, ValidationError) as error:
        raise Http404 from error
    if not scope.covers(watch.departement_id):
        raise Http404
    return watch


def access_pair(agent: Any, reference_a: str, reference_b: str) -> tuple[Any, Any]:
    """Two reports an analyst decides on: at least one of them in the agent's scope (the other
    may be another cell's, in a cross-border dossier); 404 otherwise."""
    from vigie.reports.models import Report

    scope = scope_of(agent)
    pair = list(Report.objects.filter(reference__in=[reference_a, reference_b]))
    if len(pair) != 2 or not any(scope.covers(r.departement_id) for r in pair):
        raise Http404
    return pair[0], pair[1]


def dossier_members(dossier: Dossier) -> list[tuple[int, str, str]]:
    """(report id, reference, département) of a dossier already reached through access."""
    return list(
        DossierMember.objects.filter(dossier=dossier).values_list(
            "report_id", "report__reference", "departement_id"
        )
    )
