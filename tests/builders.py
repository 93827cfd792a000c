"""The one way tests make appeals: as a resident's message is received, then changed by the domain's own steps.

    an_appeal("Яма у дома 5")                                  received from a Telegram chat
    a_wall_comment("Яма у дома 5", post="77")                  a comment under a post on the VK community's wall
    a_regional_appeal("Нет света", centre="cur-sakhalin")      handed down by the regional centre
    routed(an_appeal("…"), category="roads", department="city_economy", due_at=T0 + timedelta(hours=12))
    answered(routed(an_appeal("…")), "Яму заделали")           answered as an operator answers it

Every appeal of a test gets its own chat (and so its own id and thread) unless the test names one."""
from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from typing import Any

from otklik.domain import actions
from otklik.domain.ids import appeal_id_for
from otklik.domain.model import (
    Answer,
    AnswerKind,
    Appeal,
    Attachment,
    Author,
    Channel,
    Delivery,
    HistoryAction,
    HistoryEntry,
    IncomingMessage,
    Location,
    SourceKind,
    SourceRef,
    Status,
    WarningPoint,
)
from otklik.regional.wire import RegionalAppealIn
from otklik.services.regional_intake import appeal_from_regional
from tests.fakes import T0

TOWN = "yuzhno_sakhalinsk"
_numbers = itertools.count(1000)
_KINDS = {Channel.REGIONAL: SourceKind.REGIONAL, Channel.RECEPTION: SourceKind.RECEPTION}
_CHAT_KINDS = {SourceKind.PRIVATE_MESSAGE, SourceKind.GROUP_MESSAGE}


def a_message(text: str = "Огромная яма на дороге у дома 5 по ул. Ленина", *, channel: Channel = Channel.TELEGRAM,
              account: str = "yuzhno", kind: SourceKind | None = None, chat: str | None = "auto",
              number: int | None = None, author: str | Author | None = None, sent_at: datetime = T0,
              attachments: tuple[Attachment, ...] = (), location: Location | None = None,
              **source: Any) -> IncomingMessage:
    """A resident's message as a platform adapter reads it: a message of kinds that have chats comes in a chat of
    its own unless `chat` names one; `author` is the resident's platform id (or the whole Author); `source` adds
    to or replaces fields of where it came from (post_id, event_id, link, …)."""
    number = next(_numbers) if number is None else number
    kind = kind or _KINDS.get(channel, SourceKind.PRIVATE_MESSAGE)
    chat_id = (str(number) if kind in _CHAT_KINDS else None) if chat == "auto" else chat
    event_id = f"{chat_id}:{number}" if chat_id else f"e-{number}"
    where = {"event_id": event_id, "chat_id": chat_id, "message_id": str(number)} | source
    resident = author if isinstance(author, Author) else Author(
        platform_user_id=author or chat_id or str(number), display_name="Анна Петрова")
    return IncomingMessage(source=SourceRef(platform=channel, account=account, kind=kind, **where), author=resident,
                           text=text, attachments=attachments, location=location, sent_at=sent_at)


def an_appeal(text: str = "Огромная яма на дороге у дома 5 по ул. Ленина", *, municipality: str = TOWN,
              received_at: datetime = T0, status: Status = Status.RECEIVED, channel: Channel = Channel.TELEGRAM,
              account: str = "yuzhno", kind: SourceKind | None = None, chat: str | None = "auto",
              number: int | None = None, author: str | Author | None = None,
              attachments: tuple[Attachment, ...] = (), location: Location | None = None,
              source: dict[str, Any] | None = None, **changes: Any) -> Appeal:
    """A received appeal (Appeal.receive of a_message), then `status` and `changes` set as they are."""
    message = a_message(text, channel=channel, account=account, kind=kind, chat=chat, number=number, author=author,
                        sent_at=received_at, attachments=attachments, location=location, **(source or {}))
    appeal = Appeal.receive(appeal_id_for(channel, account, message.source.event_id), municipality, message,
                            received_at)
    return appeal.model_copy(update={"status": status, **changes}) if status is not Status.RECEIVED or changes \
        else appeal


def a_wall_comment(text: str = "Огромная яма на дороге у дома 5 по ул. Ленина", *, community: str = "218734512",
                   post: str = "77", number: int | None = None, **appeal: Any) -> Appeal:
    """A resident's comment under post `post` on the VK community's wall, received as the VK webhook reads it."""
    number = next(_numbers) if number is None else number
    owner = f"-{community}"
    where = {"event_id": f"wall_comment:{owner}_{number}", "message_id": None, "comment_id": str(number),
             "owner_id": owner, "post_id": post, "link": f"https://vk.com/wall{owner}_{post}?reply={number}"}
    return an_appeal(text, channel=Channel.VK, account=community, kind=SourceKind.WALL_COMMENT, chat=None,
                     number=number, source=where, **appeal)


def a_regional_appeal(text: str = "Нет света на улице", *, centre: str = "cur-sakhalin",
                      regional_id: str | None = None, municipality: str = TOWN, received_at: datetime = T0,
                      author: str = "Пётр", **body: Any) -> Appeal:
    """An appeal handed down by the regional centre `centre`, as the regional intake stores it; `body` adds fields
    of the regional API's appeal (deadline, category_hint, source_url)."""
    item = RegionalAppealIn.model_validate({
        "regional_id": regional_id or f"R-{next(_numbers)}", "town": municipality, "text": text,
        "author": {"name": author}, "received_at": received_at} | body)
    return appeal_from_regional(centre, item, received_at)


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


def answered(appeal: Appeal, text: str = "Яму заделали", *, kind: AnswerKind = AnswerKind.FINAL,
             at: datetime | None = None, by: str = "operator:1", answer_id: str | None = None,
             auto_resolve_after: timedelta = timedelta(hours=72), delivery: Delivery | None = None) -> Appeal:
    """The appeal answered as an operator answers it (domain/actions.answer), an hour after receipt unless `at`
    says when: a final answer makes it `answered`, an intermediate one promises a date a week ahead. The answers
    are numbered ans-1, ans-2, …; `delivery`, if given, is how far sending this one has got."""
    at = at or appeal.received_at + timedelta(hours=1)
    result = actions.answer(
        appeal, by, at, answer_id=answer_id or f"ans-{len(appeal.answers) + 1}", kind=kind, text=text,
        planned_date=(at + timedelta(days=7)).date() if kind is AnswerKind.INTERMEDIATE else None, photos=(),
        photo_report_required=False, auto_resolve_after=auto_resolve_after,
        manual_delivery=appeal.channel is Channel.RECEPTION)
    if delivery is None:
        return result
    *earlier, answer = result.answers
    sent: Answer = answer.model_copy(update={"delivery": delivery})
    return result.model_copy(update={"answers": (*earlier, sent)})
