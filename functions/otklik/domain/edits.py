"""A resident edits a message: the message's own text changes, and so does the appeal's text that holds it."""
from __future__ import annotations

from datetime import datetime

from otklik.domain.appeal_text import with_first_message, with_follow_up_edited
from otklik.domain.model import Appeal, HistoryAction, HistoryEntry, Status


def edit_message(message: Appeal, text: str, at: datetime, actor: str,
                 edited_at: datetime | None) -> Appeal | None:
    """The message's record with its new text; None when the text is unchanged (a repeated edit).

    An appeal's first message: its part of the appeal's text is replaced, the follow-ups' parts are kept.
    A folded follow-up: its own record's text (the appeal it was folded into is changed by `edit_follow_up`)."""
    if message.first_message_text == text:
        return None
    details = {"edited_at": edited_at.isoformat()} if edited_at else {}
    entry = HistoryEntry(at=at, actor=actor, action=HistoryAction.TEXT_EDITED, details=details)
    if message.status is Status.MERGED:
        return message.with_entry(entry, text=text)
    return message.with_entry(entry, **with_first_message(message, text))


def edit_follow_up(appeal: Appeal, follow_up: Appeal, old_text: str, at: datetime, actor: str) -> Appeal | None:
    """The appeal `follow_up` (already edited) was folded into, its text holding the new text instead of
    `old_text`; None when nothing changes."""
    changes = with_follow_up_edited(appeal, old_text, follow_up.text)
    if not changes or changes["text"] == appeal.text:
        return None
    return appeal.with_entry(HistoryEntry(at=at, actor=actor, action=HistoryAction.FOLLOW_UP_EDITED,
                                          details={"appeal_id": follow_up.id}), **changes)
