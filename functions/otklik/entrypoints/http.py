"""HTTP boundary helpers: bounded JSON bodies, typed parsing and errors as JSON, never a 500."""
from __future__ import annotations

import json
import logging
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import flask
from pydantic import BaseModel, ValidationError

from otklik.entrypoints.instance import settle_once
from otklik.entrypoints.wire import ErrorBody
from otklik.platforms.events import InvalidPayload, TextTooLong
from otklik.services.ports import StorageUnavailable

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)


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


def read_json(request: flask.Request, max_bytes: int) -> Any:
    if request.content_length is not None and request.content_length > max_bytes:
        raise ApiError(413, "body_too_large", f"the body is larger than {max_bytes} bytes")
    raw = request.stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise ApiError(413, "body_too_large", f"the body is larger than {max_bytes} bytes")
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ApiError(400, "malformed_json", f"the body is not valid JSON: {error}") from error


def read_model(request: flask.Request, model: type[M], max_bytes: int) -> M:
    data = read_json(request, max_bytes)
    if not isinstance(data, dict):
        raise ApiError(400, "invalid_body", "the body must be a JSON object")
    return model.model_validate(data)


def validation_details(error: ValidationError) -> list[dict[str, str]]:
    return [
        {"field": ".".join(str(part) for part in item["loc"]) or "(body)", "problem": item["msg"]}
        for item in error.errors(include_url=False, include_input=False)
    ]


def path_segments(request: flask.Request) -> list[str]:
    return [part for part in request.path.split("/") if part]


def http_endpoint(handler: Callable[[flask.Request], flask.Response]) -> Callable[[flask.Request], flask.Response]:
    """Maps every failure to a clear JSON answer; 5xx only when the caller should send again."""

    @wraps(handler)
    def endpoint(request: flask.Request) -> flask.Response:
        try:
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
        except StorageUnavailable:
            log.error("storage unavailable", exc_info=True)
            return error_response(ApiError(503, "storage_unavailable", "could not store the request, send it again",
                                           headers={"Retry-After": "5"}))
        except Exception:  # noqa: BLE001 - the platform must retry rather than lose the event
            log.exception("unexpected failure")
            return error_response(ApiError(503, "temporarily_unavailable", "could not process the request, send it again",
                                           headers={"Retry-After": "5"}))
        finally:
            settle_once()

    return endpoint
