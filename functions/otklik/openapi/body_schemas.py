"""JSON Schemas of the HTTP request and response bodies, taken from the OpenAPI documents of catalog.HTTP_APIS:
schemas/http/<function>/<body>.schema.json. Request bodies are in validation mode, responses in serialization mode,
as in the documents; a reply that is a JSON array of a model is <model>_list."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from types import GenericAlias
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode

from otklik.openapi.builder import Document, Reply
from otklik.openapi.catalog import HTTP_APIS, HttpApi
from otklik.openapi.json_schema import SUFFIX, standalone


@dataclass(frozen=True)
class HttpBody:
    function: str
    model: type[BaseModel]
    mode: JsonSchemaMode
    array: bool = False

    @property
    def path(self) -> str:
        stem = re.sub(r"(?<!^)(?=[A-Z])", "_", self.model.__name__).lower()
        return f"http/{self.function}/{stem}{'_list' if self.array else ''}{SUFFIX}"

    def schema(self) -> dict[str, Any]:
        if self.array:
            # list[self.model], made at run time (a variable is no type to mypy)
            return standalone(self.path, GenericAlias(list, (self.model,)), self.mode,
                              title=f"List of {self.model.__name__}")
        return standalone(self.path, self.model, self.mode)


def http_bodies(api: HttpApi, document: Document) -> Iterator[HttpBody]:
    for operation in document.operations:
        function = api.function_of(operation)
        if operation.body is not None:
            yield HttpBody(function, operation.body.model, "validation")
        yield from _replies(function, operation.replies.values())
    for webhook in document.webhooks:  # what the function sends to its clients
        if len(api.functions) != 1:
            raise ValueError(f"{api.file_name}: name the function of webhook {webhook.name}")
        yield HttpBody(api.functions[0], webhook.body.model, "validation")
        yield from _replies(api.functions[0], webhook.replies.values())


def _replies(function: str, replies: Iterable[Reply]) -> Iterator[HttpBody]:
    for reply in replies:
        if reply.model is not None:
            yield HttpBody(function, reply.model, "serialization", reply.array)


def http_body_schemas() -> dict[str, dict[str, Any]]:
    found: dict[str, HttpBody] = {}
    for api in HTTP_APIS:
        for body in http_bodies(api, api.document()):
            other = found.setdefault(body.path, body)
            if other != body:
                raise ValueError(f"{body.path} would describe both {other} and {body}: rename a model")
    return {path: body.schema() for path, body in found.items()}
