"""MAX Bot API webhook updates (exact field names) and their meaning for Otklik."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import ConfigDict

from otklik.domain.model import (
    Attachment,
    AttachmentKind,
    Author,
    Channel,
    IncomingMessage,
    Location,
    SourceKind,
    SourceRef,
)
from otklik.platforms.events import (
    Ignored,
    InvalidPayload,
    NewMessage,
    PlatformEvent,
    UnixMillis,
    WireModel,
    check_length,
    location_from,
)

TEXT_LIMIT = 4000
# The subscription's secret comes back in this header with every update.
SECRET_HEADER = "X-Max-Bot-Api-Secret"



class User(WireModel):
    user_id: int
    first_name: str | None = None
    last_name: str | None = None
    name: str | None = None
    username: str | None = None
    is_bot: bool = False


class Recipient(WireModel):
    chat_id: int | None = None
    chat_type: str
    user_id: int | None = None


class WireAttachment(WireModel):
    model_config = ConfigDict(extra="allow", frozen=True, defer_build=True)
    type: str
    payload: dict[str, Any] | None = None


class Body(WireModel):
    mid: str
    seq: int | None = None
    text: str | None = None
    attachments: list[WireAttachment] | None = None


class LinkedMessage(WireModel):
    type: str
    sender: User | None = None


class Message(WireModel):
    sender: User | None = None
    recipient: Recipient
    timestamp: UnixMillis
    body: Body
    link: LinkedMessage | None = None


class Update(WireModel):
    update_type: str
    timestamp: UnixMillis
    message: Message | None = None


def interpret(update: Update, *, account: str, bot_username: str | None, bot_user_id: int | None) -> PlatformEvent:
    if update.update_type != "message_created":
        return Ignored(f"update type {update.update_type} not handled")
    message = update.message
    if message is None:
        raise InvalidPayload("message is required for message_created")
    if message.sender is None or message.sender.is_bot:
        return Ignored("not from a resident")
    if message.recipient.chat_type == "channel":
        return Ignored("channel post")
    text = check_length("message.body.text", message.body.text or "", TEXT_LIMIT)
    if message.recipient.chat_type != "dialog" and not _addresses_bot(message, text, bot_username, bot_user_id):
        return Ignored("group message not addressed to the bot")
    attachments, location = _attachments(message.body.attachments or [])
    if not text and not attachments and location is None:
        return Ignored("empty message")
    sender = message.sender
    return NewMessage(
        IncomingMessage(
            source=SourceRef(
                platform=Channel.MAX,
                account=account,
                kind=SourceKind.PRIVATE_MESSAGE if message.recipient.chat_type == "dialog" else SourceKind.GROUP_MESSAGE,
                event_id=message.body.mid,
                chat_id=str(message.recipient.chat_id) if message.recipient.chat_id is not None else None,
                message_id=message.body.mid,
            ),
            author=Author(
                platform_user_id=str(sender.user_id),
                display_name=sender.name or " ".join(p for p in (sender.first_name, sender.last_name) if p) or None,
                username=sender.username,
            ),
            text=text,
            attachments=attachments,
            location=location,
            sent_at=datetime.fromtimestamp(message.timestamp / 1000, UTC),
        )
    )


def _addresses_bot(message: Message, text: str, bot_username: str | None, bot_user_id: int | None) -> bool:
    link = message.link
    if link and link.type == "reply" and link.sender and link.sender.user_id == bot_user_id:
        return True
    return bool(bot_username) and f"@{bot_username}".lower() in text.lower()


_KINDS = {
    "image": AttachmentKind.PHOTO,
    "video": AttachmentKind.VIDEO,
    "audio": AttachmentKind.VOICE,
    "file": AttachmentKind.DOCUMENT,
    "sticker": AttachmentKind.STICKER,
}


def _attachments(wire: list[WireAttachment]) -> tuple[tuple[Attachment, ...], Location | None]:
    found: list[Attachment] = []
    location: Location | None = None
    for item in wire:
        extra = item.model_extra or {}
        if item.type == "location":
            location = location_from(extra)
            continue
        payload = item.payload or {}
        photo_id = payload.get("photo_id")
        found.append(
            Attachment(
                kind=_KINDS.get(item.type, AttachmentKind.OTHER),
                platform_id=str(photo_id) if photo_id is not None else payload.get("token"),
                url=payload.get("url"),
                file_name=extra.get("filename"),
                size_bytes=extra.get("size"),
            )
        )
    return tuple(found), location

