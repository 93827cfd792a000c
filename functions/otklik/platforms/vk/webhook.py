"""VK Callback API events (exact field names) and their meaning for Otklik."""
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
    MAX_FORWARDED_MESSAGES,
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

TEXT_LIMIT = 16384
_GROUP_CHAT_PEER_BASE = 2_000_000_000


class CallbackEnvelope(WireModel):
    type: str
    group_id: int
    event_id: str | None = None
    v: str | None = None
    secret: str | None = None
    object: dict[str, Any] | None = None


class PhotoSize(WireModel):
    type: str | None = None
    url: str | None = None
    src: str | None = None  # older API versions give the address here instead of `url`
    width: int = 0
    height: int = 0


class Photo(WireModel):
    id: int
    owner_id: int
    access_key: str | None = None
    sizes: list[PhotoSize] = []


class WireAttachment(WireModel):
    type: str
    photo: Photo | None = None


class GeoCoordinates(WireModel):
    latitude: float
    longitude: float


class GeoPlace(WireModel):
    title: str | None = None


class Geo(WireModel):
    coordinates: GeoCoordinates | None = None
    place: GeoPlace | None = None


class ForwardedMessage(WireModel):
    """A message in `fwd_messages`: someone's message the resident forwarded, with its own forwards."""

    from_id: int | None = None
    date: UnixSeconds | None = None
    text: str = ""
    attachments: list[WireAttachment] = []
    geo: Geo | None = None
    fwd_messages: list[ForwardedMessage] = []


class PrivateMessage(WireModel):
    id: int
    date: UnixSeconds
    from_id: int
    peer_id: int
    out: int = 0
    text: str = ""
    conversation_message_id: int | None = None
    update_time: UnixSeconds | None = None
    attachments: list[WireAttachment] = []
    geo: Geo | None = None
    fwd_messages: list[ForwardedMessage] = []


class MessageNew(WireModel):
    message: PrivateMessage | None = None


class Comment(WireModel):
    """wall_reply_new, photo_comment_new and board_post_new share this shape (and their _edit events)."""

    id: int
    from_id: int
    date: UnixSeconds
    text: str = ""
    post_id: int | None = None
    owner_id: int | None = None
    post_owner_id: int | None = None
    photo_id: int | None = None
    photo_owner_id: int | None = None
    topic_id: int | None = None
    topic_owner_id: int | None = None
    reply_to_comment: int | None = None
    attachments: list[WireAttachment] = []


class WallPost(WireModel):
    # VK's model of wall_post_new's object requires none of its fields; a post without them cannot be answered.
    id: int | None = None
    from_id: int | None = None
    owner_id: int | None = None
    date: UnixSeconds | None = None
    text: str = ""
    post_type: str | None = None
    attachments: list[WireAttachment] = []


# Each event's `object` read with the envelope around it, so that a problem is named from the envelope's root
# (`object.message.text`), as VK names its fields.
class MessageNewEvent(WireModel):
    object: MessageNew


class MessageEditEvent(WireModel):
    object: PrivateMessage  # message_edit's object is the message itself


class CommentEvent(WireModel):
    object: Comment


class WallPostEvent(WireModel):
    object: WallPost


COMMENT_KINDS = {
    "wall_reply_new": SourceKind.WALL_COMMENT,
    "photo_comment_new": SourceKind.PHOTO_COMMENT,
    "board_post_new": SourceKind.BOARD_POST,
}
COMMENT_EDITS = {"wall_reply_edit": "wall_reply_new", "photo_comment_edit": "photo_comment_new",
                 "board_post_edit": "board_post_new"}
APPEAL_EVENT_TYPES = frozenset({"message_new", "wall_post_new", *COMMENT_KINDS})
EDIT_EVENT_TYPES = frozenset({"message_edit", *COMMENT_EDITS})


def interpret(envelope: CallbackEnvelope, *, account: str) -> PlatformEvent:
    body = {"object": envelope.object}
    if envelope.type == "message_new":
        message = MessageNewEvent.model_validate(body).object.message
        if message is None:
            return Ignored("message_new without a message")
        return _private_message(message, account)
    if envelope.type == "message_edit":
        return _message_edit(MessageEditEvent.model_validate(body).object)
    if envelope.type == "wall_post_new":
        return _suggested_post(WallPostEvent.model_validate(body).object, envelope, account)
    if envelope.type in COMMENT_KINDS:
        return _comment(CommentEvent.model_validate(body).object, envelope.type, envelope, account)
    if envelope.type in COMMENT_EDITS:
        return _comment_edit(CommentEvent.model_validate(body).object, COMMENT_EDITS[envelope.type], envelope)
    return Ignored(f"event type {envelope.type} not handled")


# The identity of what created an appeal is the message or comment itself, not the event that carried it:
# VK sends an edit as another event with an event_id of its own, and it must find the same appeal.
def message_key(message: PrivateMessage) -> str:
    if message.conversation_message_id:  # in group chats the community-side `id` is 0
        return f"message:{message.peer_id}_{message.conversation_message_id}"
    return f"message:{message.id}"


def comment_key(comment: Comment, event_type: str) -> str:
    if event_type == "photo_comment_new":
        return f"photo_comment:{comment.photo_owner_id}_{comment.id}"
    if event_type == "board_post_new":
        return f"board_comment:{comment.topic_owner_id}_{comment.topic_id}_{comment.id}"
    return f"wall_comment:{_comment_owner(comment)}_{comment.id}"


def post_key(post: WallPost) -> str:
    return f"wall_post:{post.owner_id}_{post.id}"


def _private_message(message: PrivateMessage, account: str) -> PlatformEvent:
    if message.out:
        return Ignored("outgoing message")
    check_length("object.message.text", message.text, TEXT_LIMIT)
    forwarded = _forwarded(message.fwd_messages)
    location = _location(message.geo) or next((loc for m in forwarded if (loc := _location(m.geo))), None)
    return NewMessage(
        IncomingMessage(
            source=SourceRef(
                platform=Channel.VK,
                account=account,
                kind=(SourceKind.GROUP_MESSAGE if message.peer_id >= _GROUP_CHAT_PEER_BASE
                      else SourceKind.PRIVATE_MESSAGE),
                event_id=message_key(message),
                chat_id=str(message.peer_id),
                message_id=str(message.id),
            ),
            author=_author(message.from_id),
            text=with_forwarded(message.text, (m.text for m in forwarded)),
            attachments=_attachments([*message.attachments, *(a for m in forwarded for a in m.attachments)]),
            location=location,
            sent_at=unix_time(message.date, "object.message.date"),
        )
    )


def _message_edit(message: PrivateMessage) -> PlatformEvent:
    if message.out:
        return Ignored("outgoing message")
    check_length("object.text", message.text, TEXT_LIMIT)
    text = with_forwarded(message.text, (m.text for m in _forwarded(message.fwd_messages)))
    if not text:
        return Ignored("edit without text")
    edited_at = unix_time(message.update_time, "object.update_time") if message.update_time else None
    return EditedMessage(event_id=message_key(message), text=text, edited_at=edited_at)


def _forwarded(messages: list[ForwardedMessage]) -> list[ForwardedMessage]:
    """Forwarded messages in reading order, those each forwards after it, at most MAX_FORWARDED_MESSAGES."""
    found: list[ForwardedMessage] = []
    pending = list(reversed(messages))
    while pending and len(found) < MAX_FORWARDED_MESSAGES:
        message = pending.pop()
        found.append(message)
        pending.extend(reversed(message.fwd_messages))
    return found


def _location(geo: Geo | None) -> Location | None:
    # VK's own model allows a geo without coordinates: nothing to place on a map then.
    if geo is None or geo.coordinates is None:
        return None
    return Location(latitude=geo.coordinates.latitude, longitude=geo.coordinates.longitude,
                    place=geo.place.title if geo.place else None)


def _suggested_post(post: WallPost, envelope: CallbackEnvelope, account: str) -> PlatformEvent:
    if post.post_type != "suggest" or post.from_id == -envelope.group_id:
        return Ignored("community's own post")
    check_length("object.text", post.text, TEXT_LIMIT)
    if post.id is None or post.owner_id is None or post.from_id is None or post.date is None:
        return Ignored("suggested post without its id, wall, author or date: nothing to answer")
    return NewMessage(
        IncomingMessage(
            source=SourceRef(
                platform=Channel.VK,
                account=account,
                kind=SourceKind.WALL_POST,
                event_id=post_key(post),
                owner_id=str(post.owner_id),
                post_id=str(post.id),
                link=f"https://vk.com/wall{post.owner_id}_{post.id}",
            ),
            author=_author(post.from_id),
            text=post.text,
            attachments=_attachments(post.attachments),
            sent_at=unix_time(post.date, "object.date"),
        )
    )


def _comment_owner(comment: Comment) -> int | None:
    return comment.post_owner_id or comment.owner_id or comment.photo_owner_id or comment.topic_owner_id


def _comment(comment: Comment, event_type: str, envelope: CallbackEnvelope, account: str) -> PlatformEvent:
    if comment.from_id == -envelope.group_id:
        return Ignored("community's own comment")
    check_length("object.text", comment.text, TEXT_LIMIT)
    kind = COMMENT_KINDS[event_type]
    owner_id = _comment_owner(comment)
    link = None
    if kind is SourceKind.WALL_COMMENT and owner_id is not None and comment.post_id is not None:
        link = f"https://vk.com/wall{owner_id}_{comment.post_id}?reply={comment.id}"
    return NewMessage(
        IncomingMessage(
            source=SourceRef(
                platform=Channel.VK,
                account=account,
                kind=kind,
                event_id=comment_key(comment, event_type),
                comment_id=str(comment.id),
                owner_id=str(owner_id) if owner_id is not None else None,
                post_id=str(comment.post_id) if comment.post_id is not None else None,
                photo_id=str(comment.photo_id) if comment.photo_id is not None else None,
                topic_id=str(comment.topic_id) if comment.topic_id is not None else None,
                link=link,
            ),
            author=_author(comment.from_id),
            text=comment.text,
            attachments=_attachments(comment.attachments),
            sent_at=unix_time(comment.date, "object.date"),
        )
    )


def _comment_edit(comment: Comment, created_as: str, envelope: CallbackEnvelope) -> PlatformEvent:
    if comment.from_id == -envelope.group_id:
        return Ignored("community's own comment")
    check_length("object.text", comment.text, TEXT_LIMIT)
    if not comment.text:
        return Ignored("edit without text")
    return EditedMessage(event_id=comment_key(comment, created_as), text=comment.text, edited_at=None)


def _author(from_id: int) -> Author:
    return Author(platform_user_id=str(from_id), profile_url=f"https://vk.com/id{from_id}" if from_id > 0 else None)


_ATTACHMENT_KINDS = {
    "photo": AttachmentKind.PHOTO,
    "video": AttachmentKind.VIDEO,
    "audio": AttachmentKind.AUDIO,
    "audio_message": AttachmentKind.VOICE,
    "doc": AttachmentKind.DOCUMENT,
    "sticker": AttachmentKind.STICKER,
}


def _attachments(wire: list[WireAttachment]) -> tuple[Attachment, ...]:
    found: list[Attachment] = []
    for item in wire:
        if item.type == "photo" and item.photo is not None:
            photo = item.photo
            largest = max(photo.sizes, key=lambda s: s.width * s.height, default=None)
            key = f"photo{photo.owner_id}_{photo.id}" + (f"_{photo.access_key}" if photo.access_key else "")
            found.append(
                Attachment(
                    kind=AttachmentKind.PHOTO,
                    platform_id=key,
                    url=(largest.url or largest.src) if largest else None,
                    width=largest.width if largest else None,
                    height=largest.height if largest else None,
                )
            )
        else:
            found.append(Attachment(kind=_ATTACHMENT_KINDS.get(item.type, AttachmentKind.OTHER)))
    return tuple(found)
