"""Our wire models against the platforms' own: a field a platform's model lets it leave out (or send as null) must
not be one we require, or a whole event the platform considers valid would be refused with 400.

The platforms' models: VK's vk-api-schema (through vkbottle-types, generated from it, and the envelope's
definition in tests/fixtures/platforms/vk), MAX's maxapi update models, and the Telegram Bot API specification's
types (tests/fixtures/platforms/telegram/_api_types.json)."""
from __future__ import annotations

import json
import types
import typing
from dataclasses import dataclass
from typing import Any

import pytest
from maxapi.types import message as max_models
from maxapi.types import users as max_users
from maxapi.types.attachments.attachment import Attachment as MaxAttachment
from maxapi.types.attachments.location import Location as MaxLocation
from maxapi.types.updates.message_created import MessageCreated
from maxapi.types.updates.message_edited import MessageEdited
from pydantic import BaseModel
from vkbottle_types import objects as vk_objects
from vkbottle_types.events.objects import group_event_objects as vk_events

from otklik.platforms.max import webhook as max_platform
from otklik.platforms.telegram import webhook as telegram
from otklik.platforms.vk import webhook as vk
from tests.support import FIXTURES


@dataclass(frozen=True)
class Field:
    required: bool
    nullable: bool


def pydantic_fields(model: type[BaseModel]) -> dict[str, Field]:
    return {info.alias or name: Field(info.is_required(), _accepts_none(info.annotation))
            for name, info in model.model_fields.items()}


def _accepts_none(annotation: Any) -> bool:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return any(_accepts_none(a) for a in typing.get_args(annotation))
    return annotation is type(None) or annotation is Any


def telegram_fields(name: str) -> dict[str, Field]:
    """Telegram leaves optional fields out; it never sends null."""
    spec = json.loads((FIXTURES / "telegram" / "_api_types.json").read_text(encoding="utf-8"))["types"][name]
    return {f["name"]: Field(f["required"], nullable=False) for f in spec["fields"]}


def vk_schema_fields(definition: str) -> dict[str, Field]:
    """VK's schema marks what is required; it never sends null."""
    spec = json.loads((FIXTURES / "vk" / "_schema_callback_base.json").read_text(encoding="utf-8"))[definition]
    return {name: Field(bool(p.get("required")), nullable=False) for name, p in spec["properties"].items()}


def vk_fields(model: type[BaseModel]) -> dict[str, Field]:
    # vkbottle-types writes every optional property as `X | None = None`: VK leaves such fields out, not null.
    return {name: Field(field.required, nullable=False) for name, field in pydantic_fields(model).items()}


def max_update_fields(model: type[BaseModel]) -> dict[str, Field]:
    # update_type tells MAX's Update kinds apart: MAX's schema requires it; maxapi fills it in per class.
    return pydantic_fields(model) | {"update_type": Field(required=True, nullable=False)}


PAIRS: dict[str, tuple[type[BaseModel], dict[str, Field]]] = {
    "vk envelope": (vk.CallbackEnvelope, vk_schema_fields("callback_base")),
    "vk message_new object": (vk.MessageNew, vk_fields(vk_events.MessageNewObject)),
    "vk message": (vk.PrivateMessage, vk_fields(vk_objects.MessagesMessage)),
    "vk forwarded message": (vk.ForwardedMessage, vk_fields(vk_objects.MessagesForeignMessage)),
    "vk wall comment": (vk.Comment, vk_fields(vk_events.WallReplyNewObject)),
    "vk photo comment": (vk.Comment, vk_fields(vk_events.PhotoCommentNewObject)),
    "vk board comment": (vk.Comment, vk_fields(vk_events.BoardPostNewObject)),
    "vk wall post": (vk.WallPost, vk_fields(vk_events.WallPostNewObject)),
    "vk message attachment": (vk.WireAttachment, vk_fields(vk_objects.MessagesMessageAttachment)),
    "vk wall attachment": (vk.WireAttachment, vk_fields(vk_objects.WallWallpostAttachment)),
    "vk photo": (vk.Photo, vk_fields(vk_objects.PhotosPhoto)),
    "vk photo size": (vk.PhotoSize, vk_fields(vk_objects.PhotosPhotoSizes)),
    "vk geo": (vk.Geo, vk_fields(vk_objects.BaseGeo)),
    "vk geo coordinates": (vk.GeoCoordinates, vk_fields(vk_objects.BaseGeoCoordinates)),
    "vk place": (vk.GeoPlace, vk_fields(vk_objects.BasePlace)),
    "max message_created": (max_platform.Update, max_update_fields(MessageCreated)),
    "max message_edited": (max_platform.Update, max_update_fields(MessageEdited)),
    "max message": (max_platform.Message, pydantic_fields(max_models.Message)),
    "max body": (max_platform.Body, pydantic_fields(max_models.MessageBody)),
    "max linked message": (max_platform.LinkedMessage, pydantic_fields(max_models.LinkedMessage)),
    "max recipient": (max_platform.Recipient, pydantic_fields(max_models.Recipient)),
    "max user": (max_platform.User, pydantic_fields(max_users.User)),
    "max attachment": (max_platform.WireAttachment, pydantic_fields(MaxAttachment)),
    "max location attachment": (max_platform.WireAttachment, pydantic_fields(MaxLocation)),
    "telegram update": (telegram.Update, telegram_fields("Update")),
    "telegram message": (telegram.Message, telegram_fields("Message")),
    "telegram replied message": (telegram.ReplyTarget, telegram_fields("Message")),
    "telegram user": (telegram.User, telegram_fields("User")),
    "telegram chat": (telegram.Chat, telegram_fields("Chat")),
    "telegram photo size": (telegram.PhotoSize, telegram_fields("PhotoSize")),
    **{f"telegram {name.lower()}": (telegram.FileObject, telegram_fields(name))
       for name in ("Voice", "Audio", "Video", "VideoNote", "Document", "Sticker")},
    "telegram location": (telegram.TgLocation, telegram_fields("Location")),
    "telegram entity": (telegram.MessageEntity, telegram_fields("MessageEntity")),
    **{f"telegram {name}": (telegram.ForwardOrigin, telegram_fields(name))
       for name in ("MessageOriginUser", "MessageOriginHiddenUser", "MessageOriginChat", "MessageOriginChannel")},
}


@pytest.mark.parametrize("pair", PAIRS, ids=list(PAIRS))
def test_we_require_nothing_the_platforms_own_model_lets_it_leave_out(pair: str) -> None:
    ours, theirs = PAIRS[pair]
    problems = []
    for name, field in pydantic_fields(ours).items():
        platform = theirs.get(name, Field(required=False, nullable=False))
        if field.required and not platform.required:
            problems.append(f"{name}: required here, optional in the platform's model")
        if platform.nullable and not field.nullable:
            problems.append(f"{name}: may be null in the platform's model, refused here")
    assert problems == []


def test_every_pair_names_fields_both_sides_know() -> None:
    """A pair that shares no field would check nothing (a wrong model, a renamed field)."""
    assert all(set(pydantic_fields(ours)) & set(theirs) for ours, theirs in PAIRS.values())
