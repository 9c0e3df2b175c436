"""Linking a batch of reports in memory, in arrival order, the way the back office does it one
report at a time: look up the new report's query tokens among the stored ones, compare it
with the reports found, then cluster. Used by the scenario evaluation and the benchmarks;
the back office does the same with its own tables.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from vigie.engine.linking.cluster import NO_DECISIONS, Decisions, cluster
from vigie.engine.linking.index import Keyed, index_tokens, query_tokens
from vigie.engine.linking.rules import Link, compare
from vigie.engine.linking.types import Features


def plain_keyed(kind: str, value: str) -> str:
    """A stand-in for the keyed blind index, for in-memory use only (never stored)."""
    return f"{kind}\x00{value}"


@dataclass(slots=True)
class MemoryIndex:
    """Tokens → keys, and the features of every stored report."""

    keyed: Keyed = plain_keyed
    postings: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    features: dict[str, Features] = field(default_factory=dict)

    def candidates(self, f: Features) -> list[str]:
        found: dict[str, None] = {}
        for token in query_tokens(f, self.keyed):
            for key in self.postings.get(token, ()):
                found[key] = None
        found.pop(f.key, None)
        return list(found)

    def add(self, f: Features) -> list[Link]:
        """Store a report and return its links to the reports stored before it."""
        links = []
        for key in self.candidates(f):
            link = compare(f, self.features[key])
            if link is not None:
                links.append(link)
        self.features[f.key] = f
        for token in index_tokens(f, self.keyed):
            self.postings[token].append(f.key)
        return links


def link_all(
    reports: Sequence[Features], decisions: Decisions = NO_DECISIONS, keyed: Keyed = plain_keyed
) -> tuple[list[frozenset[str]], list[Link]]:
    """(dossiers, links) of a batch, reports taken in order of arrival."""
    index = MemoryIndex(keyed=keyed)
    links: list[Link] = []
    for f in sorted(reports, key=lambda r: (r.received_at, r.key)):
        links.extend(index.add(f))
    return cluster((f.key for f in reports), links, decisions), links


def pairwise_scores(
    predicted: Iterable[Iterable[str]], truth: dict[str, str]
) -> tuple[float, float, float]:
    """(precision, recall, F1) over pairs of reports: a pair is positive when both are in one
    dossier. ``truth`` maps each report key to its true dossier id."""
    of: dict[str, int] = {}
    for i, group in enumerate(predicted):
        for key in group:
            of[key] = i
    true_groups: dict[str, list[str]] = defaultdict(list)
    for key, dossier in truth.items():
        true_groups[dossier].append(key)
    pred_groups: dict[int, list[str]] = defaultdict(list)
    for key, i in of.items():
        if key in truth:
            pred_groups[i].append(key)
    true_pairs = sum(len(g) * (len(g) - 1) // 2 for g in true_groups.values())
    pred_pairs = sum(len(g) * (len(g) - 1) // 2 for g in pred_groups.values())
    both = 0
    for group in pred_groups.values():
        counts: dict[str, int] = defaultdict(int)
        for key in group:
            counts[truth[key]] += 1
        both += sum(c * (c - 1) // 2 for c in counts.values())
    precision = both / pred_pairs if pred_pairs else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
