"""Odnoklassniki group Bot API webhook messages (exact field names) and their meaning for Otklik."""
from __future__ import annotations

from typing import Any

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
    NewMessage,
    PlatformEvent,
    UnixMillis,
    WireModel,
    check_length,
    location_from,
    unix_time,
)

TEXT_LIMIT = 4096



class Sender(WireModel):
    user_id: str
    name: str | None = None


class Recipient(WireModel):
    chat_id: str


class WireAttachment(WireModel):
    type: str
    payload: dict[str, Any] = {}


class Message(WireModel):
    mid: str
    seq: int | None = None
    text: str | None = None
    attachments: list[WireAttachment] = []


class Update(WireModel):
    webhookType: str | None = None
    sender: Sender | None = None
    recipient: Recipient | None = None
    message: Message | None = None
    timestamp: UnixMillis


def interpret(update: Update, *, account: str) -> PlatformEvent:
    # The documented official examples carry no webhookType: a message with a sender is MESSAGE_CREATED.
    if update.webhookType not in (None, "MESSAGE_CREATED"):
        return Ignored(f"webhook type {update.webhookType} not handled")
    if update.message is None or update.sender is None or update.recipient is None:
        return Ignored("not a resident's message")
    message = update.message
    text = check_length("message.text", message.text or "", TEXT_LIMIT)
    attachments, location = _attachments(message.attachments)
    if not text and not attachments and location is None:
        return Ignored("empty message")
    return NewMessage(
        IncomingMessage(
            source=SourceRef(
                platform=Channel.OK,
                account=account,
                kind=SourceKind.PRIVATE_MESSAGE,
                event_id=message.mid,
                chat_id=update.recipient.chat_id,
                message_id=message.mid,
            ),
            author=Author(platform_user_id=update.sender.user_id, display_name=update.sender.name),
            text=text,
            attachments=attachments,
            location=location,
            sent_at=unix_time(update.timestamp / 1000, "timestamp"),
        )
    )


_KINDS = {
    "IMAGE": AttachmentKind.PHOTO,
    "VIDEO": AttachmentKind.VIDEO,
    "AUDIO": AttachmentKind.VOICE,
    "MUSIC": AttachmentKind.AUDIO,
    "FILE": AttachmentKind.DOCUMENT,
    "STICKER": AttachmentKind.STICKER,
}


def _attachments(wire: list[WireAttachment]) -> tuple[tuple[Attachment, ...], Location | None]:
    found: list[Attachment] = []
    location: Location | None = None
    for item in wire:
        if item.type == "LOCATION":
            location = location_from(item.payload) or location
            continue
        url = item.payload.get("url")
        found.append(Attachment(kind=_KINDS.get(item.type, AttachmentKind.OTHER), url=str(url) if url else None))
    return tuple(found), location

