"""The console over the in-memory fakes: its HTTP function served by a Flask test client at /console, as
`make run` mounts it, with the services it calls built on tests/fakes.py (no emulators)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import flask
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.test import TestResponse
from werkzeug.wrappers import Response

from otklik.console.app import handle
from otklik.domain.principals import Principal, Role
from otklik.services.console_sessions import ConsoleSessions
from otklik.services.incident_selection import IncidentSelection
from otklik.services.incident_work import IncidentWorkService
from otklik.services.ingest import IngestService
from otklik.services.reply_templates import ReplyTemplates
from otklik.services.work import WorkService
from otklik.settings import Settings
from tests.builders import TOWN
from tests.fakes import (
    Clock,
    InMemoryAppeals,
    InMemoryConsoleSessions,
    InMemoryIncidents,
    InMemoryReplyTemplates,
    Keys,
    Photos,
    RecordingPublisher,
    configured_towns,
    relay,
)

OPERATOR = Principal(key_id="op1", role=Role.OPERATOR, towns=(TOWN,), name="Оператор")
ROADS = Principal(key_id="roads1", role=Role.DEPARTMENT, towns=(TOWN,), department="city_economy")
WASTE = Principal(key_id="waste1", role=Role.DEPARTMENT, towns=(TOWN,), department="ecology")
SUPERVISOR = Principal(key_id="sup1", role=Role.SUPERVISOR, towns=(TOWN,))
OPEN311 = Principal(key_id="o311", role=Role.OPEN311, towns=(TOWN,))
TWO_TOWNS = Principal(key_id="op2", role=Role.OPERATOR, towns=(TOWN, "aniva"), name="Оператор двух городов")
KEYS = {"operator-key": OPERATOR, "roads-key": ROADS, "waste-key": WASTE, "supervisor-key": SUPERVISOR,
        "open311-key": OPEN311, "two-towns-key": TWO_TOWNS}
_HIDDEN_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class ConsoleDeps:
    """What console/app.py uses of the Container, over the fakes."""

    clock: Clock
    appeals: InMemoryAppeals
    published: RecordingPublisher
    settings: Settings = field(default_factory=Settings)
    photos: Photos = field(default_factory=Photos)
    session_store: InMemoryConsoleSessions = field(default_factory=InMemoryConsoleSessions)
    template_store: InMemoryReplyTemplates = field(default_factory=InMemoryReplyTemplates)

    def __post_init__(self) -> None:
        self.towns = configured_towns()
        outbox = relay(self.appeals, self.published)
        self.work = WorkService(self.appeals, self.appeals, self.towns, self.photos,
                                IngestService(self.appeals, outbox, self.clock), outbox, self.clock)
        self.console_sessions = ConsoleSessions(Keys(**KEYS), self.session_store, self.clock)  # type: ignore[arg-type]
        self.reply_templates = ReplyTemplates(self.template_store)
        self.incidents = InMemoryIncidents(self.appeals)
        self.incident_work = IncidentWorkService(self.incidents, self.incidents, self.appeals, self.towns, self.photos,
                                                 outbox, self.clock)
        self.incident_selection = IncidentSelection(self.incidents, self.towns, outbox, self.clock)


class Browser:
    """A Flask test client at /console keeping cookies, with the steps a person takes."""

    def __init__(self, deps: ConsoleDeps, host: str = "127.0.0.1") -> None:
        app = flask.Flask("console-test")  # with its /static route, as functions-framework builds it

        @app.route("/", defaults={"path": ""}, methods=["GET", "POST"])
        @app.route("/<path:path>", methods=["GET", "POST"])
        def serve(path: str) -> flask.Response:
            return handle(flask.request, deps)  # type: ignore[arg-type]

        app.wsgi_app = DispatcherMiddleware(Response("no such function", 404), {"/console": app.wsgi_app})  # type: ignore[method-assign]
        self.client = app.test_client()
        self.base = f"http://{host}/console"
        self.csrf = ""

    def get(self, path: str, **kwargs: Any) -> TestResponse:
        response = self.client.get(self.base + path, **kwargs)
        if match := _HIDDEN_CSRF.search(response.get_data(as_text=True)):
            self.csrf = match.group(1)
        return response

    def post(self, path: str, data: dict[str, Any] | None = None, *, csrf: bool = True,
             **kwargs: Any) -> TestResponse:
        fields = dict(data or {})
        if csrf:
            fields.setdefault("csrf_token", self.csrf)
        return self.client.post(self.base + path, data=fields, **kwargs)

    def sign_in(self, key: str) -> TestResponse:
        self.get("/sign-in")
        response = self.post("/sign-in", {"api_key": key})
        self.get("/")  # the first page of the session holds its CSRF token
        return response


def text(response: TestResponse) -> str:
    return response.get_data(as_text=True)
