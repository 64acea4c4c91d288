"""Where a flow chart's nodes, bands and labels go: columns of nodes whose heights are
proportional to their counts, and bands between them as wide as the clients they carry.

Pure geometry, no drawing: every column is scaled alike (the first column holds everyone), the
bands leaving or entering a node fill it exactly, top to bottom in the order of the nodes at
their other end (so bands cross as little as they can), and labels are pushed apart so that no
two overlap even when their nodes are thin.
"""

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class NodeSpec:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Node:
    key: str
    label: str
    count: int
    column: int
    y: float
    height: float


@dataclass(frozen=True)
class Band:
    source: str
    target: str
    count: int
    source_y: float  # the band's top where it leaves its source node
    target_y: float  # and where it enters its target node
    width: float


def place_nodes(
    columns: Sequence[Sequence[NodeSpec]], *, top: float, height: float, gap: float
) -> list[Node]:
    """The nodes of every column, stacked from `top` with `gap` between them; a node of no
    clients is left out. One scale for all columns, so that the fullest fits in `height`."""
    shown = [[spec for spec in column if spec.count > 0] for column in columns]
    widest = max((len(column) for column in shown), default=0)
    total = max((sum(spec.count for spec in column) for column in shown), default=0)
    scale = (height - gap * max(widest - 1, 0)) / total if total else 0.0
    nodes = []
    for index, column in enumerate(shown):
        y = top
        for spec in column:
            nodes.append(Node(spec.key, spec.label, spec.count, index, y, spec.count * scale))
            y += spec.count * scale + gap
    return nodes


def place_bands(nodes: Sequence[Node], links: Sequence[tuple[str, str, int]]) -> list[Band]:
    """A band per link (source key, target key, clients) with a count; its width is the
    nodes' scale times its count, so a node's bands together are as high as the node."""
    by_key = {node.key: node for node in nodes}
    shown = [(s, t, n) for s, t, n in links if n > 0 and s in by_key and t in by_key]
    outgoing = sorted(shown, key=lambda link: (by_key[link[0]].y, by_key[link[1]].y))
    incoming = sorted(shown, key=lambda link: (by_key[link[1]].y, by_key[link[0]].y))
    source_top = _stacked(outgoing, by_key, at_source=True)
    target_top = _stacked(incoming, by_key, at_source=False)
    bands = []
    for link in shown:
        source = by_key[link[0]]
        width = source.height * link[2] / source.count
        bands.append(Band(link[0], link[1], link[2], source_top[link], target_top[link], width))
    return bands


def _stacked(
    links: Sequence[tuple[str, str, int]], by_key: dict[str, Node], *, at_source: bool
) -> dict[tuple[str, str, int], float]:
    """Where each link leaves its source node (or enters its target): one under the other in
    the order given."""
    filled: dict[str, float] = {}
    tops = {}
    for link in links:
        node = by_key[link[0] if at_source else link[1]]
        offset = filled.get(node.key, 0.0)
        tops[link] = node.y + offset
        filled[node.key] = offset + node.height * link[2] / node.count
    return tops


def spread_labels(
    centres: Sequence[float], *, spacing: float, top: float, bottom: float
) -> list[float]:
    """The baselines of labels wanted at `centres` (in order, top to bottom), moved as little
    as needed to be at least `spacing` apart and within [top, bottom] when they fit."""
    placed: list[float] = []
    for centre in centres:
        lowest = placed[-1] + spacing if placed else top
        placed.append(max(centre, lowest))
    overflow = (placed[-1] - bottom) if placed else 0.0
    if overflow > 0:  # pushed past the bottom: move up from the end, as far as the top allows
        for index in range(len(placed) - 1, -1, -1):
            highest = bottom if index == len(placed) - 1 else placed[index + 1] - spacing
            placed[index] = max(min(placed[index], highest), top + spacing * index)
    return placed
