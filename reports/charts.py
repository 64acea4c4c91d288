"""Charts drawn on the server as SVG: no scripts and no CDN, readable in greyscale.

Series differ in lightness and also in pattern (bars) or in dash and marker shape (lines), so a
greyscale print or a colour-blind reader can still tell them apart. Every chart has a title and
axis labels, and a description pointing to the table with the same numbers.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from common.tables import Table

from . import chart_layout as layout

WIDTH = 760
LEFT, RIGHT, TOP = 64, 16, 40  # the height follows from the labels and legend below the plot
PLOT_H = 204
PLOT_W = WIDTH - LEFT - RIGHT
# Per series: dark, light, hatched, dotted, mid, cross-hatched, grey, striped: eight that
# differ (the ladder's six rungs and "unknown", the seven kinds of organisation).
BAR_FILLS = [
    "#154273",
    "#a7c5e0",
    "url(#{id}-hatch)",
    "url(#{id}-dots)",
    "#5b7fa6",
    "url(#{id}-cross)",
    "#d4d4d4",
    "url(#{id}-stripes)",
]
LINE_DASHES = ["", "6 4", "2 3", "10 3 2 3"]
MARKERS = ["circle", "square", "triangle", "diamond"]
PATTERNS = (
    '<pattern id="{id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
    '<line x1="0" y1="0" x2="0" y2="6" stroke="#154273" stroke-width="3"/></pattern>'
    '<pattern id="{id}-dots" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<rect width="6" height="6" fill="#fff"/>'
    '<circle cx="3" cy="3" r="1.6" fill="#000"/></pattern>'
    '<pattern id="{id}-cross" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<rect width="6" height="6" fill="#fff"/>'
    '<path d="M0 0L6 6M6 0L0 6" stroke="#333"/></pattern>'
    '<pattern id="{id}-stripes" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<rect width="6" height="6" fill="#fff"/>'
    '<line x1="0" y1="3" x2="6" y2="3" stroke="#154273" stroke-width="2"/></pattern>'
)


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | int | None]


def row_labels(table: Table) -> list[str]:
    """The first cell of every row: the categories of most charts."""
    return [str(row[0].value) for row in table.rows]


@dataclass(frozen=True)
class ChartSpec:
    """How a report's table is drawn. Categories and series are read from the table, so the
    chart shows the same numbers as the table under it."""

    chart_id: str
    series: Callable[[Table], list[Series]]
    y_label: str | Promise
    x_label: str | Promise | None = None  # None: the header of the table's first column
    categories: Callable[[Table], list[str]] = row_labels
    line: bool = False  # a line chart; otherwise bars
    stacked: bool = False
    percent: bool = False
    counts: bool = False  # whole numbers: the scale ticks at whole numbers only
    # A chart of another kind (a flow chart), drawn by this function from the id and the table.
    drawn_by: Callable[[str, Table], SafeString] | None = None


def draw(spec: ChartSpec, table: Table) -> SafeString:
    """The chart `spec` describes, over the numbers of `table`."""
    if spec.drawn_by is not None:
        return spec.drawn_by(spec.chart_id, table)
    x_label = table.columns[0].label if spec.x_label is None else str(spec.x_label)
    if spec.line:
        return line_chart(
            spec.chart_id,
            title=table.title,
            categories=spec.categories(table),
            series=spec.series(table),
            y_label=str(spec.y_label),
            x_label=x_label,
            percent=spec.percent,
            counts=spec.counts,
        )
    return bar_chart(
        spec.chart_id,
        title=table.title,
        categories=spec.categories(table),
        series=spec.series(table),
        y_label=str(spec.y_label),
        x_label=x_label,
        stacked=spec.stacked,
        percent=spec.percent,
        counts=spec.counts,
    )


def column_series(first: int, last: int | None = None) -> Callable[[Table], list[Series]]:
    """A series per column of the table from `first` up to `last`, named by its header."""

    def series(table: Table) -> list[Series]:
        return [Series(c.label, table.column(c.key)) for c in table.columns[first:last]]

    return series


def named_series(*named: tuple[str | Promise, str]) -> Callable[[Table], list[Series]]:
    """A series per (name, column key): the column's values under a name of the chart's own."""

    def series(table: Table) -> list[Series]:
        return [Series(str(name), table.column(key)) for name, key in named]

    return series


def percent_series(name: str | Promise, key: str) -> Callable[[Table], list[Series]]:
    """One series: a column of shares (0..1) as percentages."""

    def series(table: Table) -> list[Series]:
        values = [None if v is None else v * 100 for v in table.column(key)]
        return [Series(str(name), values)]

    return series


def _number(value: float, percent: bool) -> str:
    decimals = 0 if float(value).is_integer() else 1  # small scales tick at halves
    if percent:
        return f"{number_format(value, decimals)} %"
    return number_format(value, decimals, force_grouping=True)


@dataclass(frozen=True)
class _Layout:
    """The vertical places of the texts under the plot, and so the chart's height."""

    labels: list[list[str]]  # per category its lines; [] for a category shown without label
    label_width: float
    x_label_y: float
    legend: list[list[tuple[float, str]]]
    legend_y: float
    height: float


def _layout(categories: Sequence[str], series: Sequence[Series]) -> _Layout:
    step = PLOT_W / max(len(categories), 1)
    every = max(1, math.ceil(len(categories) * 40 / PLOT_W))
    width = step * every - 6
    shown = [c for i, c in enumerate(categories) if i % every == 0]
    lines = iter(layout.category_lines(shown, width))
    labels = [next(lines) if i % every == 0 else [] for i in range(len(categories))]
    depth = max((len(one) for one in labels), default=1)
    x_label_y = TOP + PLOT_H + 14 + depth * layout.LINE_HEIGHT + 10
    legend = layout.legend_rows([s.name for s in series], LEFT, WIDTH - RIGHT)
    legend_y = x_label_y + 26
    return _Layout(labels, width, x_label_y, legend, legend_y, legend_y + 20 * len(legend) - 4)


def _scale(highest: float, *, percent: bool, counts: bool) -> list[float]:
    if percent:
        return [0, 25, 50, 75, 100]
    return layout.ticks(highest, counts=counts)


def _frame(
    chart_id: str, title: str, y_label: str, scale: list[float], percent: bool, height: float
) -> list[str]:
    """The SVG opening, title, description, patterns, y grid with ticks and axis labels."""
    description = _("Dezelfde cijfers staan in de tabel onder de grafiek.")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'class="chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f"<defs>{PATTERNS.format(id=chart_id)}</defs>",
        f'<text x="8" y="{TOP - 16}" font-size="12" class="y-label">{escape(y_label)}</text>',
    ]
    for value in scale:
        y = TOP + PLOT_H - PLOT_H * value / scale[-1]
        tick = escape(_number(value, percent))
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#ccc"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'class="tick">{tick}</text>'
        )
    return parts


def _texts_below(
    chart_id: str, categories: Sequence[str], place: _Layout, x_label: str, *, lines: bool
) -> list[str]:
    """The category labels, the x-axis label and the legend, each in its own band."""
    step = PLOT_W / max(len(categories), 1)
    parts = []
    for index, label in enumerate(place.labels):
        if not label:
            continue
        x = LEFT + step * (index + 0.5)
        spans = "".join(
            f'<tspan x="{x:.1f}" dy="{0 if n == 0 else layout.LINE_HEIGHT}">{escape(line)}</tspan>'
            for n, line in enumerate(label)
        )
        parts.append(
            f'<text x="{x:.1f}" y="{TOP + PLOT_H + 16}" text-anchor="middle" '
            f'font-size="{layout.LABEL_FONT}" class="x-label">'
            f"<title>{escape(categories[index])}</title>{spans}</text>"
        )
    parts.append(
        f'<text x="{LEFT + PLOT_W / 2:.0f}" y="{place.x_label_y:.0f}" text-anchor="middle" '
        f'font-size="12" font-weight="bold" class="x-title">{escape(x_label)}</text>'
    )
    index = 0
    for row, entries in enumerate(place.legend):
        y = place.legend_y + 20 * row
        for x, name in entries:
            parts.append(_legend_key(chart_id, index, x, y, lines=lines))
            parts.append(
                f'<text x="{x + 28}" y="{y + 4:.0f}" font-size="12" class="legend">'
                f"{escape(name)}</text>"
            )
            index += 1
    return parts


def _marker(index: int, x: float, y: float) -> str:
    shape = MARKERS[index % len(MARKERS)]
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#000"/>'
    if shape == "square":
        return (
            f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" '
            'fill="#fff" stroke="#000"/>'
        )
    if shape == "triangle":
        points = f"M{x:.1f} {y - 4.5:.1f}L{x + 4.5:.1f} {y + 3.5:.1f}L{x - 4.5:.1f} {y + 3.5:.1f}Z"
        return f'<path d="{points}" fill="#000"/>'
    points = f"M{x:.1f} {y - 5:.1f}L{x + 5:.1f} {y:.1f}L{x:.1f} {y + 5:.1f}L{x - 5:.1f} {y:.1f}Z"
    return f'<path d="{points}" fill="#fff" stroke="#000"/>'


def _legend_key(chart_id: str, index: int, x: float, y: float, *, lines: bool) -> str:
    if lines:
        dash = LINE_DASHES[index % len(LINE_DASHES)]
        return (
            f'<line x1="{x}" y1="{y}" x2="{x + 22}" y2="{y}" stroke="#000" '
            f'stroke-width="2" stroke-dasharray="{dash}"/>' + _marker(index, x + 11, y)
        )
    fill = BAR_FILLS[index % len(BAR_FILLS)].format(id=chart_id)
    return f'<rect x="{x}" y="{y - 7}" width="14" height="14" fill="{fill}" stroke="#000"/>'


def bar_chart(
    chart_id: str,
    *,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    y_label: str,
    x_label: str,
    stacked: bool = False,
    percent: bool = False,
    counts: bool = False,
) -> SafeString:
    """Bars per category: side by side, or stacked (e.g. clients per phase per caseworker)."""
    columns = list(zip(*(s.values for s in series), strict=True))
    heights = [
        sum(v or 0 for v in column) if stacked else max((v or 0 for v in column), default=0)
        for column in columns
    ]
    tick_values = _scale(max(heights, default=0), percent=percent, counts=counts)
    place = _layout(categories, series)
    parts = _frame(chart_id, title, y_label, tick_values, percent, place.height)
    step = PLOT_W / max(len(categories), 1)
    scale = PLOT_H / tick_values[-1]
    for c_index, category in enumerate(categories):
        base = 0.0
        for s_index, one in enumerate(series):
            value = float(one.values[c_index] or 0)
            fill = BAR_FILLS[s_index % len(BAR_FILLS)].format(id=chart_id)
            if stacked:
                x, width = LEFT + step * c_index + step * 0.15, step * 0.7
                y = TOP + PLOT_H - (base + value) * scale
                base += value
            else:
                width = step * 0.8 / len(series)
                x = LEFT + step * c_index + step * 0.1 + width * s_index
                y = TOP + PLOT_H - value * scale
            tooltip = f"{category}, {one.name}: {_number(value, percent)}"
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" '
                f'height="{value * scale:.1f}" fill="{fill}" stroke="#000" stroke-width="0.5">'
                f"<title>{escape(tooltip)}</title></rect>"
            )
    parts += _texts_below(chart_id, categories, place, x_label, lines=False)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text in it is escaped above


def line_chart(
    chart_id: str,
    *,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    y_label: str,
    x_label: str,
    percent: bool = False,
    counts: bool = False,
) -> SafeString:
    """One line per series over the categories (e.g. months); a gap where a value is None."""
    present = [float(v) for s in series for v in s.values if v is not None]
    tick_values = _scale(max(present, default=0), percent=percent, counts=counts)
    place = _layout(categories, series)
    parts = _frame(chart_id, title, y_label, tick_values, percent, place.height)
    y_max = tick_values[-1]
    step = PLOT_W / max(len(categories), 1)
    for s_index, one in enumerate(series):
        points = [
            (LEFT + step * (i + 0.5), TOP + PLOT_H - float(v) * PLOT_H / y_max)
            for i, v in enumerate(one.values)
            if v is not None
        ]
        if not points:
            continue
        dash = LINE_DASHES[s_index % len(LINE_DASHES)]
        path = "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points)
        parts.append(
            f'<path d="{path}" fill="none" stroke="#000" stroke-width="2" '
            f'stroke-dasharray="{dash}"/>'
        )
        parts += [_marker(s_index, x, y) for x, y in points]
    parts += _texts_below(chart_id, categories, place, x_label, lines=True)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text in it is escaped above
