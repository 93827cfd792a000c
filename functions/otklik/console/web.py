"""The console's HTTP plumbing: pages rendered from templates, security headers on every answer, the session
cookie, CSRF checks, and errors as HTML pages (never a 500)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import flask

from otklik.console.templating import templates
from otklik.entrypoints.bodies import read_form
from otklik.entrypoints.router import Router
from otklik.services.console_sessions import csrf_matches

if TYPE_CHECKING:
    from otklik.services.ports import ConsoleSession
    from otklik.wiring import Container

HERE = Path(__file__).resolve().parent  # static/ is beside this module
SESSION_COOKIE = "otklik_console"
# The sign-in form has no session yet: its CSRF token is a random value in a short-lived cookie that the form
# repeats (double submit), so another site cannot sign a browser in with the attacker's key.
SIGN_IN_COOKIE = "otklik_console_sign_in"
CSRF_FIELD = "csrf_token"
SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
                                "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


class ConsoleError(Exception):
    """A refusal shown to the person as a page: status and a message in Russian."""

    def __init__(self, status: int, message: str, back: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.back = back


@dataclass
class Visit:
    """One request to the console: who (once signed in), where the console is mounted, the wiring."""

    request: flask.Request
    deps: Container
    session: ConsoleSession | None = None
    session_token: str | None = None
    extra_headers: dict[str, str] = field(default_factory=dict)

    @property
    def base(self) -> str:
        """The console's root path: /console locally (make run mounts each function under its name), "" when the
        function has a URL of its own."""
        return self.request.script_root.rstrip("/")

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    @property
    def cookie_path(self) -> str:
        return self.base or "/"

    @property
    def secure_cookies(self) -> bool:
        """Secure everywhere but on this machine, where `make run` serves plain HTTP."""
        host = self.request.host
        hostname = host[1:].split("]")[0] if host.startswith("[") else host.split(":")[0]
        return hostname not in LOCAL_HOSTS


def page(visit: Visit, template: str, status: int = 200, **context: Any) -> flask.Response:
    session = visit.session
    html = templates().get_template(template).render(
        base=visit.base, principal=session.principal if session else None,
        csrf_token=session.csrf_token if session else "", csrf_field=CSRF_FIELD, **context)
    return flask.Response(html, status=status, mimetype="text/html")


def redirect(visit: Visit, path: str) -> flask.Response:
    return flask.Response("", status=303, headers={"Location": visit.url(path)})


def secured(response: flask.Response, cacheable: bool = False) -> flask.Response:
    response.headers.update(SECURITY_HEADERS)
    # Pages hold residents' personal data: neither the browser nor a proxy keeps them.
    response.headers["Cache-Control"] = "private, max-age=3600" if cacheable else "no-store"
    return response


def set_session_cookie(visit: Visit, response: flask.Response, token: str, max_age: int) -> None:
    response.set_cookie(SESSION_COOKIE, token, max_age=max_age, path=visit.cookie_path, httponly=True,
                        secure=visit.secure_cookies, samesite="Strict")


def clear_session_cookie(visit: Visit, response: flask.Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path=visit.cookie_path, httponly=True, secure=visit.secure_cookies,
                           samesite="Strict")


def set_sign_in_cookie(visit: Visit, response: flask.Response, token: str) -> None:
    response.set_cookie(SIGN_IN_COOKIE, token, max_age=3600, path=visit.cookie_path, httponly=True,
                        secure=visit.secure_cookies, samesite="Strict")


def require_csrf(visit: Visit, sent: str | None) -> None:
    if visit.session is None or not csrf_matches(visit.session, sent):
        raise ConsoleError(403, "Форма устарела или пришла не со страницы консоли (нет проверочного токена). "
                                "Обновите страницу и отправьте снова.")


routes = Router()


def form_fields(visit: Visit) -> dict[str, str]:
    """An urlencoded form's fields (the last of a repeated name)."""
    return read_form(visit.request, visit.deps.settings.max_body_bytes)


def town_of(visit: Visit, town: str | None) -> str:
    """The town a page is about: the one asked for, if the principal has it, else the principal's first."""
    assert visit.session is not None
    towns = visit.session.principal.towns
    if town and town not in towns:
        raise ConsoleError(403, f"Нет доступа к городу {town}.")
    return town or towns[0]
