"""Measure the import structure between the apps: arrows, arrows against the layers, cycles.

    python -m benchmarks.import_graph                # this checkout, layers from pyproject.toml
    python -m benchmarks.import_graph --root DIR     # another checkout (an older commit, say)

The layers are those of the import contract in pyproject.toml ([tool.importlinter]); an app of
DIR that no layer names goes on top, and `--bottom` puts apps below all (for an older checkout
whose `wajong` package still held the shared helpers: `--bottom wajong`). Tests, migrations and
imports under `if TYPE_CHECKING:` are left out, as the contract leaves them out.
"""

import argparse
import itertools
import sys
import tomllib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import grimp

SKIPPED_PARTS = {"migrations", "tests"}


def layer_order(pyproject: Path) -> list[set[str]]:
    """The layers of the first layers contract, top first, each a set of apps."""
    config = tomllib.loads(pyproject.read_text())["tool"]["importlinter"]
    contract = next(c for c in config["contracts"] if c["type"] == "layers")
    return [{app.strip() for app in layer.split("|")} for layer in contract["layers"]]


def apps_in(root: Path) -> list[str]:
    return sorted(
        p.parent.name
        for p in root.glob("*/__init__.py")
        if p.parent.name not in SKIPPED_PARTS and not p.parent.name.startswith(".")
    )


def _kept(module: str) -> bool:
    return not SKIPPED_PARTS.intersection(module.split("."))


def measure(root: Path, layers: list[set[str]], bottom: set[str]) -> dict:
    apps = apps_in(root)
    sys.path.insert(0, str(root))
    graph = grimp.build_graph(*apps, exclude_type_checking_imports=True, cache_dir=None)
    rank = {app: index for index, layer in enumerate(layers) for app in layer}
    for app in apps:  # apps the layers do not name go on top; `bottom` ones below all
        rank.setdefault(app, -1)
    rank.update({app: len(layers) for app in bottom})

    file_arrows: Counter[tuple[str, str]] = Counter()
    for module in filter(_kept, graph.modules):
        for imported in filter(_kept, graph.find_modules_directly_imported_by(module)):
            source, target = module.split(".")[0], imported.split(".")[0]
            if source != target:
                file_arrows[(source, target)] += 1
    arrows = set(file_arrows)
    upward = sorted(a for a in arrows if rank[a[0]] > rank[a[1]])
    mutual = sorted((a, b) for a, b in arrows if a < b and (b, a) in arrows)
    return {
        "apps": apps,
        "arrows": len(arrows),
        "upward": upward,
        "mutual": mutual,
        "file_cycles": _file_cycles(graph),
    }


def _file_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Cycles between modules (strongly connected groups of two or more), tests left out."""
    finder = _CycleFinder(graph)
    for module in sorted(filter(_kept, graph.modules)):
        if module not in finder.index:
            finder.visit(module)
    return finder.groups


class _CycleFinder:
    """Tarjan's strongly connected components, iterative (an import chain can be deep)."""

    def __init__(self, graph: grimp.ImportGraph) -> None:
        self.graph = graph
        self.index: dict[str, int] = {}
        self.low: dict[str, int] = {}
        self.stack: list[str] = []
        self.counter = itertools.count()
        self.groups: list[list[str]] = []

    def _enter(self, module: str) -> tuple[str, Iterator[str]]:
        self.index[module] = self.low[module] = next(self.counter)
        self.stack.append(module)
        imported = sorted(filter(_kept, self.graph.find_modules_directly_imported_by(module)))
        return module, iter(imported)

    def visit(self, start: str) -> None:
        work = [self._enter(start)]
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    parent = work[-1][0]
                    self.low[parent] = min(self.low[parent], self.low[node])
                self._close(node)
            elif child not in self.index:
                work.append(self._enter(child))
            elif child in self.stack:
                self.low[node] = min(self.low[node], self.index[child])

    def _close(self, node: str) -> None:
        """A node that is its group's root takes the group off the stack."""
        if self.low[node] != self.index[node]:
            return
        at = self.stack.index(node)
        group, self.stack[at:] = self.stack[at:], []
        if len(group) > 1:
            self.groups.append(sorted(group))


def main(argv: list[str] | None = None) -> None:
    here = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=here, help="the checkout to measure")
    parser.add_argument("--bottom", default="", help="apps to put below all (comma-separated)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    found = measure(
        root, layer_order(here / "pyproject.toml"), set(filter(None, args.bottom.split(",")))
    )
    print(f"checkout: {root.name}")
    print(f"apps: {len(found['apps'])} ({', '.join(found['apps'])})")
    print(f"arrows between apps: {found['arrows']}")
    print(f"arrows against the layers: {len(found['upward'])}")
    for source, target in found["upward"]:
        print(f"  {source} -> {target}")
    print(f"pairs of apps importing each other: {len(found['mutual'])}")
    for a, b in found["mutual"]:
        print(f"  {a} <-> {b}")
    print(f"cycles between modules: {len(found['file_cycles'])}")
    for group in found["file_cycles"]:
        print("  " + " -> ".join(group))


if __name__ == "__main__":
    main()
