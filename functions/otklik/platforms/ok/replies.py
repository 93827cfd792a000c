"""Answers on OK (Odnoklassniki) through the group bot API, in the chat the resident wrote in."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

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

# OK documents no text limit for bot messages; MAX's is used as a cautious guess.
OK_TEXT_LIMIT = 4000
OK_ATTACHMENTS_PER_MESSAGE = 5

# From the OK REST API's error table (2 SERVICE "temporarily unavailable", 8 FLOOD_BLOCKED); whether the bot
# graph API answers with the same codes is UNCONFIRMED. Every other error_code is taken as permanent.
_OK_TRANSIENT_ERROR_CODES = frozenset({2, 8})


class OkReplyClient(PlatformReplies):
    """OK group bot API: POST /graph/me/messages/<chat_id>.

    UNCONFIRMED: the image upload flow. Only IMAGE attachments by URL are documented. For photos without a public
    URL this client assumes the flow OK shares with TamTam and MAX: `POST /graph/me/fetch-upload-url?type=IMAGE`
    gives `{"url"}`, a multipart POST of field `data` there gives `{"photos": {<id>: {"token"}}}`, and the
    attachment is `{"type": "IMAGE", "payload": {"token"}}`. The answer to a send and the error body format are
    unconfirmed too.
    """

    def parts(self, reply: OutgoingReply) -> tuple[ReplyPart, ...]:
        require_platform(reply, Channel.OK)
        return message_parts(split_text(reply.text, OK_TEXT_LIMIT), reply.photos, OK_ATTACHMENTS_PER_MESSAGE)

    def send_part(self, reply: OutgoingReply, part: ReplyPart, *, token: str) -> tuple[str, ...]:
        chat_id = required_field(reply.source, "chat_id")
        attachments = [self._image_attachment(photo, token) for photo in part.photos]
        message: dict[str, Any] = {}
        if part.text:
            message["text"] = part.text
        if len(attachments) == 1:
            message["attachment"] = attachments[0]
        elif attachments:
            message["attachments"] = attachments
        answer = self._call(f"/graph/me/messages/{quote(chat_id, safe=':')}", token,
                            json={"recipient": {"chat_id": chat_id}, "message": message})
        message_id = answer.get("message_id") or answer.get("mid")
        return (str(message_id),) if message_id else ()

    def _image_attachment(self, photo: Photo, token: str) -> dict[str, Any]:
        if photo.public_url:
            return {"type": "IMAGE", "payload": {"url": photo.public_url}}
        upload_url = self._call("/graph/me/fetch-upload-url", token, params={"type": "IMAGE"})["url"]
        uploaded = self._upload(upload_url, photo)
        tokens = [entry["token"] for entry in (uploaded.get("photos") or {}).values() if "token" in entry]
        if not tokens:
            raise PermanentDeliveryError(f"OK did not accept the photo {photo.file_name!r}", "upload_rejected")
        return {"type": "IMAGE", "payload": {"token": tokens[0]}}

    def _upload(self, upload_url: str, photo: Photo) -> dict[str, Any]:
        response = self._post(upload_url, files={"data": (photo.file_name, photo.data, photo.content_type)})
        return _ok_answer("photo upload", response)

    def _call(
        self, path: str, token: str, *, params: Mapping[str, str] | None = None, **request: Any
    ) -> dict[str, Any]:
        response = self._post(f"{self.base_url}{path}", params={**(params or {}), "access_token": token}, **request)
        return _ok_answer(path, response)


def _ok_answer(what: str, response: httpx.Response) -> dict[str, Any]:
    if is_transient_status(response.status_code):
        raise TransientDeliveryError(f"OK {what} answered HTTP {response.status_code}", retry_after_header(response))
    body = json_body(response)
    error_code = body.get("error_code") if isinstance(body, dict) else None
    if response.status_code >= 400 or error_code is not None:
        message = str(body.get("error_msg") or body.get("message") or "") if isinstance(body, dict) else ""
        reason = message or f"HTTP {response.status_code}"  # the platform's own words, for the operator
        if error_code is not None and int(error_code) in _OK_TRANSIENT_ERROR_CODES:
            raise TransientDeliveryError(f"OK {what}: {reason} (error {error_code})")
        raise PermanentDeliveryError(reason, str(error_code if error_code is not None else response.status_code))
    if isinstance(body, dict) and body.get("success") is False:
        raise PermanentDeliveryError(f"OK {what} answered success=false", "not_sent")
    return body if isinstance(body, dict) else {}
