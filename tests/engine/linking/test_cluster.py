"""Dossiers from links: chaining, analysts' decisions, kinds."""

from __future__ import annotations

from tests.engine.linking.helpers import BASE, feat
from vigie.engine.linking.cluster import Decisions, cluster, dossier_kind
from vigie.engine.linking.rules import Link


def link(a: str, b: str, weight: float) -> Link:
    a, b = min(a, b), max(a, b)
    return Link(a, b, ("same_place",), ("10 m",), weight)


def test_links_make_dossiers_and_lone_reports_stay_alone() -> None:
    got = cluster(["a", "b", "c", "d"], [link("a", "b", 0.8), link("b", "c", 0.7)])
    assert got == [frozenset("abc"), frozenset("d")]


def test_links_below_threshold_do_not_join() -> None:
    assert cluster(["a", "b"], [link("a", "b", 0.3)]) == [frozenset("a"), frozenset("b")]


def test_one_weak_link_does_not_merge_two_big_dossiers() -> None:
    links = [
        link("a1", "a2", 0.95),
        link("a2", "a3", 0.95),
        link("a1", "a3", 0.95),
        link("b1", "b2", 0.95),
        link("b2", "b3", 0.95),
        link("b1", "b3", 0.95),
        link("a3", "b1", 0.6),
    ]
    keys = ["a1", "a2", "a3", "b1", "b2", "b3"]
    got = cluster(keys, links)
    assert frozenset({"a1", "a2", "a3"}) in got and frozenset({"b1", "b2", "b3"}) in got
    # Several links between them, or one identifier-grade link, do merge them.
    assert len(cluster(keys, [*links, link("a2", "b2", 0.6)])) == 1
    assert len(cluster(keys, [*links[:-1], link("a3", "b1", 0.97)])) == 1


def test_rejected_pair_is_never_remade() -> None:
    decisions = Decisions(rejected=frozenset({("a", "b")}))
    got = cluster(
        ["a", "b", "c"], [link("a", "b", 0.99), link("b", "c", 0.9), link("a", "c", 0.8)], decisions
    )
    assert all(not {"a", "b"} <= d for d in got)


def test_confirmed_pair_is_forced_together() -> None:
    decisions = Decisions(confirmed=frozenset({("a", "c")}))
    assert cluster(["a", "b", "c"], [], decisions) == [frozenset("ac"), frozenset("b")]


def test_split_survives_new_reports_and_reclustering() -> None:
    links = [link("a", "b", 0.9), link("b", "c", 0.9), link("c", "d", 0.9)]
    decisions = Decisions(separated=(frozenset("ab"), frozenset("cd")))
    assert cluster("abcd", links, decisions) == [frozenset("ab"), frozenset("cd")]
    # A new report linked to both sides joins one side; it never bridges them.
    more = [*links, link("b", "e", 0.95), link("c", "e", 0.94)]
    got = cluster("abcde", more, decisions)
    assert frozenset("abe") in got and frozenset("cd") in got


def test_cluster_is_deterministic_whatever_the_order() -> None:
    links = [link("a", "b", 0.8), link("c", "d", 0.8), link("b", "c", 0.6), link("e", "a", 0.7)]
    assert cluster("abcde", links) == cluster("edcba", list(reversed(links)))


def test_dossier_kinds() -> None:
    shop = [feat(str(i), category="point_de_deal", point=BASE) for i in range(3)]
    assert dossier_kind(shop) == "point_de_vente"
    delivery = [feat(str(i), phones={"+33600000000"}) for i in range(3)]
    assert dossier_kind(delivery) == "reseau_livraison"
    online = [feat(str(i), handles={("snapchat", "x_shop")}) for i in range(3)]
    assert dossier_kind(online) == "vente_en_ligne"
    relay = [feat(str(i), plates={"AB-123-CD"}) for i in range(2)]
    assert dossier_kind(relay) == "vehicule_relais"
    assert dossier_kind([feat("s", category="stockage")]) == "nourrice"
