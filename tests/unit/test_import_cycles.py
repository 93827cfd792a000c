"""No module of the otklik package imports, at module level, a module that imports it back.

A cycle makes the import order decide what exists when a module runs, and hiding one with an import inside a
function only moves the surprise to the first call. So an import inside a function counts as a way back: it is
fine for loading something heavy late (Pillow, httpx), never for reaching a module that imports us. Imports under
`if TYPE_CHECKING:` are for the type checker alone and do not count.

The graph is read from the source with `ast`, without importing anything."""
from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "functions" / "otklik"


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int
    module_level: bool


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_package(name: str, modules: set[str]) -> bool:
    return any(other.startswith(name + ".") for other in modules)


def _is_type_checking_block(node: ast.stmt) -> bool:
    test = node.test if isinstance(node, ast.If) else None
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _import_statements(body: list[ast.stmt], module_level: bool) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Every import statement with whether it runs when the module is imported: module level means not inside a
    function (class bodies and module-level if/try blocks run at import time)."""
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node, module_level
        elif isinstance(node, ast.If) and _is_type_checking_block(node):
            yield from _import_statements(node.orelse, module_level)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield from _import_statements(node.body, False)
        else:
            for field in ("body", "orelse", "finalbody", "handlers", "cases"):
                children = getattr(node, field, None)
                if isinstance(children, list):
                    yield from _import_statements([c for c in children if isinstance(c, ast.AST)], module_level)


def _targets(node: ast.Import | ast.ImportFrom, importer: str, importer_is_package: bool,
             modules: set[str]) -> Iterator[str]:
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            anchor = importer.split(".")
            anchor = anchor if importer_is_package else anchor[:-1]
            anchor = anchor[: len(anchor) - (node.level - 1)]
            base = ".".join([*anchor, base] if base else anchor)
        # `from package import name` imports the submodule `name` when there is one, the package otherwise.
        names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
    for name in names:
        # Importing a.b.c runs a/__init__ and a/b/__init__ first.
        parts = name.split(".")
        for end in range(1, len(parts) + 1):
            candidate = ".".join(parts[:end])
            if candidate in modules and candidate != importer:
                yield candidate


def imports() -> list[Import]:
    paths = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}
    modules = set(paths)
    found: list[Import] = []
    for importer, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node, module_level in _import_statements(tree.body, True):
            for imported in sorted(set(_targets(node, importer, path.name == "__init__.py", modules))):
                found.append(Import(importer, imported, node.lineno, module_level))
    return found


def way_from(start: str, goal: str, edges: dict[str, list[Import]]) -> list[Import] | None:
    """A chain of imports from `start` to `goal`, if there is one (breadth first: the shortest)."""
    paths: dict[str, list[Import]] = {start: []}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for module in frontier:
            for edge in edges.get(module, []):
                if edge.imported in paths:
                    continue
                paths[edge.imported] = [*paths[module], edge]
                if edge.imported == goal:
                    return paths[goal]
                following.append(edge.imported)
        frontier = following
    return None


def describe(chain: list[Import]) -> str:
    steps = [f"{edge.importer}:{edge.line} imports {edge.imported}"
             + ("" if edge.module_level else " (inside a function)") for edge in chain]
    return " → ".join(steps)


def test_no_module_imports_at_module_level_a_module_that_imports_it_back() -> None:
    every_import = imports()
    edges: dict[str, list[Import]] = {}
    for edge in every_import:
        edges.setdefault(edge.importer, []).append(edge)
    cycles = []
    for edge in every_import:
        if not edge.module_level:
            continue
        back = way_from(edge.imported, edge.importer, edges)
        if back is not None:
            cycles.append(describe([edge, *back]))
    assert cycles == [], "import cycles:\n" + "\n".join(sorted(set(cycles)))


def test_the_graph_sees_the_imports_it_is_about() -> None:
    """The reader itself: where each import runs, `from package import module`, parent packages, TYPE_CHECKING."""
    found = {(e.importer, e.imported, e.module_level) for e in imports()}
    assert ("otklik.domain.actions", "otklik.domain.model", True) in found
    assert ("otklik.wiring", "otklik.services.delivery", False) in found  # wired on first use
    assert ("otklik.wiring", "otklik.services", False) in found  # the parent package runs first
    assert ("otklik.wiring", "otklik.services.delivery", True) not in found  # only under TYPE_CHECKING there
