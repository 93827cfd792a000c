"""Reception: an operator registers an appeal that came by phone or in writing (operator_api's POST /appeals), and
the reply templates per category that supervisors edit."""
from __future__ import annotations

import secrets
from urllib.parse import urlencode

import flask

from otklik.console.forms import ReceptionForm, TemplateForm
from otklik.console.web import (
    CSRF_FIELD,
    ConsoleError,
    Visit,
    form_fields,
    page,
    redirect,
    require_csrf,
    routes,
    town_of,
)
from otklik.domain.categories import CATEGORY_LABELS
from otklik.domain.principals import Role
from otklik.services.reply_templates import TemplateRefused

REQUEST_FIELD = "request_id"  # the registration's Idempotency-Key: a double submit registers one appeal


@routes.route("GET", "/reception")
def reception_form(request: flask.Request, visit: Visit) -> flask.Response:
    _operators_only(visit)
    return page(visit, "reception.html", request_id=secrets.token_urlsafe(16), request_field=REQUEST_FIELD)


@routes.route("POST", "/reception")
def register(request: flask.Request, visit: Visit) -> flask.Response:
    assert visit.session is not None
    fields = form_fields(visit)
    require_csrf(visit, fields.get(CSRF_FIELD))
    _operators_only(visit)
    form = ReceptionForm.model_validate(fields)
    appeal = visit.deps.work.register(visit.session.principal, form.command(town_of(visit, form.town)),
                                      form.request_id)
    return redirect(visit, f"/appeals/{appeal.id}?done=register")


def _operators_only(visit: Visit) -> None:
    assert visit.session is not None
    if visit.session.principal.role is not Role.OPERATOR:
        raise ConsoleError(403, "Регистрировать обращения из приёмной могут только операторы.")


@routes.route("GET", "/templates")
def reply_templates(request: flask.Request, visit: Visit) -> flask.Response:
    assert visit.session is not None
    principal = visit.session.principal
    town = town_of(visit, request.args.get("town"))
    saved = visit.deps.reply_templates.for_town(principal, town)
    return page(visit, "templates.html", town=town, saved=saved, categories=CATEGORY_LABELS,
                editable=principal.role is Role.SUPERVISOR, done=request.args.get("done", ""))


@routes.route("POST", "/templates")
def save_template(request: flask.Request, visit: Visit) -> flask.Response:
    assert visit.session is not None
    fields = form_fields(visit)
    require_csrf(visit, fields.get(CSRF_FIELD))
    form = TemplateForm.model_validate(fields)
    town = town_of(visit, form.town)
    try:
        visit.deps.reply_templates.save(visit.session.principal, town, form.category, form.text)
    except TemplateRefused as refused:
        raise ConsoleError(422, f"Шаблон не сохранён: {refused}", back="/templates") from None
    return redirect(visit, f"/templates?{urlencode({'town': town, 'done': form.category})}")
