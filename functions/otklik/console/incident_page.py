"""Incidents in the console: the queue's rows of the principal's open incidents, and one incident's page with its
members, places, channels and timeline, and the actions of work on it, each a form posted to the same
IncidentWorkService.act (removing a member, merging another incident into this one: IncidentSelection.act) that
operator_api calls."""
from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

import flask

from otklik.console import views
from otklik.console.appeal_page import DONE, REQUEST_FIELD, read_action_form
from otklik.console.forms import ACTION_FORMS, IncidentMemberForm, IncidentMergeForm
from otklik.console.web import CSRF_FIELD, ConsoleError, Visit, form_fields, page, redirect, require_csrf, routes
from otklik.domain.incidents.actions import WORKED_ON, IncidentStatusConflict
from otklik.domain.incidents.categories import category_family
from otklik.domain.incidents.model import (
    JOINABLE_STATUSES,
    Incident,
    IncidentConflict,
    IncidentStatus,
    is_incident_id,
)
from otklik.domain.photos import MAX_PHOTO_BYTES, MAX_PHOTOS_PER_ANSWER
from otklik.domain.principals import Principal, Role
from otklik.domain.towns import TownConfig
from otklik.entrypoints.incident_routes import WORK_COMMANDS
from otklik.entrypoints.incident_wire import IncidentView
from otklik.services.incident_work import IncidentNotVisible
from otklik.services.work import ALLOWED

NOT_VISIBLE = "Такого инцидента нет или он вам не виден."
STATUS_LABELS = {"open": "Открыт", "in_progress": "В работе", "answered": "Дан ответ", "resolved": "Решён",
                 "merged": "Объединён"}
INCIDENT_DONE = {**DONE, "take": "Инцидент взят в работу.", "resolve": "Инцидент закрыт как решённый.",
                 "reopen": "Инцидент открыт снова.", "answer": "Ответ сохранён и отправляется жителям всех обращений.",
                 "remove_member": "Обращение выведено из инцидента.",
                 "merge": "Инциденты объединены: обращения второго переносятся в этот, жителям придёт его ответ."}
# The grouping actions an operator takes by hand on the incident page (IncidentSelection), beside the work on it.
GROUPING_FORMS: dict[str, type[IncidentMemberForm | IncidentMergeForm]] = {"remove_member": IncidentMemberForm,
                                                                       "merge": IncidentMergeForm}
# When an action makes sense, besides who may take it (work.ALLOWED): the incident statuses it is offered in.
OFFERED_IN: dict[str, frozenset[IncidentStatus]] = {
    "take": WORKED_ON, "assign": WORKED_ON, "answer": WORKED_ON,
    "note": frozenset(IncidentStatus) - {IncidentStatus.MERGED},
    "resolve": frozenset({IncidentStatus.ANSWERED}),
    "reopen": frozenset({IncidentStatus.ANSWERED, IncidentStatus.RESOLVED}),
}
T = TypeVar("T")


@dataclass(frozen=True)
class MergeCandidate:
    id: str
    label: str


@dataclass(frozen=True)
class IncidentRow:
    id: str
    time_left: views.TimeLeft
    due: str
    status: str
    channels: str
    category: str
    department: str
    place: str
    member_count: int


def time_left(incident: Incident, now: datetime) -> views.TimeLeft:
    """As an appeal's: the incident's deadline is the earliest of its members'."""
    if incident.status in (IncidentStatus.RESOLVED, IncidentStatus.MERGED):
        return views.TimeLeft(STATUS_LABELS[str(incident.status)].lower(), "closed")
    if incident.due_at is None:
        return views.TimeLeft("срок не назначен", "no_deadline")
    if incident.due_at <= now or incident.work.overdue:
        return views.TimeLeft(f"просрочено на {views.span(now - incident.due_at)}", "overdue")
    return views.TimeLeft(f"осталось {views.span(incident.due_at - now)}", "on_time")


def incident_rows(visit: Visit, town: str, config: TownConfig | None, department: str | None,
               category: str | None, limit: int = 50) -> list[IncidentRow]:
    """The principal's open incidents in `town` by deadline (a department's own only: IncidentWorkService)."""
    assert visit.session is not None
    principal = visit.session.principal
    department = None if principal.role is Role.DEPARTMENT else department
    found = visit.deps.incident_work.list_open(principal, town, department, limit)
    now = visit.deps.clock()
    timezone = config.timezone if config else visit.deps.settings.timezone
    departments = config.departments if config else {}
    return [IncidentRow(
        id=i.id, time_left=time_left(i, now), due=views.local_time(i.due_at, timezone),
        status=STATUS_LABELS[str(i.status)],
        channels=", ".join(f"{views.channel_label(c)} {n}" for c, n in Counter(m.channel for m in i.members).items()),
        category=views.category_label(i.category), department=departments.get(i.department or "", i.department or "—"),
        place=", ".join(i.place_keys[:2]), member_count=len(i.members),
    ) for i in found if category is None or i.category == category]


@contextmanager
def _as_pages(incident_id: str) -> Iterator[None]:
    """The incident services' refusals as the console's pages (the appeals' are app.REFUSALS)."""
    try:
        yield
    except IncidentNotVisible:
        raise ConsoleError(404, NOT_VISIBLE, back="/") from None
    except (IncidentStatusConflict, IncidentConflict) as conflict:
        raise ConsoleError(409, f"Не выполнено: {conflict}.", back=f"/incidents/{incident_id}") from None


def _checked(incident_id: str, call: Callable[[], T]) -> T:
    if not is_incident_id(incident_id):
        raise ConsoleError(404, NOT_VISIBLE, back="/")
    with _as_pages(incident_id):
        return call()


@routes.route("GET", "/incidents/<incident_id>")
def incident(request: flask.Request, visit: Visit, incident_id: str) -> flask.Response:
    assert visit.session is not None
    principal = visit.session.principal
    found, members = _checked(incident_id, lambda: visit.deps.incident_work.read(principal, incident_id))
    town = visit.deps.towns.all().get(found.municipality)
    timezone = town.timezone if town else visit.deps.settings.timezone
    view = IncidentView.read(found, members)
    actions = offered(principal, found)
    candidates = merge_candidates(visit, found) if "merge" in actions else []
    return page(visit, "incident.html", incident=view, town=town, views=views, tz=timezone,
                left=time_left(found, visit.deps.clock()), status_label=STATUS_LABELS[str(found.status)],
                actions=actions - ({"merge"} if not candidates else set()), merge_candidates=candidates,
                members_by_id={a.id: a for a in members},
                photo_report_required=town is not None and found.category in town.photo_report_categories,
                done=INCIDENT_DONE.get(request.args.get("done", ""), ""),
                request_id=secrets.token_urlsafe(16), request_field=REQUEST_FIELD,
                max_photos=MAX_PHOTOS_PER_ANSWER, max_photo_mb=MAX_PHOTO_BYTES // (1024 * 1024))


@routes.route("POST", "/incidents/<incident_id>/<action>")
def act(request: flask.Request, visit: Visit, incident_id: str, action: str) -> flask.Response:
    assert visit.session is not None
    principal = visit.session.principal
    if action not in WORK_COMMANDS and action not in GROUPING_FORMS:
        raise ConsoleError(404, "Такого действия нет.", back=f"/incidents/{incident_id}")
    if not is_incident_id(incident_id):
        raise ConsoleError(404, NOT_VISIBLE, back="/")
    if action in GROUPING_FORMS:
        fields = form_fields(visit)
        require_csrf(visit, fields.get(CSRF_FIELD))
        grouping = GROUPING_FORMS[action].model_validate(fields)
        _checked(incident_id, lambda: visit.deps.incident_selection.act(
            principal, incident_id, action, grouping.command(), grouping.request_id))
    else:
        fields, uploads = read_action_form(visit, action)
        require_csrf(visit, fields.get(CSRF_FIELD))
        form = ACTION_FORMS[action].model_validate(fields)
        _checked(incident_id, lambda: visit.deps.incident_work.act(
            principal, incident_id, action, form.command(), uploads, form.request_id))
    return redirect(visit, f"/incidents/{incident_id}?done={action}")


def offered(principal: Principal, incident: Incident) -> set[str]:
    """The actions shown: those the principal's role may take, in the incident's status."""
    if not principal.can_see_work(incident.municipality, incident.department):
        return set()
    shown = {a for a, statuses in OFFERED_IN.items() if principal.role in ALLOWED[a] and incident.status in statuses}
    if principal.role is Role.OPERATOR and incident.status is not IncidentStatus.MERGED and len(incident.members) > 1:
        shown.add("remove_member")
    if principal.role is Role.OPERATOR and incident.status in JOINABLE_STATUSES:
        shown.add("merge")
    return shown


def merge_candidates(visit: Visit, incident: Incident) -> list[MergeCandidate]:
    """The town's other open incidents about the same kind of problem, which this one could absorb, by deadline."""
    assert visit.session is not None
    principal = visit.session.principal
    family = category_family(incident.category)
    now = visit.deps.clock()
    return [MergeCandidate(other.id, f"{views.category_label(other.category)} · {', '.join(other.place_keys[:2])} · "
                                     f"{len(other.members)} обращ. · {time_left(other, now).text}")
            for other in visit.deps.incident_work.list_open(principal, incident.municipality, None, 50)
            if other.id != incident.id and other.status in JOINABLE_STATUSES
            and category_family(other.category) == family]
