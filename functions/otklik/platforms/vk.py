"""VK Callback API events (exact field names) and their meaning for Otklik."""
from __future__ import annotations

from datetime import UTC, datetime
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
    InvalidPayload,
    NewMessage,
    PlatformEvent,
    UnixSeconds,
    WireModel,
    check_length,
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
    url: str
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
    coordinates: GeoCoordinates
    place: GeoPlace | None = None


class PrivateMessage(WireModel):
    id: int
    date: UnixSeconds
    from_id: int
    peer_id: int
    out: int = 0
    text: str = ""
    conversation_message_id: int | None = None
    attachments: list[WireAttachment] = []
    geo: Geo | None = None


class MessageNew(WireModel):
    message: PrivateMessage


class Comment(WireModel):
    """wall_reply_new, photo_comment_new and board_post_new share this shape."""

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
    id: int
    from_id: int
    owner_id: int
    date: UnixSeconds
    text: str = ""
    post_type: str | None = None
    attachments: list[WireAttachment] = []


APPEAL_EVENT_TYPES = frozenset({"message_new", "wall_reply_new", "wall_post_new", "photo_comment_new", "board_post_new"})


def interpret(envelope: CallbackEnvelope, *, account: str) -> PlatformEvent:
    if envelope.type not in APPEAL_EVENT_TYPES:
        return Ignored(f"event type {envelope.type} not handled")
    if not envelope.event_id:
        raise InvalidPayload("event_id is required for appeal events")
    body = envelope.object or {}
    if envelope.type == "message_new":
        return _private_message(MessageNew.model_validate(body).message, envelope, account)
    if envelope.type == "wall_post_new":
        return _suggested_post(WallPost.model_validate(body), envelope, account)
    return _comment(Comment.model_validate(body), envelope, account)


def _private_message(message: PrivateMessage, envelope: CallbackEnvelope, account: str) -> PlatformEvent:
    if message.out:
        return Ignored("outgoing message")
    check_length("object.message.text", message.text, TEXT_LIMIT)
    location = None
    if message.geo is not None:
        location = Location(
            latitude=message.geo.coordinates.latitude,
            longitude=message.geo.coordinates.longitude,
            place=message.geo.place.title if message.geo.place else None,
        )
    return NewMessage(
        IncomingMessage(
            source=SourceRef(
                platform=Channel.VK,
                account=account,
                kind=SourceKind.GROUP_MESSAGE if message.peer_id >= _GROUP_CHAT_PEER_BASE else SourceKind.PRIVATE_MESSAGE,
                event_id=envelope.event_id or "",
                chat_id=str(message.peer_id),
                message_id=str(message.id),
            ),
            author=_author(message.from_id),
            text=message.text,
            attachments=_attachments(message.attachments),
            location=location,
            sent_at=_utc(message.date),
        )
    )


def _suggested_post(post: WallPost, envelope: CallbackEnvelope, account: str) -> PlatformEvent:
    if post.post_type != "suggest" or post.from_id == -envelope.group_id:
        return Ignored("community's own post")
    check_length("object.text", post.text, TEXT_LIMIT)
    return NewMessage(
        IncomingMessage(
            source=SourceRef(
                platform=Channel.VK,
                account=account,
                kind=SourceKind.WALL_POST,
                event_id=envelope.event_id or "",
                owner_id=str(post.owner_id),
                post_id=str(post.id),
                link=f"https://vk.com/wall{post.owner_id}_{post.id}",
            ),
            author=_author(post.from_id),
            text=post.text,
            attachments=_attachments(post.attachments),
            sent_at=_utc(post.date),
        )
    )


def _comment(comment: Comment, envelope: CallbackEnvelope, account: str) -> PlatformEvent:
    if comment.from_id == -envelope.group_id:
        return Ignored("community's own comment")
    check_length("object.text", comment.text, TEXT_LIMIT)
    kind = {
        "wall_reply_new": SourceKind.WALL_COMMENT,
        "photo_comment_new": SourceKind.PHOTO_COMMENT,
        "board_post_new": SourceKind.BOARD_POST,
    }[envelope.type]
    owner_id = comment.post_owner_id or comment.owner_id or comment.photo_owner_id or comment.topic_owner_id
    link = None
    if kind is SourceKind.WALL_COMMENT and owner_id is not None and comment.post_id is not None:
        link = f"https://vk.com/wall{owner_id}_{comment.post_id}?reply={comment.id}"
    return NewMessage(
        IncomingMessage(
            source=SourceRef(
                platform=Channel.VK,
                account=account,
                kind=kind,
                event_id=envelope.event_id or "",
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
            sent_at=_utc(comment.date),
        )
    )


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
                    url=largest.url if largest else None,
                    width=largest.width if largest else None,
                    height=largest.height if largest else None,
                )
            )
        else:
            found.append(Attachment(kind=_ATTACHMENT_KINDS.get(item.type, AttachmentKind.OTHER)))
    return tuple(found)


def _utc(unix_seconds: int) -> datetime:
    return datetime.fromtimestamp(unix_seconds, UTC)
