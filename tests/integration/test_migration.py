"""`python -m otklik migrate` on the emulator, on documents written raw as the version before readable documents
wrote them (tests/old_documents.py): they read before the migration, and after it they are what this version writes
for the same appeals; a second run changes nothing, a stopped run resumes, a concurrent change is never lost."""
from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from google.cloud import firestore

from otklik import cli
from otklik.adapters.appeal_documents import appeal_document, appeal_from_document
from otklik.adapters.appeal_migration import AppealDocumentMigration
from otklik.domain import actions
from otklik.domain.ids import appeal_id_for
from otklik.domain.model import (
    Appeal,
    Attachment,
    AttachmentKind,
    Author,
    Channel,
    HistoryEntry,
    Location,
    SourceKind,
    SourceRef,
)
from otklik.services.events import write
from tests import old_documents
from tests.conftest import Stack

TIMEZONE = "Asia/Sakhalin"
NOW = datetime(2026, 6, 20, 1, 0, tzinfo=UTC)


def appeals(stack: Stack) -> firestore.CollectionReference:
    return stack.deps.firestore.collection("appeals")


def store_old(stack: Stack, appeal_id: str = old_documents.APPEAL_ID, **fields: Any) -> dict[str, Any]:
    """An old-format appeal written as the old version wrote it, with its archived entry."""
    document = old_documents.answered_appeal() | {"id": appeal_id} | fields
    appeals(stack).document(appeal_id).set(document)
    appeals(stack).document(appeal_id).collection("history_archive").document("000000000").set(
        old_documents.archived_entry())
    return document


def stored(stack: Stack, appeal_id: str = old_documents.APPEAL_ID) -> dict[str, Any]:
    return appeals(stack).document(appeal_id).get().to_dict() or {}


def stored_archive(stack: Stack, appeal_id: str = old_documents.APPEAL_ID) -> list[dict[str, Any]]:
    return [s.to_dict() or {} for s in appeals(stack).document(appeal_id).collection("history_archive").stream()]


def some_ids(count: int) -> list[str]:
    return [appeal_id_for(Channel.TELEGRAM, "yuzhno", f"1:{n}") for n in range(10, 10 + count)]


def migration(stack: Stack, batch_size: int = 100, **options: Any) -> AppealDocumentMigration:
    return AppealDocumentMigration(stack.deps.firestore, TIMEZONE, batch_size, **options)


def test_old_documents_read_and_are_rewritten_as_this_version_writes_them(stack: Stack) -> None:
    old = store_old(stack, published_at=NOW, outbox_failed_at=NOW, body_fingerprint="f1")
    appeal = stack.deps.appeals.get(old_documents.APPEAL_ID)
    assert appeal is not None and appeal == appeal_from_document(old)
    archived = stack.deps.appeals.archived_history(appeal.id)
    assert [e.action for e in archived] == ["received"]

    report = migration(stack).run()

    assert (report.examined, report.rewritten, report.archived_entries_rewritten, report.finished) == (1, 1, 1, True)
    document = stored(stack)
    assert document == appeal_document(appeal, TIMEZONE) | {"body_fingerprint": "f1"}
    assert document["history"][1]["details"]["reasons"] == ["яма"]
    assert stored_archive(stack)[0]["entry"]["at"] == datetime(2026, 6, 10, 1, 0, tzinfo=UTC)
    assert stack.deps.appeals.get(appeal.id) == appeal
    assert stack.deps.appeals.archived_history(appeal.id) == archived


def test_a_second_run_changes_nothing(stack: Stack) -> None:
    store_old(stack)
    migration(stack).run()
    update_times = [s.update_time for s in appeals(stack).stream()]

    again = migration(stack).run()

    assert (again.examined, again.rewritten, again.archived_entries_rewritten) == (1, 0, 0)
    assert [s.update_time for s in appeals(stack).stream()] == update_times


def test_a_stopped_run_resumes_where_it_stopped(stack: Stack) -> None:
    ids = sorted(some_ids(5))
    for appeal_id in ids:
        store_old(stack, appeal_id)

    first = migration(stack, batch_size=2).run(batches=1)

    assert (first.examined, first.after, first.finished) == (2, ids[1], False)
    assert [isinstance(stored(stack, i)["history"], str) for i in ids] == [False, False, True, True, True]
    second = migration(stack, batch_size=2).run()
    assert (second.examined, second.rewritten, second.finished) == (3, 3, True)
    assert not any(isinstance(stored(stack, i)["history"], str) for i in ids)


def test_the_command_starts_after_the_id_given_and_reports_what_it_did(
        stack: Stack, capsys: pytest.CaptureFixture[str]) -> None:
    first, second, third = sorted(some_ids(3))
    for appeal_id in (first, second, third):
        store_old(stack, appeal_id)

    assert cli.main(["migrate", "--after", first, "--batch", "1"]) == 0

    out, err = capsys.readouterr()
    assert json.loads(out) == {"examined": 2, "rewritten": 2, "archived_entries_rewritten": 2, "unreadable": [],
                               "after": None, "finished": True}
    assert f"up to {second}" in err and f"--after {second}" in err
    assert isinstance(stored(stack, first)["history"], str)
    assert isinstance(stored(stack, third)["history"], list)


def test_a_document_that_does_not_read_is_reported_and_left_as_it_is(
        stack: Stack, capsys: pytest.CaptureFixture[str]) -> None:
    broken_id, fine_id = some_ids(2)
    broken = store_old(stack, broken_id, history="[{")
    store_old(stack, fine_id)

    assert cli.main(["migrate"]) == 1

    assert json.loads(capsys.readouterr().out)["unreadable"] == [broken_id]
    assert stored(stack, broken_id) == broken
    assert isinstance(stored(stack, fine_id)["history"], list)


def test_a_quarantined_appeal_keeps_its_sweep_fields_cleared(stack: Stack) -> None:
    store_old(stack)
    # As the sweep sets an appeal aside: the flag in place of the field it found the appeal by.
    appeals(stack).document(old_documents.APPEAL_ID).update(
        {"quarantined_at": NOW, "auto_resolve_at": firestore.DELETE_FIELD})

    migration(stack).run()

    document = stored(stack)
    assert isinstance(document["history"], list) and "auto_resolve_at" not in document
    assert [q.appeal_id for q in stack.deps.appeals.quarantined(10)] == [old_documents.APPEAL_ID]


def test_an_appeal_changed_while_its_batch_is_migrated_keeps_the_change(stack: Stack) -> None:
    store_old(stack)
    repository = stack.deps.appeals
    changed = []

    def clock() -> datetime:
        # The migration reads the clock between reading its batch and committing it: the operator's note lands there.
        if not changed:
            repository.transact([old_documents.APPEAL_ID], lambda current: [write(
                current[old_documents.APPEAL_ID],  # type: ignore[arg-type]
                actions.note(current[old_documents.APPEAL_ID], "op:2", NOW, "позвонили"))])  # type: ignore[arg-type]
            changed.append(True)
        return NOW

    migration(stack, clock=clock).run()

    appeal = repository.get(old_documents.APPEAL_ID)
    assert appeal is not None and appeal.history[-1] == HistoryEntry(at=NOW, actor="op:2", action="note",
                                                                     details={"text": "позвонили"})
    assert isinstance(stored(stack)["history"], list)


def test_an_appeal_stored_now_is_in_the_shape_the_migration_gives(stack: Stack) -> None:
    source = SourceRef(platform=Channel.VK, account="club1", kind=SourceKind.WALL_COMMENT, event_id="c1",
                       post_id="5", owner_id="-1", comment_id="9")
    appeal = Appeal(id=appeal_id_for(Channel.VK, "club1", "c1"), municipality="yuzhno_sakhalinsk", channel=Channel.VK,
                    source=source,
                    author=Author(platform_user_id="3"), text="нет света", received_at=NOW,
                    location=Location(latitude=46.9, longitude=142.7),
                    attachments=(Attachment(kind=AttachmentKind.PHOTO, url="https://vk.example/p.jpg"),),
                    history=(HistoryEntry(at=NOW, actor="vk:club1", action="received"),))
    assert stack.deps.appeals.add(write(None, appeal))

    document = stored(stack, appeal.id)
    assert document["source"]["post_id"] == "5" and document["location"]["latitude"] == 46.9
    assert document["history"] == [{"at": NOW, "actor": "vk:club1", "action": "received"}]
    assert migration(stack).run().rewritten == 0


def test_a_received_appeal_whose_message_an_older_version_had_not_published_gets_it_in_its_outbox(
        stack: Stack) -> None:
    received = old_documents.answered_appeal() | {
        "status": "received", "answers": "[]", "archived_history": 0, "outbox_pending_since": NOW,
        "history": '[{"at":"2026-06-10T01:00:00+00:00","actor":"telegram:yuzhno","action":"received"}]'}
    for name in ("category", "department", "due_at", "answered_at", "first_response_at", "first_response_seconds",
                 "first_response_within_deadline", "resolve_after", "auto_resolve_at", "clock_started_at"):
        received.pop(name)
    appeals(stack).document(old_documents.APPEAL_ID).set(received)
    store_old(stack, some_ids(1)[0], outbox_pending_since=NOW)  # answered long ago: nothing left to publish

    migration(stack).run()

    assert "outbox_pending_since" not in stored(stack)
    assert [m.topic for m in stack.deps.appeals.pending_messages(old_documents.APPEAL_ID)] == ["appeal_received"]
    assert stack.deps.appeals.pending_messages(some_ids(1)[0]) == []
    assert migration(stack).run().rewritten == 0
    assert len(stack.deps.appeals.pending_messages(old_documents.APPEAL_ID)) == 1
