"""operator_api's incidents: the list by deadline, one incident with its members' delivery status, the actions of
work on it (as on appeals) and the operators' grouping by hand."""
from __future__ import annotations

from typing import Any

import flask
from pydantic import BaseModel

from otklik.domain.principals import Principal
from otklik.entrypoints.http import ApiError, json_response
from otklik.entrypoints.incident_wire import IncidentPage, IncidentSummary, IncidentView
from otklik.entrypoints.router import Router
from otklik.services import commands
from otklik.services.incident_selection import GROUPING_ACTIONS
from otklik.wiring import Container

MAX_INCIDENTS = 100
DEFAULT_INCIDENTS = 50
# Work on an incident: the appeal's actions that make sense for a group. Then the operators' grouping by hand.
WORK_COMMANDS: dict[str, type[BaseModel] | None] = {
    "take": None, "assign": commands.Assign, "note": commands.Note, "answer": commands.AnswerCommand,
    "resolve": commands.Resolve, "reopen": commands.Reopen,
}
GROUPING_COMMANDS: dict[str, type[BaseModel]] = {
    "add_member": commands.IncidentMember, "remove_member": commands.IncidentMember,
    "merge": commands.MergeIncidents, "split": commands.SplitIncident,
}
assert set(GROUPING_COMMANDS) == set(GROUPING_ACTIONS)
INCIDENT_COMMANDS: dict[str, type[BaseModel] | None] = {**WORK_COMMANDS, **GROUPING_COMMANDS}


def register(routes: Router, read_command: Any, read_body: Any) -> None:
    """Adds the incident routes to operator_api's router; `read_command(request, model, deps)` reads an action's
    body (JSON or multipart with photos) as the appeals' actions do, `read_body(request, model, deps)` a JSON body."""

    @routes.route("GET", "/incidents")
    def list_incidents(request: flask.Request, principal: Principal, deps: Container) -> flask.Response:
        try:
            limit = int(request.args.get("limit", DEFAULT_INCIDENTS))
            if not 1 <= limit <= MAX_INCIDENTS:
                raise ValueError(f"limit must be 1..{MAX_INCIDENTS}")
        except ValueError as error:
            raise ApiError(400, "invalid_query", f"bad filter: {error}") from None
        found = deps.incident_work.list_open(principal, request.args.get("town"), request.args.get("department"),
                                             limit)
        return json_response(200, IncidentPage(incidents=[IncidentSummary.of(i) for i in found]).model_dump(
            mode="json"))

    @routes.route("POST", "/incidents")
    def create_incident(request: flask.Request, principal: Principal, deps: Container) -> flask.Response:
        command = read_body(request, commands.CreateIncident, deps)
        incident = deps.incident_selection.create(principal, command, request.headers.get("Idempotency-Key"))
        return json_response(201, _view(principal, deps, incident.id))

    @routes.route("GET", "/incidents/<incident_id>")
    def get_incident(request: flask.Request, principal: Principal, deps: Container,
                     incident_id: str) -> flask.Response:
        return json_response(200, _view(principal, deps, incident_id))

    @routes.route("POST", "/incidents/<incident_id>/<action>")
    def act_on_incident(request: flask.Request, principal: Principal, deps: Container, incident_id: str,
                        action: str) -> flask.Response:
        if action not in INCIDENT_COMMANDS:
            raise ApiError(404, "not_found", f"no action {action}; actions: {', '.join(INCIDENT_COMMANDS)}")
        command, uploads = read_command(request, INCIDENT_COMMANDS[action], deps)
        key = request.headers.get("Idempotency-Key")
        if action in GROUPING_COMMANDS:
            deps.incident_selection.act(principal, incident_id, action, command, key)
        else:
            deps.incident_work.act(principal, incident_id, action, command, uploads, key)
        return json_response(200, _view(principal, deps, incident_id))


def _view(principal: Principal, deps: Container, incident_id: str) -> dict[str, Any]:
    incident, members = deps.incident_work.read(principal, incident_id)
    return IncidentView.read(incident, members).model_dump(mode="json")
