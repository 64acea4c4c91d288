"""The charts read: whole ticks for counts, labels that wrap without identical stubs, and no text
over another or outside the picture, in Dutch and in English."""

import itertools
import xml.etree.ElementTree as ET

import pytest

from reports.chart_layout import CHAR_WIDTH, ticks, wrap
from reports.charts import Series, bar_chart, line_chart
from reports.registry import REPORTS

SVG = "{http://www.w3.org/2000/svg}"

STALLED_NL = [f"Vastgelopen in fase {phase}" for phase in "123"]
STALLED_EN = [f"Stalled in phase {phase} for longer than the norm" for phase in "123"]
PROVIDERS = [
    f"Jobcoaching – Stichting Werkfit Nederland regio {region}"
    for region in ("Noord", "Oost", "Zuid", "West", "Midden", "Flevoland")
]
MONTHS = [f"{month} 2026" for month in ("januari", "februari", "maart", "april", "mei", "juni")]
MONTHS += [f"{month} 2026" for month in ("juli", "augustus", "september", "oktober")]
MONTHS += ["november 2026", "december 2026"]
CATEGORY_SETS = {
    "stalled in Dutch": ["Niet gesproken in 12 maanden", *STALLED_NL],
    "stalled in English": ["Not spoken to in twelve months", *STALLED_EN],
    "providers": PROVIDERS,
    "months": MONTHS,
    "one long word": ["Re-integratievoorzieningsaanvraagbeoordeling", "Kort"],
}
LONG_SERIES = [
    "Not started yet",
    "Running according to plan",
    "Ended successfully with a job",
    "Ended early without a job",
    "Broken off by the provider",
]


def chart(categories, series_names, *, line=False, counts=True):
    series = [Series(name, [i + 1 for i in range(len(categories))]) for name in series_names]
    draw = line_chart if line else bar_chart
    return draw(
        "c",
        title="T",
        categories=categories,
        series=series,
        y_label="Trajecten",
        x_label="Dienst en aanbieder",
        counts=counts,
    )


def texts(svg):
    """Per <text>: (class, lines, its box as left, top, right, bottom)."""
    root = ET.fromstring(str(svg))
    found = []
    for text in root.iter(f"{SVG}text"):
        spans = list(text.iter(f"{SVG}tspan"))
        lines = [s.text or "" for s in spans] if spans else [text.text or ""]
        size = float(text.get("font-size", ""))
        x, y = float(text.get("x", "")), float(text.get("y", ""))
        width = max(len(line) for line in lines) * size * CHAR_WIDTH
        left = {"middle": x - width / 2, "end": x - width}.get(text.get("text-anchor", ""), x)
        bottom = y + 13 * (len(lines) - 1) + size * 0.3
        found.append((text.get("class"), lines, (left, y - size, left + width, bottom)))
    return root, found


@pytest.mark.parametrize("maximum", [1, 2, 3, 4, 7, 13, 99, 1234])
def test_counts_tick_at_whole_numbers_only(maximum):
    values = ticks(maximum, counts=True)
    assert values[0] == 0 and values[-1] >= maximum
    assert all(float(v).is_integer() for v in values)
    assert 2 <= len(values) <= 6

    svg = bar_chart(
        "c",
        title="T",
        categories=["a"],
        series=[Series("s", [maximum])],
        y_label="y",
        x_label="x",
        counts=True,
    )
    _, found = texts(svg)
    shown = [lines[0] for kind, lines, _ in found if kind == "tick"]
    assert shown and all("," not in tick for tick in shown)  # no 1,5 trajectories


def test_reports_of_counts_tick_at_whole_numbers():
    counted = {key for key, report in REPORTS.items() if report.chart.counts}
    assert {"key_figures", "caseload", "trajectories", "phase_transitions"} <= counted


@pytest.mark.parametrize("name", CATEGORY_SETS)
@pytest.mark.parametrize("line", [False, True])
def test_different_categories_never_get_the_same_label(name, line):
    categories = CATEGORY_SETS[name]
    root, found = texts(chart(categories, ["Gestart", "Afgerond"], line=line))
    labels = [tuple(lines) for kind, lines, _ in found if kind == "x-label"]
    assert len(labels) == len(set(labels)), labels
    full = [
        t.find(f"{SVG}title").text for t in root.iter(f"{SVG}text") if t.get("class") == "x-label"
    ]
    assert set(full) <= set(categories) and full  # the whole label is in its <title>


@pytest.mark.parametrize("name", CATEGORY_SETS)
@pytest.mark.parametrize("series", [["Gestart", "Afgerond"], LONG_SERIES])
def test_no_text_leaves_the_picture_or_runs_over_another(name, series):
    root, found = texts(chart(CATEGORY_SETS[name], series))
    _, _, width, height = (float(n) for n in root.get("viewBox").split())
    for kind, lines, (left, top, right, bottom) in found:
        assert left >= 0 and top >= 0 and right <= width and bottom <= height, (kind, lines)
    for (k1, l1, a), (k2, l2, b) in itertools.combinations(found, 2):
        apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
        assert apart, f"{k1} {l1} runs over {k2} {l2}"


def test_a_long_label_wraps_into_lines_instead_of_being_cut():
    assert wrap("Vastgelopen in fase 2", 12) == ["Vastgelopen", "in fase 2"]
    assert wrap("een twee drie vier vijf zes zeven", 5)[-1].endswith("…")
    assert all(len(line) <= 8 for line in wrap("Arbeidsdeskundigonderzoek", 8))
