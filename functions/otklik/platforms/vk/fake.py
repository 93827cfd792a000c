"""A fake VK API for tests and the local stack (not deployed): messages, comments and photo uploads."""
from __future__ import annotations

import json
import secrets
import time
from typing import Any

from werkzeug.wrappers import Response

from otklik.devstack.fake_server import (
    Failure,
    FakePlatform,
    Handler,
    RecordedRequest,
    SentMessage,
    UploadedFile,
    failure_response,
    json_response,
)


def vk_error(code: int, message: str) -> Failure:
    """VK reports errors with HTTP 200."""
    return Failure(200, {"error": {"error_code": code, "error_msg": message, "request_params": []}})


VK_TOO_MANY_REQUESTS = vk_error(6, "Too many requests per second")
VK_CANNOT_MESSAGE_USER = vk_error(901, "Can't send messages for users without permission")


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
        self._methods: dict[str, Handler] = {
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
            return json_response({"server": server, "photo": "[]", "hash": secrets.token_hex(12)})
        photo = json.dumps([{"photo": f"{secrets.token_hex(5)}:z", "sizes": [], "kid": secrets.token_hex(6)}])
        upload_hash = secrets.token_hex(12)
        self._uploads[(str(server), photo, upload_hash)] = file
        return json_response({"server": server, "photo": photo, "hash": upload_hash})

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
    return json_response({"response": value})


def _vk_error(code: int, message: str) -> Response:
    return failure_response(vk_error(code, message))


def _vk_missing(name: str) -> Response:
    return _vk_error(100, f"One of the parameters specified was missing or invalid: {name} is undefined")


def _missing(params: dict[str, str], *names: str) -> str | None:
    return next((name for name in names if not params.get(name)), None)


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(item for item in value.split(",") if item)


def _with_id(message: SentMessage, platform_id: str) -> SentMessage:
    return SentMessage(message.method_name, message.target, message.text, message.attachments, platform_id,
                       message.reply_to)
