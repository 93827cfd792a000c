"""Answers on Telegram, each a reply to the resident's message: texts, photos and media groups of the Bot API."""
from __future__ import annotations

import json
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
    batches,
    is_transient_status,
    json_body,
    positive_int_or_none,
    require_platform,
    required_field,
    retry_after_header,
    split_text,
    utf16_length,
)

TELEGRAM_TEXT_LIMIT = 4096
TELEGRAM_CAPTION_LIMIT = 1024
TELEGRAM_MEDIA_GROUP_SIZE = 10


class TelegramReplyClient(PlatformReplies):
    """Telegram Bot API: sendMessage / sendPhoto / sendMediaGroup, each replying to the resident's message.

    The photos go first, in media groups of up to ten, with the text as the first one's caption if it fits one;
    a text that does not follows in messages of its own."""

    def parts(self, reply: OutgoingReply) -> tuple[ReplyPart, ...]:
        require_platform(reply, Channel.TELEGRAM)
        text_as_caption = bool(reply.photos) and utf16_length(reply.text) <= TELEGRAM_CAPTION_LIMIT
        caption = reply.text if text_as_caption and reply.text.strip() else ""
        photo_groups = [(caption if index == 0 else "", group)
                        for index, group in enumerate(batches(reply.photos, TELEGRAM_MEDIA_GROUP_SIZE))]
        texts = [] if text_as_caption else [(chunk, ()) for chunk in split_text(reply.text, TELEGRAM_TEXT_LIMIT)]
        return tuple(ReplyPart(index, text, photos) for index, (text, photos) in enumerate([*photo_groups, *texts]))

    def send_part(self, reply: OutgoingReply, part: ReplyPart, *, token: str) -> tuple[str, ...]:
        chat_id = _telegram_chat_id(required_field(reply.source, "chat_id"))
        reply_parameters = _telegram_reply_parameters(reply.source.message_id)
        if part.photos:
            return tuple(self._send_photos(token, chat_id, part.photos, part.text or None, reply_parameters))
        body: dict[str, Any] = {"chat_id": chat_id, "text": part.text}
        if reply_parameters:
            body["reply_parameters"] = reply_parameters
        return (str(self._call(token, "sendMessage", json=body)["message_id"]),)

    def _send_photos(self, token: str, chat_id: int | str, photos: tuple[Photo, ...], caption: str | None,
                     reply_parameters: dict[str, Any] | None) -> list[str]:
        form: dict[str, str] = {"chat_id": str(chat_id)}
        if reply_parameters:
            form["reply_parameters"] = json.dumps(reply_parameters, ensure_ascii=False)
        if len(photos) == 1:
            photo = photos[0]
            if caption:
                form["caption"] = caption
            result = self._call(token, "sendPhoto", data=form,
                                files={"photo": (photo.file_name, photo.data, photo.content_type)})
            return [str(result["message_id"])]
        media = [{"type": "photo", "media": f"attach://photo{i}"} for i in range(len(photos))]
        if caption:
            media[0]["caption"] = caption
        form["media"] = json.dumps(media, ensure_ascii=False)
        files = {f"photo{i}": (p.file_name, p.data, p.content_type) for i, p in enumerate(photos)}
        return [str(message["message_id"]) for message in self._call(token, "sendMediaGroup", data=form, files=files)]

    def _call(self, token: str, method: str, **request: Any) -> Any:
        response = self._post(f"{self.base_url}/bot{token}/{method}", **request)
        body = json_body(response)
        if isinstance(body, dict) and body.get("ok") is True:
            return body["result"]
        raise _telegram_error(method, response, body)


def _telegram_chat_id(chat_id: str) -> int | str:
    return int(chat_id) if chat_id.lstrip("-").isdigit() else chat_id


def _telegram_reply_parameters(message_id: str | None) -> dict[str, Any] | None:
    replied = positive_int_or_none(message_id)
    if replied is None:
        return None
    # If the resident deleted their message, the answer still goes out, just not as a reply.
    return {"message_id": replied, "allow_sending_without_reply": True}


def _telegram_error(method: str, response: httpx.Response, body: Any) -> Exception:
    if not isinstance(body, dict):
        if is_transient_status(response.status_code):
            return TransientDeliveryError(f"Telegram {method} answered HTTP {response.status_code}",
                                          retry_after_header(response))
        return PermanentDeliveryError(f"Telegram {method} answered HTTP {response.status_code}",
                                      str(response.status_code))
    code = int(body.get("error_code") or response.status_code)
    description = str(body.get("description") or f"HTTP {response.status_code}")
    if is_transient_status(code):
        retry_after = (body.get("parameters") or {}).get("retry_after")
        return TransientDeliveryError(f"Telegram {method}: {description}",
                                      float(retry_after) if retry_after is not None else retry_after_header(response))
    return PermanentDeliveryError(description, str(code))
