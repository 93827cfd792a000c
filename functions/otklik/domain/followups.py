"""A resident's next message in the same chat: part of their open appeal about the same problem, feedback on an
answered one, an appeal of its own about another problem (linked to the open one), or simply a new appeal."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from otklik.domain.appeal_text import with_follow_up
from otklik.domain.feedback import classify_feedback
from otklik.domain.model import (
    OPEN_STATUSES,
    Appeal,
    Attachment,
    HistoryAction,
    HistoryEntry,
    SourceKind,
    Status,
    WarningPoint,
)

if TYPE_CHECKING:
    from otklik.domain.classification import Classification

# Bounds of what folding adds to an appeal; every follow-up keeps its own record whatever they are.
MAX_LINKED_FOLLOW_UPS = 100
MAX_FOLLOW_UP_ATTACHMENTS = 50
MAX_RELATED_APPEALS = 20


class FollowUp(StrEnum):
    NEW_APPEAL = "new_appeal"
    APPEND = "append"
    CONFIRM = "confirm"
    REOPEN = "reopen"
    # An appeal of its own about another problem, linked to the resident's open one.
    RELATED = "related"


FOLDED = frozenset({FollowUp.APPEND, FollowUp.CONFIRM, FollowUp.REOPEN})
_CHAT_KINDS = (SourceKind.PRIVATE_MESSAGE, SourceKind.GROUP_MESSAGE)


def thread_key(appeal: Appeal) -> str | None:
    """Same author in the same chat (or under the same post): their messages belong together."""
    source = appeal.source
    if source.kind in _CHAT_KINDS and source.chat_id:
        place = f"chat:{source.chat_id}"
    elif source.kind is SourceKind.WALL_COMMENT and source.post_id:
        place = f"post:{source.owner_id}_{source.post_id}"
    else:
        return None
    return f"{source.platform}:{source.account}:{place}:{appeal.author.platform_user_id}"


def own_topic(classification: Classification) -> str | None:
    """The problem a text is about, or None when it has none of its own: "и ещё фото", "когда починят?",
    a greeting, thanks, a photo or a location alone, or anything the classifier is unsure of."""
    if classification.kind != "appeal" or classification.triage or classification.category in (None, "other"):
        return None
    return classification.category


def same_problem(message_topic: str | None, appeal_topic: str | None) -> bool:
    """A message without a topic of its own continues whatever is open; so does anything after a first message
    without one ("Здравствуйте, у меня вопрос"); otherwise the topics must agree."""
    return message_topic is None or appeal_topic is None or message_topic == appeal_topic


def classify_follow_up(message: Appeal, previous: Appeal | None, window: timedelta, *,
                       same_topic: bool = True) -> FollowUp:
    """The message against one earlier appeal of its thread; `same_topic`: whether it is about the same problem."""
    if previous is None or previous.id == message.id:
        return FollowUp.NEW_APPEAL
    if previous.status in OPEN_STATUSES:
        if message.received_at - previous.received_at > window:
            return FollowUp.NEW_APPEAL
        return FollowUp.APPEND if same_topic else FollowUp.RELATED
    if previous.status is Status.ANSWERED:
        feedback = classify_feedback(message.text)
        if feedback == "confirm":
            return FollowUp.CONFIRM
        if feedback == "reopen":
            return FollowUp.REOPEN
    return FollowUp.NEW_APPEAL


def follow_up_target(message: Appeal, thread: Sequence[Appeal], window: timedelta,
                     topic: Callable[[Appeal], str | None]) -> tuple[FollowUp, Appeal | None]:
    """What the message is to its thread's appeals (newest first, none of them folded into another), and to which.

    Feedback on the latest appeal, if answered, comes first; then the open appeals of the window, newest first:
    the first about the same problem takes the message; with none, the message is an appeal of its own linked to
    the newest open one. `topic` is called only as far as needed (it may classify a text)."""
    earlier = [a for a in thread if a.id != message.id and a.received_at <= message.received_at]
    if not earlier:
        return FollowUp.NEW_APPEAL, None
    latest = earlier[0]
    if latest.status is Status.ANSWERED:
        feedback = classify_follow_up(message, latest, window)
        if feedback is not FollowUp.NEW_APPEAL:
            return feedback, latest
    open_ones = [a for a in earlier if classify_follow_up(message, a, window) is FollowUp.APPEND]
    if not open_ones:
        return FollowUp.NEW_APPEAL, None
    message_topic = topic(message)
    if message_topic is None:
        return FollowUp.APPEND, open_ones[0]
    for appeal in open_ones:
        if same_problem(message_topic, topic(appeal)):
            return FollowUp.APPEND, appeal
    return FollowUp.RELATED, open_ones[0]


def merge(message: Appeal, into: Appeal, at: datetime, kind: FollowUp) -> tuple[Appeal, Appeal]:
    """The message folded into the earlier appeal: (updated earlier appeal, merged message).

    The appeal's text takes the message's text while within its bound, its links and attachments likewise;
    the merged message keeps all of its own."""
    actor = f"resident:{message.author.platform_user_id}"
    details = {"appeal_id": message.id, "follow_up": str(kind)}
    merged = message.changed(Status.MERGED, HistoryEntry(at=at, actor=actor, action=HistoryAction.MERGED,
                                                         details={"into": into.id, "follow_up": str(kind)}),
                             merged_into=into.id)
    links = into.follow_ups if len(into.follow_ups) >= MAX_LINKED_FOLLOW_UPS else (*into.follow_ups, message.id)
    updated = into.with_entry(
        HistoryEntry(at=at, actor=actor, action=HistoryAction.FOLLOW_UP, details=details),
        **with_follow_up(into, message.text),
        attachments=_bounded_attachments(into, message),
        location=into.location or message.location,
        follow_ups=links,
        follow_up_count=max(into.follow_up_count, len(into.follow_ups)) + 1,
    )
    return updated, merged


def _bounded_attachments(into: Appeal, message: Appeal) -> tuple[Attachment, ...]:
    room = max(0, MAX_FOLLOW_UP_ATTACHMENTS - len(into.attachments))
    return (*into.attachments, *message.attachments[:room])


def link_related(appeal: Appeal, other: Appeal, at: datetime) -> Appeal:
    """The resident's earlier open appeal learns of their new one about another problem."""
    if other.id in appeal.related_appeals:
        return appeal
    return appeal.with_entry(
        HistoryEntry(at=at, actor=f"resident:{other.author.platform_user_id}", action=HistoryAction.RELATED_APPEAL,
                     details={"appeal_id": other.id}),
        related_appeals=(*appeal.related_appeals, other.id)[-MAX_RELATED_APPEALS:])


def confirm_resolution(appeal: Appeal, at: datetime, message_id: str) -> Appeal:
    return appeal.changed(Status.RESOLVED, HistoryEntry(
        at=at, actor=f"resident:{appeal.author.platform_user_id}", action=HistoryAction.RESOLVED,
        details={"by": "resident confirmed", "message": message_id}), resolved_at=at, resolve_after=None)


def reopen(appeal: Appeal, at: datetime, due_at: datetime | None, reason: str, actor: str,
           warnings: tuple[WarningPoint, ...] = (), due_reason: str | None = None) -> Appeal:
    """Routed again with a new deadline whose clock starts now; `due_reason`: how that deadline was counted."""
    return appeal.changed(
        Status.ROUTED,
        HistoryEntry(at=at, actor=actor, action=HistoryAction.REOPENED,
                     details={"reason": reason, "due_at": due_at.isoformat() if due_at else None,
                              "due_reason": due_reason}),
        due_at=due_at, reopen_count=appeal.reopen_count + 1, clock_started_at=at, warning_points=warnings,
        overdue=False, resolve_after=None,
    )
