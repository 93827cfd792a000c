"""MAX Bot API webhook updates (exact field names) and their meaning for Otklik."""
from __future__ import annotations

from datetime import datetime
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
    EditedMessage,
    Ignored,
    NewMessage,
    PlatformEvent,
    UnixMillis,
    WireModel,
    check_length,
    location_from,
    unix_time,
    with_forwarded,
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
    type: str  # "forward" or "reply"
    sender: User | None = None
    chat_id: int | None = None
    message: Body | None = None


class Message(WireModel):
    sender: User | None = None
    recipient: Recipient
    timestamp: UnixMillis
    # MAX's own models let it be null ("if message contains only forwarded message").
    body: Body | None = None
    link: LinkedMessage | None = None


class Update(WireModel):
    update_type: str
    timestamp: UnixMillis
    message: Message | None = None


def interpret(update: Update, *, account: str, bot_username: str | None, bot_user_id: int | None) -> PlatformEvent:
    if update.update_type == "message_edited":
        return _edit(update.message, edited_at=unix_time(update.timestamp / 1000, "timestamp"))
    if update.update_type != "message_created":
        return Ignored(f"update type {update.update_type} not handled")
    message = update.message
    if message is None:
        # What MAX cannot show a bot (a native voice note) comes as a bare message_created: no sender, no chat.
        return Ignored("message_created without a message: content MAX does not show bots")
    if message.sender is None or message.sender.is_bot:
        return Ignored("not from a resident")
    if message.recipient.chat_type == "channel":
        return Ignored("channel post")
    body = message.body
    own_text = check_length("message.body.text", body.text or "", TEXT_LIMIT) if body is not None else ""
    if message.recipient.chat_type != "dialog" and not _addresses_bot(message, own_text, bot_username, bot_user_id):
        return Ignored("group message not addressed to the bot")
    forwarded = _forwarded(message)
    text = with_forwarded(own_text, [forwarded.text or ""] if forwarded else [])
    attachments, location = _attachments([*_attachments_of(body), *_attachments_of(forwarded)])
    if not text and not attachments and location is None:
        # MAX sends no empty messages: this one holds what it does not give bots. Kept, so that someone answers it.
        attachments = (Attachment(kind=AttachmentKind.OTHER),)
    sender = message.sender
    return NewMessage(
        IncomingMessage(
            source=SourceRef(
                platform=Channel.MAX,
                account=account,
                kind=(SourceKind.PRIVATE_MESSAGE if message.recipient.chat_type == "dialog"
                      else SourceKind.GROUP_MESSAGE),
                event_id=_event_id(message),
                chat_id=str(message.recipient.chat_id) if message.recipient.chat_id is not None else None,
                message_id=body.mid if body is not None else None,
            ),
            author=Author(
                platform_user_id=str(sender.user_id),
                display_name=sender.name or " ".join(p for p in (sender.first_name, sender.last_name) if p) or None,
                username=sender.username,
            ),
            text=text,
            attachments=attachments,
            location=location,
            sent_at=unix_time(message.timestamp / 1000, "message.timestamp"),
        )
    )


def _edit(message: Message | None, edited_at: datetime) -> PlatformEvent:
    if message is None or message.body is None:
        return Ignored("edit without a message")
    if message.sender is None or message.sender.is_bot:
        return Ignored("not from a resident")
    own_text = check_length("message.body.text", message.body.text or "", TEXT_LIMIT)
    forwarded = _forwarded(message)
    text = with_forwarded(own_text, [forwarded.text or ""] if forwarded else [])
    if not text:
        return Ignored("edit without text")
    return EditedMessage(event_id=_event_id(message), text=text, edited_at=edited_at)


def _attachments_of(body: Body | None) -> list[WireAttachment]:
    return (body.attachments or []) if body is not None else []


def _forwarded(message: Message) -> Body | None:
    link = message.link
    return link.message if link is not None and link.type == "forward" else None


def _event_id(message: Message) -> str:
    """The message's `mid`; a message without a body has none, so its place, author and time stand in."""
    if message.body is not None:
        return message.body.mid
    forwarded = _forwarded(message)
    sender = message.sender.user_id if message.sender else None
    what = f"forward:{forwarded.mid}" if forwarded is not None else "unreadable"
    return f"{message.recipient.chat_id}:{sender}:{message.timestamp}:{what}"


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
            location = location_from(extra) or location
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

