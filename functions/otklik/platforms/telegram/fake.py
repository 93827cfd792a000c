"""A fake Telegram Bot API for tests and the local stack (not deployed): messages, photos and media groups."""
from __future__ import annotations

import itertools
import json
import re
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
    failure_response,
    int_or_str,
    json_response,
)
from otklik.platforms.replies import utf16_length


def telegram_error(status: int, description: str, retry_after: int | None = None) -> Failure:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return Failure(status, body)


TELEGRAM_BOT_BLOCKED = telegram_error(403, "Forbidden: bot was blocked by the user")
TELEGRAM_CHAT_NOT_FOUND = telegram_error(400, "Bad Request: chat not found")
TELEGRAM_BOT_KICKED = telegram_error(403, "Forbidden: bot was kicked from the group chat")


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
        self._methods: dict[str, Handler] = {
            "sendMessage": self._send_message,
            "sendPhoto": self._send_photo,
            "sendMediaGroup": self._send_media_group,
        }
        self._refusing_chats: dict[str, Failure] = {}

    def refuse_chat(self, chat_id: str, failure: Failure = TELEGRAM_BOT_KICKED) -> None:
        """Every later call to this chat fails so (a group that removed the bot), until `reset`."""
        self._refusing_chats[chat_id] = failure

    def reset(self) -> None:
        super().reset()
        self._refusing_chats.clear()

    def _method_name(self, path: str) -> str:
        match = _BOT_PATH.match(path)
        return match["method"] if match else path

    def _handle(self, request: RecordedRequest) -> Response:
        match = _BOT_PATH.match(request.path)
        if match is None or not _BOT_TOKEN.match(match["token"]):
            return failure_response(telegram_error(401, "Unauthorized"))
        handler = self._methods.get(request.method_name)
        if handler is None:
            return failure_response(telegram_error(404, "Not Found"))
        refusal = self._refusing_chats.get(str(_telegram_params(request).get("chat_id")))
        if refusal is not None:
            return failure_response(refusal)
        return handler(request)

    def _send_message(self, request: RecordedRequest) -> Response:
        params = _telegram_params(request)
        text = str(params.get("text") or "")
        if not params.get("chat_id"):
            return _telegram_bad_request("chat_id is empty")
        if not text.strip():
            return _telegram_bad_request("message text is empty")
        if utf16_length(text) > self.TEXT_LIMIT:
            return _telegram_bad_request("message is too long")
        message = self._message(params, "sendMessage", text, ())
        return json_response({"ok": True, "result": message | {"text": text}})

    def _send_photo(self, request: RecordedRequest) -> Response:
        params = _telegram_params(request)
        caption = str(params.get("caption") or "")
        if not params.get("chat_id"):
            return _telegram_bad_request("chat_id is empty")
        if "photo" not in request.files and not params.get("photo"):
            return _telegram_bad_request("there is no photo in the request")
        if utf16_length(caption) > self.CAPTION_LIMIT:
            return _telegram_bad_request("message caption is too long")
        message = self._message(params, "sendPhoto", caption, ("photo",))
        return json_response({"ok": True, "result": message | _photo_fields(caption)})

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
            if utf16_length(str(item.get("caption") or "")) > self.CAPTION_LIMIT:
                return _telegram_bad_request("message caption is too long")
        group_id = str(self._next_id())
        messages = []
        for item in media:
            caption = str(item.get("caption") or "")
            message = self._message(params, "sendMediaGroup", caption, ("photo",))
            messages.append(message | _photo_fields(caption) | {"media_group_id": group_id})
        return json_response({"ok": True, "result": messages})

    def _message(self, params: dict[str, Any], method: str, text: str, attachments: tuple[str, ...]) -> dict[str, Any]:
        message_id = next(self._message_ids)
        reply_to = (params.get("reply_parameters") or {}).get("message_id")
        self._deliver(SentMessage(method, f"chat {params['chat_id']}", text, attachments, str(message_id),
                                  str(reply_to) if reply_to is not None else None))
        message: dict[str, Any] = {
            "message_id": message_id,
            "from": {"id": 7012345678, "is_bot": True, "first_name": "Fake bot", "username": "fake_bot"},
            "chat": {"id": int_or_str(params["chat_id"]), "type": "private"},
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
    return failure_response(telegram_error(400, f"Bad Request: {problem}"))


def _photo_fields(caption: str) -> dict[str, Any]:
    unique = secrets.token_hex(6)
    fields: dict[str, Any] = {"photo": [{"file_id": f"AgAC{unique}", "file_unique_id": unique, "width": 90,
                                         "height": 60, "file_size": 1120}]}
    if caption:
        fields["caption"] = caption
    return fields
