"""Dossiers from links, with analysts' decisions respected.

Agglomerative, strongest links first, deterministic:

1. Pairs an analyst confirmed are put together first.
2. Links at or above ``LINK_THRESHOLD`` are taken by decreasing weight. A link joins a report to
   a dossier (or two lone reports) on its own; two dossiers of several reports each are merged
   only by an identifier-grade link (``STRONG_LINK``) or when several of their reports are
   linked (at least a third of the smaller one): one weak link between two big dossiers is
   chaining, not evidence.
3. Never merged, whatever the links: a pair an analyst rejected, and two reports that an
   analyst's split put in different groups (``Decisions.separated``: each group is one side of
   a split; a report in two groups is on both sides of nothing). A confirmed pair overrides a
   separation, not a rejection of the same pair.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from vigie.engine.linking.rules import LINK_THRESHOLD, STRONG_LINK, VETO_RULES, Link
from vigie.engine.linking.types import Features


@dataclass(frozen=True, slots=True)
class Decisions:
    rejected: frozenset[tuple[str, str]] = frozenset()
    confirmed: frozenset[tuple[str, str]] = frozenset()
    separated: tuple[frozenset[str], ...] = ()


NO_DECISIONS = Decisions()


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


class _Clusters:
    def __init__(self, keys: Iterable[str], decisions: Decisions) -> None:
        self.of: dict[str, int] = {}
        self.members: dict[int, set[str]] = {}
        for i, key in enumerate(sorted(set(keys))):
            self.of[key] = i
            self.members[i] = {key}
        self.rejected: dict[str, set[str]] = defaultdict(set)
        for a, b in decisions.rejected:
            self.rejected[a].add(b)
            self.rejected[b].add(a)
        self.groups: dict[str, set[int]] = defaultdict(set)
        for g, group in enumerate(decisions.separated):
            for key in group:
                self.groups[key].add(g)
        self.confirmed = {_pair(a, b) for a, b in decisions.confirmed}

    def add(self, key: str) -> None:
        if key not in self.of:
            i = max(self.members, default=-1) + 1
            self.of[key] = i
            self.members[i] = {key}

    def _conflict(self, x: str, y: str) -> bool:
        if y in self.rejected.get(x, ()):
            return True
        gx, gy = self.groups.get(x), self.groups.get(y)
        if gx and gy and (gx - gy) and (gy - gx):
            return _pair(x, y) not in self.confirmed
        return False

    def can_merge(self, i: int, j: int) -> bool:
        ci, cj = self.members[i], self.members[j]
        constrained_i = [k for k in ci if k in self.rejected or k in self.groups]
        if not constrained_i:
            return True
        constrained_j = [k for k in cj if k in self.rejected or k in self.groups]
        return not any(self._conflict(x, y) for x in constrained_i for y in constrained_j)

    def merge(self, i: int, j: int) -> None:
        if len(self.members[i]) < len(self.members[j]):
            i, j = j, i
        for key in self.members.pop(j):
            self.of[key] = i
            self.members[i].add(key)


def cluster(
    keys: Iterable[str], links: Iterable[Link], decisions: Decisions = Decisions()
) -> list[frozenset[str]]:
    """Dossiers (sets of keys, lone reports as singletons), sorted by their smallest key."""
    state = _Clusters(keys, decisions)
    for a, b in sorted(state.confirmed):
        state.add(a)
        state.add(b)
        i, j = state.of[a], state.of[b]
        if i != j and b not in state.rejected.get(a, ()) and state.can_merge(i, j):
            state.merge(i, j)
    edges = sorted(
        (
            (link.weight, _pair(link.a, link.b))
            for link in links
            if link.weight >= LINK_THRESHOLD and link.a != link.b
        ),
        key=lambda e: (-e[0], e[1]),
    )
    for _, (a, b) in edges:
        state.add(a)
        state.add(b)
    weight_of = {pair: w for w, pair in edges}
    # Pairs that contradict each other (a look-alike car, a noise next to a trade): a weak
    # link never joins their dossiers.
    vetoed: dict[str, set[str]] = defaultdict(set)
    for link in links:
        if VETO_RULES.intersection(link.rules):
            vetoed[link.a].add(link.b)
            vetoed[link.b].add(link.a)
    pending = edges
    changed = True
    while changed and pending:
        changed = False
        deferred: list[tuple[float, tuple[str, str]]] = []
        for w, (a, b) in pending:
            i, j = state.of[a], state.of[b]
            if i == j:
                continue
            if not state.can_merge(i, j):
                continue
            if w < STRONG_LINK and _contradicted(state.members[i], state.members[j], vetoed):
                continue
            small = min(len(state.members[i]), len(state.members[j]))
            if small > 1 and w < STRONG_LINK:
                linked = _links_between(state.members[i], state.members[j], weight_of)
                if linked < max(2, math.ceil(small / 3)):
                    deferred.append((w, (a, b)))
                    continue
            state.merge(i, j)
            changed = True
        pending = deferred
    return sorted((frozenset(m) for m in state.members.values()), key=lambda s: min(s))


def _contradicted(ci: set[str], cj: set[str], vetoed: dict[str, set[str]]) -> bool:
    if len(ci) > len(cj):
        ci, cj = cj, ci
    return any(not vetoed.get(x, set()).isdisjoint(cj) for x in ci)


def _links_between(ci: set[str], cj: set[str], weight_of: dict[tuple[str, str], float]) -> int:
    if len(ci) * len(cj) <= len(weight_of):
        return sum(1 for x in ci for y in cj if _pair(x, y) in weight_of)
    return sum(1 for (x, y) in weight_of if (x in ci and y in cj) or (x in cj and y in ci))


# Dossier kinds, from what its reports are about.
_KIND_OF_CATEGORY = {
    "point_de_deal": "point_de_vente",
    "livraison": "reseau_livraison",
    "vendeur_mobile": "vendeur_mobile",
    "stockage": "nourrice",
    "logement": "logement",
    "vehicule_relais": "vehicule_relais",
    "en_ligne": "vente_en_ligne",
    "autre_crime": "autre",
}


def dossier_kind(members: Sequence[Features]) -> str:
    """point_de_vente, reseau_livraison, vendeur_mobile, nourrice, logement, vehicule_relais,
    vente_en_ligne or autre: the reports' most common category, corrected by what identifies
    the dossier (identifiers without a place: a network; plates without a place: a vehicle)."""
    if not members:
        return "autre"
    votes = Counter(_KIND_OF_CATEGORY.get(m.category or "", "") for m in members)
    votes.pop("", None)
    placed = sum(1 for m in members if m.point or m.address)
    ids = sum(1 for m in members if m.phones or m.handles)
    plated = sum(1 for m in members if m.plates or m.partial_plates)
    if votes:
        kind, count = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        if count * 2 >= len(members) or len(votes) == 1:
            return kind
    if ids * 2 >= len(members) and placed * 2 < len(members):
        online = sum(1 for m in members if m.handles and not m.phones)
        return "vente_en_ligne" if online * 2 > len(members) else "reseau_livraison"
    if plated * 2 >= len(members) and placed * 2 < len(members):
        return "vehicule_relais"
    if votes:
        return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return "point_de_vente" if placed else "autre"
