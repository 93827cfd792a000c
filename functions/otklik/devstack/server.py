"""Every function of functions/main.py served by functions-framework on one local port, each at
/<function name>, the way each has its own URL in the cloud."""
from __future__ import annotations

import re
import threading
from pathlib import Path

import functions_framework
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Response

from otklik.topology import HTTP_FUNCTIONS, pubsub_functions

MAIN = Path(__file__).resolve().parents[2] / "main.py"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def all_functions() -> tuple[str, ...]:
    return HTTP_FUNCTIONS + pubsub_functions()


def build_app(functions: tuple[str, ...] | None = None) -> DispatcherMiddleware:
    mounts = {f"/{name}": functions_framework.create_app(target=name, source=str(MAIN))
              for name in (functions or all_functions())}
    return DispatcherMiddleware(Response("no such function", status=404), mounts)


class PathOnlyRequestLog(WSGIRequestHandler):
    """Request lines logged without their query string, which may carry a key (Open311's api_key)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        path = getattr(self, "path", "-").partition("?")[0]
        line = f"{getattr(self, 'command', '-')} {path} {getattr(self, 'request_version', '-')}"
        self.log("info", '"%s" %s %s', _CONTROL.sub("?", line), code, size)


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
