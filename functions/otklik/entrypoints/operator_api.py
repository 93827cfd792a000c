"""operator_api: the JSON API operators, departments, supervisors and regional readers work with."""
from __future__ import annotations

from datetime import datetime
from typing import Any

import flask
from pydantic import BaseModel, TypeAdapter, ValidationError

from otklik.domain.actions import ActionRefused
from otklik.domain.ids import is_appeal_id
from otklik.domain.incidents.actions import IncidentStatusConflict
from otklik.domain.model import Appeal, Channel, Status, StatusConflict
from otklik.domain.photos import MAX_PHOTO_BYTES, MAX_PHOTOS_PER_ANSWER, PhotoRejected
from otklik.domain.principals import APPEAL_READERS, Principal
from otklik.domain.search import query_words
from otklik.entrypoints import incident_routes
from otklik.entrypoints.bearer_keys import authenticate
from otklik.entrypoints.bodies import parse_json, read_form_data, read_json, read_model
from otklik.entrypoints.http import ApiError, json_response, validation_details
from otklik.entrypoints.operator_wire import AppealPage, AppealSummary
from otklik.entrypoints.router import Router
from otklik.services import commands
from otklik.services.incident_work import IncidentNotVisible
from otklik.services.ports import CursorNotFound
from otklik.services.queries import AppealQuery
from otklik.services.work import Forbidden, NotVisible, Upload
from otklik.wiring import Container

routes = Router()
MAX_PAGE = 100
DEFAULT_PAGE = 50
# Multipart bodies carry up to ten photos of 10 MB each, plus the answer itself.
MAX_MULTIPART_BYTES = MAX_PHOTOS_PER_ANSWER * MAX_PHOTO_BYTES + 1024 * 1024
COMMANDS: dict[str, type[BaseModel] | None] = {
    "triage": commands.Triage, "assign": commands.Assign, "take": None, "note": commands.Note,
    "answer": commands.AnswerCommand, "resolve": commands.Resolve, "reopen": commands.Reopen,
}


def handle(request: flask.Request, deps: Container) -> flask.Response:
    principal = authenticate(request, deps, serves=APPEAL_READERS)
    try:
        return routes.dispatch(request, principal, deps)
    except IncidentNotVisible as error:
        raise ApiError(404, "not_found", f"no incident {error}") from None
    except NotVisible as error:
        raise ApiError(404, "not_found", f"no appeal {error}") from None
    except Forbidden as error:
        raise ApiError(403, "forbidden", str(error)) from None
    except (StatusConflict, IncidentStatusConflict) as error:
        raise ApiError(409, "conflict", str(error), {"current_status": str(error.current)}) from None
    except PhotoRejected as error:
        details = {"file": error.file_name, "reason": str(error.reason)}
        raise ApiError(422, "photo_rejected", str(error), details) from None
    except ActionRefused as error:
        raise ApiError(422, "refused", str(error)) from None
    except CursorNotFound:
        raise ApiError(400, "invalid_query", "the cursor names no appeal: start again without it") from None


@routes.route("GET", "/appeals")
def list_appeals(request: flask.Request, principal: Principal, deps: Container) -> flask.Response:
    query = _query(request.args, principal)
    appeals, cursor = deps.work.list(principal, query)
    page = AppealPage(appeals=[AppealSummary.of(a) for a in appeals], next_cursor=cursor)
    return json_response(200, page.model_dump(mode="json"))


@routes.route("GET", "/appeals/<appeal_id>")
def get_appeal(request: flask.Request, principal: Principal, deps: Container, appeal_id: str) -> flask.Response:
    return json_response(200, _full(deps.work.get(principal, appeal_id)))


@routes.route("POST", "/appeals")
def register_appeal(request: flask.Request, principal: Principal, deps: Container) -> flask.Response:
    intake = read_model(request, commands.RegisterReception, deps.settings.max_body_bytes)
    appeal = deps.work.register(principal, intake, request.headers.get("Idempotency-Key"))
    return json_response(201, _full(appeal))


@routes.route("POST", "/appeals/<appeal_id>/<action>")
def act(request: flask.Request, principal: Principal, deps: Container, appeal_id: str, action: str) -> flask.Response:
    if action not in COMMANDS:
        raise ApiError(404, "not_found", f"no action {action}; actions: {', '.join(COMMANDS)}")
    command, uploads = _command(request, COMMANDS[action], deps)
    appeal = deps.work.act(principal, appeal_id, action, command, uploads, request.headers.get("Idempotency-Key"))
    return json_response(200, _full(appeal))


def _command(request: flask.Request, model: type[BaseModel] | None,
             deps: Container) -> tuple[BaseModel | None, list[Upload]]:
    if request.mimetype == "multipart/form-data":
        form = read_form_data(request, MAX_MULTIPART_BYTES, MAX_PHOTO_BYTES)
        raw = form.fields.get("answer") or form.fields.get("command")
        data = parse_json(raw, what="the form's 'answer' field") if raw else {}
        uploads = [Upload(part.data, part.file_name) for part in form.files.get("photos", [])]
    else:
        uploads = []
        data = read_json(request, deps.settings.max_body_bytes) if request.content_length else {}
    if model is None:
        return None, uploads
    try:
        return model.model_validate(data or {}), uploads
    except ValidationError as error:
        raise ApiError(422, "invalid_body", "the body does not match the action", validation_details(error)) from None


def _json_command(request: flask.Request, model: type[BaseModel], deps: Container) -> BaseModel:
    return read_model(request, model, deps.settings.max_body_bytes)


incident_routes.register(routes, _command, _json_command)


def _query(args: Any, principal: Principal) -> AppealQuery:
    try:
        statuses = tuple(Status(s) for s in args.get("status", "").split(",") if s)
        channel = Channel(args["channel"]) if args.get("channel") else None
        due_before = TypeAdapter(datetime).validate_python(args["due_before"]) if args.get("due_before") else None
        if due_before is not None and due_before.tzinfo is None:
            raise ValueError("due_before needs a time zone, e.g. 2026-06-01T12:00:00Z")
        limit = int(args.get("limit", DEFAULT_PAGE))
        if not 1 <= limit <= MAX_PAGE:
            raise ValueError(f"limit must be 1..{MAX_PAGE}")
        overdue = _flag(args, "overdue")
        undelivered = _flag(args, "undelivered")
        callback_not_delivered = _flag(args, "callback_not_delivered")
        routing_failed = _flag(args, "routing_failed")
        cursor = args.get("cursor") or None
        if cursor is not None and not is_appeal_id(cursor):
            raise ValueError("cursor must be the next_cursor of an earlier page")
    except (ValueError, KeyError, ValidationError) as error:
        raise ApiError(400, "invalid_query", f"bad filter: {error}") from None
    return AppealQuery(
        municipality=args.get("town") or principal.towns[0], statuses=statuses, department=args.get("department"),
        category=args.get("category"), channel=channel, overdue=overdue, undelivered=undelivered,
        callback_not_delivered=callback_not_delivered, routing_failed=routing_failed,
        due_before=due_before, words=tuple(query_words(args.get("q", ""))), order_by="due_at", limit=limit,
        after=cursor,
    )


def _flag(args: Any, name: str) -> bool | None:
    value = args.get(name)
    if value not in (None, "true", "false"):
        raise ValueError(f"{name} must be true or false")
    return None if value is None else value == "true"


def _full(appeal: Appeal) -> dict[str, Any]:
    return appeal.model_dump(mode="json")
