"""How an appeal is stored: its records as Firestore maps and arrays, compact, read back whole; documents older
versions wrote still read, and `upgrade` gives them the current shape."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from otklik.adapters.appeal_documents import (
    NEXT_NOTICE_AT,
    Upgrade,
    appeal_document,
    appeal_from_document,
    archive_document,
    archived_entry,
    upgrade,
    upgrade_archived,
)
from otklik.adapters.firestore_indexes import FIELD_INDEXES
from otklik.domain.history import ArchivedEntry
from otklik.domain.model import (
    Answer,
    AnswerKind,
    Appeal,
    Attachment,
    AttachmentKind,
    Author,
    Channel,
    Delivery,
    DeliveryStatus,
    HistoryEntry,
    Location,
    SourceKind,
    SourceRef,
    Status,
    WarningPoint,
)
from tests import old_documents

NOW = datetime(2026, 6, 10, 1, 0, tzinfo=UTC)
TIMEZONE = "Asia/Sakhalin"


def received() -> Appeal:
    source = SourceRef(platform=Channel.TELEGRAM, account="yuzhno", kind=SourceKind.PRIVATE_MESSAGE, event_id="1:2",
                       chat_id="1", message_id="2")
    return Appeal(id="tg-1", municipality="yuzhno_sakhalinsk", channel=Channel.TELEGRAM, source=source,
                  author=Author(platform_user_id="7", display_name="Анна"), text="яма у дома", received_at=NOW,
                  history=(HistoryEntry(at=NOW, actor="telegram:yuzhno", action="received",
                                        details={"sent_at": NOW.isoformat(), "reason": None}),))


def answered() -> Appeal:
    """An appeal with every record the model has."""
    later = NOW + timedelta(hours=2)
    answer = Answer(id="a1", kind=AnswerKind.FINAL, text="Отремонтировано", planned_date=date(2026, 6, 20),
                    author="op:1", created_at=later,
                    delivery=Delivery(status=DeliveryStatus.DELIVERED, platform_message_ids=("55",), parts_sent=1,
                                      attempts=1, updated_at=later))
    return received().model_copy(update={
        "status": Status.ANSWERED, "category": "roads", "department": "roads_dept", "due_at": NOW + timedelta(days=1),
        "attachments": (Attachment(kind=AttachmentKind.PHOTO, platform_id="p1", width=800, height=600),),
        "location": Location(latitude=46.95, longitude=142.73),
        "warning_points": (WarningPoint(label="75%", at=NOW + timedelta(hours=18)),), "answers": (answer,),
        "answered_at": later, "resolve_after": NOW + timedelta(days=3)})


def document(appeal: Appeal) -> dict[str, Any]:
    return appeal_document(appeal, TIMEZONE, searchable=False)


def applied(data: dict[str, Any], changes: Upgrade) -> dict[str, Any]:
    """The document as Firestore has it once the upgrade's update is written."""
    return {k: v for k, v in data.items() if k not in changes.remove} | changes.set


def test_a_stored_appeal_reads_back_equal() -> None:
    assert appeal_from_document(document(received())) == received()
    assert appeal_from_document(document(answered())) == answered()


def test_records_are_stored_as_maps_and_arrays_with_timestamps() -> None:
    stored = document(answered())
    assert stored["source"]["chat_id"] == "1" and stored["author"]["display_name"] == "Анна"
    assert stored["history"][0] == {"at": NOW, "actor": "telegram:yuzhno", "action": "received",
                                    "details": {"sent_at": NOW.isoformat(), "reason": None}}
    assert stored["answers"][0]["delivery"] == {"status": "delivered", "platform_message_ids": ["55"], "parts_sent": 1,
                                                "attempts": 1, "updated_at": NOW + timedelta(hours=2)}
    assert stored["answers"][0]["planned_date"] == "2026-06-20"  # Firestore has no calendar dates
    assert stored["warning_points"] == [{"label": "75%", "at": NOW + timedelta(hours=18)}]
    assert stored["location"] == {"latitude": 46.95, "longitude": 142.73}


def test_unset_values_are_left_out_but_the_queried_nulls_stay() -> None:
    stored = document(received())
    assert "category" not in stored and "next_notice_at" not in stored and "attachments" not in stored
    assert "message_id" in stored["source"] and "post_id" not in stored["source"]
    assert stored["due_at"] is None and stored["first_response_within_deadline"] is None


def test_fields_written_by_older_versions_are_ignored_on_reading() -> None:
    assert appeal_from_document(document(received()) | {"published_at": NOW, "some_old_field": 1}) == received()


def test_every_record_of_the_appeal_is_kept_out_of_the_indexes() -> None:
    records = {name for name, value in document(answered()).items()
               if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, dict) for v in value))}
    unindexed = {f.field for f in FIELD_INDEXES if f.collection == "appeals" and not f.indexes}
    assert records == {"source", "author", "attachments", "location", "history", "answers", "warning_points"}
    assert records <= unindexed, f"indexed, though no query looks into them: {sorted(records - unindexed)}"


# Documents older versions wrote.

def test_a_document_with_records_as_json_text_reads_as_its_appeal() -> None:
    appeal = appeal_from_document(old_documents.answered_appeal())
    assert appeal.source.chat_id == "1" and appeal.location == Location(latitude=46.95, longitude=142.73)
    assert [e.action for e in appeal.history] == ["note", "routed", "answered_final"]
    assert appeal.answers[0].delivery.updated_at == datetime(2026, 6, 10, 3, 0, tzinfo=UTC)
    assert appeal.warning_points[0].at == datetime(2026, 6, 10, 19, 0, tzinfo=UTC)


def test_upgrading_an_old_document_gives_what_this_version_writes_for_its_appeal() -> None:
    old = old_documents.answered_appeal() | {"published_at": NOW, "outbox_failed_at": NOW}
    changes = upgrade(old, TIMEZONE)

    # Its records as maps, and the derived fields added since it was written (the dead letters' marks, the
    # resident's key; an answered appeal has no retention start yet).
    assert set(changes.set) == {"source", "author", "attachments", "location", "history", "answers",
                                "warning_points", "callback_not_delivered", "routing_failed", "resident"}
    assert changes.remove == ("published_at", "outbox_failed_at")
    upgraded = applied(old, changes)
    appeal = appeal_from_document(old)
    assert upgraded == appeal_document(appeal, TIMEZONE)
    assert appeal_from_document(upgraded) == appeal


def test_an_upgraded_or_current_document_needs_no_upgrade() -> None:
    old = old_documents.answered_appeal()
    assert not upgrade(applied(old, upgrade(old, TIMEZONE)), TIMEZONE)
    assert not upgrade(appeal_document(answered(), TIMEZONE), TIMEZONE)


def test_missing_and_stale_derived_fields_are_derived_again() -> None:
    current = appeal_document(answered(), TIMEZONE)
    old = {k: v for k, v in current.items() if k not in ("undelivered", "reportable")} | {"thread_key": "stale"}
    assert upgrade(old, TIMEZONE).set == {"undelivered": False, "reportable": True,
                                          "thread_key": current["thread_key"]}


def test_fields_left_alone_are_neither_set_nor_removed() -> None:
    # A quarantined appeal keeps its sweep fields cleared.
    current = appeal_document(received().model_copy(update={"due_at": NOW, "status": Status.ROUTED}), TIMEZONE)
    assert current[NEXT_NOTICE_AT] is not None
    quarantined = {k: v for k, v in current.items() if k != NEXT_NOTICE_AT}
    assert NEXT_NOTICE_AT in upgrade(quarantined, TIMEZONE).set
    assert not upgrade(quarantined, TIMEZONE, leave=(NEXT_NOTICE_AT,))


def test_a_document_that_does_not_read_is_not_upgraded() -> None:
    with pytest.raises(ValueError):
        upgrade(old_documents.answered_appeal() | {"history": "[{"}, TIMEZONE)


# The history archive.

def test_an_archived_entry_is_stored_as_a_map_and_reads_back() -> None:
    entry = received().history[0]
    stored = archive_document(ArchivedEntry(0, entry))
    assert stored == {"number": 0, "entry": {"at": NOW, "actor": "telegram:yuzhno", "action": "received",
                                             "details": {"sent_at": NOW.isoformat(), "reason": None}}}
    assert archived_entry(stored) == entry
    assert not upgrade_archived(stored)


def test_an_archived_entry_as_json_text_reads_and_upgrades_to_a_map() -> None:
    old = old_documents.archived_entry()
    entry = HistoryEntry(at=NOW, actor="telegram:yuzhno", action="received", details={"sent_at": NOW.isoformat()})
    assert archived_entry(old) == entry
    assert applied(old, upgrade_archived(old)) == archive_document(ArchivedEntry(0, entry))


def test_an_erased_appeal_is_found_neither_by_its_resident_nor_by_words_nor_by_the_retention_pass() -> None:
    from otklik.adapters.appeal_documents import RESIDENT, RETENTION_FROM, SEARCH_WORDS
    from otklik.domain.followups import confirm_resolution
    from otklik.domain.retention import erase_personal_data

    resolved = confirm_resolution(answered(), NOW + timedelta(hours=3), "m-1")
    erased = erase_personal_data(resolved, NOW + timedelta(days=2000))
    before, after = appeal_document(resolved, TIMEZONE), appeal_document(erased, TIMEZONE)

    assert before[RESIDENT] == "telegram:7" and before[SEARCH_WORDS]
    assert before[RETENTION_FROM] == NOW + timedelta(hours=3)
    assert (after.get(RESIDENT), after.get(SEARCH_WORDS), after.get(RETENTION_FROM)) == (None, None, None)
