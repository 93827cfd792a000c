"""A resident's next message in the same chat: part of the open appeal, feedback, or a new appeal."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from otklik.domain.followups import (
    FollowUp,
    classify_follow_up,
    confirm_resolution,
    merge,
    reopen,
    thread_key,
)
from otklik.domain.lifecycle import InvalidTransition
from otklik.domain.model import Appeal, Author, Channel, SourceKind, SourceRef, Status

T0 = datetime(2026, 6, 10, 1, 0, tzinfo=UTC)
WINDOW = timedelta(hours=24)


def message(text: str, *, at: datetime = T0, appeal_id: str = "m", status: Status = Status.RECEIVED,
            chat: str = "100", author: str = "u1", kind: SourceKind = SourceKind.PRIVATE_MESSAGE) -> Appeal:
    source = SourceRef(platform=Channel.TELEGRAM, account="yuzhno", kind=kind, event_id=appeal_id, chat_id=chat,
                       post_id="7", owner_id="-1")
    return Appeal(id=appeal_id, municipality="yuzhno_sakhalinsk", channel=Channel.TELEGRAM, source=source,
                  author=Author(platform_user_id=author), text=text, received_at=at, status=status)


def test_thread_is_the_same_author_in_the_same_chat() -> None:
    assert thread_key(message("a")) == thread_key(message("b", appeal_id="x"))
    assert thread_key(message("a")) != thread_key(message("a", chat="200"))
    assert thread_key(message("a")) != thread_key(message("a", author="u2"))


def test_comments_under_the_same_post_share_a_thread_other_kinds_have_none() -> None:
    assert thread_key(message("a", kind=SourceKind.WALL_COMMENT)) is not None
    assert thread_key(message("a", kind=SourceKind.BOARD_POST)) is None


@pytest.mark.parametrize("status", [Status.RECEIVED, Status.NEEDS_TRIAGE, Status.ROUTED, Status.IN_PROGRESS])
def test_a_message_while_an_appeal_is_open_and_young_is_appended(status: Status) -> None:
    previous = message("яма", appeal_id="p", status=status)
    assert classify_follow_up(message("и ещё одна", at=T0 + timedelta(hours=3)), previous, WINDOW) is FollowUp.APPEND


def test_an_open_appeal_older_than_the_window_does_not_take_follow_ups() -> None:
    previous = message("яма", appeal_id="p", status=Status.ROUTED)
    assert classify_follow_up(message("и ещё", at=T0 + WINDOW + timedelta(minutes=1)), previous,
                              WINDOW) is FollowUp.NEW_APPEAL


@pytest.mark.parametrize(("text", "expected"), [
    ("спасибо, всё сделали", FollowUp.CONFIRM),
    ("решено", FollowUp.CONFIRM),
    ("не решено", FollowUp.REOPEN),
    ("ничего не сделали", FollowUp.REOPEN),
    ("а ещё у нас во дворе нет освещения", FollowUp.NEW_APPEAL),
])
def test_after_an_answer_the_next_message_is_feedback(text: str, expected: FollowUp) -> None:
    previous = message("яма", appeal_id="p", status=Status.ANSWERED)
    assert classify_follow_up(message(text, at=T0 + timedelta(days=2)), previous, WINDOW) is expected


@pytest.mark.parametrize("status", [Status.RESOLVED, Status.REJECTED])
def test_after_resolution_anything_starts_a_new_appeal(status: Status) -> None:
    previous = message("яма", appeal_id="p", status=status)
    assert classify_follow_up(message("не решено", at=T0 + timedelta(hours=1)), previous, WINDOW) is FollowUp.NEW_APPEAL


def test_merging_appends_the_text_and_records_both_sides() -> None:
    previous = message("яма на Ленина", appeal_id="p", status=Status.ROUTED)
    updated, merged = merge(message("фото прикладываю", appeal_id="m2"), previous, T0, FollowUp.APPEND)
    assert updated.text == "яма на Ленина\n\nфото прикладываю"
    assert updated.follow_ups == ("m2",) and updated.status is Status.ROUTED
    assert updated.history[-1].action == "follow_up"
    assert merged.status is Status.MERGED and merged.merged_into == "p"


def test_confirmation_resolves_an_answered_appeal_only() -> None:
    assert confirm_resolution(message("x", status=Status.ANSWERED), T0, "m2").status is Status.RESOLVED
    with pytest.raises(InvalidTransition):
        confirm_resolution(message("x", status=Status.ROUTED), T0, "m2")


def test_reopening_routes_again_with_a_new_deadline_and_counts() -> None:
    due = T0 + timedelta(hours=12)
    reopened = reopen(message("x", status=Status.ANSWERED), T0, due, reason="не решено", actor="resident:u1")
    assert (reopened.status, reopened.due_at, reopened.reopen_count) == (Status.ROUTED, due, 1)
    assert reopened.history[-1].action == "reopened"
