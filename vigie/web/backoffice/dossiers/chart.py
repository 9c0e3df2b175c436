"""The link chart, drawn on the server as SVG: who is linked to whom, and why.

Reports on a circle in the order they arrived (a timeline read clockwise), one line per link,
thicker for a stronger link, dashed below the engine's threshold; each line's tooltip and the
table under the chart give the reasons. No script, so it also prints.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

SIZE = 520
RADIUS = 150
NODE = 16


@dataclass(frozen=True)
class Node:
    reference: str
    x: float
    y: float
    own: bool
    label_x: float
    label_y: float
    anchor: str


@dataclass(frozen=True)
class Edge:
    a: Node
    b: Node
    width: float
    dashed: bool
    title: str


@dataclass(frozen=True)
class Chart:
    size: int
    nodes: list[Node]
    edges: list[Edge]


def link_chart(members: Sequence[Any], links: Sequence[Any], threshold: float = 0.0) -> Chart:
    centre = SIZE / 2
    count = max(len(members), 1)
    nodes: dict[str, Node] = {}
    for index, member in enumerate(members):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        x = centre + RADIUS * math.cos(angle)
        y = centre + RADIUS * math.sin(angle)
        lx = centre + (RADIUS + NODE + 8) * math.cos(angle)
        ly = centre + (RADIUS + NODE + 8) * math.sin(angle) + 4
        anchor = (
            "middle" if abs(math.cos(angle)) < 0.3 else ("start" if math.cos(angle) > 0 else "end")
        )
        reference = member.report.reference
        nodes[reference] = Node(
            reference, round(x, 1), round(y, 1), member.own, round(lx, 1), round(ly, 1), anchor
        )
    edges = []
    for view in links:
        a, b = nodes.get(view.reference_a), nodes.get(view.reference_b)
        if a is None or b is None:
            continue
        weight = view.link.weight
        edges.append(
            Edge(
                a=a,
                b=b,
                width=round(1 + 5 * max(0.0, min(weight, 1.0)), 1),
                dashed=weight < threshold,
                title=f"{view.reference_a} – {view.reference_b} ({weight:.2f}) : "
                + " · ".join(view.evidence),
            )
        )
    return Chart(size=SIZE, nodes=list(nodes.values()), edges=edges)
