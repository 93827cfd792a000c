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
            except ApiError as error:
                return error_response(error)
            except ValidationError as error:
                return error_response(ApiError(400, "invalid_body", "the body does not match the expected shape",
                                               validation_details(error)))
            except TextTooLong as error:
                return error_response(ApiError(400, "text_too_long", str(error), [{"field": error.field}]))
            except InvalidPayload as error:
                return error_response(ApiError(400, "invalid_body", str(error)))
            except HTTPException as error:  # werkzeug's own refusals (a form too large, say): JSON, not its HTML
                return error_response(_from_werkzeug(error))
            except StorageUnavailable:
                log.error("storage unavailable", exc_info=True)
                return error_response(ApiError(503, "storage_unavailable", "could not store the request, send it again",
                                               headers={"Retry-After": "5"}))
            except Exception:  # noqa: BLE001 - the platform must retry rather than lose the event
                log.exception("unexpected failure")
                return error_response(ApiError(503, "temporarily_unavailable",
                                               "could not process the request, send it again",
                                               headers={"Retry-After": "5"}))
            finally:
                settle_once()

        return endpoint

    return decorate


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
