"""Stand-alone JSON Schema (2020-12) files generated from pydantic types, each with its own `$id`."""
from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter
from pydantic.json_schema import JsonSchemaMode

DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_PREFIX = "urn:otklik:"  # + the file's path in schemas/ without .schema.json: urn:otklik:messages/appeal.received
SUFFIX = ".schema.json"


def schema_id(relative_path: str) -> str:
    return ID_PREFIX + relative_path.removesuffix(SUFFIX)


def standalone(relative_path: str, type_: Any, mode: JsonSchemaMode, *, title: str | None = None,
               **annotations: Any) -> dict[str, Any]:
    """The schema of `type_` for the file at `relative_path`: $schema, $id and title first, $defs last."""
    generated = TypeAdapter(type_).json_schema(mode=mode)
    head = {"$schema": DIALECT, "$id": schema_id(relative_path), "title": title or generated.get("title", "")}
    if "description" in generated:
        head["description"] = generated["description"]
    rest = {k: v for k, v in generated.items() if k not in ("title", "description", "$defs")}
    tail = {"$defs": generated["$defs"]} if "$defs" in generated else {}
    return head | annotations | rest | tail
