"""The Open311 GeoReport v2 endpoint (JSON only). Errors are the specification's list of {code, description}.

Reads are public, as the specification has them (so the publication policy in open311/publication.py decides
what they show); filing needs an Open311 client's api_key granted the jurisdiction (403 otherwise, as in the
specification's error examples)."""
from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import parse_qsl, urlencode

import flask
from pydantic import BaseModel, ValidationError

from otklik.adapters.appeal_feed import CursorNotFound
from otklik.entrypoints.bodies import parse_json, read_body
from otklik.entrypoints.http import ApiError, json_response, validation_details
from otklik.entrypoints.router import Router
from otklik.open311.service import (IdempotencyConflict, InvalidApiKey, InvalidFilter, NotGranted, RequestNotFound,
                                    UnknownJurisdiction)
from otklik.open311.wire import JurisdictionQuery, NewServiceRequest, RequestCreated, RequestsQuery
from otklik.services.ports import StorageUnavailable

if TYPE_CHECKING:
    from otklik.wiring import Container

log = logging.getLogger(__name__)
router = Router()
M = TypeVar("M", bound=BaseModel)
_IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def handle(request: flask.Request, deps: Container) -> flask.Response:
    try:
        return router.dispatch(request, deps)
    except ApiError as error:
        return errors(error.status, error.message, error.headers)
    except ValidationError as error:
        return errors(400, "; ".join(f"{d['field']}: {d['problem']}" for d in validation_details(error)))
    except UnknownJurisdiction as error:
        return errors(404, f"jurisdiction_id {error} not found")
    except RequestNotFound as error:
        return errors(404, f"service request {error} not found")
    except (InvalidFilter, CursorNotFound) as error:
        return errors(400, str(error) if isinstance(error, InvalidFilter) else "cursor not found")
    except (InvalidApiKey, NotGranted) as error:
        return errors(403, str(error))
    except IdempotencyConflict as error:
        return errors(409, str(error))
    except StorageUnavailable:
        log.error("storage unavailable", exc_info=True)
        return errors(503, "temporarily unavailable, try again", {"Retry-After": "5"})


def errors(status: int, description: str, headers: dict[str, str] | None = None) -> flask.Response:
    return json_response(status, [{"code": status, "description": description}], headers)


@router.route("GET", "/services.json")
def get_services(request: flask.Request, deps: Container) -> flask.Response:
    query = _query(request, JurisdictionQuery)
    return json_response(200, [s.model_dump(mode="json") for s in deps.open311.services(query.jurisdiction_id)])


@router.route("GET", "/requests.json")
def get_requests(request: flask.Request, deps: Container) -> flask.Response:
    query = _query(request, RequestsQuery)
    page = deps.open311.requests(query)
    headers = {}
    if page.next_cursor:
        next_query = urlencode({**request.args.to_dict(flat=True), "cursor": page.next_cursor})
        headers = {"Link": f'<{request.path}?{next_query}>; rel="next"', "X-Next-Cursor": page.next_cursor}
    return json_response(200, [r.model_dump(mode="json") for r in page.requests], headers)


@router.route("GET", "/requests/<request_id>.json")
def get_request(request: flask.Request, deps: Container, request_id: str) -> flask.Response:
    query = _query(request, JurisdictionQuery)
    found = deps.open311.request(query.jurisdiction_id, request_id)
    return json_response(200, [found.model_dump(mode="json")])


@router.route("POST", "/requests.json")
def post_request(request: flask.Request, deps: Container) -> flask.Response:
    idempotency_key = request.headers.get("Idempotency-Key")
    if idempotency_key is not None and not _IDEMPOTENCY_KEY.match(idempotency_key):
        raise ApiError(400, "invalid_idempotency_key", "Idempotency-Key must be 1-128 of A-Z a-z 0-9 . _ : -")
    fields = request.args.to_dict(flat=True) | _form_or_json(request, deps.settings.max_body_bytes)
    new = NewServiceRequest.model_validate(fields)
    filed = deps.open311.file(new, idempotency_key)
    created = RequestCreated(service_request_id=filed.appeal_id)
    return json_response(201 if filed.created else 200, [created.model_dump(mode="json")])


def _query(request: flask.Request, model: type[M]) -> M:
    return model.model_validate(request.args.to_dict(flat=True))


def _form_or_json(request: flask.Request, max_bytes: int) -> dict[str, Any]:
    raw = read_body(request, max_bytes)
    if request.mimetype == "application/json":
        data = parse_json(raw)
        if not isinstance(data, dict):
            raise ApiError(400, "invalid_body", "the body must be a JSON object")
        return data
    try:
        return dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=False))
    except (UnicodeDecodeError, ValueError):
        raise ApiError(400, "invalid_body", "the body must be UTF-8 form fields") from None
