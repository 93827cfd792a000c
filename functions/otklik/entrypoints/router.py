"""A small method-and-path router for HTTP functions that serve several resources."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import flask
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import Map, Rule

from otklik.entrypoints.http import ApiError

Handler = Callable[..., flask.Response]


class Router:
    def __init__(self) -> None:
        self._map = Map(strict_slashes=False, merge_slashes=False)
        self._handlers: dict[str, Handler] = {}

    def route(self, method: str, path: str) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            endpoint = f"{method} {path}"
            self._map.add(Rule(path, methods=[method], endpoint=endpoint))
            self._handlers[endpoint] = handler
            return handler

        return register

    def dispatch(self, request: flask.Request, *args: Any) -> flask.Response:
        adapter = self._map.bind("localhost", path_info=request.path or "/", url_scheme="http")
        try:
            endpoint, values = adapter.match(method=request.method)
        except NotFound:
            raise ApiError(404, "not_found", f"no resource at {request.path}") from None
        except MethodNotAllowed as error:
            allowed = ", ".join(sorted(error.valid_methods or []))
            raise ApiError(405, "method_not_allowed", f"{request.method} is not allowed here; use {allowed}",
                           headers={"Allow": allowed}) from None
        return self._handlers[str(endpoint)](request, *args, **values)
