"""The operator console's OpenAPI document (otklik/console): HTML pages and the forms they post. Pages answer
text/html; a refusal is an HTML page naming the problem with its 4xx status."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from otklik.console.forms import (
    AnswerForm,
    AssignForm,
    IncidentMemberForm,
    NoteForm,
    ReceptionForm,
    ReopenForm,
    ResolveForm,
    SignInForm,
    TakeForm,
    TemplateForm,
    TriageForm,
)
from otklik.console.web import SESSION_COOKIE
from otklik.openapi.builder import Body, Document, Operation, Reply
from otklik.openapi.common import servers

DESCRIPTION = """The web page operators, departments and supervisors work in (README: The operator console). Sign in
by posting an API key to /sign-in: the answer sets the session cookie. Every form carries the session's CSRF token
(`csrf_token`; the sign-in form, its cookie's). Pages are text/html; a refusal is an HTML page with its 4xx status
naming the problem (401 without a session, 403 for a missing CSRF token or a role without the right, 404 for an appeal
that does not exist or is not the principal's, 409 for an action its status does not allow, 422 for a form that does
not fit); 503 when storage failed."""

HTML = ("text/html",)
FORM = ("application/x-www-form-urlencoded",)
PAGE = Reply("The page.", raw_schema={"type": "string"}, media_types=HTML)
REFUSED = Reply("An HTML page naming the problem.", raw_schema={"type": "string"}, media_types=HTML)
SEE_OTHER = Reply("Done: the page to show next (Location).", headers=("Location",))
COOKIE_SECURITY: tuple[dict[str, list[str]], ...] = ({"session": []},)
APPEAL_ID = {"name": "appeal_id", "in": "path", "required": True, "schema": {"type": "string"}}
INCIDENT_ID = {"name": "incident_id", "in": "path", "required": True, "schema": {"type": "string"}}
QUEUE_FILTERS = tuple(
    {"name": name, "in": "query", "required": False, "description": description, "schema": {"type": "string"}}
    for name, description in (
        ("town", "Town code; defaults to the principal's first."),
        ("status", "Empty: the open ones; all; or one status."), ("category", "A category code."),
        ("department", "A department code (a department's own, whatever is asked)."),
        ("channel", "vk, telegram, ok, max, regional or reception."), ("overdue", "1: only the overdue ones."),
        ("q", "Words to search for."), ("cursor", "The next page's cursor, from the page's link.")))
MONTH = ({"name": "town", "in": "query", "required": False, "schema": {"type": "string"}},
         {"name": "month", "in": "query", "required": False, "description": "e.g. 2026-06; the current one if absent.",
          "schema": {"type": "string"}})
def _page(path: str, operation_id: str, summary: str, parameters: tuple[dict[str, Any], ...] = ()) -> Operation:
    return Operation("GET", path, operation_id, summary, parameters=parameters,
                     replies={"200": PAGE, "303": Reply("Not signed in: to /sign-in.", headers=("Location",)),
                              "400": REFUSED, "403": REFUSED, "404": REFUSED, "503": REFUSED})


def _post(path: str, operation_id: str, summary: str, form: type[BaseModel],
          parameters: tuple[dict[str, Any], ...] = (), multipart: bool = False) -> Operation:
    body = (Body(form, media_types=("multipart/form-data",),
                 description="The fields, and up to ten photos (JPEG, PNG or WebP, 10 MB each) as `photos` files.")
            if multipart else Body(form, media_types=FORM))
    return Operation("POST", path, operation_id, summary, parameters=parameters, body=body,
                     replies={"303": SEE_OTHER, "400": REFUSED, "401": REFUSED, "403": REFUSED, "404": REFUSED,
                              "409": REFUSED, "413": REFUSED, "422": REFUSED, "503": REFUSED})


ACTIONS: tuple[tuple[str, type[BaseModel], str], ...] = (
    ("take", TakeForm, "Take the appeal into work"), ("triage", TriageForm, "Triage: route, or reject"),
    ("assign", AssignForm, "Assign a department or a person"), ("note", NoteForm, "Add an internal note"),
    ("answer", AnswerForm, "Answer the resident, with photos"), ("resolve", ResolveForm, "Close as resolved"),
    ("reopen", ReopenForm, "Open again"),
)

OPERATIONS = (
    _page("/", "queue", "The queue, by deadline", QUEUE_FILTERS),
    Operation("GET", "/queue/rows", "queueRows", "The queue's first rows, polled", parameters=QUEUE_FILTERS,
              replies={"200": Reply("The rows, and the overdue count in X-Overdue-Count.",
                                    raw_schema={"type": "string"}, media_types=HTML, headers=("X-Overdue-Count",)),
                       "401": REFUSED, "400": REFUSED}),
    Operation("GET", "/sign-in", "signInPage", "The sign-in form", replies={"200": PAGE}),
    Operation("POST", "/sign-in", "signIn", "Exchange an API key for a session",
              body=Body(SignInForm, media_types=FORM),
              replies={"303": Reply("Signed in: the session cookie is set.", headers=("Location", "Set-Cookie")),
                       "401": REFUSED, "403": REFUSED, "422": REFUSED, "503": REFUSED}),
    _post("/sign-out", "signOut", "End the session", TakeForm),
    _page("/appeals/{appeal_id}", "appeal", "An appeal and its actions", (APPEAL_ID,)),
    *(_post(f"/appeals/{{appeal_id}}/{action}", f"{action}Appeal", summary, form, (APPEAL_ID,),
            multipart=action == "answer") for action, form, summary in ACTIONS),
    _page("/incidents/{incident_id}", "incident", "An incident: members with their deliveries, and its actions",
          (INCIDENT_ID,)),
    *(_post(f"/incidents/{{incident_id}}/{action}", f"{action}Incident", f"{summary}: every member", form,
            (INCIDENT_ID,), multipart=action == "answer") for action, form, summary in ACTIONS if action != "triage"),
    _post("/incidents/{incident_id}/remove_member", "removeIncidentMember",
          "Take a member out of the incident (operators)", IncidentMemberForm, (INCIDENT_ID,)),
    _page("/reception", "receptionPage", "The reception form (operators)"),
    _post("/reception", "registerReception", "Register a phone or written appeal", ReceptionForm),
    _page("/templates", "templatesPage", "Reply templates per category"),
    _post("/templates", "saveTemplate", "Save a category's template (supervisors)", TemplateForm),
    _page("/dashboard", "dashboard", "A month's figures (supervisors, regional)", MONTH),
    _page("/dashboard/print", "dashboardPrint", "The month's figures, printable", MONTH),
    Operation("GET", "/dashboard.csv", "dashboardCsv", "The monthly report as CSV (one figure a row)",
              parameters=MONTH, replies={"200": Reply("section, key, value.", raw_schema={"type": "string"},
                                                      media_types=("text/csv",), headers=("Content-Disposition",)),
                                         "400": REFUSED, "403": REFUSED}),
    Operation("GET", "/static/{name}", "static", "The style sheet and the script",
              parameters=({"name": "name", "in": "path", "required": True,
                           "schema": {"type": "string", "enum": ["console.css", "console.js"]}},),
              replies={"200": Reply("The file.", raw_schema={"type": "string"}, media_types=("text/css",
                                                                                             "text/javascript")),
                       "404": REFUSED}),
)

HEADERS: dict[str, dict[str, Any]] = {
    "Location": {"description": "Where to go next.", "schema": {"type": "string"}},
    "Set-Cookie": {"description": f"{SESSION_COOKIE}: HttpOnly; SameSite=Strict; Secure (but on localhost).",
                   "schema": {"type": "string"}},
    "X-Overdue-Count": {"description": "Open overdue appeals the principal sees.", "schema": {"type": "string"}},
    "Content-Disposition": {"description": "attachment; filename=\"otklik-<town>-<month>.csv\".",
                            "schema": {"type": "string"}},
}


def console_document() -> Document:
    return Document(
        title="Otklik operator console", version="1.0.0", description=DESCRIPTION, servers=servers("console"),
        operations=OPERATIONS, headers=HEADERS,
        security_schemes={"session": {"type": "apiKey", "in": "cookie", "name": SESSION_COOKIE,
                                      "description": "The session from POST /sign-in."}},
        security=COOKIE_SECURITY,
    )
