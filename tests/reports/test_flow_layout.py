"""The flow chart's geometry: nodes proportional to their counts and never overlapping, bands
that fill their nodes exactly, labels kept apart; and the chart drawn from it."""

import itertools

import pytest

from reports.flow_chart import Flow, flow_chart
from reports.flow_layout import NodeSpec, place_bands, place_nodes, spread_labels

COLUMNS = [
    [NodeSpec("start", "Gestart", 100)],
    [NodeSpec("none", "Geen", 60), NodeSpec("one", "Eén", 30), NodeSpec("few", "Weinig", 10)],
    [NodeSpec("1", "Fase 1", 50), NodeSpec("2", "Fase 2", 0), NodeSpec("out", "Uit", 50)],
]
LINKS = [
    ("start", "none", 60),
    ("start", "one", 30),
    ("start", "few", 10),
    ("none", "1", 40),
    ("none", "out", 20),
    ("one", "1", 10),
    ("one", "out", 20),
    ("few", "out", 10),
    ("few", "2", 0),
]


def nodes():
    return place_nodes(COLUMNS, top=50, height=300, gap=10)


def test_nodes_of_no_clients_are_left_out_and_heights_follow_the_counts():
    placed = nodes()

    assert "2" not in {node.key for node in placed}
    scale = {round(node.height / node.count, 6) for node in placed}
    assert len(scale) == 1  # one scale for every column
    assert max(node.y + node.height for node in placed) == pytest.approx(350)


def test_nodes_in_a_column_do_not_overlap():
    placed = nodes()
    for column in range(3):
        mine = sorted((n for n in placed if n.column == column), key=lambda n: n.y)
        for upper, lower in itertools.pairwise(mine):
            assert upper.y + upper.height <= lower.y


def test_the_bands_of_a_node_sum_to_its_height_and_stay_inside_it():
    placed = nodes()
    bands = place_bands(placed, LINKS)

    for node in placed:
        leaving = [b for b in bands if b.source == node.key]
        entering = [b for b in bands if b.target == node.key]
        for side, tops in ((leaving, "source_y"), (entering, "target_y")):
            if not side:
                continue
            assert sum(b.width for b in side) == pytest.approx(node.height)
            spans = sorted((getattr(b, tops), getattr(b, tops) + b.width) for b in side)
            assert spans[0][0] == pytest.approx(node.y)
            for (_, upper_end), (lower_start, _) in itertools.pairwise(spans):
                assert upper_end == pytest.approx(lower_start)  # touching, not overlapping
    assert not [b for b in bands if b.count == 0]


def test_labels_are_spread_apart_and_kept_inside():
    placed = spread_labels([100, 101, 102, 400], spacing=15, top=50, bottom=350)

    assert all(b - a >= 15 - 1e-9 for a, b in itertools.pairwise(placed))
    assert placed[0] == 100
    assert placed[-1] <= 350


def test_labels_pushed_past_the_bottom_move_up():
    placed = spread_labels([340, 341, 342], spacing=15, top=50, bottom=350)

    assert placed == [320, 335, 350]


def test_the_chart_is_accessible_and_labels_every_node_with_its_count():
    svg = flow_chart(
        "chart-flow", Flow("Doorstroom <fase 1>", ("Start", "Wisselingen", "Eind"), COLUMNS, LINKS)
    )

    assert 'role="img"' in svg and 'aria-labelledby="chart-flow-title chart-flow-desc"' in svg
    assert '<title id="chart-flow-title">Doorstroom &lt;fase 1&gt;</title>' in svg
    assert "Gestart: 100" in svg and "Uit: 50" in svg
    assert svg.count("<path ") == 8  # a band per link with clients


def test_a_chart_without_clients_says_so():
    empty = [[NodeSpec("start", "Gestart", 0)], [], []]

    svg = flow_chart("chart-flow", Flow("Leeg", ("A", "B", "C"), empty, []))

    assert "Geen cliënten in deze periode." in svg
    assert "<path " not in svg
