"""One appeal: what the resident wrote and everything that happened to it, and the actions the principal may take,
each a form posted to the same WorkService.act that operator_api calls."""
from __future__ import annotations

import secrets
from dataclasses import dataclass

import flask

from otklik.console import views
from otklik.console.forms import ACTION_FORMS
from otklik.console.web import CSRF_FIELD, ConsoleError, Visit, form_fields, page, redirect, require_csrf, routes
from otklik.domain.appeal_text import follow_up_part
from otklik.domain.categories import CATEGORY_LABELS
from otklik.domain.ids import is_appeal_id
from otklik.domain.model import Appeal, HistoryAction, Status
from otklik.domain.photos import MAX_PHOTO_BYTES, MAX_PHOTOS_PER_ANSWER
from otklik.domain.principals import Principal
from otklik.domain.towns import TownConfig
from otklik.entrypoints.bodies import read_form_data
from otklik.services.work import ALLOWED, Upload

# Up to ten photos of 10 MB each, plus the answer's fields (as operator_api takes them).
MAX_MULTIPART_BYTES = MAX_PHOTOS_PER_ANSWER * MAX_PHOTO_BYTES + 1024 * 1024
REQUEST_FIELD = "request_id"  # a random value per rendered form: the action's Idempotency-Key (a double submit)
DONE = {"take": "Обращение взято в работу.", "note": "Заметка добавлена.", "assign": "Назначение сохранено.",
        "triage": "Разбор сохранён.", "answer": "Ответ сохранён и отправляется жителю.",
        "resolve": "Обращение закрыто как решённое.", "reopen": "Обращение открыто снова.",
        "register": "Обращение из приёмной зарегистрировано."}
# When an action makes sense, besides who may take it (work.ALLOWED): the statuses it is offered in.
OFFERED_IN: dict[str, tuple[Status, ...]] = {
    "take": (Status.ROUTED,),
    "triage": (Status.RECEIVED, Status.NEEDS_TRIAGE, Status.ROUTED),
    "assign": (Status.ROUTED, Status.IN_PROGRESS),
    "note": tuple(Status),
    "answer": (Status.ROUTED, Status.IN_PROGRESS),
    "resolve": (Status.ANSWERED,),
    "reopen": (Status.ANSWERED, Status.RESOLVED),
}


@dataclass(frozen=True)
class Message:
    at: str
    text: str


@routes.route("GET", "/appeals/<appeal_id>")
def appeal(request: flask.Request, visit: Visit, appeal_id: str) -> flask.Response:
    assert visit.session is not None
    principal = visit.session.principal
    if not is_appeal_id(appeal_id):
        raise ConsoleError(404, "Такого обращения нет или оно вам не видно.", back="/")
    found = visit.deps.work.get(principal, appeal_id)
    towns = visit.deps.towns.all()
    town = towns.get(found.municipality)
    timezone = town.timezone if town else visit.deps.settings.timezone
    town_names = {code: towns[code].name for code in principal.towns if code in towns}
    templates = visit.deps.reply_templates.for_town(principal, found.municipality)
    done = DONE.get(request.args.get("done", ""), "")
    return page(visit, "appeal.html", appeal=found, town=town, views=views, tz=timezone,
                now=visit.deps.clock(), actions=offered(principal, found), categories=CATEGORY_LABELS,
                follow_ups=follow_ups(found, timezone), reply_template=templates.get(found.category or "", ""),
                photo_report_required=photo_report_required(found, town), done=done, town_names=town_names,
                request_id=secrets.token_urlsafe(16), request_field=REQUEST_FIELD,
                max_photos=MAX_PHOTOS_PER_ANSWER, max_photo_mb=MAX_PHOTO_BYTES // (1024 * 1024))


@routes.route("POST", "/appeals/<appeal_id>/<action>")
def act(request: flask.Request, visit: Visit, appeal_id: str, action: str) -> flask.Response:
    assert visit.session is not None
    if action not in ALLOWED:
        raise ConsoleError(404, "Такого действия нет.", back=f"/appeals/{appeal_id}")
    if not is_appeal_id(appeal_id):
        raise ConsoleError(404, "Такого обращения нет или оно вам не видно.", back="/")
    fields, uploads = read_action_form(visit, action)
    require_csrf(visit, fields.get(CSRF_FIELD))
    form = ACTION_FORMS[action].model_validate(fields)
    visit.deps.work.act(visit.session.principal, appeal_id, action, form.command(), uploads, form.request_id)
    return redirect(visit, f"/appeals/{appeal_id}?done={action}")


def read_action_form(visit: Visit, action: str) -> tuple[dict[str, str], list[Upload]]:
    if action == "answer" and visit.request.mimetype == "multipart/form-data":
        form = read_form_data(visit.request, MAX_MULTIPART_BYTES, MAX_PHOTO_BYTES)
        # A file input left empty still sends one part, with no name and no bytes.
        uploads = [Upload(part.data, part.file_name) for part in form.files.get("photos", []) if part.data]
        return dict(form.fields), uploads
    return form_fields(visit), []


def offered(principal: Principal, appeal: Appeal) -> set[str]:
    """The actions shown: those the principal's role may take, in the appeal's status."""
    if not principal.can_work(appeal):
        return set()
    return {a for a, roles in ALLOWED.items() if principal.role in roles and appeal.status in OFFERED_IN[a]}


def photo_report_required(appeal: Appeal, town: TownConfig | None) -> bool:
    return town is not None and appeal.category in town.photo_report_categories


def follow_ups(appeal: Appeal, timezone: str) -> list[Message]:
    """The resident's further messages folded into the appeal, in order: their texts as the appeal holds them, with
    the times of the follow-up entries of its history."""
    texts = [part for part in follow_up_part(appeal).split("\n\n") if part.strip()]
    times = [views.local_time(e.at, timezone) for e in appeal.history if e.action is HistoryAction.FOLLOW_UP]
    if len(texts) != len(times):  # a follow-up without text, or one cut off the bounded text: one block, no times
        return [Message("", "\n\n".join(texts))] if texts else []
    return [Message(at, text) for at, text in zip(times, texts, strict=True)]
