"""A fake regional centre: a real HTTP server on 127.0.0.1 receiving Otklik's callbacks.

Each client posts to its own path, /callbacks/<client id>. The fake checks the signature the way a real
regional centre should (X-Otklik-Client's secret, timestamp within 5 minutes, HMAC over timestamp, method,
path and body), answers 401 when it does not hold, keeps every request in `received`, and every verified event
once per client in `events` (a repeated event id is acknowledged again, not kept twice).
It can be told to fail or stall:

    fake.fail_next(times=1, status=500)
    fake.delay_next(seconds=12)
"""
from __future__ import annotations

import json
import logging
import threading
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from werkzeug.serving import BaseWSGIServer, make_server
from werkzeug.wrappers import Request, Response

from otklik.devstack.background import BackgroundServer
from otklik.devstack.background import QuietHandler as _QuietHandler
from otklik.regional.signing import (
    CLIENT_HEADER,
    EVENT_ID_HEADER,
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    SignedRequest,
    form_problem,
    request_target,
    signature_matches,
)

log = logging.getLogger(__name__)
HOST = "127.0.0.1"


@dataclass(frozen=True)
class ReceivedCallback:
    client_id: str | None
    event_id: str | None
    path: str
    body: bytes
    status: int  # what the fake answered
    problem: str | None  # why the signature was refused, if it was

    @property
    def json(self) -> Any:
        return json.loads(self.body)



class FakeRegionalCentre(BackgroundServer):
    _thread_name = "fake-regional"

    def __init__(self, secrets: dict[str, str] | None = None, *, port: int = 0, verbose: bool = False) -> None:
        self.verbose = verbose
        self._secrets = dict(secrets or {})
        self._lock = threading.Lock()
        self._received: list[ReceivedCallback] = []
        self._events: dict[tuple[str | None, str], dict[str, Any]] = {}
        self._failures: deque[int] = deque()
        self._delays: deque[float] = deque()
        self._server: BaseWSGIServer = make_server(HOST, port, self._wsgi, threaded=True, request_handler=_QuietHandler)
        self.base_url = f"http://{HOST}:{self._server.server_port}"
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------------------------------


    # -- set-up and scripting --------------------------------------------------------------------------------------

    def add_client(self, client_id: str, secret: str) -> str:
        """Registers the client's secret; returns the callback URL to configure for it."""
        with self._lock:
            self._secrets[client_id] = secret
        return self.callback_url(client_id)

    def callback_url(self, client_id: str) -> str:
        return f"{self.base_url}/callbacks/{client_id}"

    def fail_next(self, times: int = 1, status: int = 500) -> None:
        with self._lock:
            self._failures.extend([status] * times)

    def delay_next(self, seconds: float, times: int = 1) -> None:
        with self._lock:
            self._delays.extend([seconds] * times)

    def reset(self) -> None:
        with self._lock:
            self._received.clear()
            self._events.clear()
            self._failures.clear()
            self._delays.clear()

    # -- what tests look at ----------------------------------------------------------------------------------------

    @property
    def received(self) -> list[ReceivedCallback]:
        with self._lock:
            return list(self._received)

    @property
    def events(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._events.values())

    def wait_for_events(self, count: int, timeout: float = 15.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while len(self.events) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.events

    # -- serving ---------------------------------------------------------------------------------------------------

    def _wsgi(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        request = Request(environ)
        body = request.get_data()
        with self._lock:
            delay = self._delays.popleft() if self._delays else 0.0
            failure = self._failures.popleft() if self._failures else None
        if delay:
            time.sleep(delay)
        client_id = request.headers.get(CLIENT_HEADER)
        problem = self._signature_problem(request, body, client_id)
        if problem is not None:
            status, answer = 401, {"error": problem}
        elif failure is not None:
            status, answer = failure, {"error": "scripted failure"}
        else:
            status, answer = self._accept(client_id, body)
        event_id = request.headers.get(EVENT_ID_HEADER)
        with self._lock:
            self._received.append(ReceivedCallback(client_id, event_id, request.path, body, status, problem))
        if self.verbose:
            print(f"[fake regional] {client_id} {event_id} → {status}", flush=True)
        response = Response(json.dumps(answer), status=status, content_type="application/json")
        return response(environ, start_response)

    def _signature_problem(self, request: Request, body: bytes, client_id: str | None) -> str | None:
        signed = SignedRequest(client_id=client_id, timestamp=request.headers.get(TIMESTAMP_HEADER),
                               signature=request.headers.get(SIGNATURE_HEADER), method=request.method,
                               path_with_query=request_target(request.environ), body=body)
        problem = form_problem(signed, time.time())
        if problem is not None:
            return str(problem)
        with self._lock:
            secret = self._secrets.get(client_id or "")
        if secret is None or not request.path.endswith(f"/{client_id}"):
            return "unknown_client"
        return None if signature_matches(secret, signed) else "bad_signature"

    def _accept(self, client_id: str | None, body: bytes) -> tuple[int, dict[str, Any]]:
        try:
            event = json.loads(body)
            event_id = str(event["event_id"])
        except (ValueError, KeyError, TypeError):
            return 400, {"error": "not an event"}
        with self._lock:
            duplicate = (client_id, event_id) in self._events
            self._events.setdefault((client_id, event_id), event)
        return 200, {"received": event_id, "duplicate": duplicate}
