"""A small method-and-path router for HTTP functions that serve several resources.

Paths are patterns like "/appeals/<appeal_id>/<action>": each <name> matches one path segment (no "/") and is
passed to the handler by that name. Compiled to one regular expression per path when registered; werkzeug's
routing map did the same job but compiled Python code per rule, which cost tens of milliseconds of a cold start."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import flask

from otklik.entrypoints.http import ApiError

Handler = Callable[..., flask.Response]

_PLACEHOLDER = re.compile(r"<([a-z_]+)>")


def _compile(path: str) -> re.Pattern[str]:
    pattern, end = [], 0
    for match in _PLACEHOLDER.finditer(path):
        pattern.append(re.escape(path[end:match.start()]))
        pattern.append(f"(?P<{match.group(1)}>[^/]+)")
        end = match.end()
    pattern.append(re.escape(path[end:]))
    return re.compile("".join(pattern))


@dataclass
class _Resource:
    pattern: re.Pattern[str]
    handlers: dict[str, Handler] = field(default_factory=dict)


class Router:
    def __init__(self) -> None:
        self._resources: dict[str, _Resource] = {}
        self._matching_order: list[_Resource] = []

    def route(self, method: str, path: str) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            if path not in self._resources:
                self._resources[path] = _Resource(_compile(path))
                # A fixed path wins over a pattern that would also match it ("/appeals:batch" is no appeal id).
                self._matching_order = sorted(self._resources.values(), key=lambda r: r.pattern.groups)
            self._resources[path].handlers[method.upper()] = handler
            return handler

        return register

    def dispatch(self, request: flask.Request, *args: Any) -> flask.Response:
        path = request.path or "/"
        method = request.method.upper()
        for resource in self._matching_order:
            match = resource.pattern.fullmatch(path)
            if match is None:
                continue
            handler = resource.handlers.get(method) or (resource.handlers.get("GET") if method == "HEAD" else None)
            if handler is None:
                allowed = ", ".join(sorted(resource.handlers))
                raise ApiError(405, "method_not_allowed", f"{request.method} is not allowed here; use {allowed}",
                               headers={"Allow": allowed})
            return handler(request, *args, **match.groupdict())
        raise ApiError(404, "not_found", f"no resource at {request.path}")
