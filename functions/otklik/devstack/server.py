"""Every function of functions/main.py served by functions-framework on one local port, each at
/<function name>, the way each has its own URL in the cloud."""
from __future__ import annotations

import threading
from pathlib import Path

import functions_framework
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.serving import BaseWSGIServer, make_server
from werkzeug.wrappers import Response

from otklik.topology import HTTP_FUNCTIONS, pubsub_functions

MAIN = Path(__file__).resolve().parents[2] / "main.py"


def all_functions() -> tuple[str, ...]:
    return HTTP_FUNCTIONS + pubsub_functions()


def build_app(functions: tuple[str, ...] | None = None) -> DispatcherMiddleware:
    mounts = {f"/{name}": functions_framework.create_app(target=name, source=str(MAIN))
              for name in (functions or all_functions())}
    return DispatcherMiddleware(Response("no such function", status=404), mounts)


class FunctionsServer:
    def __init__(self, host: str, port: int, functions: tuple[str, ...] | None = None) -> None:
        self._server: BaseWSGIServer = make_server(host, port, build_app(functions), threaded=True)
        self._thread = threading.Thread(target=self._server.serve_forever, name="functions", daemon=True)
        self.base_url = f"http://{host}:{self._server.server_port}"

    def start(self) -> FunctionsServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
