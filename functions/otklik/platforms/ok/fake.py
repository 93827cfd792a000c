"""A fake OK group bot API for tests and the local stack (not deployed): messages and image uploads."""
from __future__ import annotations

import secrets

from werkzeug.wrappers import Response

from otklik.devstack.fake_server import (
    Failure,
    FakePlatform,
    ImageUploads,
    RecordedRequest,
    SentMessage,
    failure_response,
    json_response,
)


def ok_error(code: int, message: str, status: int = 200) -> Failure:
    """UNCONFIRMED shape for the bot API: the OK REST API's error body."""
    return Failure(status, {"error_code": code, "error_msg": message, "error_data": None})


class FakeOk(FakePlatform):
    """POST /graph/me/messages/<chat_id>?access_token=… and the (UNCONFIRMED) image upload flow.

    The answer to a send, `{"success": true, "message_id": …}`, and the error body are guesses."""

    platform = "ok"
    ATTACHMENT_LIMIT = 5

    def __init__(self, *, port: int = 0, verbose: bool = False) -> None:
        super().__init__(port=port, verbose=verbose)
        self._uploads = ImageUploads(self, ok_error(100, "PARAM : no file in field 'data'", status=400),
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
            return failure_response(ok_error(102, "PARAM_SESSION_EXPIRED : Session expired"))
        if request.method_name == "messages":
            return self._send_message(request)
        if request.method_name == "fetch-upload-url":
            return self._uploads.issue_url()
        return failure_response(ok_error(3, "METHOD : Method does not exist", status=404))

    def _send_message(self, request: RecordedRequest) -> Response:
        chat_id = request.path.removeprefix("/graph/me/messages/")
        body = request.json if isinstance(request.json, dict) else {}
        message = body.get("message") or {}
        if (body.get("recipient") or {}).get("chat_id") != chat_id:
            return failure_response(ok_error(100, "PARAM : recipient.chat_id does not match the URL"))
        attachments = (([message["attachment"]] if "attachment" in message else [])
                       + list(message.get("attachments") or []))
        if not message.get("text") and not attachments:
            return failure_response(ok_error(100, "PARAM : message is empty"))
        if len(attachments) > self.ATTACHMENT_LIMIT:
            return failure_response(ok_error(100, f"PARAM : at most {self.ATTACHMENT_LIMIT} attachments"))
        for attachment in attachments:
            payload = attachment.get("payload") or {}
            uploaded = payload.get("url") or self._uploads.issued(payload.get("token"))
            if attachment.get("type") != "IMAGE" or not uploaded:
                return failure_response(ok_error(100, "PARAM : invalid attachment"))
        message_id = f"mid:{chat_id.removeprefix('chat:')}.{self._next_id()}"
        described = tuple(str((a.get("payload") or {}).get("url") or "uploaded image") for a in attachments)
        self._deliver(SentMessage("messages", chat_id, str(message.get("text") or ""), described, message_id))
        return json_response({"success": True, "message_id": message_id})
