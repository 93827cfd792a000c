"""The imports of functions/ read from the source with `ast`, without importing anything: who imports whom, on
which line, and whether the import runs when the importing module is loaded (module level) or only when a
function runs. Imports under `if TYPE_CHECKING:` never run and are left out."""
from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FUNCTIONS = Path(__file__).resolve().parents[1] / "functions"


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int
    module_level: bool


def module_name(path: Path) -> str:
    """functions/otklik/domain/model.py is otklik.domain.model; functions/main.py is main."""
    parts = path.relative_to(FUNCTIONS).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def module_paths() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(FUNCTIONS.rglob("*.py")) if "__pycache__" not in path.parts}


@cache
def imports() -> tuple[Import, ...]:
    """Every import of one module of functions/ by another (third-party and standard modules are not followed)."""
    modules = set(module_paths())
    found: list[Import] = []
    for importer, path in module_paths().items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node, module_level in _import_statements(tree.body, True):
            for imported in sorted(set(_targets(node, importer, path.name == "__init__.py", modules))):
                found.append(Import(importer, imported, node.lineno, module_level))
    return tuple(found)


def _import_statements(body: list[ast.stmt], module_level: bool) -> Iterator[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Every import statement with whether it runs when the module is loaded: module level means not inside a
    function (class bodies and module-level if/try blocks run at import time)."""
    for node in body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node, module_level
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            yield from _import_statements(node.orelse, module_level)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield from _import_statements(node.body, False)
        else:
            for field in ("body", "orelse", "finalbody", "handlers", "cases"):
                children = getattr(node, field, None)
                if isinstance(children, list):
                    yield from _import_statements([c for c in children if isinstance(c, ast.AST)], module_level)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


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
        # Importing a.b.c runs a/__init__ and a/b/__init__ first, except those the importer is inside: a module of
        # package a.b runs only once a/b/__init__ has started, so its sibling imports do not run that again.
        parts = name.split(".")
        for end in range(1, len(parts) + 1):
            candidate = ".".join(parts[:end])
            implicit_own_package = end < len(parts) and importer.startswith(candidate + ".")
            if candidate in modules and candidate != importer and not implicit_own_package:
                yield candidate
