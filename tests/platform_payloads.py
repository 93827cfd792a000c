"""Webhook payloads built with the platforms' own models, as the platforms send them: VK Callback API events with
vkbottle-types (generated from VK's vk-api-schema), MAX updates with maxapi. Telegram's client library (aiogram 3)
does not install beside our pydantic, so Telegram payloads are built from the Bot API specification's types
(tests/fixtures/platforms/telegram/_api_types.json) by the tests that need them."""
from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

from maxapi.types.message import LinkedMessage, Message, MessageBody, Recipient
from maxapi.types.updates.message_created import MessageCreated
from maxapi.types.updates.message_edited import MessageEdited
from maxapi.types.users import User as MaxUser
from pydantic import BaseModel
from vkbottle_types.events.bot_events import MessageEdit, MessageNew, WallReplyEdit, WallReplyNew
from vkbottle_types.events.objects.group_event_objects import (
    MessageEditObject,
    MessageNewObject,
    WallReplyNewObject,
    WallReplyRestoreObject,
)
from vkbottle_types.objects import MessagesMessage

from tests.support import SECRETS

VK_GROUP = 218734512
VK_SECRET = SECRETS["vk-218734512-webhook"]
RESIDENT = 574821396
SENT_AT = 1735729100


def as_sent(value: Any) -> Any:
    """A model dump as the platforms put it on the wire: unix seconds for dates, plain values for enums."""
    if isinstance(value, BaseModel):
        return as_sent(value.model_dump(mode="python", by_alias=True, exclude_none=True))
    if isinstance(value, datetime):
        return int(value.timestamp())
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: as_sent(v) for k, v in value.items() if k != "unprepared_ctx_api"}
    if isinstance(value, (list, tuple)):
        return [as_sent(v) for v in value]
    return value


# VK ---------------------------------------------------------------------------------------------------------

def vk_message(text: str, *, cmid: int = 1201, message_id: int = 1843, peer_id: int = RESIDENT,
               **fields: Any) -> MessagesMessage:
    fields.setdefault("out", False)
    return MessagesMessage(id=message_id, conversation_message_id=cmid, date=SENT_AT, from_id=RESIDENT,
                           peer_id=peer_id, text=text, version=1, **fields)


def vk_message_new(message: MessagesMessage, event_id: str = "a" * 40) -> dict[str, Any]:
    event = MessageNew(type="message_new", group_id=VK_GROUP, event_id=event_id, secret=VK_SECRET,
                       object=MessageNewObject(message=message))
    return {"v": "5.199", **as_sent(event)}


def vk_message_edit(message: MessagesMessage, event_id: str = "b" * 40) -> dict[str, Any]:
    """message_edit: the object is the edited message itself (VK sends the edit with an event_id of its own)."""
    event = MessageEdit(type="message_edit", group_id=VK_GROUP, event_id=event_id, secret=VK_SECRET,
                        object=MessageEditObject(**message.model_dump()))
    return {"v": "5.199", **as_sent(event)}


def vk_wall_reply(text: str, *, edited: bool = False, comment_id: int = 5127,
                  event_id: str | None = None) -> dict[str, Any]:
    fields: dict[str, Any] = dict(id=comment_id, from_id=RESIDENT, date=SENT_AT, text=text, post_id=3311,
                                  owner_id=-VK_GROUP, post_owner_id=-VK_GROUP)
    event: WallReplyNew | WallReplyEdit
    if edited:
        event = WallReplyEdit(type="wall_reply_edit", group_id=VK_GROUP, event_id=event_id or "d" * 40,
                              secret=VK_SECRET, object=WallReplyRestoreObject(**fields))  # vkbottle types it so
    else:
        event = WallReplyNew(type="wall_reply_new", group_id=VK_GROUP, event_id=event_id or "c" * 40,
                             secret=VK_SECRET, object=WallReplyNewObject(**fields))
    return {"v": "5.199", **as_sent(event)}


# MAX --------------------------------------------------------------------------------------------------------

MAX_CHAT = 182182182
MAX_RESIDENT = MaxUser(user_id=123456789, first_name="Анна", last_name="Петрова", name="Анна Петрова", is_bot=False)


def max_message(text: str | None, *, mid: str = "mid.000000000adf429c019d47d58f2b3e01", with_body: bool = True,
                link: LinkedMessage | None = None, **body: Any) -> Message:
    return Message(sender=MAX_RESIDENT, recipient=Recipient(chat_id=MAX_CHAT, chat_type="dialog", user_id=229229229),
                   timestamp=SENT_AT * 1000,
                   body=MessageBody(mid=mid, seq=1, text=text, **body) if with_body else None, link=link)


def max_forward(text: str, *, mid: str = "mid.forwarded-original", **body: Any) -> LinkedMessage:
    someone = MaxUser(user_id=555, first_name="Сосед", is_bot=False)
    return LinkedMessage(type="forward", sender=someone, chat_id=777,
                         message=MessageBody(mid=mid, seq=7, text=text, **body))


def max_created(message: Message) -> dict[str, Any]:
    return as_sent(MessageCreated(message=message, timestamp=SENT_AT * 1000 + 20, user_locale="ru"))


def max_edited(message: Message, at_ms: int = (SENT_AT + 300) * 1000) -> dict[str, Any]:
    return as_sent(MessageEdited(message=message, timestamp=at_ms))
