"""The Open311 GeoReport v2 endpoint's OpenAPI document."""
from __future__ import annotations

from typing import Any

from otklik.open311.publication import __doc__ as PUBLICATION_POLICY
from otklik.open311.wire import (APPEAL_ID_PATTERN, DEFAULT_WINDOW_DAYS, MAX_REQUESTS, JurisdictionQuery,
                                 NewServiceRequest, Open311Error, RequestCreated, RequestsQuery, Service,
                                 ServiceRequest)
from otklik.openapi.builder import Body, Document, Operation, Reply, query_parameters

DESCRIPTION = f"""Open311 GeoReport v2 (JSON only) over the towns' appeals. `jurisdiction_id` is the town code.
Services are the appeal categories; a service request is an appeal, `open` while it is being worked on and
`closed` once answered or resolved, with the finer status in `status_notes`. Lists hold the last
{DEFAULT_WINDOW_DAYS} days by default and at most {MAX_REQUESTS} requests a page, newest first; the next page's
URL is in the `Link` header. Errors are a list of `{{code, description}}`.

What is published: {" ".join((PUBLICATION_POLICY or "").split())}"""

HEADERS: dict[str, dict[str, Any]] = {
    "Link": {"description": 'The next page: <url>; rel="next".', "schema": {"type": "string"}},
    "X-Next-Cursor": {"description": "The next page's cursor.", "schema": {"type": "string"}},
    "Retry-After": {"description": "Seconds to wait.", "schema": {"type": "string"}},
}


def _errors(description: str, *headers: str) -> Reply:
    return Reply(description, Open311Error, array=True, headers=headers)


_UNAVAILABLE = _errors("Temporarily unavailable; try again.", "Retry-After")
_JURISDICTION = query_parameters(JurisdictionQuery)

OPERATIONS = (
    Operation(
        "GET", "/services.json", "getServices", "The appeal categories as services",
        parameters=_JURISDICTION,
        replies={"200": Reply("Every category.", Service, array=True), "400": _errors("Bad parameters."),
                 "404": _errors("Unknown jurisdiction_id."), "503": _UNAVAILABLE}),
    Operation(
        "GET", "/requests.json", "getServiceRequests", "Service requests, newest first",
        parameters=query_parameters(RequestsQuery),
        replies={"200": Reply("One page.", ServiceRequest, array=True, headers=("Link", "X-Next-Cursor")),
                 "400": _errors("Bad parameters."), "404": _errors("Unknown jurisdiction_id."), "503": _UNAVAILABLE}),
    Operation(
        "GET", "/requests/{service_request_id}.json", "getServiceRequest", "One service request",
        parameters=({"name": "service_request_id", "in": "path", "required": True,
                     "schema": {"type": "string", "pattern": APPEAL_ID_PATTERN}}, *_JURISDICTION),
        replies={"200": Reply("A list of the one request.", ServiceRequest, array=True),
                 "400": _errors("Bad parameters."),
                 "404": _errors("Unknown jurisdiction_id, or no such request in it."), "503": _UNAVAILABLE}),
    Operation(
        "POST", "/requests.json", "createServiceRequest", "File a service request (an Open311 client's api_key)",
        description="Filed as a reception appeal and routed like every other. Idempotent: the same body again, or "
                    "the same Idempotency-Key, gives the same request (200); a key reused with another body, 409.",
        parameters=({"name": "Idempotency-Key", "in": "header", "required": False,
                     "schema": {"type": "string", "pattern": r"^[A-Za-z0-9._:-]{1,128}$"}},),
        body=Body(NewServiceRequest, ("application/x-www-form-urlencoded", "application/json")),
        replies={"201": Reply("Filed.", RequestCreated, array=True),
                 "200": Reply("Filed before: the same request.", RequestCreated, array=True),
                 "400": _errors("Bad or missing fields."), "403": _errors("Invalid api_key, or not granted this "
                                                                        "jurisdiction."),
                 "404": _errors("Unknown jurisdiction_id."), "409": _errors("Idempotency-Key reused."),
                 "413": _errors("The body is over 1 MiB."), "503": _UNAVAILABLE}),
)


def open311_document() -> Document:
    return Document(
        title="Otklik Open311 GeoReport v2", version="1.0.0", description=DESCRIPTION,
        servers=({"url": "https://{region}-{project}.cloudfunctions.net/open311",
                  "variables": {"region": {"default": "europe-west1"}, "project": {"default": "otklik"}}},
                 {"url": "http://127.0.0.1:8080/open311", "description": "make run"}),
        operations=OPERATIONS,
        headers=HEADERS,
    )
