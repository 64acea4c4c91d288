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

WIDTH, HEIGHT = 760, 340
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 40, 96
PLOT_H = HEIGHT - TOP - BOTTOM
PLOT_W = WIDTH - LEFT - RIGHT
# Per series: dark, light, hatched, dotted, mid, cross-hatched.
BAR_FILLS = [
    "#154273",
    "#a7c5e0",
    "url(#{id}-hatch)",
    "url(#{id}-dots)",
    "#5b7fa6",
    "url(#{id}-cross)",
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


def draw(spec: ChartSpec, table: Table) -> SafeString:
    """The chart `spec` describes, over the numbers of `table`."""
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


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _number(value: float, percent: bool) -> str:
    decimals = 0 if float(value).is_integer() else 1  # small scales tick at halves
    if percent:
        return f"{number_format(value, decimals)} %"
    return number_format(value, decimals, force_grouping=True)


def _frame(
    chart_id: str, title: str, y_label: str, x_label: str, y_max: float, percent: bool
) -> list[str]:
    """The SVG opening, title, description, patterns, y grid with ticks and axis labels."""
    description = _("Dezelfde cijfers staan in de tabel onder de grafiek.")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f"<defs>{PATTERNS.format(id=chart_id)}</defs>",
        f'<text x="{LEFT}" y="20" font-size="15" font-weight="bold">{escape(title)}</text>',
    ]
    for i in range(5):
        y = TOP + PLOT_H - PLOT_H * i / 4
        tick = escape(_number(y_max * i / 4, percent))
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#ccc"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{tick}</text>'
        )
    parts.append(
        f'<text transform="translate(14 {TOP + PLOT_H / 2:.0f}) rotate(-90)" '
        f'text-anchor="middle" font-size="12">{escape(y_label)}</text>'
        f'<text x="{LEFT + PLOT_W / 2:.0f}" y="{HEIGHT - 8}" text-anchor="middle" '
        f'font-size="12">{escape(x_label)}</text>'
    )
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


def _legend(chart_id: str, series: Sequence[Series], *, lines: bool) -> list[str]:
    parts = []
    x, y = LEFT, HEIGHT - 30
    for index, one in enumerate(series):
        if lines:
            dash = LINE_DASHES[index % len(LINE_DASHES)]
            parts.append(
                f'<line x1="{x}" y1="{y}" x2="{x + 22}" y2="{y}" stroke="#000" '
                f'stroke-width="2" stroke-dasharray="{dash}"/>' + _marker(index, x + 11, y)
            )
        else:
            fill = BAR_FILLS[index % len(BAR_FILLS)].format(id=chart_id)
            parts.append(
                f'<rect x="{x}" y="{y - 7}" width="14" height="14" fill="{fill}" stroke="#000"/>'
            )
        parts.append(f'<text x="{x + 28}" y="{y + 4}" font-size="12">{escape(one.name)}</text>')
        x += 40 + 7 * len(one.name)
    return parts


def _category_labels(categories: Sequence[str], step: float) -> list[str]:
    """Labels under the x axis, slanted; with many categories only every n-th one."""
    every = max(1, math.ceil(len(categories) * 40 / PLOT_W))
    parts = []
    for index, label in enumerate(categories):
        if index % every:
            continue
        x = LEFT + step * (index + 0.5)
        text = label if len(label) <= 18 else label[:17] + "…"
        parts.append(
            f'<text transform="translate({x:.1f} {TOP + PLOT_H + 12}) rotate(-35)" '
            f'text-anchor="end" font-size="11">{escape(text)}</text>'
        )
    return parts


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
) -> SafeString:
    """Bars per category: side by side, or stacked (e.g. clients per phase per caseworker)."""
    columns = list(zip(*(s.values for s in series), strict=True))
    heights = [
        sum(v or 0 for v in column) if stacked else max((v or 0 for v in column), default=0)
        for column in columns
    ]
    y_max = 100.0 if percent else _nice_max(max(heights, default=0))
    parts = _frame(chart_id, title, y_label, x_label, y_max, percent)
    step = PLOT_W / max(len(categories), 1)
    scale = PLOT_H / y_max
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
    parts += _category_labels(categories, step)
    parts += _legend(chart_id, series, lines=False)
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
) -> SafeString:
    """One line per series over the categories (e.g. months); a gap where a value is None."""
    present = [float(v) for s in series for v in s.values if v is not None]
    y_max = 100.0 if percent else _nice_max(max(present, default=0))
    parts = _frame(chart_id, title, y_label, x_label, y_max, percent)
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
    parts += _category_labels(categories, step)
    parts += _legend(chart_id, series, lines=True)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text in it is escaped above
