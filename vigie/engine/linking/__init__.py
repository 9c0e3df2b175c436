"""Cross-referencing engine: normalised features of a report, blind-index tokens, weighted and
explained links between two reports, and dossiers built from links and analysts' decisions.

Pure Python (no Django). The contract with the back office is in ``types``, ``features``,
``index``, ``rules`` and ``cluster``; see docs/security/linking.md for what the index reveals.
"""

from vigie.engine.linking.cluster import Decisions, cluster, dossier_kind
from vigie.engine.linking.features import features_from
from vigie.engine.linking.index import Keyed, index_tokens, query_tokens
from vigie.engine.linking.rules import LINK_THRESHOLD, Link, compare
from vigie.engine.linking.types import Features, Vehicle

__all__ = [
    "LINK_THRESHOLD",
    "Decisions",
    "Features",
    "Keyed",
    "Link",
    "Vehicle",
    "cluster",
    "compare",
    "dossier_kind",
    "features_from",
    "index_tokens",
    "query_tokens",
]
