"""Fake VK, Telegram, OK and MAX APIs: real HTTP servers on 127.0.0.1 answering exactly the reply calls Otklik makes.

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
import re
import secrets
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
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


def vk_error(code: int, message: str) -> Failure:
    """VK reports errors with HTTP 200."""
    return Failure(200, {"error": {"error_code": code, "error_msg": message, "request_params": []}})


def telegram_error(status: int, description: str, retry_after: int | None = None) -> Failure:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return Failure(status, body)


def ok_error(code: int, message: str, status: int = 200) -> Failure:
    """UNCONFIRMED shape for the bot API: the OK REST API's error body."""
    return Failure(status, {"error_code": code, "error_msg": message, "error_data": None})


def max_error(status: int, code: str, message: str = "") -> Failure:
    return Failure(status, {"code": code, "message": message})


def http_error(status: int = 500, text: str = "Internal Server Error") -> Failure:
    return Failure(status, text)


TELEGRAM_BOT_BLOCKED = telegram_error(403, "Forbidden: bot was blocked by the user")
TELEGRAM_CHAT_NOT_FOUND = telegram_error(400, "Bad Request: chat not found")
VK_TOO_MANY_REQUESTS = vk_error(6, "Too many requests per second")
VK_CANNOT_MESSAGE_USER = vk_error(901, "Can't send messages for users without permission")
MAX_ATTACHMENT_NOT_READY = max_error(400, "attachment.not.ready")
MAX_INVALID_TOKEN = max_error(401, "verify.token", "Invalid access_token")


_Handler = Callable[[RecordedRequest], Response]


class FakePlatform(BackgroundServer):
    """The common part: the HTTP server, the request log, the sent-message log and scripted failures."""

    platform = "fake"

    @property
    def _thread_name(self) -> str:  # type: ignore[override]
        return f"fake-{self.platform}"

    def __init__(self, *, port: int = 0, verbose: bool = False) -> None:
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

    def _wsgi(self, environ: dict[str, Any], start_response: Any) -> Iterator[bytes]:
        request = Request(environ)
        recorded = _record(request, self._method_name(request.path))
        with self._lock:
            self._requests.append(recorded)
            delay = _pop(self._delays, recorded.method_name)
            failure = _pop(self._failures, recorded.method_name)
        if delay:
            time.sleep(delay)
        if failure is not None:
            response = _failure_response(failure)
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


def _json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body, ensure_ascii=False), status=status, headers=headers,
                    content_type="application/json; charset=utf-8")


def _failure_response(failure: Failure) -> Response:
    if isinstance(failure.body, str):
        return Response(failure.body, status=failure.status, headers=failure.headers, content_type="text/plain")
    return _json_response(failure.body, failure.status, failure.headers)


# ---------------------------------------------------------------------------------------------------------------
# VK
# ---------------------------------------------------------------------------------------------------------------


class FakeVk(FakePlatform):
    """POST /method/<name> (form-encoded, `access_token`, `v`), answers `{"response"}` or `{"error"}` with HTTP 200."""

    platform = "vk"
    TEXT_LIMIT = 9000

    def __init__(self, *, group_id: int = 218734512, port: int = 0, verbose: bool = False) -> None:
        super().__init__(port=port, verbose=verbose)
        self.group_id = group_id
        self._by_random_id: dict[tuple[str, str], SentMessage] = {}
        self._by_guid: dict[tuple[str, ...], SentMessage] = {}
        self._uploads: dict[tuple[str, str, str], UploadedFile] = {}
        self._saved_photos: set[str] = set()
        self._methods: dict[str, _Handler] = {
            "messages.send": self._messages_send,
            "wall.createComment": self._wall_create_comment,
            "photos.createComment": self._photos_create_comment,
            "board.createComment": self._board_create_comment,
            "photos.getMessagesUploadServer": self._get_messages_upload_server,
            "photos.getWallUploadServer": self._get_wall_upload_server,
            "photos.saveMessagesPhoto": self._save_photo,
            "photos.saveWallPhoto": self._save_photo,
        }

    def _method_name(self, path: str) -> str:
        if path.startswith("/upload/"):
            return "upload"
        return path.removeprefix("/method/")

    def _handle(self, request: RecordedRequest) -> Response:
        if request.method_name == "upload":
            return self._upload(request)
        params = request.params
        if not params.get("access_token") and not request.headers.get("Authorization"):
            return _vk_error(5, "User authorization failed: no access_token passed.")
        if params.get("v") is None:
            return _vk_error(8, "Invalid request: v (version) is required")
        handler = self._methods.get(request.method_name)
        if handler is None:
            return _vk_error(3, "Unknown method passed")
        return handler(request)

    def _messages_send(self, request: RecordedRequest) -> Response:
        params = request.params
        missing = _missing(params, "peer_id", "random_id")
        if missing:
            return _vk_missing(missing)
        problem = self._content_problem(params.get("message", ""), params.get("attachment", ""))
        if problem:
            return problem
        message = SentMessage("messages.send", f"peer {params['peer_id']}", params.get("message", ""),
                              _split_list(params.get("attachment", "")), "", params.get("reply_to"))
        key = (params["peer_id"], params["random_id"])
        if params["random_id"] != "0" and key in self._by_random_id:
            original = self._by_random_id[key]
            self._deliver_duplicate(original)
            return _vk_response(int(original.platform_id))
        sent = _with_id(message, str(self._next_id()))
        self._by_random_id[key] = sent
        self._deliver(sent)
        return _vk_response(int(sent.platform_id))

    def _wall_create_comment(self, request: RecordedRequest) -> Response:
        params = request.params
        missing = _missing(params, "owner_id", "post_id")
        if missing:
            return _vk_missing(missing)
        target = f"wall{params['owner_id']}_{params['post_id']}"
        sent = self._comment(request, target, ("wall", params["owner_id"], params["post_id"]))
        if isinstance(sent, Response):
            return sent
        reply_to = params.get("reply_to_comment")
        return _vk_response({"comment_id": int(sent.platform_id), "parents_stack": [int(reply_to)] if reply_to else []})

    def _photos_create_comment(self, request: RecordedRequest) -> Response:
        params = request.params
        missing = _missing(params, "owner_id", "photo_id")
        if missing:
            return _vk_missing(missing)
        target = f"photo{params['owner_id']}_{params['photo_id']}"
        sent = self._comment(request, target, ("photo", params["owner_id"], params["photo_id"]))
        return sent if isinstance(sent, Response) else _vk_response(int(sent.platform_id))

    def _board_create_comment(self, request: RecordedRequest) -> Response:
        params = request.params
        missing = _missing(params, "group_id", "topic_id")
        if missing:
            return _vk_missing(missing)
        target = f"topic-{params['group_id']}_{params['topic_id']}"
        sent = self._comment(request, target, ("board", params["group_id"], params["topic_id"]))
        return sent if isinstance(sent, Response) else _vk_response(int(sent.platform_id))

    def _comment(self, request: RecordedRequest, target: str, thread: tuple[str, ...]) -> SentMessage | Response:
        params = request.params
        problem = self._content_problem(params.get("message", ""), params.get("attachments", ""))
        if problem:
            return problem
        guid = params.get("guid")
        if guid and (*thread, guid) in self._by_guid:
            original = self._by_guid[(*thread, guid)]
            self._deliver_duplicate(original)
            return original
        sent = SentMessage(request.method_name, target, params.get("message", ""),
                           _split_list(params.get("attachments", "")), str(self._next_id()),
                           params.get("reply_to_comment"))
        if guid:
            self._by_guid[(*thread, guid)] = sent
        self._deliver(sent)
        return sent

    def _content_problem(self, text: str, attachments: str) -> Response | None:
        if not text and not attachments:
            return _vk_error(100, "One of the parameters specified was missing or invalid: message is empty")
        if len(text) > self.TEXT_LIMIT:
            return _vk_error(914, "Message is too long")
        unknown = [a for a in _split_list(attachments) if a not in self._saved_photos]
        if unknown:
            return _vk_error(100, f"One of the parameters specified was missing or invalid: attachment {unknown[0]}")
        return None

    def _get_messages_upload_server(self, request: RecordedRequest) -> Response:
        return _vk_response({"album_id": -3, "upload_url": self._upload_url("messages"), "user_id": 0,
                             "group_id": self.group_id})

    def _get_wall_upload_server(self, request: RecordedRequest) -> Response:
        return _vk_response({"album_id": -14, "upload_url": self._upload_url("wall"), "user_id": 0})

    def _upload(self, request: RecordedRequest) -> Response:
        file = request.files.get("photo")
        server = 909218
        if file is None or not file.data:
            return _json_response({"server": server, "photo": "[]", "hash": secrets.token_hex(12)})
        photo = json.dumps([{"photo": f"{secrets.token_hex(5)}:z", "sizes": [], "kid": secrets.token_hex(6)}])
        upload_hash = secrets.token_hex(12)
        self._uploads[(str(server), photo, upload_hash)] = file
        return _json_response({"server": server, "photo": photo, "hash": upload_hash})

    def _save_photo(self, request: RecordedRequest) -> Response:
        params = request.params
        key = (params.get("server", ""), params.get("photo", ""), params.get("hash", ""))
        if key not in self._uploads:
            return _vk_error(100, "One of the parameters specified was missing or invalid: photo is undefined")
        del self._uploads[key]
        owner_id = -int(params.get("group_id") or self.group_id)
        photo_id, access_key = 457240000 + self._next_id(), secrets.token_hex(9)
        self._saved_photos.update({f"photo{owner_id}_{photo_id}", f"photo{owner_id}_{photo_id}_{access_key}"})
        return _vk_response([{"album_id": -3, "date": int(time.time()), "id": photo_id, "owner_id": owner_id,
                              "access_key": access_key, "has_tags": False, "text": "", "sizes": []}])


def _vk_response(value: Any) -> Response:
    return _json_response({"response": value})


def _vk_error(code: int, message: str) -> Response:
    return _failure_response(vk_error(code, message))


def _vk_missing(name: str) -> Response:
    return _vk_error(100, f"One of the parameters specified was missing or invalid: {name} is undefined")


def _missing(params: dict[str, str], *names: str) -> str | None:
    return next((name for name in names if not params.get(name)), None)


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(item for item in value.split(",") if item)


def _with_id(message: SentMessage, platform_id: str) -> SentMessage:
    return SentMessage(message.method_name, message.target, message.text, message.attachments, platform_id,
                       message.reply_to)


# ---------------------------------------------------------------------------------------------------------------
# Telegram
# ---------------------------------------------------------------------------------------------------------------

_BOT_PATH = re.compile(r"^/bot(?P<token>[^/]+)/(?P<method>[A-Za-z]+)$")
_BOT_TOKEN = re.compile(r"^\d+:[A-Za-z0-9_-]+$")


class FakeTelegram(FakePlatform):
    """POST /bot<token>/<method> with JSON, form or multipart; message ids increase across all chats."""

    platform = "telegram"
    TEXT_LIMIT = 4096
    CAPTION_LIMIT = 1024

    def __init__(self, *, port: int = 0, verbose: bool = False, first_message_id: int = 1000) -> None:
        super().__init__(port=port, verbose=verbose)
        self._message_ids = itertools.count(first_message_id)
        self._methods: dict[str, _Handler] = {
            "sendMessage": self._send_message,
            "sendPhoto": self._send_photo,
            "sendMediaGroup": self._send_media_group,
        }

    def _method_name(self, path: str) -> str:
        match = _BOT_PATH.match(path)
        return match["method"] if match else path

    def _handle(self, request: RecordedRequest) -> Response:
        match = _BOT_PATH.match(request.path)
        if match is None or not _BOT_TOKEN.match(match["token"]):
            return _failure_response(telegram_error(401, "Unauthorized"))
        handler = self._methods.get(request.method_name)
        if handler is None:
            return _failure_response(telegram_error(404, "Not Found"))
        return handler(request)

    def _send_message(self, request: RecordedRequest) -> Response:
        params = _telegram_params(request)
        text = str(params.get("text") or "")
        if not params.get("chat_id"):
            return _telegram_bad_request("chat_id is empty")
        if not text.strip():
            return _telegram_bad_request("message text is empty")
        if _utf16_length(text) > self.TEXT_LIMIT:
            return _telegram_bad_request("message is too long")
        message = self._message(params, "sendMessage", text, ())
        return _json_response({"ok": True, "result": message | {"text": text}})

    def _send_photo(self, request: RecordedRequest) -> Response:
        params = _telegram_params(request)
        caption = str(params.get("caption") or "")
        if not params.get("chat_id"):
            return _telegram_bad_request("chat_id is empty")
        if "photo" not in request.files and not params.get("photo"):
            return _telegram_bad_request("there is no photo in the request")
        if _utf16_length(caption) > self.CAPTION_LIMIT:
            return _telegram_bad_request("message caption is too long")
        message = self._message(params, "sendPhoto", caption, ("photo",))
        return _json_response({"ok": True, "result": message | _photo_fields(caption)})

    def _send_media_group(self, request: RecordedRequest) -> Response:
        params = _telegram_params(request)
        media = params.get("media")
        if not params.get("chat_id"):
            return _telegram_bad_request("chat_id is empty")
        if not isinstance(media, list) or not 2 <= len(media) <= 10:
            return _telegram_bad_request("media group must contain 2-10 items")
        for item in media:
            attached = str(item.get("media", "")).removeprefix("attach://")
            if str(item.get("media", "")).startswith("attach://") and attached not in request.files:
                return _telegram_bad_request(f"file {attached} not found in the request")
            if _utf16_length(str(item.get("caption") or "")) > self.CAPTION_LIMIT:
                return _telegram_bad_request("message caption is too long")
        group_id = str(self._next_id())
        messages = []
        for item in media:
            caption = str(item.get("caption") or "")
            message = self._message(params, "sendMediaGroup", caption, ("photo",))
            messages.append(message | _photo_fields(caption) | {"media_group_id": group_id})
        return _json_response({"ok": True, "result": messages})

    def _message(self, params: dict[str, Any], method: str, text: str, attachments: tuple[str, ...]) -> dict[str, Any]:
        message_id = next(self._message_ids)
        reply_to = (params.get("reply_parameters") or {}).get("message_id")
        self._deliver(SentMessage(method, f"chat {params['chat_id']}", text, attachments, str(message_id),
                                  str(reply_to) if reply_to is not None else None))
        message: dict[str, Any] = {
            "message_id": message_id,
            "from": {"id": 7012345678, "is_bot": True, "first_name": "Fake bot", "username": "fake_bot"},
            "chat": {"id": _int_or_str(params["chat_id"]), "type": "private"},
            "date": int(time.time()),
        }
        if reply_to is not None:
            message["reply_to_message"] = {"message_id": reply_to}
        return message


def _telegram_params(request: RecordedRequest) -> dict[str, Any]:
    """JSON bodies as they are; form fields with the JSON-serialized ones (reply_parameters, media) decoded."""
    if isinstance(request.json, dict):
        return request.json
    params: dict[str, Any] = request.query | request.form
    for name in ("reply_parameters", "media"):
        if isinstance(params.get(name), str):
            try:
                params[name] = json.loads(params[name])
            except ValueError:
                pass
    return params


def _telegram_bad_request(problem: str) -> Response:
    return _failure_response(telegram_error(400, f"Bad Request: {problem}"))


def _photo_fields(caption: str) -> dict[str, Any]:
    unique = secrets.token_hex(6)
    fields: dict[str, Any] = {"photo": [{"file_id": f"AgAC{unique}", "file_unique_id": unique, "width": 90,
                                         "height": 60, "file_size": 1120}]}
    if caption:
        fields["caption"] = caption
    return fields


def _int_or_str(value: Any) -> int | str:
    text = str(value)
    return int(text) if text.lstrip("-").isdigit() else text


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# ---------------------------------------------------------------------------------------------------------------
# Image uploads as OK and MAX take them
# ---------------------------------------------------------------------------------------------------------------


class _ImageUploads:
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
        return _json_response({"url": self._fake._upload_url(self._fake.platform)})

    def receive(self, request: RecordedRequest) -> Response:
        if "data" not in request.files:
            return _failure_response(self._missing_file)
        token = secrets.token_urlsafe(24)
        self._tokens.add(token)
        return _json_response({"photos": {self._photo_key(): {"token": token}}})

    def issued(self, token: Any) -> bool:
        return token in self._tokens


# ---------------------------------------------------------------------------------------------------------------
# OK
# ---------------------------------------------------------------------------------------------------------------


class FakeOk(FakePlatform):
    """POST /graph/me/messages/<chat_id>?access_token=… and the (UNCONFIRMED) image upload flow.

    The answer to a send, `{"success": true, "message_id": …}`, and the error body are guesses."""

    platform = "ok"
    ATTACHMENT_LIMIT = 5

    def __init__(self, *, port: int = 0, verbose: bool = False) -> None:
        super().__init__(port=port, verbose=verbose)
        self._uploads = _ImageUploads(self, ok_error(100, "PARAM : no file in field 'data'", status=400),
                                      lambda: secrets.token_urlsafe(8))

    def _method_name(self, path: str) -> str:
        if path.startswith("/upload/"):
            return "upload"
        if path.startswith("/graph/me/messages/"):
            return "messages"
        return path.removeprefix("/graph/me/")

    def _handle(self, request: RecordedRequest) -> Response:
        if request.method_name == "upload":
            return self._uploads.receive(request)
        if not request.query.get("access_token"):
            return _failure_response(ok_error(102, "PARAM_SESSION_EXPIRED : Session expired"))
        if request.method_name == "messages":
            return self._send_message(request)
        if request.method_name == "fetch-upload-url":
            return self._uploads.issue_url()
        return _failure_response(ok_error(3, "METHOD : Method does not exist", status=404))

    def _send_message(self, request: RecordedRequest) -> Response:
        chat_id = request.path.removeprefix("/graph/me/messages/")
        body = request.json if isinstance(request.json, dict) else {}
        message = body.get("message") or {}
        if (body.get("recipient") or {}).get("chat_id") != chat_id:
            return _failure_response(ok_error(100, "PARAM : recipient.chat_id does not match the URL"))
        attachments = ([message["attachment"]] if "attachment" in message else []) + list(message.get("attachments") or [])
        if not message.get("text") and not attachments:
            return _failure_response(ok_error(100, "PARAM : message is empty"))
        if len(attachments) > self.ATTACHMENT_LIMIT:
            return _failure_response(ok_error(100, f"PARAM : at most {self.ATTACHMENT_LIMIT} attachments"))
        for attachment in attachments:
            payload = attachment.get("payload") or {}
            if attachment.get("type") != "IMAGE" or not (payload.get("url") or self._uploads.issued(payload.get("token"))):
                return _failure_response(ok_error(100, "PARAM : invalid attachment"))
        message_id = f"mid:{chat_id.removeprefix('chat:')}.{self._next_id()}"
        described = tuple(str((a.get("payload") or {}).get("url") or "uploaded image") for a in attachments)
        self._deliver(SentMessage("messages", chat_id, str(message.get("text") or ""), described, message_id))
        return _json_response({"success": True, "message_id": message_id})


# ---------------------------------------------------------------------------------------------------------------
# MAX
# ---------------------------------------------------------------------------------------------------------------


class FakeMax(FakePlatform):
    """POST /messages?chat_id=… and POST /uploads?type=image with `Authorization: <token>`; uploads go to /upload/…"""

    platform = "max"
    TEXT_LIMIT = 4000

    def __init__(self, *, port: int = 0, verbose: bool = False) -> None:
        super().__init__(port=port, verbose=verbose)
        self._uploads = _ImageUploads(self, max_error(400, "proto.payload", "no file in field 'data'"),
                                      lambda: str(5571234 + self._next_id()))

    def _method_name(self, path: str) -> str:
        if path.startswith("/upload/"):
            return "upload"
        return path.strip("/")

    def _handle(self, request: RecordedRequest) -> Response:
        if request.method_name == "upload":
            return self._uploads.receive(request)
        if not request.headers.get("Authorization"):
            return _failure_response(MAX_INVALID_TOKEN)
        if request.method_name == "messages":
            return self._send_message(request)
        if request.method_name == "uploads":
            if request.query.get("type") not in {"image", "video", "audio", "file"}:
                return _failure_response(max_error(400, "proto.payload", "type: unknown upload type"))
            return self._uploads.issue_url()
        return _failure_response(max_error(404, "not.found", "Path not found"))

    def _send_message(self, request: RecordedRequest) -> Response:
        target = request.query.get("chat_id") or request.query.get("user_id")
        if not target:
            return _failure_response(max_error(400, "proto.payload", "chat_id or user_id is required"))
        body = request.json if isinstance(request.json, dict) else {}
        text = str(body.get("text") or "")
        attachments = list(body.get("attachments") or [])
        if len(text) > self.TEXT_LIMIT:
            return _failure_response(max_error(400, "proto.payload", f"text: size must be between 0 and {self.TEXT_LIMIT}"))
        if not text and not attachments:
            return _failure_response(max_error(400, "proto.payload", "text or attachments are required"))
        for attachment in attachments:
            photos = (attachment.get("payload") or {}).get("photos") or {}
            if attachment.get("type") != "image" or not photos or any(
                    not self._uploads.issued(p.get("token")) for p in photos.values()):
                return _failure_response(max_error(400, "proto.payload", "attachments: invalid image"))
        link = body.get("link") or {}
        mid = f"mid.{self._next_id():032x}"
        self._deliver(SentMessage("messages", f"chat {target}", text, tuple("image" for _ in attachments), mid,
                                  link.get("mid") if link.get("type") == "reply" else None))
        message: dict[str, Any] = {
            "recipient": {"chat_id": _int_or_str(target), "chat_type": "dialog"},
            "timestamp": int(time.time() * 1000),
            "body": {"mid": mid, "seq": self._next_id(), "text": text},
            "sender": {"user_id": 229229229, "first_name": "Fake bot", "is_bot": True, "name": "Fake bot"},
        }
        if link:
            message["link"] = {"type": link.get("type"), "chat_id": _int_or_str(target), "message": {"mid": link.get("mid")}}
        return _json_response({"message": message})


def all_fakes(verbose: bool = False) -> dict[str, FakePlatform]:
    """One started fake per platform, keyed like `replies.clients_for` expects its base URLs."""
    return {"vk": FakeVk(verbose=verbose).start(), "telegram": FakeTelegram(verbose=verbose).start(),
            "ok": FakeOk(verbose=verbose).start(), "max": FakeMax(verbose=verbose).start()}
