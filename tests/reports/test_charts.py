"""The server-side SVG charts: titles, axis labels, escaping, scales."""

import re

from reports.charts import Series, bar_chart, line_chart


def test_a_bar_chart_has_title_description_axes_and_a_bar_per_value():
    svg = bar_chart(
        "c",
        title="Cliënten per fase",
        categories=["Ad", "Bo"],
        series=[Series("Fase 1", [3, 1]), Series("Fase 2", [2, 0])],
        y_label="Cliënten",
        x_label="Casemanager",
        stacked=True,
    )
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert '<title id="c-title">Cliënten per fase</title>' in svg
    assert ">Cliënten</text>" in svg and ">Casemanager</text>" in svg
    assert svg.count("<rect x=") - 2 == 4  # four bars besides the two legend swatches
    assert ">6</text>" in svg  # the scale reaches past the tallest stack (3 + 2)


def test_labels_are_escaped():
    svg = bar_chart(
        "c",
        title="<b>",
        categories=["<script>alert(1)</script>"],
        series=[Series("a&b", [1])],
        y_label="y",
        x_label="x",
    )
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "a&amp;b" in svg


def test_small_scales_tick_at_halves_without_repeating_a_number():
    svg = bar_chart(
        "c", title="t", categories=["a"], series=[Series("s", [2])], y_label="y", x_label="x"
    )
    ticks = [part.split(">")[1] for part in svg.split('text-anchor="end" font-size="11"')[1:]]
    assert ticks[:5] == ["0</text", "0,5</text", "1</text", "1,5</text", "2</text"]


def test_a_line_chart_leaves_a_gap_for_a_missing_value_and_scales_percentages_to_100():
    svg = line_chart(
        "l",
        title="Aandeel",
        categories=["jan", "feb", "mrt"],
        series=[Series("Gesproken", [50, None, 75])],
        y_label="%",
        x_label="Maand",
        percent=True,
    )
    assert ">100 %</text>" in svg
    drawn = svg.split("</defs>")[1]
    assert drawn.count("<circle") == 2 + 1  # two points and the legend marker


def test_the_ladders_seven_series_each_have_their_own_fill():
    rungs = [Series(f"Trede {n}", [n]) for n in range(1, 7)] + [Series("Onbekend", [4])]
    svg = bar_chart(
        "ladder", title="t", categories=["Team"], series=rungs, y_label="y", x_label="x"
    )
    fills = re.findall(
        r'<rect x="[^"]*" y="[^"]*" width="[^"]*" height="[^"]*" fill="([^"]+)"', svg
    )
    legend = fills[-7:]
    assert len(set(legend)) == 7, legend
    for pattern in re.findall(r"url\(#([^)]+)\)", " ".join(legend)):
        assert f'<pattern id="{pattern}"' in svg
