"""How an appeal is stored: compact, records packed as JSON text, and read back whole."""
from __future__ import annotations

from datetime import UTC, datetime

from otklik.adapters.firestore_appeals import (
    FirestoreAppealRepository,
    appeal_from_document,
)
from otklik.domain.model import (
    Appeal,
    Author,
    Channel,
    HistoryEntry,
    SourceKind,
    SourceRef,
)

NOW = datetime(2026, 6, 10, 1, 0, tzinfo=UTC)


def appeal() -> Appeal:
    source = SourceRef(platform=Channel.TELEGRAM, account="yuzhno", kind=SourceKind.PRIVATE_MESSAGE, event_id="1:2",
                       chat_id="1", message_id="2")
    return Appeal(id="tg-1", municipality="yuzhno_sakhalinsk", channel=Channel.TELEGRAM, source=source,
                  author=Author(platform_user_id="7", display_name="Анна"), text="яма", received_at=NOW,
                  history=(HistoryEntry(at=NOW, actor="telegram:yuzhno", action="received",
                                        details={"sent_at": NOW.isoformat(), "reason": None}),))


def document(stored: Appeal) -> dict:  # type: ignore[type-arg]
    repository = FirestoreAppealRepository.__new__(FirestoreAppealRepository)
    repository._timezone = "Asia/Sakhalin"
    return repository._document(stored, searchable=False)


def test_a_stored_appeal_reads_back_equal() -> None:
    assert appeal_from_document(document(appeal())) == appeal()


def test_unset_values_are_left_out_but_the_queried_nulls_stay() -> None:
    stored = document(appeal())
    assert "category" not in stored and "next_notice_at" not in stored
    assert stored["due_at"] is None and stored["first_response_within_deadline"] is None
    assert isinstance(stored["history"], str) and '"reason":null' in stored["history"]


def test_fields_written_by_older_versions_are_ignored_on_reading() -> None:
    assert appeal_from_document(document(appeal()) | {"published_at": NOW, "some_old_field": 1}) == appeal()
