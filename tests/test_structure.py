"""The import structure stays as the layers say: nothing against them, no cycles."""

from pathlib import Path

import grimp

from benchmarks.import_graph import _file_cycles, layer_order, measure

ROOT = Path(__file__).resolve().parent.parent


def test_no_arrow_runs_against_the_layers_and_nothing_imports_in_a_circle():
    found = measure(ROOT, layer_order(ROOT / "pyproject.toml"), bottom=set())
    assert found["upward"] == []
    assert found["mutual"] == []
    assert found["file_cycles"] == []
    assert {"common", "casework", "clients", "reports"} <= set(found["apps"])


def test_the_cycle_finder_finds_a_cycle_and_leaves_a_chain_alone():
    graph = grimp.ImportGraph()
    for importer, imported in [("a.x", "a.y"), ("a.y", "b.z"), ("b.z", "a.x"), ("b.z", "c.w")]:
        graph.add_import(importer=importer, imported=imported)
    assert _file_cycles(graph) == [["a.x", "a.y", "b.z"]]
