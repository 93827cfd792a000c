"""Raw request bodies for APIs that sign or fingerprint the exact bytes: bounded, then parsed."""
from __future__ import annotations

import json
from typing import Any

import flask

from otklik.entrypoints.http import ApiError
from otklik.regional.signing import request_target


def read_body(request: flask.Request, max_bytes: int) -> bytes:
    if request.content_length is not None and request.content_length > max_bytes:
        raise ApiError(413, "body_too_large", f"the body is larger than {max_bytes} bytes")
    raw = request.stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise ApiError(413, "body_too_large", f"the body is larger than {max_bytes} bytes")
    return bytes(raw)


def parse_json(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    # ValueError covers bad JSON and integers too long to convert; RecursionError, absurdly deep nesting.
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        problem = "nested too deeply" if isinstance(error, RecursionError) else str(error)
        raise ApiError(400, "malformed_json", f"the body is not valid JSON: {problem}") from None


def path_with_query(request: flask.Request) -> str:
    """The path and query as the client sent them, below this function's mount point."""
    return request_target(request.environ)
