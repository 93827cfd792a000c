"""The Open311 GeoReport v2 endpoint, in JSON and XML: each resource answers in the format its URL ends with
(services.json or services.xml), errors too. Errors are the specification's list of {code, description}.

Reads are public, as the specification has them (so the publication policy in open311/publication.py decides
what they show); filing needs an Open311 client's api_key granted the jurisdiction (403 otherwise, as in the
specification's error examples). The key may come in the body (preferred) or the query string, as the
specification allows; no logger of ours writes a request's query string."""
from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlencode

import flask
from pydantic import BaseModel, ValidationError

from otklik.entrypoints.bodies import read_form, read_object
from otklik.entrypoints.http import ApiError, json_response
from otklik.entrypoints.router import Router
from otklik.open311 import georeport_xml
from otklik.open311.wire import JurisdictionQuery, NewServiceRequest, Open311Error, RequestCreated, RequestsQuery
from otklik.services.open311 import (
    IdempotencyConflict,
    InvalidApiKey,
    InvalidFilter,
    NotGranted,
    RequestNotFound,
    UnknownJurisdiction,
)
from otklik.services.ports import CursorNotFound, StorageUnavailable

if TYPE_CHECKING:
    from otklik.wiring import Container

log = logging.getLogger(__name__)
router = Router()
M = TypeVar("M", bound=BaseModel)
_IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_NOT_ECHOED = frozenset({"api_key", "cursor"})  # left out of the next page's link (a key is no part of a page)


def handle(request: flask.Request, deps: Container) -> flask.Response:
    try:
        return router.dispatch(request, deps)
    except ApiError as error:
        return errors(request, error.status, error.message, error.headers)
    except ValidationError as error:
        return errors(request, 400, problems(error))
    except UnknownJurisdiction as error:
        return errors(request, 404, f"jurisdiction_id {error} not found")
    except RequestNotFound as error:
        return errors(request, 404, f"service request {error} not found")
    except (InvalidFilter, CursorNotFound) as error:
        return errors(request, 400, str(error) if isinstance(error, InvalidFilter) else "cursor: not found")
    except (InvalidApiKey, NotGranted) as error:
        return errors(request, 403, str(error))
    except IdempotencyConflict as error:
        return errors(request, 409, str(error))
    except StorageUnavailable:
        log.error("storage unavailable", exc_info=True)
        return errors(request, 503, "temporarily unavailable, try again", {"Retry-After": "5"})


def problems(error: ValidationError) -> str:
    """Each problem after the parameter it is about ("start_date: Input should be…"); one about several
    parameters together ("lat and long go together") stands alone."""
    found = []
    for item in error.errors(include_url=False, include_input=False):
        name = ".".join(str(part) for part in item["loc"])
        found.append(f"{name}: {item['msg']}" if name else item["msg"])
    return "; ".join(found)


def errors(request: flask.Request, status: int, description: str,
           headers: dict[str, str] | None = None) -> flask.Response:
    return reply(request, status, georeport_xml.ERRORS, [Open311Error(code=status, description=description)], headers)


def reply(request: flask.Request, status: int, shape: georeport_xml.Shape, items: Sequence[BaseModel],
          headers: dict[str, str] | None = None) -> flask.Response:
    """JSON (a list of the items) or, for a URL ending with .xml, the specification's XML document."""
    if not request.path.endswith(".xml"):
        return json_response(status, [item.model_dump(mode="json") for item in items], headers)
    response = flask.Response(georeport_xml.document(shape, items), status=status,
                              content_type=georeport_xml.MEDIA_TYPE)
    response.headers.update(headers or {})
    return response


@router.route("GET", "/services.json")
@router.route("GET", "/services.xml")
def get_services(request: flask.Request, deps: Container) -> flask.Response:
    query = _query(request, JurisdictionQuery)
    return reply(request, 200, georeport_xml.SERVICES, deps.open311.services(query.jurisdiction_id))


@router.route("GET", "/requests.json")
@router.route("GET", "/requests.xml")
def get_requests(request: flask.Request, deps: Container) -> flask.Response:
    query = _query(request, RequestsQuery)
    page = deps.open311.requests(query)
    headers = {}
    if page.next_cursor:
        kept = {k: v for k, v in request.args.to_dict(flat=True).items() if k not in _NOT_ECHOED}
        next_query = urlencode({**kept, "cursor": page.next_cursor})
        headers = {"Link": f'<{request.path}?{next_query}>; rel="next"', "X-Next-Cursor": page.next_cursor}
    return reply(request, 200, georeport_xml.SERVICE_REQUESTS, page.requests, headers)


@router.route("GET", "/requests/<request_id>.json")
@router.route("GET", "/requests/<request_id>.xml")
def get_request(request: flask.Request, deps: Container, request_id: str) -> flask.Response:
    query = _query(request, JurisdictionQuery)
    found = deps.open311.request(query.jurisdiction_id, request_id)
    return reply(request, 200, georeport_xml.SERVICE_REQUESTS, [found])


@router.route("POST", "/requests.json")
@router.route("POST", "/requests.xml")
def post_request(request: flask.Request, deps: Container) -> flask.Response:
    idempotency_key = request.headers.get("Idempotency-Key")
    if idempotency_key is not None and not _IDEMPOTENCY_KEY.match(idempotency_key):
        raise ApiError(400, "invalid_idempotency_key", "Idempotency-Key must be 1-128 of A-Z a-z 0-9 . _ : -")
    # The body's fields win over the query string's: api_key is preferably sent in the body.
    fields = request.args.to_dict(flat=True) | _form_or_json(request, deps.settings.max_body_bytes)
    if not fields.get("api_key"):
        raise InvalidApiKey("api_key was not provided")  # the specification's 403, not a field error
    new = NewServiceRequest.model_validate(fields)
    filed = deps.open311.file(new, idempotency_key)
    created = RequestCreated(service_request_id=filed.appeal_id)
    return reply(request, 201 if filed.created else 200, georeport_xml.SERVICE_REQUESTS, [created])


def _query(request: flask.Request, model: type[M]) -> M:
    return model.model_validate(request.args.to_dict(flat=True))


def _form_or_json(request: flask.Request, max_bytes: int) -> dict[str, Any]:
    if request.mimetype == "application/json":
        return read_object(request, max_bytes)
    return read_form(request, max_bytes)
