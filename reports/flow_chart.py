"""A flow chart drawn on the server as SVG (figures 5.9 and 5.10): three columns of nodes,
start -> number of switches -> where the clients are at the end, joined by bands as wide as
the clients they carry. No scripts; the texts carry every count, so the chart reads in
greyscale, and the table under it is its text alternative. The geometry is in `flow_layout`.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from . import chart_layout
from .charts import BAR_FILLS, WIDTH
from .flow_layout import Band, Node, NodeSpec, place_bands, place_nodes, spread_labels

TOP, PLOT_H, BOTTOM = 56, 300, 16
NODE_W, GAP = 14, 10
COLUMN_X = (190, 400, 600)  # the left edge of each column's nodes
LABEL_SPACING = 15
NODE_FILL, BAND_FILL = BAR_FILLS[0], BAR_FILLS[4]


@dataclass(frozen=True)
class Flow:
    """The chart's numbers: its columns of nodes and the links between them."""

    title: str
    headings: tuple[str, str, str]
    columns: Sequence[Sequence[NodeSpec]]
    links: Sequence[tuple[str, str, int]]


def _count(n: int) -> str:
    return number_format(n, 0, force_grouping=True)


def _band_path(band: Band, source: Node, target: Node) -> str:
    x0, x1 = COLUMN_X[source.column] + NODE_W, COLUMN_X[target.column]
    middle = (x0 + x1) / 2
    y0, y1, w = band.source_y, band.target_y, band.width
    return (
        f"M{x0} {y0:.1f}C{middle:.0f} {y0:.1f} {middle:.0f} {y1:.1f} {x1} {y1:.1f}"
        f"L{x1} {y1 + w:.1f}C{middle:.0f} {y1 + w:.1f} {middle:.0f} {y0 + w:.1f} {x0} {y0 + w:.1f}Z"
    )


def _labels(nodes: list[Node], column: int) -> list[str]:
    """The labels of one column's nodes with their counts: left of the first column, right of
    the others, spread so that none overlaps another."""
    mine = [node for node in nodes if node.column == column]
    baselines = spread_labels(
        [node.y + node.height / 2 + 4 for node in mine],
        spacing=LABEL_SPACING,
        top=TOP + 4,
        bottom=TOP + PLOT_H + 4,
    )
    anchor, x = (
        ("end", COLUMN_X[0] - 8) if column == 0 else ("start", COLUMN_X[column] + NODE_W + 6)
    )
    return [
        f'<text x="{x}" y="{y:.1f}" text-anchor="{anchor}" font-size="12" class="legend" '
        f'stroke="#fff" stroke-width="3" paint-order="stroke">'
        f"{escape(node.label)}: {_count(node.count)}</text>"
        for node, y in zip(mine, baselines, strict=True)
    ]


def flow_chart(chart_id: str, flow: Flow) -> SafeString:
    """The chart of `flow`; without any clients, the frame and a sentence saying so."""
    height = TOP + PLOT_H + BOTTOM
    description = _(
        "Stromen van links naar rechts; hoe breder de stroom, hoe meer cliënten. "
        "Dezelfde cijfers staan in de tabel onder de grafiek."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'class="chart flow-chart" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(flow.title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for column, heading in enumerate(flow.headings):
        x = COLUMN_X[column] + NODE_W / 2
        lines = chart_layout.wrap(heading, 26)[:2]
        spans = "".join(
            f'<tspan x="{x:.0f}" dy="{0 if n == 0 else chart_layout.LINE_HEIGHT}">'
            f"{escape(line)}</tspan>"
            for n, line in enumerate(lines)
        )
        parts.append(
            f'<text x="{x:.0f}" y="18" text-anchor="middle" font-size="12" font-weight="bold" '
            f'class="x-title">{spans}</text>'
        )
    nodes = place_nodes(flow.columns, top=TOP, height=PLOT_H, gap=GAP)
    if not nodes:
        parts.append(
            f'<text x="{WIDTH / 2:.0f}" y="{TOP + PLOT_H / 2:.0f}" text-anchor="middle" '
            f'font-size="12">{escape(_("Geen cliënten in deze periode."))}</text></svg>'
        )
        return mark_safe("".join(parts))  # every text in it is escaped above
    by_key = {node.key: node for node in nodes}
    for band in place_bands(nodes, flow.links):
        source, target = by_key[band.source], by_key[band.target]
        tooltip = f"{source.label} → {target.label}: {_count(band.count)}"
        parts.append(
            f'<path d="{_band_path(band, source, target)}" fill="{BAND_FILL}" '
            f'fill-opacity="0.45" stroke="#fff" stroke-width="0.5">'
            f"<title>{escape(tooltip)}</title></path>"
        )
    for node in nodes:
        parts.append(
            f'<rect x="{COLUMN_X[node.column]}" y="{node.y:.1f}" width="{NODE_W}" '
            f'height="{max(node.height, 1):.1f}" fill="{NODE_FILL}">'
            f"<title>{escape(node.label)}: {_count(node.count)}</title></rect>"
        )
    for column in range(len(flow.columns)):
        parts += _labels(nodes, column)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text in it is escaped above
