"""The queue: the principal's appeals ordered by deadline, filtered and searched, a page at a time; its rows are
polled by console.js so new appeals appear without a reload, and the tab title counts the overdue ones."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlencode

import flask

from otklik.console import views
from otklik.console.incident_page import IncidentRow, incident_rows
from otklik.console.web import ConsoleError, Visit, page, routes, town_of
from otklik.domain.categories import CATEGORY_LABELS
from otklik.domain.ids import is_appeal_id
from otklik.domain.model import OPEN_STATUSES, Appeal, Channel, Status
from otklik.domain.principals import Role
from otklik.domain.towns import TownConfig
from otklik.services.queries import AppealQuery

PAGE_SIZE = 50
OPEN = tuple(s for s in Status if s in OPEN_STATUSES)  # in the lifecycle's order
FILTERS = ("town", "status", "category", "department", "channel", "overdue", "q")


@dataclass(frozen=True)
class Row:
    id: str
    time_left: views.TimeLeft
    due: str
    status: str
    channel: str
    category: str
    department: str
    place: str
    first_words: str
    incident_id: str | None = None  # the incident it belongs to


@dataclass(frozen=True)
class Queue:
    town: str
    town_config: TownConfig | None
    rows: list[Row]
    overdue_count: int
    filters: dict[str, str]  # what was asked, to fill the form and the next page's link
    next_query: str | None  # the next page's query string
    incidents: list[IncidentRow] = field(default_factory=list)  # above the appeals, on the first page


@routes.route("GET", "/")
def queue(request: flask.Request, visit: Visit) -> flask.Response:
    found = read_queue(visit)
    return page(visit, "queue.html", queue=found, views=views, categories=CATEGORY_LABELS,
                channels=views.CHANNEL_LABELS, statuses=views.STATUS_LABELS,
                polling=not request.args.get("cursor"), rows_query=urlencode(found.filters),
                poll_ms=round(visit.deps.settings.console_poll_seconds * 1000))


@routes.route("GET", "/queue/rows")
def queue_rows(request: flask.Request, visit: Visit) -> flask.Response:
    """The first page's rows alone, for console.js to swap in; the overdue count in a header for the title."""
    found = read_queue(visit)
    response = page(visit, "queue_rows.html", queue=found)
    response.headers["X-Overdue-Count"] = str(found.overdue_count)
    return response


def read_queue(visit: Visit) -> Queue:
    assert visit.session is not None
    principal = visit.session.principal
    args = visit.request.args
    town = town_of(visit, args.get("town"))
    config = visit.deps.towns.all().get(town)
    query = queue_query(args, town, config, department_user=principal.role is Role.DEPARTMENT)
    appeals, cursor = visit.deps.work.list(principal, query)
    overdue = visit.deps.work.count(principal, AppealQuery(municipality=town, statuses=OPEN, overdue=True))
    now = visit.deps.clock()
    timezone = config.timezone if config else visit.deps.settings.timezone
    filters = {name: value for name in FILTERS if (value := args.get(name, ""))}
    next_query = urlencode(filters | {"cursor": cursor}) if cursor else None
    incidents = [] if query.after else incident_rows(visit, town, config, query.department, query.category)
    return Queue(town=town, town_config=config, rows=[row(a, now, timezone, config) for a in appeals],
                 overdue_count=overdue, filters=filters, next_query=next_query, incidents=incidents)


def queue_query(args: Mapping[str, str], town: str, config: TownConfig | None,
                department_user: bool) -> AppealQuery:
    """The filters of the queue's form as a query; a value no appeal can have is a 400 naming it."""
    status = args.get("status", "")
    if status == "all":
        statuses: tuple[Status, ...] = ()
    elif status == "":
        statuses = OPEN
    elif status in views.STATUS_LABELS:
        statuses = (Status(status),)
    else:
        raise ConsoleError(400, f"Нет такого статуса: {status}.", back="/")
    category = args.get("category") or None
    if category is not None and category not in CATEGORY_LABELS:
        raise ConsoleError(400, f"Нет такой категории: {category}.", back="/")
    department = None if department_user else args.get("department") or None
    if department is not None and (config is None or department not in config.departments):
        raise ConsoleError(400, f"Нет такого отдела: {department}.", back="/")
    channel = args.get("channel") or None
    if channel is not None and channel not in views.CHANNEL_LABELS:
        raise ConsoleError(400, f"Нет такого канала: {channel}.", back="/")
    overdue = args.get("overdue") or None
    if overdue not in (None, "1"):
        raise ConsoleError(400, "Флажок «просроченные» принимает только значение 1.", back="/")
    cursor = args.get("cursor") or None
    if cursor is not None and not is_appeal_id(cursor):
        raise ConsoleError(400, "Страница списка указана неверно: начните с первой.", back="/")
    return AppealQuery(municipality=town, statuses=statuses, department=department, category=category,
                       channel=Channel(channel) if channel else None, overdue=True if overdue else None,
                       words=_words(args.get("q", "")), order_by="due_at", limit=PAGE_SIZE, after=cursor)


def _words(text: str) -> tuple[str, ...]:
    if not text.strip():
        return ()
    from otklik.domain.search import query_words  # the lemmatiser: loaded with the first search, not on start

    return tuple(query_words(text[:500]))


def row(appeal: Appeal, now: datetime, timezone: str, config: TownConfig | None) -> Row:
    departments = config.departments if config else {}
    return Row(
        id=appeal.id, time_left=views.time_left(appeal, now), due=views.local_time(appeal.due_at, timezone),
        status=views.status_label(appeal.status), channel=views.channel_label(appeal.channel),
        category=views.category_label(appeal.category),
        department=departments.get(appeal.department or "", appeal.department or "—"),
        place=(appeal.location.place or "") if appeal.location else "",
        first_words=views.first_words(appeal.text), incident_id=appeal.incident_id,
    )
