"""The console function: signs people in and out, serves its pages and static files, and turns every refusal
into a page with a clear message. Every answer carries the security headers (web.SECURITY_HEADERS)."""
from __future__ import annotations

import hmac
import logging
import secrets

import flask
from pydantic import ValidationError

from otklik.console import web
from otklik.console.web import ConsoleError, Visit, page, redirect, routes
from otklik.domain.actions import ActionRefused
from otklik.domain.model import StatusConflict
from otklik.domain.photos import PhotoRejected
from otklik.entrypoints.http import ApiError
from otklik.entrypoints.instance import settle_once
from otklik.services.console_sessions import SignInRefused
from otklik.services.ports import CursorNotFound, StorageUnavailable
from otklik.services.work import Forbidden, NotVisible
from otklik.wiring import Container

log = logging.getLogger(__name__)
STATIC_TYPES = {"console.css": "text/css", "console.js": "text/javascript"}
OPEN_PATHS = ("/sign-in", "/assets/")  # served without a session


def handle(request: flask.Request, deps: Container) -> flask.Response:
    visit = Visit(request, deps)
    try:
        response = _serve(visit)
    except Exception as error:  # every failure gets its page (_refusal)
        refusal = _refusal(error)
        response = page(visit, "error.html", status=refusal.status, message=refusal.message, back=refusal.back)
    finally:
        settle_once()
    return web.secured(response, cacheable=request.path.startswith("/assets/"))


def _serve(visit: Visit) -> flask.Response:
    path = visit.request.path or "/"
    if not path.startswith(OPEN_PATHS):
        visit.session_token = visit.request.cookies.get(web.SESSION_COOKIE)
        visit.session = visit.deps.console_sessions.current(visit.session_token)
        if visit.session is None:
            if visit.request.method in ("GET", "HEAD") and not path.startswith("/queue/rows"):
                return redirect(visit, "/sign-in")
            raise ConsoleError(401, "Сеанс закончился или не начинался. Войдите снова.", back="/sign-in")
    _load_pages(path)
    return routes.dispatch(visit.request, visit)


def _load_pages(path: str) -> None:
    """Imports the module of the pages at `path`, which registers their routes: a cold instance loads (and compiles
    the templates of) only the page it is first asked for."""
    if path.startswith("/appeals/"):
        from otklik.console import appeal_page  # noqa: F401
    elif path.startswith("/incidents/"):
        from otklik.console import incident_page  # noqa: F401
    elif path.startswith(("/reception", "/templates")):
        from otklik.console import reception_page  # noqa: F401
    elif path.startswith("/dashboard"):
        from otklik.console import dashboard_page  # noqa: F401
    else:
        from otklik.console import queue_page  # noqa: F401


# What the services refuse, as the page says it: status and the start of the message (refusals.in_russian ends it).
REFUSALS: tuple[tuple[type[Exception], int, str], ...] = (
    (NotVisible, 404, "Такого обращения нет или оно вам не видно."),
    (Forbidden, 403, "Это действие вам недоступно: "),
    (PermissionError, 403, "Это действие вам недоступно: "),
    (StatusConflict, 409, "Не выполнено: "),
    (PhotoRejected, 422, "Ответ не отправлен: "),
    (ActionRefused, 422, "Действие не выполнено: "),
    (ValidationError, 422, "Форма заполнена неверно: "),
    (CursorNotFound, 400, "Страница списка устарела: начните с первой."),
)


def _refusal(error: Exception) -> ConsoleError:
    if isinstance(error, ConsoleError):
        return error
    for kind, status, message in REFUSALS:
        if isinstance(error, kind):
            if message.endswith(": "):
                from otklik.console.refusals import in_russian  # loaded with the first refusal

                message += in_russian(error) + "."
            return ConsoleError(status, message, back="/" if status in (400, 404) else None)
    if isinstance(error, ApiError):  # the body readers' refusals (too large, not UTF-8) and the router's
        return ConsoleError(error.status, _api_message(error))
    if isinstance(error, StorageUnavailable):
        log.error("storage unavailable", exc_info=error)
        return ConsoleError(503, "Хранилище временно недоступно. Повторите через несколько секунд.")
    log.error("unexpected failure", exc_info=error)
    return ConsoleError(503, "Не удалось выполнить запрос. Повторите через несколько секунд.")


def _api_message(error: ApiError) -> str:
    if error.status == 404:
        return "Такой страницы нет."
    if error.status == 405:
        return "Так эту страницу не открыть."
    if error.status == 413:
        return "Слишком большой запрос: к ответу — не больше 10 фото по 10 МБ, форма — до 1 МБ текста."
    return "Запрос не принят: форма пришла в неверном виде. Обновите страницу и отправьте снова."


# Signing in and out


@routes.route("GET", "/sign-in")
def sign_in_form(request: flask.Request, visit: Visit) -> flask.Response:
    return _sign_in_page(visit, 200, "")


@routes.route("POST", "/sign-in")
def sign_in(request: flask.Request, visit: Visit) -> flask.Response:
    from otklik.console.forms import SignInForm  # the forms' models: loaded by the pages that read them

    form = SignInForm.model_validate(web.form_fields(visit))
    expected = request.cookies.get(web.SIGN_IN_COOKIE)
    if not expected or not hmac.compare_digest(form.csrf_token.encode(), expected.encode()):
        raise ConsoleError(403, "Форма входа устарела. Откройте страницу входа снова.", back="/sign-in")
    try:
        token, session = visit.deps.console_sessions.sign_in(form.api_key)
    except SignInRefused as refused:
        return _sign_in_page(visit, 401, str(refused))
    response = redirect(visit, "/")
    lifetime = visit.deps.console_sessions.lifetime
    web.set_session_cookie(visit, response, token, int(lifetime.total_seconds()))
    response.delete_cookie(web.SIGN_IN_COOKIE, path=visit.cookie_path)
    log.info("console sign-in", extra={"principal": session.principal.actor})
    return response


@routes.route("POST", "/sign-out")
def sign_out(request: flask.Request, visit: Visit) -> flask.Response:
    web.require_csrf(visit, web.form_fields(visit).get(web.CSRF_FIELD))
    visit.deps.console_sessions.sign_out(visit.session_token)
    response = redirect(visit, "/sign-in")
    web.clear_session_cookie(visit, response)
    return response


def _sign_in_page(visit: Visit, status: int, problem: str) -> flask.Response:
    token = secrets.token_urlsafe(32)
    response = page(visit, "sign_in.html", status=status, problem=problem, sign_in_token=token)
    web.set_sign_in_cookie(visit, response, token)
    return response


# Static files: the style sheet and the script (no inline script or style: the CSP forbids both)


@routes.route("GET", "/assets/<name>")
def static(request: flask.Request, visit: Visit, name: str) -> flask.Response:
    if name not in STATIC_TYPES:
        raise ConsoleError(404, "Такого файла нет.")
    return flask.Response((web.HERE / "static" / name).read_bytes(), mimetype=STATIC_TYPES[name])
