"""Telegram Bot API webhook updates (exact field names) and their meaning for Otklik."""
from __future__ import annotations

from pydantic import Field

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
    UnixSeconds,
    WireModel,
    check_length,
    unix_time,
    with_forwarded,
)

TEXT_LIMIT = 4096
# setWebhook's secret_token comes back in this header with every update.
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
CAPTION_LIMIT = 1024



class User(WireModel):
    id: int
    is_bot: bool = False
    first_name: str = ""
    last_name: str | None = None
    username: str | None = None


class Chat(WireModel):
    id: int
    type: str
    title: str | None = None


class PhotoSize(WireModel):
    file_id: str
    file_unique_id: str
    width: int
    height: int
    file_size: int | None = None


class FileObject(WireModel):
    file_id: str
    file_unique_id: str
    file_size: int | None = None
    mime_type: str | None = None
    file_name: str | None = None
    width: int | None = None
    height: int | None = None


class TgLocation(WireModel):
    latitude: float
    longitude: float
    horizontal_accuracy: float | None = None


class MessageEntity(WireModel):
    type: str
    offset: int
    length: int


class ReplyTarget(WireModel):
    message_id: int
    from_: User | None = Field(default=None, alias="from")


class ForwardOrigin(WireModel):
    """MessageOrigin: who wrote a forwarded message (a user, a hidden user, a chat or a channel)."""

    type: str
    date: UnixSeconds | None = None


class Message(WireModel):
    message_id: int
    from_: User | None = Field(default=None, alias="from")
    chat: Chat
    date: UnixSeconds
    edit_date: UnixSeconds | None = None
    text: str | None = None
    caption: str | None = None
    entities: list[MessageEntity] = []
    caption_entities: list[MessageEntity] = []
    photo: list[PhotoSize] | None = None
    voice: FileObject | None = None
    audio: FileObject | None = None
    video: FileObject | None = None
    video_note: FileObject | None = None
    document: FileObject | None = None
    sticker: FileObject | None = None
    location: TgLocation | None = None
    reply_to_message: ReplyTarget | None = None
    forward_origin: ForwardOrigin | None = None
    forward_date: UnixSeconds | None = None  # before Bot API 7.0 a forward carried forward_date (and forward_from)


class Update(WireModel):
    update_id: int
    message: Message | None = None
    edited_message: Message | None = None


def message_event_id(chat_id: int, message_id: int) -> str:
    # (chat, message) rather than update_id: it is what an edit refers to, and update_id
    # restarts at random after a week without updates.
    return f"{chat_id}:{message_id}"


def interpret(update: Update, *, account: str, bot_username: str | None, bot_user_id: int | None) -> PlatformEvent:
    if update.edited_message is not None:
        edited = update.edited_message
        text = edited.text if edited.text is not None else edited.caption
        if text is None:
            return Ignored("edit without text")
        check_length("edited_message.text", text, TEXT_LIMIT)
        return EditedMessage(
            event_id=message_event_id(edited.chat.id, edited.message_id),
            text=text,
            edited_at=unix_time(edited.edit_date or edited.date, "edited_message.edit_date"),
        )
    message = update.message
    if message is None:
        return Ignored("update kind not handled")
    if message.from_ is None or message.from_.is_bot:
        return Ignored("not from a resident")
    if message.chat.type == "channel":
        return Ignored("channel post")
    if message.chat.type != "private" and not _addresses_bot(message, bot_username, bot_user_id):
        return Ignored("group message not addressed to the bot")
    text = _text_of(message)
    if message.forward_origin is not None or message.forward_date is not None:
        # A forward is a message of its own: what it carries is someone else's, the resident's words come apart.
        text = with_forwarded("", [text])
    attachments = _attachments(message)
    location = _location(message)
    if not text and not attachments and location is None:
        return Ignored("service message")
    if _is_only_a_command(message):
        return Ignored("bot command")
    return NewMessage(
        IncomingMessage(
            source=SourceRef(
                platform=Channel.TELEGRAM,
                account=account,
                kind=SourceKind.PRIVATE_MESSAGE if message.chat.type == "private" else SourceKind.GROUP_MESSAGE,
                event_id=message_event_id(message.chat.id, message.message_id),
                chat_id=str(message.chat.id),
                message_id=str(message.message_id),
            ),
            author=Author(
                platform_user_id=str(message.from_.id),
                display_name=" ".join(p for p in (message.from_.first_name, message.from_.last_name) if p) or None,
                username=message.from_.username,
                profile_url=f"https://t.me/{message.from_.username}" if message.from_.username else None,
            ),
            text=text,
            attachments=attachments,
            location=location,
            sent_at=unix_time(message.date, "message.date"),
        )
    )


def _text_of(message: Message) -> str:
    if message.text is not None:
        return check_length("message.text", message.text, TEXT_LIMIT)
    if message.caption is not None:
        return check_length("message.caption", message.caption, CAPTION_LIMIT)
    return ""


def _addresses_bot(message: Message, bot_username: str | None, bot_user_id: int | None) -> bool:
    reply = message.reply_to_message
    if reply and reply.from_ and (reply.from_.id == bot_user_id
                                  or (bot_username and reply.from_.username == bot_username)):
        return True
    text = message.text or message.caption or ""
    entities = message.entities or message.caption_entities
    mention = f"@{bot_username}".lower() if bot_username else None
    return any(
        e.type == "mention" and mention and text[e.offset : e.offset + e.length].lower() == mention for e in entities
    )


def _is_only_a_command(message: Message) -> bool:
    text = message.text or ""
    return any(e.type == "bot_command" and e.offset == 0 and e.length == len(text.strip()) for e in message.entities)


def _attachments(message: Message) -> tuple[Attachment, ...]:
    found: list[Attachment] = []
    if message.photo:
        largest = max(message.photo, key=lambda p: p.width * p.height)
        found.append(
            Attachment(
                kind=AttachmentKind.PHOTO,
                platform_id=largest.file_id,
                width=largest.width,
                height=largest.height,
                size_bytes=largest.file_size,
            )
        )
    for kind, media in (
        (AttachmentKind.VOICE, message.voice),
        (AttachmentKind.AUDIO, message.audio),
        (AttachmentKind.VIDEO, message.video or message.video_note),
        (AttachmentKind.DOCUMENT, message.document),
        (AttachmentKind.STICKER, message.sticker),
    ):
        if media is not None:
            found.append(
                Attachment(
                    kind=kind,
                    platform_id=media.file_id,
                    size_bytes=media.file_size,
                    mime_type=media.mime_type,
                    file_name=media.file_name,
                    width=media.width,
                    height=media.height,
                )
            )
    return tuple(found)


def _location(message: Message) -> Location | None:
    if message.location is None:
        return None
    return Location(
        latitude=message.location.latitude,
        longitude=message.location.longitude,
        accuracy_m=message.location.horizontal_accuracy,
    )
