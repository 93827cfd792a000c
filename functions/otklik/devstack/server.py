"""Every function of functions/main.py served by functions-framework on one local port, each at
/<function name>, the way each has its own URL in the cloud."""
from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import functions_framework
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Response

from otklik.topology import HTTP_FUNCTIONS, pubsub_functions

MAIN = Path(__file__).resolve().parents[2] / "main.py"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# The function serving the current request, where each runs as its own identity in the cloud (tests check that a
# function publishes only where infra/ lets it: tests/infra/emulated_iam.py).
SERVING: ContextVar[str | None] = ContextVar("serving", default=None)
_REQUEST_LOG = logging.getLogger("werkzeug")
WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def all_functions() -> tuple[str, ...]:
    return HTTP_FUNCTIONS + pubsub_functions()


@dataclass(frozen=True)
class FunctionUrl:
    name: str
    url: str
    pushed: bool  # called by Pub/Sub push subscriptions, not by people or platforms


def function_urls(base_url: str) -> list[FunctionUrl]:
    """Where each function answers, as `make run` prints it."""
    return [FunctionUrl(name, f"{base_url}/{name}", pushed=name not in HTTP_FUNCTIONS) for name in all_functions()]


def build_app(functions: tuple[str, ...] | None = None) -> DispatcherMiddleware:
    mounts = {f"/{name}": _serving(name, functions_framework.create_app(target=name, source=str(MAIN)))
              for name in (functions or all_functions())}
    return DispatcherMiddleware(Response("no such function", status=404), mounts)


class PathOnlyRequestLog(WSGIRequestHandler):
    """Request lines logged without their query string, which may carry a key (Open311's api_key), and without
    werkzeug's own client address and time stamp: the log's formatter stamps the time."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        path = getattr(self, "path", "-").partition("?")[0]
        line = f"{getattr(self, 'command', '-')} {path} {getattr(self, 'request_version', '-')}"
        _REQUEST_LOG.info('"%s" %s %s', _CONTROL.sub("?", line), code, size)


def _serving(name: str, app: WsgiApp) -> WsgiApp:
    def serve(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if not environ.get("PATH_INFO"):
            # /vk_webhook is the function's root, as its own URL is in the cloud; left empty, the framework's
            # routing would answer 308 to /vk_webhook/, and platforms do not follow redirects.
            environ["PATH_INFO"] = "/"
        token = SERVING.set(name)
        try:
            return app(environ, start_response)
        finally:
            SERVING.reset(token)

    return serve


class FunctionsServer:
    def __init__(self, host: str, port: int, functions: tuple[str, ...] | None = None) -> None:
        self._server: BaseWSGIServer = make_server(host, port, build_app(functions), threaded=True,
                                                   request_handler=PathOnlyRequestLog)
        self._thread = threading.Thread(target=self._server.serve_forever, name="functions", daemon=True)
        self.base_url = f"http://{host}:{self._server.server_port}"

    def start(self) -> FunctionsServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
