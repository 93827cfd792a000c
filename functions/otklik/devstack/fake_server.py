"""What the fake VK, Telegram, OK and MAX APIs share (each is platforms/<network>/fake.py): a real HTTP server on
127.0.0.1 answering exactly the reply calls Otklik makes, its request log and its scripted failures.

Each fake records every request it gets (`requests`), every message it "sends" (`sent`, with repeats that VK's
random_id/guid suppressed in `duplicates`), and can be told to fail or stall the next calls of a method:

    vk.fail_next("messages.send", error=vk_error(6, "Too many requests per second"))
    telegram.fail_next("sendMessage", error=telegram_error(429, "Too Many Requests: retry after 35", retry_after=35))
    telegram.fail_next("sendMessage", after=1)  # the second call answers HTTP 500
    max_.delay_next("messages", seconds=2)

Method names: VK and Telegram use the API method ("messages.send", "sendPhoto"); OK uses "messages" and
"fetch-upload-url"; MAX uses "messages" and "uploads"; a POST to an upload URL a fake handed out is "upload".
With `verbose=True` each fake prints what it was asked to send (never the token)."""
from __future__ import annotations

import itertools
import json
import logging
import secrets
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from werkzeug.serving import BaseWSGIServer, make_server
from werkzeug.wrappers import Request, Response

from otklik.devstack.background import BackgroundServer
from otklik.devstack.background import QuietHandler as _QuietHandler

logger = logging.getLogger(__name__)

HOST = "127.0.0.1"


@dataclass(frozen=True)
class UploadedFile:
    file_name: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class RecordedRequest:
    method_name: str
    http_method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    form: dict[str, str]
    json: Any
    files: dict[str, UploadedFile]

    @property
    def params(self) -> dict[str, str]:
        """Query and form fields together, the way VK reads them."""
        return self.query | self.form


@dataclass(frozen=True)
class SentMessage:
    """What a fake platform would have shown in the chat or thread."""

    method_name: str
    target: str
    text: str
    attachments: tuple[str, ...]
    platform_id: str
    reply_to: str | None = None


@dataclass(frozen=True)
class Failure:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


def http_error(status: int = 500, text: str = "Internal Server Error") -> Failure:
    return Failure(status, text)


Handler = Callable[[RecordedRequest], Response]


class FakePlatform(BackgroundServer):
    """The common part: the HTTP server, the request log, the sent-message log and scripted failures."""

    platform = "fake"

    def __init__(self, *, port: int = 0, verbose: bool = False) -> None:
        self._thread_name = f"fake-{self.platform}"
        self.verbose = verbose
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._sent: list[SentMessage] = []
        self._duplicates: list[SentMessage] = []
        self._failures: dict[str, deque[Failure | None]] = defaultdict(deque)
        self._delays: dict[str, deque[float]] = defaultdict(deque)
        self._ids = itertools.count(1)
        self._server: BaseWSGIServer = make_server(HOST, port, self._wsgi, threaded=True, request_handler=_QuietHandler)
        self.base_url = f"http://{HOST}:{self._server.server_port}"
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------------------------------


    # -- what tests look at ----------------------------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    def requests_for(self, method_name: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.method_name == method_name]

    @property
    def sent(self) -> list[SentMessage]:
        with self._lock:
            return list(self._sent)

    @property
    def duplicates(self) -> list[SentMessage]:
        with self._lock:
            return list(self._duplicates)

    def wait_for_sent(self, count: int, timeout: float = 5.0) -> list[SentMessage]:
        """For calls the client gave up on: the fake may still finish them, as a real platform would."""
        deadline = time.monotonic() + timeout
        while len(self.sent) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.sent

    # -- scripting -------------------------------------------------------------------------------------------------

    def fail_next(self, method_name: str, times: int = 1, error: Failure | None = None, after: int = 0) -> None:
        """The next `times` calls of the method fail with `error` (HTTP 500 by default), once `after` calls of it
        have been answered normally."""
        with self._lock:
            self._failures[method_name].extend([None] * after + [error or http_error()] * times)

    def reset(self) -> None:
        """Forget what was asked and scripted, for the next test; ids and dedup memory are kept, as on a platform."""
        with self._lock:
            self._requests.clear()
            self._sent.clear()
            self._duplicates.clear()
            self._failures.clear()
            self._delays.clear()

    def delay_next(self, method_name: str, seconds: float, times: int = 1) -> None:
        """The next calls answer normally, but only after `seconds`."""
        with self._lock:
            self._delays[method_name].extend([seconds] * times)

    # -- serving ---------------------------------------------------------------------------------------------------

    def _wsgi(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        request = Request(environ)
        recorded = _record(request, self._method_name(request.path))
        with self._lock:
            self._requests.append(recorded)
            delay = _pop(self._delays, recorded.method_name)
            failure = _pop(self._failures, recorded.method_name)
        if delay:
            time.sleep(delay)
        if failure is not None:
            response = failure_response(failure)
        else:
            with self._lock:
                response = self._handle(recorded)
        return response(environ, start_response)

    def _method_name(self, path: str) -> str:
        raise NotImplementedError

    def _handle(self, request: RecordedRequest) -> Response:
        raise NotImplementedError

    # -- helpers for the platforms (called with the lock held) ---------------------------------------------------

    def _next_id(self) -> int:
        return next(self._ids)

    def _upload_url(self, kind: str) -> str:
        return f"{self.base_url}/upload/{kind}?sig={secrets.token_hex(8)}"

    def _deliver(self, message: SentMessage) -> None:
        self._sent.append(message)
        self._announce(message, "")

    def _deliver_duplicate(self, message: SentMessage) -> None:
        self._duplicates.append(message)
        self._announce(message, " (duplicate, not sent again)")

    def _announce(self, message: SentMessage, note: str) -> None:
        reply = f" replying to {message.reply_to}" if message.reply_to else ""
        photos = f" +{len(message.attachments)} attachment(s)" if message.attachments else ""
        text = message.text if len(message.text) <= 200 else message.text[:200] + "…"
        line = (f"[fake {self.platform}] {message.method_name} → {message.target}{reply}: {text!r}{photos}"
                f" [id {message.platform_id}]{note}")
        if self.verbose:
            print(line, flush=True)
        else:
            logger.debug(line)


def _pop(queues: dict[str, deque[Any]], key: str) -> Any:
    queue = queues.get(key)
    return queue.popleft() if queue else None


def _record(request: Request, method_name: str) -> RecordedRequest:
    files = {name: UploadedFile(file_name=f.filename or "", content_type=f.content_type or "", data=f.read())
             for name, f in request.files.items()}
    return RecordedRequest(
        method_name=method_name,
        http_method=request.method,
        path=request.path,
        query=dict(request.args.items()),
        headers=dict(request.headers.items()),
        form=dict(request.form.items()),
        json=request.get_json(silent=True) if request.is_json else None,
        files=files,
    )


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body, ensure_ascii=False), status=status, headers=headers,
                    content_type="application/json; charset=utf-8")


def failure_response(failure: Failure) -> Response:
    if isinstance(failure.body, str):
        return Response(failure.body, status=failure.status, headers=failure.headers, content_type="text/plain")
    return json_response(failure.body, failure.status, failure.headers)


def int_or_str(value: Any) -> int | str:
    text = str(value)
    return int(text) if text.lstrip("-").isdigit() else text


# ---------------------------------------------------------------------------------------------------------------
# Image uploads as OK and MAX take them
# ---------------------------------------------------------------------------------------------------------------


class ImageUploads:
    """The upload flow OK and MAX share: an API call hands out an upload URL on the fake, a multipart POST with the
    file in field `data` to it answers `{"photos": {<key>: {"token": …}}}`, and a message may then carry the token.

    Each platform keeps its own error for a POST without a file and its own kind of photo key. Called with the
    fake's lock held, like the rest of the handling."""

    def __init__(self, fake: FakePlatform, missing_file: Failure, photo_key: Callable[[], str]) -> None:
        self._fake = fake
        self._missing_file = missing_file
        self._photo_key = photo_key
        self._tokens: set[str] = set()

    def issue_url(self) -> Response:
        return json_response({"url": self._fake._upload_url(self._fake.platform)})

    def receive(self, request: RecordedRequest) -> Response:
        if "data" not in request.files:
            return failure_response(self._missing_file)
        token = secrets.token_urlsafe(24)
        self._tokens.add(token)
        return json_response({"photos": {self._photo_key(): {"token": token}}})

    def issued(self, token: Any) -> bool:
        return token in self._tokens
