"""A small OpenAPI 3.1 builder: operations described in code, schemas generated from the pydantic wire models."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, models_json_schema

REF_TEMPLATE = "#/components/schemas/{model}"
# Each model's schema (a $ref into the components) by (model, mode). The model is Any here: pydantic's own type for
# it names a class of its private package (pydantic._internal), which is not imported.
SchemaRefs = dict[tuple[Any, JsonSchemaMode], dict[str, Any]]


@dataclass(frozen=True)
class Body:
    model: type[BaseModel]
    media_types: tuple[str, ...] = ("application/json",)
    description: str = ""
    required: bool = True
    other_content: tuple[tuple[str, dict[str, Any]], ...] = ()  # (media type, schema) of other forms, e.g. multipart


@dataclass(frozen=True)
class Reply:
    description: str
    model: type[BaseModel] | None = None
    array: bool = False
    headers: tuple[str, ...] = ()  # names in Document.headers
    media_types: tuple[str, ...] = ("application/json",)
    raw_schema: dict[str, Any] | None = None  # for bodies that are not JSON (photos)
    other_content: tuple[tuple[str, dict[str, Any]], ...] = ()  # (media type, schema) of other forms, e.g. CSV


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    operation_id: str
    summary: str
    replies: dict[str, Reply]
    description: str = ""
    parameters: tuple[dict[str, Any], ...] = ()
    body: Body | None = None


@dataclass(frozen=True)
class Webhook:
    name: str
    summary: str
    description: str
    body: Body
    parameters: tuple[dict[str, Any], ...] = ()
    replies: dict[str, Reply] = field(default_factory=dict)


@dataclass(frozen=True)
class Document:
    title: str
    version: str
    description: str
    servers: tuple[dict[str, Any], ...]
    operations: tuple[Operation, ...]
    headers: dict[str, dict[str, Any]] = field(default_factory=dict)
    security_schemes: dict[str, dict[str, Any]] = field(default_factory=dict)
    security: tuple[dict[str, list[str]], ...] = ()
    webhooks: tuple[Webhook, ...] = ()


def query_parameters(model: type[BaseModel]) -> tuple[dict[str, Any], ...]:
    """One query parameter per field; optional ones are simply left out rather than sent as null."""
    schema = model.model_json_schema(ref_template=REF_TEMPLATE)
    required = set(schema.get("required", []))
    parameters = []
    for name, prop in schema["properties"].items():
        prop = {k: v for k, v in prop.items() if k != "title"}
        description = prop.pop("description", None)
        options = prop.get("anyOf")
        if options and {"type": "null"} in options:
            rest = [o for o in options if o != {"type": "null"}]
            prop = (rest[0] if len(rest) == 1 else {"anyOf": rest}) | {
                k: v for k, v in prop.items() if k not in ("anyOf", "default")}
        parameter: dict[str, Any] = {"name": name, "in": "query", "required": name in required, "schema": prop}
        if description:
            parameter["description"] = description
        parameters.append(parameter)
    return tuple(parameters)


def build(document: Document) -> dict[str, Any]:
    refs, components = _schemas(document)
    paths: dict[str, dict[str, Any]] = {}
    for operation in document.operations:
        paths.setdefault(operation.path, {})[operation.method.lower()] = _operation(operation, refs, document)
    built: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": document.title, "version": document.version, "description": document.description},
        "servers": list(document.servers),
        "paths": paths,
    }
    if document.webhooks:
        built["webhooks"] = {w.name: {"post": _webhook(w, refs, document)} for w in document.webhooks}
    built["components"] = {"schemas": components}
    if document.security_schemes:
        built["components"]["securitySchemes"] = document.security_schemes
    if document.security:
        built["security"] = list(document.security)
    return built


def _models(document: Document) -> list[tuple[type[BaseModel], JsonSchemaMode]]:
    found: dict[tuple[type[BaseModel], JsonSchemaMode], None] = {}
    bodies: Iterable[Body | None] = [o.body for o in document.operations] + [w.body for w in document.webhooks]
    for body in bodies:
        if body is not None:
            found[(body.model, "validation")] = None
    replies: list[Reply] = [r for o in document.operations for r in o.replies.values()]
    replies += [r for w in document.webhooks for r in w.replies.values()]
    for reply in replies:
        if reply.model is not None:
            found[(reply.model, "serialization")] = None
    return list(found)


def _schemas(document: Document) -> tuple[SchemaRefs, dict[str, Any]]:
    refs, definitions = models_json_schema(_models(document), ref_template=REF_TEMPLATE)
    return refs, dict(sorted(definitions.get("$defs", {}).items()))


def _content(schema: dict[str, Any], media_types: Sequence[str]) -> dict[str, Any]:
    return {media_type: {"schema": schema} for media_type in media_types}


def _other_content(forms: Sequence[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    return {media_type: {"schema": schema} for media_type, schema in forms}


def _reply(reply: Reply, refs: SchemaRefs, document: Document) -> dict[str, Any]:
    built: dict[str, Any] = {"description": reply.description}
    if reply.headers:
        built["headers"] = {name: document.headers[name] for name in reply.headers}
    if reply.model is not None:
        schema = refs[(reply.model, "serialization")]
        built["content"] = _content({"type": "array", "items": schema} if reply.array else schema, reply.media_types)
    elif reply.raw_schema is not None:
        built["content"] = _content(reply.raw_schema, reply.media_types)
    if reply.other_content:
        built["content"] = built.get("content", {}) | _other_content(reply.other_content)
    return built


def _request_body(body: Body, refs: SchemaRefs) -> dict[str, Any]:
    content = _content(refs[(body.model, "validation")], body.media_types) | _other_content(body.other_content)
    built: dict[str, Any] = {"required": body.required, "content": content}
    if body.description:
        built["description"] = body.description
    return built


def _operation(operation: Operation, refs: SchemaRefs, document: Document) -> dict[str, Any]:
    built: dict[str, Any] = {"operationId": operation.operation_id, "summary": operation.summary}
    if operation.description:
        built["description"] = operation.description
    if operation.parameters:
        built["parameters"] = list(operation.parameters)
    if operation.body is not None:
        built["requestBody"] = _request_body(operation.body, refs)
    built["responses"] = {status: _reply(reply, refs, document) for status, reply in operation.replies.items()}
    return built


def _webhook(webhook: Webhook, refs: SchemaRefs, document: Document) -> dict[str, Any]:
    built: dict[str, Any] = {"operationId": webhook.name, "summary": webhook.summary,
                             "description": webhook.description}
    if webhook.parameters:
        built["parameters"] = list(webhook.parameters)
    built["requestBody"] = _request_body(webhook.body, refs)
    built["responses"] = {status: _reply(reply, refs, document) for status, reply in webhook.replies.items()}
    return built
