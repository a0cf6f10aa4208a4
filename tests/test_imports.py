"""No import cycles among the project's Python packages, imports inside functions included.

A cycle makes the import order matter (a name imported from a half-initialised module) and is
usually a layering fault: a fact lives in the wrong module. The graph is read from the source
(ast), so an import hidden inside a function to dodge a cycle still counts. An edge A -> B means
"A imports B"; importing a module from another package also imports that package's __init__.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support import ROOT

PACKAGES = ("macros", "pdfbuild", "searchbuild", "offlinebuild")


def _modules() -> dict[str, Path]:
    """Every module of PACKAGES: dotted name -> file ("macros" for macros/__init__.py)."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute name `from <node.module>` refers to, inside `module`."""
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def import_graph() -> dict[str, set[str]]:
    """module -> the project modules it imports (anywhere in the file), as dotted names."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                source = _resolve(name, path.name == "__init__.py", node)
                targets.add(source)
                # `from package import module` imports the module.
                targets |= {f"{source}.{alias.name}" for alias in node.names}
        edges = set()
        for target in targets:
            parts = target.split(".")
            # Importing a.b.c imports a and a.b first; a module's own package is already importing.
            for i in range(1, len(parts) + 1):
                prefix = ".".join(parts[:i])
                own_package = name == prefix or name.startswith(prefix + ".")
                if prefix in modules and not own_package:
                    edges.add(prefix)
        graph[name] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (or a self-import), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm; the graph is small, recursion is fine
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in graph.get(node, ()):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph.get(node, ()):
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_the_graph_sees_the_project_imports():
    graph = import_graph()
    assert {"macros", "pdfbuild", "searchbuild", "offlinebuild", "macros.content", "pdfbuild.meta"} <= set(graph)
    assert "macros.content" in graph["macros.pages"]
    assert {"macros", "macros.pages"} <= graph["pdfbuild.build"]  # another package's __init__ too
    assert "macros.editor_errors" in graph["macros.check"]  # imported inside a function


def test_the_cycle_finder_finds_cycles_and_only_cycles():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles():
    found = cycles(import_graph())
    assert not found, "import cycles (a -> b means a imports b; move the shared fact down a layer):\n" + "\n".join(
        " <-> ".join(cycle) for cycle in found
    )
