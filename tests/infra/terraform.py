"""infra/*.tf parsed with python-hcl2 and evaluated as far as the tests need, without Terraform.

Literals, locals, variable defaults, for expressions, conditionals, for_each/count and dynamic blocks are
evaluated; references to resources and data sources stay symbolic (Ref), rendered as Terraform would print
the reference: google_pubsub_topic.topic["appeal_received"].id. An expression the evaluator cannot handle
raises Unsupported naming it, rather than guessing."""
from __future__ import annotations

import base64
import itertools
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import hcl2
from lark import Token, Tree

_META_ARGUMENTS = frozenset({"for_each", "count", "depends_on", "lifecycle", "provider", "provisioner", "connection"})
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


class Unsupported(Exception):
    """An expression outside what these tests evaluate."""


@dataclass(frozen=True)
class Ref:
    """A value known only to Terraform at apply time: a resource or data source attribute, or a call on one."""

    path: str

    def __str__(self) -> str:
        return "${" + self.path + "}"

    def attr(self, name: str) -> Ref:
        return Ref(f"{self.path}.{name}")

    def index(self, key: Any) -> Ref:
        return Ref(f"{self.path}[{json.dumps(key) if isinstance(key, str) else key}]")


@dataclass
class Block:
    kind: str
    labels: tuple[str, ...]
    body: Tree


@dataclass
class Scope:
    names: dict[str, Any] = field(default_factory=dict)

    def with_names(self, **names: Any) -> Scope:
        return Scope(self.names | names)


def _unescape(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        escaped = match.group(1)
        if escaped.startswith("u"):
            return chr(int(escaped[1:], 16))
        return _ESCAPES.get(escaped, "\\" + escaped)

    return re.sub(r"\\(u[0-9a-fA-F]{4}|.)", replace, text)


def _trees(node: Tree) -> list[Tree]:
    return [c for c in node.children if isinstance(c, Tree) and c.data != "new_line_or_comment"]


def _name(node: Tree | Token) -> str:
    """An identifier, keyword or label as text."""
    if isinstance(node, Token):
        return str(node)
    if node.data == "string":
        return "".join(_unescape(str(p.children[0])) for p in _trees(node))
    return str(node.children[0])


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dict, list)):
        raise Unsupported(f"a {type(value).__name__} interpolated into a string")
    return str(value)


def _heredoc(text: str, *, trim: bool) -> str:
    """<<MARKER or <<-MARKER (indentation trimmed) text: each line as written, the closing marker's line left out."""
    opening, _, rest = text.rstrip("\n").partition("\n")
    marker = opening.lstrip("<-").strip()
    lines = rest.split("\n")
    if not lines or lines[-1].strip() != marker:
        raise Unsupported(f"heredoc {opening!r} without its closing {marker!r}")
    lines = lines[:-1]
    if any("${" in line or "%{" in line for line in lines):
        raise Unsupported(f"template sequences inside heredoc {opening!r}")
    if trim:
        indent = min((len(line) - len(line.lstrip(" ")) for line in lines if line.strip()), default=0)
        lines = [line[indent:] for line in lines]
    return "".join(f"{line}\n" for line in lines)


class Terraform:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.blocks: list[Block] = []
        for path in sorted(directory.glob("*.tf")):
            body = _trees(hcl2.parses_to_tree(path.read_text(encoding="utf-8")))[0]
            for node in _trees(body):
                if node.data == "block":
                    self.blocks.append(self._block(node))
        self._locals: dict[str, Tree] = {}
        for block in self.of_kind("locals"):
            for attribute in self._attributes(block.body):
                self._locals[_name(attribute.children[0])] = _trees(attribute)[-1]
        self._local_values: dict[str, Any] = {}
        self._evaluating: set[str] = set()

    @staticmethod
    def _block(node: Tree) -> Block:
        parts = _trees(node)
        return Block(kind=_name(parts[0]), labels=tuple(_name(p) for p in parts[1:-1]), body=parts[-1])

    @staticmethod
    def _attributes(body: Tree) -> list[Tree]:
        return [n for n in _trees(body) if n.data == "attribute"]

    def of_kind(self, kind: str) -> list[Block]:
        return [b for b in self.blocks if b.kind == kind]

    # Values.

    def local(self, name: str) -> Any:
        if name not in self._locals:
            raise KeyError(f"no local.{name} in {self.directory}")
        if name not in self._local_values:
            if name in self._evaluating:
                raise Unsupported(f"local.{name} refers to itself")
            self._evaluating.add(name)
            try:
                self._local_values[name] = self.evaluate(self._locals[name], Scope())
            finally:
                self._evaluating.discard(name)
        return self._local_values[name]

    def variable_default(self, name: str) -> Any:
        for block in self.of_kind("variable"):
            if block.labels == (name,):
                attributes = {_name(a.children[0]): _trees(a)[-1] for a in self._attributes(block.body)}
                return self.evaluate(attributes["default"], Scope()) if "default" in attributes else Ref(f"var.{name}")
        raise KeyError(f"no variable {name!r} in {self.directory}")

    def output(self, name: str) -> Any:
        for block in self.of_kind("output"):
            if block.labels == (name,):
                return self.render(block.body, Scope())["value"]
        raise KeyError(f"no output {name!r}")

    # Resources and data sources.

    def data_source(self, data_type: str, name: str) -> dict[str, Any]:
        for block in self.of_kind("data"):
            if block.labels == (data_type, name):
                return self.render(block.body, Scope())
        raise KeyError(f"no data.{data_type}.{name}")

    def instances(self, resource_type: str, name: str | None = None) -> dict[Any, dict[str, Any]]:
        """Every instance of the resource (of every resource of the type when name is None), rendered.

        Keys are the for_each keys, count indexes, or None for a single instance; with name None they are
        (name, key) pairs."""
        found: dict[Any, dict[str, Any]] = {}
        for block in self.of_kind("resource"):
            if block.labels[0] != resource_type or (name is not None and block.labels[1] != name):
                continue
            for key, rendered in self._expand(block):
                found[key if name is not None else (block.labels[1], key)] = rendered
        return found

    def _expand(self, block: Block) -> Iterator[tuple[Any, dict[str, Any]]]:
        attributes = {_name(a.children[0]): _trees(a)[-1] for a in self._attributes(block.body)}
        if "for_each" in attributes:
            collection = self.evaluate(attributes["for_each"], Scope())
            if isinstance(collection, Ref):
                raise Unsupported(f"for_each of {'.'.join(block.labels)} is known only at apply time")
            items = collection.items() if isinstance(collection, dict) else ((v, v) for v in collection)
            for key, value in items:
                yield key, self.render(block.body, Scope({"each": {"key": key, "value": value}}))
        elif "count" in attributes:
            for index in range(int(self.evaluate(attributes["count"], Scope()))):
                yield index, self.render(block.body, Scope({"count": {"index": index}}))
        else:
            yield None, self.render(block.body, Scope())

    def render(self, body: Tree, scope: Scope) -> dict[str, Any]:
        """A block body's attributes evaluated, nested blocks as lists of rendered bodies, dynamic blocks expanded."""
        rendered: dict[str, Any] = {}
        for node in _trees(body):
            if node.data == "attribute":
                name = _name(node.children[0])
                if name not in _META_ARGUMENTS:
                    rendered[name] = self.evaluate(_trees(node)[-1], scope)
            elif node.data == "block":
                block = self._block(node)
                if block.kind == "dynamic":
                    rendered.setdefault(block.labels[0], []).extend(self._dynamic(block, scope))
                elif block.kind not in _META_ARGUMENTS:
                    rendered.setdefault(block.kind, []).append(self.render(block.body, scope))
        return rendered

    def _dynamic(self, block: Block, scope: Scope) -> list[dict[str, Any]]:
        iterator = block.labels[0]
        attributes = {_name(a.children[0]): _trees(a)[-1] for a in self._attributes(block.body)}
        if "iterator" in attributes:
            iterator = _name(_trees(attributes["iterator"])[0])
        collection = self.evaluate(attributes["for_each"], scope)
        if isinstance(collection, Ref):
            raise Unsupported(f"dynamic {block.labels[0]}: for_each known only at apply time")
        content = next(b for b in (self._block(n) for n in _trees(block.body) if n.data == "block")
                       if b.kind == "content")
        items = collection.items() if isinstance(collection, dict) else enumerate(collection)
        return [self.render(content.body, scope.with_names(**{iterator: {"key": k, "value": v}})) for k, v in items]

    # Expressions.

    def evaluate(self, node: Tree | Token, scope: Scope) -> Any:
        if isinstance(node, Token):
            raise Unsupported(f"token {node!r} where an expression was expected")
        handler: Callable[[Tree, Scope], Any] | None = getattr(self, f"_eval_{node.data}", None)
        if handler is None:
            raise Unsupported(f"expression {node.data!r}: {node.pretty()[:200]}")
        return handler(node, scope)

    def _eval_expr_term(self, node: Tree, scope: Scope) -> Any:
        (inner,) = _trees(node)
        return self.evaluate(inner, scope)

    def _eval_int_lit(self, node: Tree, scope: Scope) -> Any:
        return int(str(node.children[0]))

    def _eval_float_lit(self, node: Tree, scope: Scope) -> Any:
        return float(str(node.children[0]))

    def _eval_literal_value(self, node: Tree, scope: Scope) -> Any:
        return {"true": True, "false": False, "null": None}[str(node.children[0])]

    def _eval_string(self, node: Tree, scope: Scope) -> Any:
        parts: list[Any] = []
        for part in _trees(node):
            (piece,) = part.children
            if isinstance(piece, Token):
                text = str(piece)
                parts.append(text[1:] if piece.type in ("ESCAPED_INTERPOLATION", "ESCAPED_DIRECTIVE")
                             else _unescape(text))
            elif piece.data == "interpolation":
                parts.append(self.evaluate(_trees(piece)[0], scope))
            else:
                raise Unsupported(f"template directive {piece.data}")
        if len(parts) == 1 and not isinstance(parts[0], str):
            return parts[0]  # "${x}" is x itself
        return "".join(str(p) if isinstance(p, Ref) else _text(p) for p in parts)

    def _eval_heredoc_template(self, node: Tree, scope: Scope) -> Any:
        return _heredoc(str(node.children[0]), trim=False)

    def _eval_heredoc_template_trim(self, node: Tree, scope: Scope) -> Any:
        return _heredoc(str(node.children[0]), trim=True)

    def _eval_tuple(self, node: Tree, scope: Scope) -> Any:
        return [self.evaluate(item, scope) for item in _trees(node)]

    def _eval_object(self, node: Tree, scope: Scope) -> Any:
        result: dict[str, Any] = {}
        for element in _trees(node):
            key_node, value_node = _trees(element)
            (key_expr,) = _trees(key_node) or [key_node]
            result[self._object_key(key_expr, scope)] = self.evaluate(value_node, scope)
        return result

    def _object_key(self, node: Tree, scope: Scope) -> str:
        inner = _trees(node)
        if node.data == "keyword":
            return _name(node)
        if node.data == "expr_term" and len(inner) == 1 and inner[0].data == "identifier":
            return _name(inner[0])  # a bare name is the key itself, not a variable
        return _text(self.evaluate(node, scope))

    def _eval_identifier(self, node: Tree, scope: Scope) -> Any:
        name = _name(node)
        if name in scope.names:
            return scope.names[name]
        if name in ("local", "var", "path", "data", "terraform"):
            return _Namespace(self, name)
        return Ref(name)  # a resource type

    def _eval_get_attr_expr_term(self, node: Tree, scope: Scope) -> Any:
        target_node, get_attr = _trees(node)
        target = self.evaluate(target_node, scope)
        name = _name(_trees(get_attr)[0])
        if isinstance(target, _Namespace):
            return target.attr(name)
        if isinstance(target, Ref):
            return target.attr(name)
        if isinstance(target, dict):
            if name not in target:
                raise KeyError(f"no attribute {name!r} in {sorted(target)}")
            return target[name]
        raise Unsupported(f".{name} of {type(target).__name__}")

    def _eval_index_expr_term(self, node: Tree, scope: Scope) -> Any:
        target_node, index = _trees(node)
        target = self.evaluate(target_node, scope)
        key = (self.evaluate(_trees(index)[0], scope) if index.data == "braces_index"
               else int(str(index.children[-1])))
        if isinstance(target, Ref):
            return target.index(key)
        if isinstance(key, Ref):
            return Ref(f"{json.dumps(target, default=str)}[{key.path}]")
        return target[key]

    def _eval_conditional(self, node: Tree, scope: Scope) -> Any:
        condition, if_true, if_false = _trees(node)
        decided = self.evaluate(condition, scope)
        if isinstance(decided, Ref):
            return Ref(f"({decided.path} ? ... : ...)")
        return self.evaluate(if_true if decided else if_false, scope)

    def _eval_unary_op(self, node: Tree, scope: Scope) -> Any:
        operator = str(node.children[0])
        value = self.evaluate(_trees(node)[0], scope)
        if isinstance(value, Ref):
            return Ref(f"{operator}{value.path}")
        return (not value) if operator == "!" else -value

    def _eval_binary_op(self, node: Tree, scope: Scope) -> Any:
        left_node, term = _trees(node)
        operator_node, right_node = _trees(term)
        operator = str(operator_node.children[0])
        left = self.evaluate(left_node, scope)
        if operator == "&&" and left is False:
            return False
        if operator == "||" and left is True:
            return True
        right = self.evaluate(right_node, scope)
        if isinstance(left, Ref) or isinstance(right, Ref):
            return Ref(f"({left} {operator} {right})")
        operations: dict[str, Callable[[Any, Any], Any]] = {
            "==": lambda a, b: a == b, "!=": lambda a, b: a != b, "<": lambda a, b: a < b,
            ">": lambda a, b: a > b, "<=": lambda a, b: a <= b, ">=": lambda a, b: a >= b,
            "+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b, "/": lambda a, b: a / b,
            "%": lambda a, b: a % b, "&&": lambda a, b: a and b, "||": lambda a, b: a or b,
        }
        return operations[operator](left, right)

    def _eval_for_tuple_expr(self, node: Tree, scope: Scope) -> Any:
        intro, *rest = _trees(node)
        result = []
        for inner in self._for_scopes(intro, scope):
            if self._for_condition(rest, inner):
                result.append(self.evaluate(rest[0], inner))
        return result

    def _eval_for_object_expr(self, node: Tree, scope: Scope) -> Any:
        intro, key_node, value_node, *rest = _trees(node)
        grouping = any(isinstance(c, Token) and c.type == "ELLIPSIS" for c in node.children)
        result: dict[str, Any] = {}
        for inner in self._for_scopes(intro, scope):
            if self._for_condition([None, *rest], inner):
                key, value = _text(self.evaluate(key_node, inner)), self.evaluate(value_node, inner)
                if grouping:
                    result.setdefault(key, []).append(value)
                elif key in result:
                    raise Unsupported(f"duplicate key {key!r} in a for expression")
                else:
                    result[key] = value
        return result

    def _for_scopes(self, intro: Tree, scope: Scope) -> Iterator[Scope]:
        parts = _trees(intro)
        names = [_name(p) for p in parts if p.data == "identifier"]
        collection = self.evaluate(parts[-1], scope)
        if isinstance(collection, Ref):
            raise Unsupported(f"for expression over {collection}, known only at apply time")
        pairs = collection.items() if isinstance(collection, dict) else enumerate(collection)
        for key, value in pairs:
            yield scope.with_names(**({names[0]: value} if len(names) == 1 else {names[0]: key, names[1]: value}))

    def _for_condition(self, rest: list[Any], scope: Scope) -> bool:
        conditions = [n for n in rest[1:] if n is not None and n.data == "for_cond"]
        if not conditions:
            return True
        decided = self.evaluate(_trees(conditions[0])[0], scope)
        if isinstance(decided, Ref):
            raise Unsupported(f"for expression filtered on {decided}, known only at apply time")
        return bool(decided)

    def _eval_function_call(self, node: Tree, scope: Scope) -> Any:
        parts = _trees(node)
        name = _name(parts[0])
        arguments = [self.evaluate(a, scope) for a in _trees(parts[1])] if len(parts) > 1 else []
        function = _FUNCTIONS.get(name)
        depends_on_apply = any(isinstance(a, Ref) for a in arguments)
        if function is not None and (not depends_on_apply or name in _REF_TOLERANT):
            return function(*arguments)
        if function is not None or name in _OPAQUE:
            return Ref(f"{name}(...)")
        raise Unsupported(f"function {name}() is not evaluated by tests/infra/terraform.py")


class _Namespace:
    def __init__(self, terraform: Terraform, kind: str) -> None:
        self._terraform = terraform
        self._kind = kind

    def attr(self, name: str) -> Any:
        if self._kind == "local":
            return self._terraform.local(name)
        if self._kind == "var":
            return self._terraform.variable_default(name)
        return Ref(f"{self._kind}.{name}")


def _merge(*maps: Mapping[str, Any]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for mapping in maps:
        if mapping is not None:
            merged.update(mapping)
    return merged


def _lookup(mapping: Mapping[str, Any], key: str, *default: Any) -> Any:
    return mapping[key] if key in mapping or not default else default[0]


def _coalesce(*values: Any) -> Any:
    return next(v for v in values if v is not None and v != "")


_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "merge": _merge,
    "lookup": _lookup,
    "coalesce": _coalesce,
    "keys": lambda m: sorted(m),
    "values": lambda m: [m[k] for k in sorted(m)],
    "toset": lambda items: sorted(set(items), key=str),
    "tolist": list,
    "length": len,
    "contains": lambda items, value: value in items,
    "concat": lambda *lists: [x for items in lists for x in items],
    "flatten": lambda items: [x for item in items for x in (item if isinstance(item, list) else [item])],
    "setproduct": lambda *lists: [list(p) for p in itertools.product(*lists)],
    "replace": lambda text, old, new: text.replace(old, new),
    "split": lambda separator, text: text.split(separator),
    "join": lambda separator, items: separator.join(items),
    "alltrue": lambda items: all(items),
    "anytrue": lambda items: any(items),
    "jsonencode": lambda value: json.dumps(value, separators=(",", ":"), default=str),
    "base64encode": lambda text: base64.b64encode(text.encode()).decode(),
}
_REF_TOLERANT = frozenset({"merge", "lookup", "coalesce", "concat", "length", "tolist", "jsonencode"})
# Evaluated by Terraform from files or the clock: left symbolic.
_OPAQUE = frozenset({"file", "jsondecode", "filemd5", "fileexists", "timestamp", "templatefile"})
