"""A fake MAX Bot API for tests and the local stack (not deployed): messages and image uploads."""
from __future__ import annotations

import time
from typing import Any

from werkzeug.wrappers import Response

from otklik.devstack.fake_server import (
    Failure,
    FakePlatform,
    ImageUploads,
    RecordedRequest,
    SentMessage,
    failure_response,
    int_or_str,
    json_response,
)


def max_error(status: int, code: str, message: str = "") -> Failure:
    return Failure(status, {"code": code, "message": message})


MAX_ATTACHMENT_NOT_READY = max_error(400, "attachment.not.ready")
MAX_INVALID_TOKEN = max_error(401, "verify.token", "Invalid access_token")


class FakeMax(FakePlatform):
    """POST /messages?chat_id=… and POST /uploads?type=image with `Authorization: <token>`; uploads go to /upload/…"""

    platform = "max"
    TEXT_LIMIT = 4000

    def __init__(self, *, port: int = 0, verbose: bool = False) -> None:
        super().__init__(port=port, verbose=verbose)
        self._uploads = ImageUploads(self, max_error(400, "proto.payload", "no file in field 'data'"),
                                      lambda: str(5571234 + self._next_id()))

    def _method_name(self, path: str) -> str:
        if path.startswith("/upload/"):
            return "upload"
        return path.strip("/")

    def _handle(self, request: RecordedRequest) -> Response:
        if request.method_name == "upload":
            return self._uploads.receive(request)
        if not request.headers.get("Authorization"):
            return failure_response(MAX_INVALID_TOKEN)
        if request.method_name == "messages":
            return self._send_message(request)
        if request.method_name == "uploads":
            if request.query.get("type") not in {"image", "video", "audio", "file"}:
                return failure_response(max_error(400, "proto.payload", "type: unknown upload type"))
            return self._uploads.issue_url()
        return failure_response(max_error(404, "not.found", "Path not found"))

    def _send_message(self, request: RecordedRequest) -> Response:
        target = request.query.get("chat_id") or request.query.get("user_id")
        if not target:
            return failure_response(max_error(400, "proto.payload", "chat_id or user_id is required"))
        body = request.json if isinstance(request.json, dict) else {}
        text = str(body.get("text") or "")
        attachments = list(body.get("attachments") or [])
        if len(text) > self.TEXT_LIMIT:
            problem = f"text: size must be between 0 and {self.TEXT_LIMIT}"
            return failure_response(max_error(400, "proto.payload", problem))
        if not text and not attachments:
            return failure_response(max_error(400, "proto.payload", "text or attachments are required"))
        for attachment in attachments:
            photos = (attachment.get("payload") or {}).get("photos") or {}
            if attachment.get("type") != "image" or not photos or any(
                    not self._uploads.issued(p.get("token")) for p in photos.values()):
                return failure_response(max_error(400, "proto.payload", "attachments: invalid image"))
        link = body.get("link") or {}
        mid = f"mid.{self._next_id():032x}"
        self._deliver(SentMessage("messages", f"chat {target}", text, tuple("image" for _ in attachments), mid,
                                  link.get("mid") if link.get("type") == "reply" else None))
        message: dict[str, Any] = {
            "recipient": {"chat_id": int_or_str(target), "chat_type": "dialog"},
            "timestamp": int(time.time() * 1000),
            "body": {"mid": mid, "seq": self._next_id(), "text": text},
            "sender": {"user_id": 229229229, "first_name": "Fake bot", "is_bot": True, "name": "Fake bot"},
        }
        if link:
            message["link"] = {"type": link.get("type"), "chat_id": int_or_str(target),
                               "message": {"mid": link.get("mid")}}
        return json_response({"message": message})
