"""The operator API's OpenAPI document: routes of entrypoints/operator_api.py, bodies of services/commands.py."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from otklik.domain.model import Appeal, Channel, Status
from otklik.domain.photos import ALLOWED_FORMATS, MAX_PHOTO_BYTES, MAX_PHOTOS_PER_ANSWER
from otklik.entrypoints.incident_routes import (
    DEFAULT_INCIDENTS,
    GROUPING_COMMANDS,
    INCIDENT_COMMANDS,
    MAX_INCIDENTS,
    WORK_COMMANDS,
)
from otklik.entrypoints.incident_wire import IncidentPage, IncidentView
from otklik.entrypoints.operator_api import COMMANDS, DEFAULT_PAGE, MAX_PAGE
from otklik.entrypoints.operator_wire import AppealPage
from otklik.openapi.builder import REF_TEMPLATE, Body, Document, Operation, Reply
from otklik.openapi.common import (
    BEARER_KEY_SCHEMES,
    BEARER_KEY_SECURITY,
    HEADERS,
    MALFORMED,
    TOO_LARGE,
    UNAUTHENTICATED,
    UNAVAILABLE,
    error,
    servers,
)
from otklik.services import commands
from otklik.services.work import ALLOWED

DESCRIPTION = """The JSON API operators, departments, supervisors and regional readers work with. Every request
carries an API key (`Authorization: Bearer <key>`, issued with `python -m otklik keys issue`); every read and action
is checked against the key's role, towns and department, and an appeal the key may not see is 404. Keys of the
roles operator, department (work) and supervisor, regional (read) are served; any other key (an Open311 client's)
is 403. Errors are `{error, message, details?}`.

Send an `Idempotency-Key` (any unique string, a UUID for example) with every action and registration, and the same
key again when you repeat a request whose answer you did not get: the action is then done once, and the repeat is
answered with the appeal as it is. A repeat without the key is a new request (a second note, a second answer sent
to the resident)."""

SUMMARIES = {
    "triage": "Decide what the machine could not: category and department, or reject it",
    "assign": "Hand it to another department or person",
    "take": "Take it into work (in_progress, assigned to the key)",
    "note": "Add an internal note",
    "answer": "Answer the resident, intermediate or final, with photos of the work",
    "resolve": "Close an answered appeal as resolved",
    "reopen": "Route an answered or resolved appeal again, with a new deadline",
}

DONE_ONCE = {
    "triage": "triages the appeal", "assign": "assigns it", "take": "takes it", "note": "adds the note",
    "answer": "adds the answer and sends it to the resident", "resolve": "resolves it", "reopen": "reopens it",
}

_APPEAL_ID = {"name": "appeal_id", "in": "path", "required": True, "schema": {"type": "string"}}
_FORBIDDEN = error("forbidden: the key's role, town or department does not allow it.")
_NOT_FOUND = error("not_found: no such appeal, or not one this key may see.")


def _query(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def _idempotency_key(description: str) -> dict[str, Any]:
    return {"name": "Idempotency-Key", "in": "header", "required": False, "description": description,
            "schema": {"type": "string"}}


LIST_PARAMETERS = (
    _query("town", "Town code; defaults to the key's first town.", {"type": "string"}),
    _query("status", "Comma-separated statuses: " + ", ".join(Status) + ".", {"type": "string"}),
    _query("department", "Department code.", {"type": "string"}),
    _query("category", "Category code.", {"type": "string"}),
    _query("channel", "Where it came from.", {"type": "string", "enum": list(Channel)}),
    _query("overdue", "Only overdue (true) or only not overdue (false).", {"type": "string",
                                                                           "enum": ["true", "false"]}),
    _query("undelivered", "Only appeals with an answer the platform did not take (true), or only without (false).",
           {"type": "string", "enum": ["true", "false"]}),
    _query("callback_not_delivered", "Only appeals with a callback the regional centre never got, after every retry "
           "(true), or only without (false).", {"type": "string", "enum": ["true", "false"]}),
    _query("routing_failed", "Only appeals whose routing kept failing (true), or only the others (false).",
           {"type": "string", "enum": ["true", "false"]}),
    _query("due_before", "Due before this moment (with an offset).", {"type": "string", "format": "date-time"}),
    _query("q", "Words of the text.", {"type": "string"}),
    _query("limit", "Page size.", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": DEFAULT_PAGE}),
    _query("cursor", "next_cursor of the previous page.", {"type": "string"}),
)

# An answer with photos: the command as JSON in the `answer` field, the photos as `photos` files.
ANSWER_FORM = {
    "type": "object",
    "required": ["answer"],
    "properties": {
        "answer": {"type": "string", "contentMediaType": "application/json",
                   "contentSchema": {"$ref": REF_TEMPLATE.format(model=commands.AnswerCommand.__name__)}},
        "photos": {"type": "array", "maxItems": MAX_PHOTOS_PER_ANSWER,
                   "description": f"{', '.join(ALLOWED_FORMATS.values())}; at most {MAX_PHOTO_BYTES // 2**20} MB "
                                  "each. Metadata is stripped.",
                   "items": {"type": "string", "format": "binary"}},
    },
}


def _action(action: str, model: type[BaseModel] | None) -> Operation:
    roles = ", ".join(ALLOWED[action])
    body = None
    if model is not None:
        form = (("multipart/form-data", ANSWER_FORM),) if model is commands.AnswerCommand else ()
        body = Body(model, required=False, other_content=form, description="An empty body is an empty object.")
    return Operation(
        "POST", f"/appeals/{{appeal_id}}/{action}", f"{action}Appeal", SUMMARIES[action],
        description=f"For {roles} keys.",
        parameters=(_APPEAL_ID, _idempotency_key(
            f"Repeated with the same key, the request {DONE_ONCE[action]} once: the repeat changes nothing and is "
            "answered with the appeal as it is. A key counts for one appeal and action.")),
        body=body,
        replies={"200": Reply("The appeal after the action.", Appeal),
                 "400": error("malformed_json: the body is not JSON."), "401": UNAUTHENTICATED, "403": _FORBIDDEN,
                 "404": _NOT_FOUND,
                 "409": error("conflict: not possible in the appeal's status (current_status in details)."),
                 "413": TOO_LARGE,
                 "422": error("invalid_body: the body does not fit the action (each field's problem in details); "
                              "refused: it does not fit the appeal; photo_rejected: a photo is not a usable picture."),
                 "503": UNAVAILABLE})


OPERATIONS = (
    Operation(
        "GET", "/appeals", "listAppeals", "Appeals the key may see, soonest due first",
        parameters=LIST_PARAMETERS,
        replies={"200": Reply("One page.", AppealPage), "400": error("invalid_query: a filter is malformed."),
                 "401": UNAUTHENTICATED, "403": _FORBIDDEN, "503": UNAVAILABLE}),
    Operation(
        "POST", "/appeals", "registerAppeal", "Register an appeal that came by phone or in writing (operators)",
        parameters=(_idempotency_key("The same key registers it once and answers the stored appeal again."),),
        body=Body(commands.RegisterReception),
        replies={"201": Reply("Registered; it goes on to routing.", Appeal), "400": MALFORMED,
                 "401": UNAUTHENTICATED, "403": _FORBIDDEN, "413": TOO_LARGE, "503": UNAVAILABLE}),
    Operation(
        "GET", "/appeals/{appeal_id}", "getAppeal", "An appeal with its answers and history",
        parameters=(_APPEAL_ID,),
        replies={"200": Reply("The appeal.", Appeal), "401": UNAUTHENTICATED, "404": _NOT_FOUND,
                 "503": UNAVAILABLE}),
    *(_action(action, model) for action, model in COMMANDS.items()),
)

# Incidents (issue 17): the list, one incident, work on it and the operators' grouping by hand.
_INCIDENT_ID = {"name": "incident_id", "in": "path", "required": True, "schema": {"type": "string"}}
_NO_INCIDENT = error("not_found: no such incident (or appeal named in the body), or not one this key may see.")
INCIDENT_SUMMARIES = {
    "take": "Take the incident and its members into work (in_progress, assigned to the key)",
    "assign": "Hand the incident and its members to another department or person",
    "note": "Add an internal note to the incident and its members",
    "answer": "Answer every member's resident in their own thread, intermediate or final, with photos of the work",
    "resolve": "Close an answered incident and its members as resolved",
    "reopen": "Open the incident again, its answered or resolved members with new deadlines",
    "add_member": "Add an appeal to the incident (it receives the incident's latest answer at once)",
    "remove_member": "Take a member out of the incident: it goes on on its own",
    "merge": "Fold another incident into this one",
    "split": "Move some members to a new incident of their own",
}


def _incident_action(action: str, model: type[BaseModel] | None) -> Operation:
    roles = ", ".join(ALLOWED[action]) if action in WORK_COMMANDS else "operator"
    body = None
    if model is not None:
        form = (("multipart/form-data", ANSWER_FORM),) if model is commands.AnswerCommand else ()
        body = Body(model, required=action in GROUPING_COMMANDS, other_content=form)
    return Operation(
        "POST", f"/incidents/{{incident_id}}/{action}", f"{action}Incident", INCIDENT_SUMMARIES[action],
        description=f"For {roles} keys. Recorded on the incident and on each member appeal concerned; work on a large "
                    "incident reaches its members a page of 80 at a time, within seconds.",
        parameters=(_INCIDENT_ID, _idempotency_key("Repeated with the same key, the request is done once.")),
        body=body,
        replies={"200": Reply("The incident after the action.", IncidentView),
                 "400": error("malformed_json: the body is not JSON."), "401": UNAUTHENTICATED, "403": _FORBIDDEN,
                 "404": _NO_INCIDENT,
                 "409": error("conflict: not possible in the incident's status (current_status in details)."),
                 "413": TOO_LARGE,
                 "422": error("invalid_body, refused (it does not fit the incident or the appeals), photo_rejected."),
                 "503": UNAVAILABLE})


INCIDENT_OPERATIONS = (
    Operation(
        "GET", "/incidents", "listIncidents", "Incidents not yet resolved the key may see, soonest due first",
        parameters=(_query("town", "Town code; defaults to the key's first town.", {"type": "string"}),
                    _query("department", "Department code.", {"type": "string"}),
                    _query("limit", "How many.", {"type": "integer", "minimum": 1, "maximum": MAX_INCIDENTS,
                                                  "default": DEFAULT_INCIDENTS})),
        replies={"200": Reply("The incidents.", IncidentPage), "400": error("invalid_query: a filter is malformed."),
                 "401": UNAUTHENTICATED, "403": _FORBIDDEN, "503": UNAVAILABLE}),
    Operation(
        "POST", "/incidents", "createIncident", "An incident of the selected appeals (operators)",
        parameters=(_idempotency_key("The same key makes the incident once."),),
        body=Body(commands.CreateIncident),
        replies={"201": Reply("The incident.", IncidentView), "400": MALFORMED, "401": UNAUTHENTICATED,
                 "403": _FORBIDDEN, "404": _NO_INCIDENT, "413": TOO_LARGE,
                 "422": error("refused: an appeal cannot join (closed, in another incident, another town)."),
                 "503": UNAVAILABLE}),
    Operation(
        "GET", "/incidents/{incident_id}", "getIncident",
        "An incident: members with each answer's delivery status, places, channels, timeline",
        parameters=(_INCIDENT_ID,),
        replies={"200": Reply("The incident.", IncidentView), "401": UNAUTHENTICATED, "404": _NO_INCIDENT,
                 "503": UNAVAILABLE}),
    *(_incident_action(action, model) for action, model in INCIDENT_COMMANDS.items()),
)


def operator_api_document() -> Document:
    return Document(
        title="Otklik operator API", version="1.0.0", description=DESCRIPTION,
        servers=servers("operator_api"), operations=OPERATIONS + INCIDENT_OPERATIONS, headers=HEADERS,
        security_schemes=BEARER_KEY_SCHEMES, security=BEARER_KEY_SECURITY,
    )
