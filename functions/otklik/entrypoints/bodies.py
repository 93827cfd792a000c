"""Request bodies, read the same way by every HTTP function: bounded in size; JSON bounded in depth and in its
numbers; text made storable. Whatever is wrong with a body is the sender's problem, answered 400 or 413 naming
it — never a 5xx, which would make a platform send the same bad body again for hours.

- Depth: no platform nests its payloads more than a few dozen levels, and deeper JSON only costs stack.
- Numbers: every id a platform sends fits a 64-bit integer, as Firestore stores integers; a longer one is no id.
  NaN and Infinity are not JSON, and neither is a number beyond a 64-bit float (1e999).
- Text: JSON may spell a lone UTF-16 surrogate ("\\ud800"), which no UTF-8 store can hold; it is replaced by
  U+FFFD, so the resident's message is stored with one unreadable character instead of being lost."""
from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import parse_qsl

import flask
from pydantic import BaseModel
from werkzeug.exceptions import RequestEntityTooLarge

from otklik.entrypoints.http import ApiError

M = TypeVar("M", bound=BaseModel)

MAX_JSON_DEPTH = 64
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class FilePart:
    file_name: str
    data: bytes


@dataclass(frozen=True)
class FormData:
    """A multipart/form-data body: its text fields and its files by field name."""

    fields: Mapping[str, str]
    files: Mapping[str, list[FilePart]]


def read_body(request: flask.Request, max_bytes: int) -> bytes:
    if request.content_length is not None and request.content_length > max_bytes:
        raise _too_large(max_bytes)
    raw = request.stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise _too_large(max_bytes)
    return bytes(raw)


def parse_json(raw: bytes | str, what: str = "the body") -> Any:
    try:
        data = json.loads(raw, parse_constant=_refuse_constant)
    except RecursionError:
        raise _malformed(f"{what} is nested deeper than {MAX_JSON_DEPTH} levels") from None
    except json.JSONDecodeError as error:
        raise _malformed(f"{what} is not valid JSON: {error}") from None
    except UnicodeDecodeError:
        raise _malformed(f"{what} is not UTF-8 text") from None
    except ValueError as error:  # integers longer than Python converts (thousands of digits), NaN, Infinity
        problem = str(error) if isinstance(error, _NotJson) else "a number has more digits than any id"
        raise _malformed(f"{what} is not valid JSON: {problem}") from None
    try:
        return _storable(data, depth=0)
    except _Refused as refused:
        field = ".".join(reversed(refused.path)) or "(body)"
        raise ApiError(400, "malformed_json", f"{what} is refused: {field}: {refused.problem}",
                       [{"field": field, "problem": refused.problem}]) from None


def read_json(request: flask.Request, max_bytes: int) -> Any:
    return parse_json(read_body(request, max_bytes))


def read_object(request: flask.Request, max_bytes: int) -> dict[str, Any]:
    data = read_json(request, max_bytes)
    if not isinstance(data, dict):
        raise ApiError(400, "invalid_body", "the body must be a JSON object")
    return data


def read_model(request: flask.Request, model: type[M], max_bytes: int) -> M:
    return model.model_validate(read_object(request, max_bytes))


def read_form(request: flask.Request, max_bytes: int) -> dict[str, str]:
    """application/x-www-form-urlencoded fields (a repeated field keeps its last value)."""
    try:
        return dict(parse_qsl(read_body(request, max_bytes).decode("utf-8"), keep_blank_values=False))
    except (UnicodeDecodeError, ValueError):
        raise ApiError(400, "invalid_body", "the body must be UTF-8 form fields") from None


def read_form_data(request: flask.Request, max_bytes: int, max_file_bytes: int) -> FormData:
    """multipart/form-data: text fields and files, the whole body at most `max_bytes`. A file over
    `max_file_bytes` is kept one byte too long, so that the caller refuses it naming the file."""
    if request.content_length is not None and request.content_length > max_bytes:
        raise _too_large(max_bytes)
    request.max_content_length = max_bytes
    try:
        fields = {name: _storable_text(value) for name, value in request.form.items()}
        files = {name: [FilePart(f.filename or name, f.read(max_file_bytes + 1)) for f in request.files.getlist(name)]
                 for name in request.files}
    except RequestEntityTooLarge:
        raise _too_large(max_bytes) from None
    return FormData(fields=fields, files=files)


class _NotJson(ValueError):
    pass


class _Refused(Exception):
    """A value the body may not carry; `path` grows from the value up to the root as the walk unwinds."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.path: list[str] = []


def _refuse_constant(name: str) -> Any:
    raise _NotJson(f"{name} is not a JSON number")


def _storable(value: Any, depth: int) -> Any:
    if isinstance(value, str):
        return _storable_text(value)
    if isinstance(value, dict):
        return _storable_object(value, depth)
    if isinstance(value, list):
        return _storable_array(value, depth)
    if type(value) is int and not INT64_MIN <= value <= INT64_MAX:
        raise _Refused("the integer is outside the 64-bit range")
    if type(value) is float and not math.isfinite(value):
        raise _Refused("the number is too large for a 64-bit float")
    return value


def _storable_object(value: dict[str, Any], depth: int) -> dict[str, Any]:
    if depth == MAX_JSON_DEPTH:
        raise _Refused(f"nested deeper than {MAX_JSON_DEPTH} levels")
    cleaned: dict[str, Any] = {}
    for key, item in value.items():
        name = _storable_text(key)
        try:
            cleaned[name] = _storable(item, depth + 1)
        except _Refused as refused:
            refused.path.append(name)
            raise
    return cleaned


def _storable_array(value: list[Any], depth: int) -> list[Any]:
    if depth == MAX_JSON_DEPTH:
        raise _Refused(f"nested deeper than {MAX_JSON_DEPTH} levels")
    items = []
    for index, item in enumerate(value):
        try:
            items.append(_storable(item, depth + 1))
        except _Refused as refused:
            refused.path.append(str(index))
            raise
    return items


def _storable_text(text: str) -> str:
    if text.isascii():
        return text
    return _LONE_SURROGATE.sub("\ufffd", text)


def _too_large(max_bytes: int) -> ApiError:
    return ApiError(413, "body_too_large", f"the body is larger than {max_bytes} bytes")


def _malformed(message: str) -> ApiError:
    return ApiError(400, "malformed_json", message)
