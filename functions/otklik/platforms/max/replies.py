"""Answers on MAX through its Bot API, each a reply to the resident's message."""
from __future__ import annotations

from typing import Any

import httpx

from otklik.domain.model import Channel
from otklik.platforms.replies import (
    OutgoingReply,
    PermanentDeliveryError,
    Photo,
    PlatformReplies,
    ReplyPart,
    TransientDeliveryError,
    is_transient_status,
    json_body,
    message_parts,
    require_platform,
    required_field,
    retry_after_header,
    split_text,
)

MAX_TEXT_LIMIT = 4000
# MAX documents no attachment count per message; ten is what VK and Telegram allow.
MAX_ATTACHMENTS_PER_MESSAGE = 10

_MAX_TRANSIENT_CODES = frozenset({"attachment.not.ready"})


class MaxReplyClient(PlatformReplies):
    """MAX Bot API: POST /messages?chat_id=…, replying with link {type: reply, mid}; images via /uploads."""

    def parts(self, reply: OutgoingReply) -> tuple[ReplyPart, ...]:
        require_platform(reply, Channel.MAX)
        return message_parts(split_text(reply.text, MAX_TEXT_LIMIT), reply.photos, MAX_ATTACHMENTS_PER_MESSAGE)

    def send_part(self, reply: OutgoingReply, part: ReplyPart, *, token: str) -> tuple[str, ...]:
        chat_id = required_field(reply.source, "chat_id")
        attachments = [self._image_attachment(photo, token) for photo in part.photos]
        body: dict[str, Any] = {"text": part.text} if part.text else {}
        if reply.source.message_id:
            body["link"] = {"type": "reply", "mid": reply.source.message_id}
        if attachments:
            body["attachments"] = attachments
        answer = self._call("/messages", token, params={"chat_id": chat_id}, json=body)
        return (str(answer["message"]["body"]["mid"]),)

    def _image_attachment(self, photo: Photo, token: str) -> dict[str, Any]:
        upload_url = self._call("/uploads", token, params={"type": "image"})["url"]
        # The upload URL is signed and may be on another host (iu.oneme.ru): the token is not sent there.
        response = self._post(upload_url, files={"data": (photo.file_name, photo.data, photo.content_type)})
        uploaded = _max_answer("photo upload", response)
        if not uploaded.get("photos"):
            raise PermanentDeliveryError(f"MAX did not accept the photo {photo.file_name!r}", "upload_rejected")
        return {"type": "image", "payload": {"photos": uploaded["photos"]}}

    def _call(self, path: str, token: str, **request: Any) -> dict[str, Any]:
        response = self._post(f"{self.base_url}{path}", headers={"Authorization": token}, **request)
        return _max_answer(path, response)


def _max_answer(what: str, response: httpx.Response) -> dict[str, Any]:
    body = json_body(response)
    if response.status_code < 400 and isinstance(body, dict):
        return body
    code = str(body["code"]) if isinstance(body, dict) and body.get("code") else None
    message = str(body.get("message") or "") if isinstance(body, dict) else ""
    description = message or code or f"HTTP {response.status_code}"
    if is_transient_status(response.status_code) or code in _MAX_TRANSIENT_CODES:
        raise TransientDeliveryError(f"MAX {what}: {description}" + (f" ({code})" if code and message else ""),
                                     retry_after_header(response))
    raise PermanentDeliveryError(description, code or str(response.status_code))
