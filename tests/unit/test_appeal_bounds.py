"""What an appeal can accumulate is bounded: notes are capped, and the history keeps its most recent entries in
the appeal while older ones move to the archive, numbered as before, so outbox message ids never change."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from otklik.domain import actions
from otklik.domain.history import HistoryBounds, archive_overflow
from otklik.domain.model import Appeal
from otklik.domain.sweep import apply_due_notices
from otklik.services.events import outbox_messages
from tests.builders import a_regional_appeal, routed

T0 = datetime(2026, 6, 10, 0, 0, tzinfo=UTC)


def routed_appeal(history_entries: int = 2) -> Appeal:
    """A routed regional appeal whose history has `history_entries` entries: received, routed, then notes."""
    appeal = routed(a_regional_appeal("яма", centre="cur", received_at=T0))
    return noted(appeal, history_entries - len(appeal.history))


def noted(appeal: Appeal, times: int) -> Appeal:
    for number in range(times):
        appeal = actions.note(appeal, "op", T0 + timedelta(minutes=number), f"заметка {number}")
    return appeal


def test_an_appeal_takes_a_hundred_notes_and_refuses_the_next_one_clearly() -> None:
    full = noted(routed_appeal(), actions.MAX_NOTES_PER_APPEAL)
    assert full.note_count == 100

    with pytest.raises(actions.ActionRefused, match="at most 100 notes"):
        actions.note(full, "op", T0 + timedelta(days=1), "ещё одна")


def test_notes_moved_to_the_archive_still_count() -> None:
    full = noted(routed_appeal(), actions.MAX_NOTES_PER_APPEAL)
    trimmed, _ = archive_overflow(full, HistoryBounds(entries=5))
    assert len(trimmed.history) == 5
    with pytest.raises(actions.ActionRefused):
        actions.note(trimmed, "op", T0 + timedelta(days=1), "ещё одна")


def test_notes_of_appeals_stored_before_notes_were_counted_count_too() -> None:
    # Stored before notes were counted: a hundred notes in the history and none in note_count.
    legacy = routed_appeal(history_entries=2 + actions.MAX_NOTES_PER_APPEAL).model_copy(update={"note_count": 0})
    with pytest.raises(actions.ActionRefused):
        actions.note(legacy, "op", T0 + timedelta(days=1), "ещё одна")


def test_a_history_within_its_bounds_stays_whole() -> None:
    appeal = routed_appeal(history_entries=10)
    assert archive_overflow(appeal, HistoryBounds(entries=10)) == (appeal, ())


def test_the_oldest_entries_beyond_the_bound_move_out_numbered_from_the_first() -> None:
    appeal = routed_appeal(history_entries=12)

    trimmed, archived = archive_overflow(appeal, HistoryBounds(entries=5))

    assert trimmed.history == appeal.history[7:] and trimmed.archived_history == 7
    assert [(a.number, a.entry) for a in archived] == list(enumerate(appeal.history[:7]))
    assert trimmed.recorded_entries == appeal.recorded_entries == 12
    # The next change moves on from there.
    again, more = archive_overflow(noted(trimmed, 2), HistoryBounds(entries=5))
    assert again.archived_history == 9 and [a.number for a in more] == [7, 8]
    assert [a.entry for a in more] == list(appeal.history[7:9])


def test_the_history_is_bounded_in_bytes_of_utf8_json_too() -> None:
    appeal = routed_appeal()
    for number in range(3):  # 3,000 Cyrillic characters are 6,000 bytes
        appeal = actions.note(appeal, "op", T0 + timedelta(minutes=number), "ж" * 3000)

    trimmed, archived = archive_overflow(appeal, HistoryBounds(entries=100, bytes=13_000))

    assert trimmed.history == appeal.history[-2:] and len(archived) == 3


def test_the_newest_entry_stays_whatever_its_size() -> None:
    big = actions.note(noted(routed_appeal(), 2), "op", T0 + timedelta(hours=1), "ж" * 8000)

    trimmed, archived = archive_overflow(big, HistoryBounds(entries=100, bytes=4000))

    assert trimmed.history == (big.history[-1],) and len(archived) == 4


def test_one_change_moves_a_bounded_number_of_entries() -> None:
    appeal = routed_appeal(history_entries=50)
    trimmed, archived = archive_overflow(appeal, HistoryBounds(entries=5, moved_per_change=20))
    assert len(archived) == 20 and len(trimmed.history) == 30 and trimmed.archived_history == 20


def test_message_ids_keep_the_entries_numbers_after_older_entries_moved_out() -> None:
    appeal = routed_appeal(history_entries=30)
    late = T0 + timedelta(hours=13)
    whole = outbox_messages(appeal, apply_due_notices(appeal, late))  # type: ignore[arg-type]
    trimmed, _ = archive_overflow(appeal, HistoryBounds(entries=4))

    after_trimming = outbox_messages(trimmed, apply_due_notices(trimmed, late))  # type: ignore[arg-type]

    assert [m.id for m in after_trimming] == [m.id for m in whole] == [f"{appeal.id}/30/notice",
                                                                       f"{appeal.id}/30/callback"]
    assert after_trimming[1].body["event_id"] == f"{appeal.id}/30/callback"
