"""What an appeal can accumulate is bounded: notes are capped."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from otklik.domain import actions
from otklik.domain.model import Appeal, Author, Channel, HistoryEntry, SourceKind, SourceRef, Status

T0 = datetime(2026, 6, 10, 0, 0, tzinfo=UTC)


def routed(entries: int = 1) -> Appeal:
    source = SourceRef(platform=Channel.REGIONAL, account="cur", kind=SourceKind.REGIONAL, event_id="r1")
    history = tuple(HistoryEntry(at=T0 + timedelta(seconds=i), actor="op", action="note" if i else "received",
                                 details={"text": f"заметка {i}"} if i else {}) for i in range(entries))
    return Appeal(id="reg-1", municipality="t", channel=Channel.REGIONAL, source=source,
                  author=Author(platform_user_id="u"), text="яма", received_at=T0, status=Status.ROUTED,
                  category="roads", department="d", due_at=T0 + timedelta(hours=12), clock_started_at=T0,
                  history=history)


def noted(appeal: Appeal, times: int) -> Appeal:
    for number in range(times):
        appeal = actions.note(appeal, "op", T0 + timedelta(minutes=number), f"заметка {number}")
    return appeal


def test_an_appeal_takes_a_hundred_notes_and_refuses_the_next_one_clearly() -> None:
    full = noted(routed(), actions.MAX_NOTES_PER_APPEAL)
    assert full.note_count == 100

    with pytest.raises(actions.ActionRefused, match="at most 100 notes"):
        actions.note(full, "op", T0 + timedelta(days=1), "ещё одна")


def test_notes_of_appeals_stored_before_notes_were_counted_count_too() -> None:
    legacy = routed(entries=1 + actions.MAX_NOTES_PER_APPEAL)
    assert legacy.note_count == 0
    with pytest.raises(actions.ActionRefused):
        actions.note(legacy, "op", T0 + timedelta(days=1), "ещё одна")
