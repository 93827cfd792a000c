"""What functions/ has, read from the code itself: entry points, settings' environment variables and the
fields Firestore queries filter and order on."""
from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import AliasChoices
from pydantic_settings import BaseSettings

ROOT = Path(__file__).resolve().parents[2]
FUNCTIONS = ROOT / "functions"
PACKAGE = FUNCTIONS / "otklik"
INFRA = ROOT / "infra"


# Entry points.

def entry_points() -> dict[str, str]:
    """Every function of functions/main.py decorated for functions-framework: name => "http" or "cloud_event"."""
    tree = ast.parse((FUNCTIONS / "main.py").read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            kinds = [k for k in map(_framework_decorator, node.decorator_list) if k]
            if kinds:
                found[node.name] = kinds[0]
    return found


def _framework_decorator(decorator: ast.expr) -> str | None:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
            and target.value.id == "functions_framework" and target.attr in ("http", "cloud_event")):
        return target.attr
    return None


# Settings.

def env_name(settings_class: type[BaseSettings], field: str) -> str:
    """The environment variable a settings field is read from (the first of its aliases, if it has any)."""
    alias = settings_class.model_fields[field].validation_alias
    if isinstance(alias, AliasChoices):
        return str(alias.choices[0])
    if isinstance(alias, str):
        return alias
    return f"{settings_class.model_config.get('env_prefix', '')}{field}".upper()


# Firestore queries.

@dataclass(frozen=True)
class FieldUse:
    """One field a query filters or orders on, where the code does it."""

    owner: str  # "Class.method" or "function", nested functions folded into theirs
    module: str  # path under functions/otklik
    line: int
    expression: str  # the source of the field argument
    fields: frozenset[str] | None  # the field names it can be; None when the code alone does not tell
    kind: str  # "equality", "array_contains", "range" or "order"
    descending: bool = False
    collection_group: str | None = None  # set for collection-group queries

    @property
    def where(self) -> str:
        return f"{self.module}:{self.line} ({self.owner})"


_EQUALITY = frozenset({"==", "in"})
_ARRAY = frozenset({"array_contains", "array_contains_any"})


def field_uses() -> list[FieldUse]:
    uses: list[FieldUse] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "devstack" in path.parts:
            continue
        uses.extend(_module_uses(path))
    return uses


def self_calls() -> dict[str, set[str]]:
    """Which methods each method calls through self: "Class.method" => {"Class.other", ...}."""
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "devstack" in path.parts:
            continue
        for owner, function in _owners(ast.parse(path.read_text(encoding="utf-8"))):
            cls = owner.rsplit(".", 1)[0]
            graph[owner] = {f"{cls}.{n.func.attr}" for n in ast.walk(function)
                            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                            and isinstance(n.func.value, ast.Name) and n.func.value.id == "self"}
    return graph


def _owners(tree: ast.Module) -> Iterator[tuple[str, ast.FunctionDef]]:
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            yield node.name, node
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    yield f"{node.name}.{item.name}", item


def _module_uses(path: Path) -> Iterator[FieldUse]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = path.relative_to(PACKAGE).as_posix()
    for owner, function in _owners(tree):
        resolve = _Resolver(path, function)
        for node in ast.walk(function):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            group = _collection_group(node, resolve)
            if node.func.attr == "order_by" and node.args:
                yield FieldUse(owner, module, node.lineno, ast.unparse(node.args[0]), resolve(node.args[0]), "order",
                               descending=_descending(node), collection_group=group)
            elif node.func.attr == "where":
                condition = _where_condition(node)
                if condition is not None:
                    field, operator = condition
                    operators = resolve(operator) or {"?"}
                    kind = ("array_contains" if operators <= _ARRAY else
                            "equality" if operators <= _EQUALITY else "range")
                    yield FieldUse(owner, module, node.lineno, ast.unparse(field), resolve(field), kind,
                                   collection_group=group)


def _where_condition(call: ast.Call) -> tuple[ast.expr, ast.expr] | None:
    """(field, operator) of .where(filter=FieldFilter(field, op, value)) or .where(field, op, value)."""
    filters = [k.value for k in call.keywords if k.arg == "filter"]
    if filters and isinstance(filters[0], ast.Call) and len(filters[0].args) >= 2:
        return filters[0].args[0], filters[0].args[1]
    if len(call.args) >= 2:
        return call.args[0], call.args[1]
    return None


def _descending(call: ast.Call) -> bool:
    for keyword in call.keywords:
        if keyword.arg == "direction":
            value = keyword.value
            return (isinstance(value, ast.Attribute) and value.attr == "DESCENDING") or (
                isinstance(value, ast.Constant) and value.value == "DESCENDING")
    return False


def _collection_group(call: ast.Call, resolve: _Resolver) -> str | None:
    node: ast.expr = call.func
    while True:
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute) and node.func.attr == "collection_group" and node.args:
                names = resolve(node.args[0])
                return next(iter(names)) if names and len(names) == 1 else "?"
            node = node.func
        elif isinstance(node, ast.Attribute):
            node = node.value
        else:
            return None


class _Resolver:
    """The string values a field argument can have: constants, names bound to constants in the function or
    module (or imported from another otklik module), and loop variables over literal tuples."""

    def __init__(self, path: Path, function: ast.FunctionDef) -> None:
        self._module = _module_constants(path)
        self._local: dict[str, set[str]] = {}
        for node in ast.walk(function):
            if isinstance(node, ast.Assign) and (values := _strings(node.value)):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self._local.setdefault(target.id, set()).update(values)
            elif isinstance(node, ast.For) and isinstance(node.iter, (ast.Tuple, ast.List)):
                self._bind_loop(node.target, node.iter.elts)

    def _bind_loop(self, target: ast.expr, items: list[ast.expr]) -> None:
        for item in items:
            if isinstance(target, ast.Name) and isinstance(item, ast.Constant) and isinstance(item.value, str):
                self._local.setdefault(target.id, set()).add(item.value)
            elif isinstance(target, ast.Tuple) and isinstance(item, ast.Tuple) and len(item.elts) == len(target.elts):
                for name, value in zip(target.elts, item.elts, strict=True):
                    if isinstance(name, ast.Name) and isinstance(value, ast.Constant) and isinstance(value.value, str):
                        self._local.setdefault(name.id, set()).add(value.value)

    def __call__(self, node: ast.expr) -> frozenset[str] | None:
        if values := _strings(node):
            return frozenset(values)
        if isinstance(node, ast.Name):
            if node.id in self._local:
                return frozenset(self._local[node.id])
            if node.id in self._module:
                return frozenset({self._module[node.id]})
        return None


def _strings(node: ast.expr) -> set[str]:
    """The strings a constant or a conditional between constants can be; empty if it is anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        body, orelse = _strings(node.body), _strings(node.orelse)
        return body | orelse if body and orelse else set()
    return set()


@cache
def _module_constants(path: Path) -> dict[str, str]:
    """Module-level NAME = "text" constants, including those imported from other otklik modules."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    constants[target.id] = node.value.value
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("otklik"):
            source = FUNCTIONS / (node.module.replace(".", "/") + ".py")
            if source.exists():
                imported = _module_constants(source)
                for alias in node.names:
                    if alias.name in imported:
                        constants[alias.asname or alias.name] = imported[alias.name]
    return constants
