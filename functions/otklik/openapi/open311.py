"""The Open311 GeoReport v2 endpoint's OpenAPI document: every resource in JSON and, at the same path ending
with .xml, in the specification's XML."""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from pydantic import BaseModel

from otklik.open311 import georeport_xml
from otklik.open311.publication import __doc__ as PUBLICATION_POLICY
from otklik.open311.wire import (
    APPEAL_ID_PATTERN,
    DEFAULT_WINDOW_DAYS,
    MAX_REQUESTS,
    JurisdictionQuery,
    NewServiceRequest,
    Open311Error,
    RequestCreated,
    RequestsQuery,
    Service,
    ServiceRequest,
)
from otklik.openapi.builder import REF_TEMPLATE, Body, Document, Operation, Reply, query_parameters

DESCRIPTION = f"""Open311 GeoReport v2 over the towns' appeals. `jurisdiction_id` is the town code.
Services are the appeal categories; a service request is an appeal, `open` while it is being worked on and
`closed` once answered or resolved, with the finer status in `status_notes`. Lists hold the last
{DEFAULT_WINDOW_DAYS} days by default and at most {MAX_REQUESTS} requests a page, newest first; `end_date` is the
latest time included, so a `start_date` equal to it asks for that one instant. The next page's URL is in the
`Link` header.

Every resource is served in JSON (`services.json`) and in the specification's XML at the same path ending with
`.xml` (`services.xml`): `<services><service>…`, `<service_requests><request>…`, one element per field, null as
an empty element. Errors are a list of `{{code, description}}` (in XML `<errors><error><code/><description/>`),
in the format of the URL; a description names the parameter it is about (`start_date: …`).

Filing needs an Open311 client's `api_key`. Send it in the form or JSON body: the specification also allows the
query string, which is accepted, but URLs are written into request logs (ours never write a query string, the
hosting platform's own request logs do).

What is published: {" ".join((PUBLICATION_POLICY or "").split())}"""

HEADERS: dict[str, dict[str, Any]] = {
    "Link": {"description": 'The next page: <url>; rel="next".', "schema": {"type": "string"}},
    "X-Next-Cursor": {"description": "The next page's cursor.", "schema": {"type": "string"}},
    "Retry-After": {"description": "Seconds to wait.", "schema": {"type": "string"}},
}
XML = "application/xml"


def _errors(description: str, *headers: str) -> Reply:
    return Reply(description, Open311Error, array=True, headers=headers)


_UNAVAILABLE = _errors("Temporarily unavailable; try again.", "Retry-After")
_JURISDICTION = query_parameters(JurisdictionQuery)
_API_KEY_IN_QUERY = {"name": "api_key", "in": "query", "required": False, "schema": {"type": "string"},
                     "description": "Allowed by the specification, but send api_key in the body: URLs are written "
                                    "into request logs. A key in the body wins."}

JSON_OPERATIONS = (
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
                    "the same Idempotency-Key, gives the same request (200); a key reused with another body, 409. "
                    "Send api_key in the body (preferred); the query string is accepted as the specification "
                    "allows.",
        parameters=({"name": "Idempotency-Key", "in": "header", "required": False,
                     "schema": {"type": "string", "pattern": r"^[A-Za-z0-9._:-]{1,128}$"}}, _API_KEY_IN_QUERY),
        body=Body(NewServiceRequest, ("application/x-www-form-urlencoded", "application/json")),
        replies={"201": Reply("Filed.", RequestCreated, array=True),
                 "200": Reply("Filed before: the same request.", RequestCreated, array=True),
                 "400": _errors("Bad or missing fields."), "403": _errors("Invalid api_key, or not granted this "
                                                                        "jurisdiction."),
                 "404": _errors("Unknown jurisdiction_id."), "409": _errors("Idempotency-Key reused."),
                 "413": _errors("The body is over 1 MiB."), "503": _UNAVAILABLE}),
)
_SHAPES: dict[type[BaseModel], georeport_xml.Shape] = {
    Service: georeport_xml.SERVICES, ServiceRequest: georeport_xml.SERVICE_REQUESTS,
    RequestCreated: georeport_xml.SERVICE_REQUESTS, Open311Error: georeport_xml.ERRORS,
}


def xml_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON reply's list of `model`, named as its XML document names it."""
    shape = _SHAPES[model]
    return {"type": "array", "xml": {"name": shape.root, "wrapped": True},
            "items": {"$ref": REF_TEMPLATE.format(model=model.__name__), "xml": {"name": shape.item}}}


def _in_xml(operation: Operation) -> Operation:
    replies = {}
    for status, json_reply in operation.replies.items():
        assert json_reply.model is not None and json_reply.array, f"{operation.path} {status}"
        replies[status] = replace(json_reply, model=None, array=False, media_types=(),
                                  other_content=((XML, xml_schema(json_reply.model)),))
    return replace(operation, path=operation.path.removesuffix(".json") + ".xml",
                   operation_id=f"{operation.operation_id}Xml", summary=f"{operation.summary} (XML)",
                   replies=replies)


OPERATIONS = tuple(o for json_operation in JSON_OPERATIONS for o in (json_operation, _in_xml(json_operation)))


def open311_document() -> Document:
    return Document(
        title="Otklik Open311 GeoReport v2", version="1.0.0", description=DESCRIPTION,
        servers=({"url": "https://{region}-{project}.cloudfunctions.net/open311",
                  "variables": {"region": {"default": "europe-west1"}, "project": {"default": "otklik"}}},
                 {"url": "http://127.0.0.1:8080/open311", "description": "make run"}),
        operations=OPERATIONS,
        headers=HEADERS,
    )
