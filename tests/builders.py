"""The one way tests make appeals: as a resident's message is received, then changed by the domain's own steps.

    an_appeal("Яма у дома 5")                                  received from a Telegram chat
    an_appeal("…", channel=Channel.VK, kind=SourceKind.WALL_COMMENT, chat=None, post="77")
    routed(an_appeal("…"), category="roads", department="city_economy", due_at=T0 + timedelta(hours=12))

Every appeal of a test gets its own chat (and so its own id and thread) unless the test names one."""
from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from typing import Any

from otklik.domain.ids import appeal_id_for
from otklik.domain.model import (Appeal, Author, Channel, HistoryAction, HistoryEntry, IncomingMessage, SourceKind,
                                 SourceRef, Status, WarningPoint)

from tests.fakes import T0

TOWN = "yuzhno_sakhalinsk"
_numbers = itertools.count(1000)
_KINDS = {Channel.REGIONAL: SourceKind.REGIONAL, Channel.RECEPTION: SourceKind.RECEPTION}


def a_message(text: str = "Огромная яма на дороге у дома 5 по ул. Ленина", *, channel: Channel = Channel.TELEGRAM,
              account: str = "yuzhno", kind: SourceKind | None = None, chat: str | None = "auto",
              number: int | None = None, author: str | None = None, sent_at: datetime = T0,
              **source: Any) -> IncomingMessage:
    """A resident's message as a platform adapter reads it."""
    number = next(_numbers) if number is None else number
    chat_id = str(number) if chat == "auto" else chat
    kind = kind or _KINDS.get(channel, SourceKind.PRIVATE_MESSAGE)
    event_id = f"{chat_id}:{number}" if chat_id else f"e-{number}"
    return IncomingMessage(
        source=SourceRef(platform=channel, account=account, kind=kind, event_id=event_id, chat_id=chat_id,
                         message_id=str(number), **source),
        author=Author(platform_user_id=author or chat_id or str(number), display_name="Анна Петрова"),
        text=text, sent_at=sent_at)


def an_appeal(text: str = "Огромная яма на дороге у дома 5 по ул. Ленина", *, municipality: str = TOWN,
              received_at: datetime = T0, status: Status = Status.RECEIVED, channel: Channel = Channel.TELEGRAM,
              account: str = "yuzhno", kind: SourceKind | None = None, chat: str | None = "auto",
              number: int | None = None, author: str | None = None, source: dict[str, Any] | None = None,
              **changes: Any) -> Appeal:
    """A received appeal (Appeal.receive of a_message), then `status` and `changes` set as they are."""
    message = a_message(text, channel=channel, account=account, kind=kind, chat=chat, number=number, author=author,
                        sent_at=received_at, **(source or {}))
    appeal = Appeal.receive(appeal_id_for(channel, account, message.source.event_id), municipality, message,
                            received_at)
    return appeal.model_copy(update={"status": status, **changes}) if status is not Status.RECEIVED or changes \
        else appeal


def routed(appeal: Appeal, *, category: str = "roads", department: str = "city_economy",
           due_at: datetime | None = None, at: datetime | None = None,
           warnings: tuple[WarningPoint, ...] = ()) -> Appeal:
    """The appeal routed as the router routes it: status, category, department, deadline and a history entry."""
    at = at or appeal.received_at
    due_at = due_at or at + timedelta(hours=12)
    return appeal.changed(Status.ROUTED, HistoryEntry(at=at, actor="system:router", action=HistoryAction.ROUTED,
                                                      details={"category": category, "department": department}),
                          category=category, department=department, due_at=due_at, clock_started_at=at,
                          warning_points=warnings, category_confidence=0.9)
