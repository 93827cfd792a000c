"""A resident's next message in the same chat: part of their open appeal, feedback on an answered
one, or a new appeal."""
from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from otklik.domain.feedback import classify_feedback
from otklik.domain.model import OPEN_STATUSES, Appeal, HistoryEntry, SourceKind, Status, WarningPoint


class FollowUp(StrEnum):
    NEW_APPEAL = "new_appeal"
    APPEND = "append"
    CONFIRM = "confirm"
    REOPEN = "reopen"


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


def classify_follow_up(message: Appeal, previous: Appeal | None, window: timedelta) -> FollowUp:
    if previous is None or previous.id == message.id:
        return FollowUp.NEW_APPEAL
    if previous.status in OPEN_STATUSES:
        return FollowUp.APPEND if message.received_at - previous.received_at <= window else FollowUp.NEW_APPEAL
    if previous.status is Status.ANSWERED:
        feedback = classify_feedback(message.text)
        if feedback == "confirm":
            return FollowUp.CONFIRM
        if feedback == "reopen":
            return FollowUp.REOPEN
    return FollowUp.NEW_APPEAL


def merge(message: Appeal, into: Appeal, at: datetime, kind: FollowUp) -> tuple[Appeal, Appeal]:
    """The message folded into the earlier appeal: (updated earlier appeal, merged message)."""
    actor = f"resident:{message.author.platform_user_id}"
    details = {"appeal_id": message.id, "follow_up": str(kind)}
    merged = message.changed(Status.MERGED, HistoryEntry(at=at, actor=actor, action="merged",
                                                         details={"into": into.id, "follow_up": str(kind)}),
                             merged_into=into.id)
    updated = into.with_entry(
        HistoryEntry(at=at, actor=actor, action="follow_up", details=details),
        text=f"{into.text}\n\n{message.text}".strip() if message.text else into.text,
        attachments=(*into.attachments, *message.attachments),
        location=into.location or message.location,
        follow_ups=(*into.follow_ups, message.id),
    )
    return updated, merged


def confirm_resolution(appeal: Appeal, at: datetime, message_id: str) -> Appeal:
    return appeal.changed(Status.RESOLVED, HistoryEntry(
        at=at, actor=f"resident:{appeal.author.platform_user_id}", action="resolved",
        details={"by": "resident confirmed", "message": message_id}), resolved_at=at, resolve_after=None)


def reopen(appeal: Appeal, at: datetime, due_at: datetime | None, reason: str, actor: str,
           warnings: tuple[WarningPoint, ...] = ()) -> Appeal:
    """Routed again with a new deadline whose clock starts now."""
    return appeal.changed(
        Status.ROUTED,
        HistoryEntry(at=at, actor=actor, action="reopened",
                     details={"reason": reason, "due_at": due_at.isoformat() if due_at else None}),
        due_at=due_at, reopen_count=appeal.reopen_count + 1, clock_started_at=at, warning_points=warnings,
        overdue=False, resolve_after=None,
    )
