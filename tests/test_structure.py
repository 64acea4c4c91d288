"""The import structure stays as the layers say: nothing against them, no cycles."""

import ast
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


MODULE_LINES = 400
FUNCTION_LINES = 60


def _source_files() -> list[Path]:
    """The project's own Python files, tests and migrations left out."""
    skipped = {"tests", "migrations", ".venv", "node_modules", "build"}
    return [
        path
        for path in ROOT.rglob("*.py")
        if not skipped.intersection(path.relative_to(ROOT).parts)
        and not path.relative_to(ROOT).parts[0].startswith(".")
    ]


def test_every_module_fits_in_a_head():
    too_long = {
        str(path.relative_to(ROOT)): lines
        for path in _source_files()
        if (lines := len(path.read_text().splitlines())) > MODULE_LINES
    }
    assert too_long == {}


def test_every_function_fits_on_a_screen():
    too_long = {}
    for path in _source_files():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > FUNCTION_LINES:
                    too_long[f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"] = lines
    assert too_long == {}


def test_the_size_check_sees_the_project():
    names = {str(path.relative_to(ROOT)) for path in _source_files()}
    assert "common/events.py" in names and "manage.py" in names
    assert not any(name.startswith(("tests/", ".venv/")) for name in names)
    assert not any("/migrations/" in name for name in names)
