"""No module of the otklik package imports, at module level, a module that imports it back.

A cycle makes the import order decide what exists when a module runs, and hiding one with an import inside a
function only moves the surprise to the first call. So an import inside a function counts as a way back: it is
fine for loading something heavy late (Pillow, httpx), never for reaching a module that imports us. Imports under
`if TYPE_CHECKING:` are for the type checker alone and do not count."""
from __future__ import annotations

from tests.import_graph import Import, imports


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
    return " → ".join(f"{edge.importer}:{edge.line} imports {edge.imported}"
                      + ("" if edge.module_level else " (inside a function)") for edge in chain)


def test_no_module_imports_at_module_level_a_module_that_imports_it_back() -> None:
    package_imports = [edge for edge in imports() if edge.importer.startswith("otklik")]
    edges: dict[str, list[Import]] = {}
    for edge in package_imports:
        edges.setdefault(edge.importer, []).append(edge)
    cycles = set()
    for edge in package_imports:
        if not edge.module_level:
            continue
        back = way_from(edge.imported, edge.importer, edges)
        if back is not None:
            cycles.add(describe([edge, *back]))
    assert not cycles, "import cycles:\n" + "\n".join(sorted(cycles))


def test_the_graph_sees_the_imports_it_is_about() -> None:
    """The reader itself: where each import runs, `from package import module`, parent packages, TYPE_CHECKING."""
    found = {(e.importer, e.imported, e.module_level) for e in imports()}
    assert ("otklik.domain.actions", "otklik.domain.model", True) in found
    assert ("otklik.wiring", "otklik.services.delivery", False) in found  # wired on first use
    assert ("otklik.wiring", "otklik.services", False) in found  # the parent package runs first
    assert ("otklik.wiring", "otklik.services.delivery", True) not in found  # only under TYPE_CHECKING there
