"""HTTP boundary helpers: errors as JSON, never a 500 (bodies are read in entrypoints/bodies.py)."""
from __future__ import annotations

import json
import logging
from collections.abc import Callable, Collection
from functools import wraps
from typing import Any

import flask
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException

from otklik.entrypoints.instance import settle_once
from otklik.entrypoints.wire import ErrorBody
from otklik.platforms.events import InvalidPayload, TextTooLong
from otklik.services.ports import StorageUnavailable

log = logging.getLogger(__name__)
Handler = Callable[[flask.Request], flask.Response]


class ApiError(Exception):
    def __init__(self, status: int, error: str, message: str, details: Any = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.error = error
        self.message = message
        self.details = details
        self.headers = headers or {}


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> flask.Response:
    response = flask.Response(
        json.dumps(body, ensure_ascii=False, default=str), status=status, mimetype="application/json"
    )
    response.headers.update(headers or {})
    return response


def error_response(error: ApiError) -> flask.Response:
    body = ErrorBody(error=error.error, message=error.message, details=error.details).body()
    return json_response(error.status, body, error.headers)


def validation_details(error: ValidationError) -> list[dict[str, str]]:
    return [
        {"field": ".".join(str(part) for part in item["loc"]) or "(body)", "problem": item["msg"]}
        for item in error.errors(include_url=False, include_input=False)
    ]


def path_segments(request: flask.Request) -> list[str]:
    return [part for part in request.path.split("/") if part]


def http_endpoint(*, methods: Collection[str] | None = None) -> Callable[[Handler], Handler]:
    """Maps every failure to a clear JSON answer; 5xx only when the caller should send again.
    `methods`: the only ones served (others get 405 before anything is read); None leaves it to the handler."""
    allowed = ", ".join(methods) if methods else ""

    def decorate(handler: Handler) -> Handler:
        @wraps(handler)
        def endpoint(request: flask.Request) -> flask.Response:
            try:
                if methods and request.method not in methods:
                    raise ApiError(405, "method_not_allowed", f"{request.method} is not served here; use {allowed}",
                                   headers={"Allow": allowed})
                return handler(request)
            except Exception as error:  # every failure gets its JSON answer (_failure_answer)
                return error_response(_failure_answer(error))
            finally:
                settle_once()

        return endpoint

    return decorate


def _failure_answer(error: Exception) -> ApiError:
    """The answer to what a handler raised: bad input is the caller's 4xx; anything unforeseen is a 503, since the
    platform must send again rather than lose the event."""
    if isinstance(error, ApiError):
        return error
    if isinstance(error, ValidationError):
        return ApiError(400, "invalid_body", "the body does not match the expected shape", validation_details(error))
    if isinstance(error, TextTooLong):
        return ApiError(400, "text_too_long", str(error), [{"field": error.field}])
    if isinstance(error, InvalidPayload):
        return ApiError(400, "invalid_body", str(error))
    if isinstance(error, HTTPException):  # werkzeug's own refusals (a form too large, say): JSON, not its HTML
        return _from_werkzeug(error)
    if isinstance(error, StorageUnavailable):
        log.error("storage unavailable", exc_info=error)
        return ApiError(503, "storage_unavailable", "could not store the request, send it again",
                        headers={"Retry-After": "5"})
    log.error("unexpected failure", exc_info=error)
    return ApiError(503, "temporarily_unavailable", "could not process the request, send it again",
                    headers={"Retry-After": "5"})


def http_error_as_json(error: HTTPException) -> flask.Response | HTTPException:
    """What the framework refuses before a function runs (a path it cannot route, say), answered as JSON too.
    A redirect is left as it is."""
    if error.code is not None and error.code < 400:
        return error
    return error_response(_from_werkzeug(error))


def _from_werkzeug(error: HTTPException) -> ApiError:
    status = error.code or 400
    name = (error.name or "bad request").lower().replace(" ", "_")
    return ApiError(status, name, error.description or error.name or "the request was refused")
