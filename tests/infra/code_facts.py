"""What functions/ has, read from the code itself: entry points, what is deployed, settings' environment variables
and the fields Firestore queries filter and order on."""
from __future__ import annotations

import ast
import re
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
SECRET_STORE = PACKAGE / "adapters" / "secrets.py"


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


# What is deployed.

def gcloudignore_patterns() -> list[str]:
    lines = (FUNCTIONS / ".gcloudignore").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def left_out_of_deployment(path: Path) -> bool:
    """Whether functions/.gcloudignore leaves the file out, read as gitignore reads the kinds of pattern it has: one
    ending in / is a directory and everything in it, one with a / inside is relative to functions/ (else it matches
    a name at any depth), and * matches within one path segment."""
    relative = path.relative_to(FUNCTIONS).as_posix()
    return any(re.fullmatch(_pattern_regex(pattern), relative) for pattern in gcloudignore_patterns())


def _pattern_regex(pattern: str) -> str:
    directory = pattern.endswith("/")
    body = pattern.strip("/")
    translated = "".join(".*" if part == "**" else "[^/]*" if part == "*" else "[^/]" if part == "?"
                         else re.escape(part)
                         for part in re.split(r"(\*\*|\*|\?)", body) if part)
    prefix = "" if "/" in body else "(?:.*/)?"
    return prefix + translated + ("/.*" if directory else "")


def deployed_modules() -> list[Path]:
    """The Python modules of the otklik package that go to the cloud."""
    return [path for path in sorted(PACKAGE.rglob("*.py")) if not left_out_of_deployment(path)]


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
    for path in deployed_modules():
        uses.extend(_module_uses(path))
    return uses


def self_calls() -> dict[str, set[str]]:
    """Which methods each method calls through self: "Class.method" => {"Class.other", ...}."""
    graph: dict[str, set[str]] = {}
    for path in deployed_modules():
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


# What each entry point runs: the Container properties it uses and the modules they and it bring in.

@dataclass(frozen=True)
class Reach:
    """What one entry point of main.py can run, read from the code: the wiring.Container properties it uses
    (directly, through its entrypoints modules, or through other properties) and the otklik modules involved."""

    properties: frozenset[str]
    modules: frozenset[Path]


@cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


@cache
def reach(function: str) -> Reach:
    body = next(node for node in _tree(FUNCTIONS / "main.py").body
                if isinstance(node, ast.FunctionDef) and node.name == function)
    properties = set(_container_uses(body))
    modules = set(_imported_modules(body))
    closure = _entrypoint_closure(modules)
    # A field annotated Container in one module (console/web.py's Visit.deps) is read in the others.
    shared = set().union(*(_container_holders(_tree(module)) for module in closure))
    for module in closure:
        modules.add(module)
        properties |= _container_uses(_tree(module), shared)
    wiring = _wiring()
    pending = list(properties)
    while pending:
        name = pending.pop()
        uses, builds = wiring.get(name, (set(), set()))
        modules |= builds
        for used in uses - properties:
            properties.add(used)
            pending.append(used)
    return Reach(frozenset(properties), frozenset(modules))


def _module_path(dotted: str) -> Path | None:
    if not dotted.startswith("otklik"):
        return None
    relative = dotted.replace(".", "/")
    for candidate in (FUNCTIONS / f"{relative}.py", FUNCTIONS / relative / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def _imported_modules(node: ast.AST) -> Iterator[Path]:
    """otklik modules imported anywhere in node: `from otklik.x import y` (y a module, or a name in x) and
    `import otklik.x`."""
    for item in ast.walk(node):
        if isinstance(item, ast.ImportFrom) and item.module:
            for alias in item.names:
                path = _module_path(f"{item.module}.{alias.name}") or _module_path(item.module)
                if path is not None:
                    yield path
        elif isinstance(item, ast.Import):
            for alias in item.names:
                if (path := _module_path(alias.name)) is not None:
                    yield path


# Packages whose modules take the Container as an argument and use its properties.
_TAKE_CONTAINER = (PACKAGE / "entrypoints", PACKAGE / "console")


def _entrypoint_closure(modules: set[Path]) -> set[Path]:
    """The otklik.entrypoints and otklik.console modules among `modules`, and those they import, transitively."""
    found: set[Path] = set()
    pending = [m for m in modules if m.parent in _TAKE_CONTAINER]
    while pending:
        module = pending.pop()
        if module in found:
            continue
        found.add(module)
        pending += [m for m in _imported_modules(_tree(module))
                    if m.parent in _TAKE_CONTAINER and m not in found]
    return found


def _container_holders(node: ast.AST) -> set[str]:
    """Names holding the Container in node: d = container(), or d an argument or a field annotated Container (how
    entrypoints modules take it)."""
    holders: set[str] = set()
    for item in ast.walk(node):
        if isinstance(item, ast.Assign) and _is_container_call(item.value):
            holders |= {t.id for t in item.targets if isinstance(t, ast.Name)}
        elif isinstance(item, ast.arg) and _is_container_type(item.annotation):
            holders.add(item.arg)
        elif (isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)
              and _is_container_type(item.annotation)):
            holders.add(item.target.id)
    return holders


def _container_uses(node: ast.AST, shared_holders: set[str] | None = None) -> set[str]:
    """Container properties used in node: `container().x`, and `d.x` or `o.d.x` where d holds the Container
    (_container_holders, or one of `shared_holders`)."""
    holders = _container_holders(node) | (shared_holders or set())
    return {item.attr for item in ast.walk(node) if isinstance(item, ast.Attribute) and (
        _is_container_call(item.value)
        or (isinstance(item.value, ast.Name) and item.value.id in holders)
        or (isinstance(item.value, ast.Attribute) and item.value.attr in holders))}


def _is_container_type(annotation: ast.expr | None) -> bool:
    return annotation is not None and ast.unparse(annotation).strip("'\"") == "Container"


def _is_container_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "container"


@cache
def _wiring() -> dict[str, tuple[set[str], set[Path]]]:
    """Each Container property: the other properties it uses (self.x) and the otklik modules it imports to build."""
    tree = _tree(PACKAGE / "wiring.py")
    container_class = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Container")
    found: dict[str, tuple[set[str], set[Path]]] = {}
    for item in container_class.body:
        if isinstance(item, ast.FunctionDef):
            uses = {n.attr for n in ast.walk(item) if isinstance(n, ast.Attribute)
                    and isinstance(n.value, ast.Name) and n.value.id == "self"}
            found[item.name] = (uses, set(_imported_modules(item)))
    return found


# Secrets and publishing, as the code does them.

def secret_fields_read(module: Path) -> set[str]:
    """Configuration fields whose named secret the module looks up: x.get(c.field) or x.matches(c.field, ...) on a
    secret store (an expression naming secrets). "?" for a lookup whose name is not a field of a configuration."""
    fields: set[str] = set()
    if module == SECRET_STORE:
        return fields  # the store itself looks up whatever it is asked for
    for node in ast.walk(_tree(module)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("get", "matches")
                and "secret" in ast.unparse(node.func.value).lower() and node.args):
            name = node.args[0]
            fields.add(name.attr if isinstance(name, ast.Attribute) else "?")
    return fields


def outbox_topics() -> set[str]:
    """The topics (settings.Topics fields) services/events.py derives outbox messages for: _message(id, topic, body)
    with the topic written out, or a rule made for a topic (`_notice("deadline_warning")`)."""
    tree = _tree(PACKAGE / "services" / "events.py")
    topics: set[str] = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        if node.func.id == "_message" and len(node.args) > 1 and not isinstance(node.args[1], ast.Name):
            topics |= _strings(node.args[1]) or {f"? ({ast.unparse(node)})"}
        elif node.func.id == "_notice":
            topics |= _strings(node.args[0]) or {f"? ({ast.unparse(node)})"}
    return topics


def calls(module: Path, method: str) -> bool:
    """Whether the module calls a method of this name on anything."""
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == method
               for n in ast.walk(_tree(module)))


def platforms_named(function: str) -> set[str]:
    """The members of Channel (their names) an entry point names: in its body in main.py and in the entrypoints
    functions it calls there (`webhooks.ok_channel_by_path_token(...)`)."""
    tree = _tree(FUNCTIONS / "main.py")
    body = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == function)
    scopes: list[ast.AST] = [body]
    aliases = {alias.asname or alias.name: _module_path(f"{node.module}.{alias.name}")
               for node in ast.walk(body) if isinstance(node, ast.ImportFrom) and node.module
               for alias in node.names}
    for node in ast.walk(body):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and (module := aliases.get(node.func.value.id))
                and module.parent == PACKAGE / "entrypoints"):
            scopes += [f for f in _tree(module).body
                       if isinstance(f, ast.FunctionDef) and f.name == node.func.attr]
    return {node.attr for scope in scopes for node in ast.walk(scope)
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Channel"}
