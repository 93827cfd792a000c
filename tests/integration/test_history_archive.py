"""Long histories on the emulator: older entries move to the appeal's archive in the transaction that adds new
ones, the appeal stays far below Firestore's document limit, and message ids keep the entries' numbers."""
from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from otklik import cli
from otklik.adapters.firestore_appeals import FirestoreAppealRepository
from otklik.domain import actions
from otklik.domain.history import HistoryBounds
from otklik.domain.model import Appeal, Channel
from otklik.domain.sweep import apply_due_notices
from otklik.services.events import write
from tests.conftest import Stack, seed_towns
from tests.integration.test_sweep import T0, routed_at


def add_notes(repository: FirestoreAppealRepository, appeal_id: str, texts: list[str]) -> None:
    for number, text in enumerate(texts):
        at = T0 + timedelta(minutes=number + 1)
        repository.transact([appeal_id], lambda current, text=text, at=at: [
            write(current[appeal_id], actions.note(current[appeal_id], "op", at, text))])  # type: ignore[arg-type]


def full_history(repository: FirestoreAppealRepository, appeal_id: str) -> tuple[Appeal, list[str]]:
    appeal = repository.get(appeal_id)
    assert appeal is not None
    entries = [*repository.archived_history(appeal_id), *appeal.history]
    return appeal, [str(e.details.get("text", e.action)) for e in entries]


def test_older_entries_move_to_the_archive_whole_and_in_order(stack: Stack) -> None:
    seed_towns(stack)
    appeal = routed_at(stack, T0, channel=Channel.REGIONAL)
    repository = FirestoreAppealRepository(stack.deps.firestore, history=HistoryBounds(entries=5))

    add_notes(repository, appeal.id, [f"заметка {n}" for n in range(10)])

    stored, entries = full_history(repository, appeal.id)
    assert len(stored.history) == 5 and stored.archived_history == 7
    assert entries == ["received", "routed", *(f"заметка {n}" for n in range(10))]


def test_message_ids_count_the_archived_entries(stack: Stack) -> None:
    seed_towns(stack)
    appeal = routed_at(stack, T0, channel=Channel.REGIONAL)
    repository = FirestoreAppealRepository(stack.deps.firestore, history=HistoryBounds(entries=3))
    add_notes(repository, appeal.id, [f"заметка {n}" for n in range(6)])

    late = T0 + timedelta(days=1)
    repository.transact([appeal.id], lambda current: [
        write(current[appeal.id], apply_due_notices(current[appeal.id], late))])  # type: ignore[arg-type]

    outbox = stack.deps.firestore.collection("appeals").document(appeal.id).collection("outbox").stream()
    # Received (entry 0), routed (1) and six notes: the escalation is entry 8, whatever the appeal itself still holds.
    assert sorted(s.id for s in outbox) == [f"{appeal.id}:8:callback", f"{appeal.id}:8:notice"]


def test_a_chatty_appeal_never_reaches_the_document_limit(stack: Stack) -> None:
    seed_towns(stack)
    appeal = routed_at(stack, T0)
    # A hundred notes of 8,000 Cyrillic characters: 1.6 MB, far over Firestore's 1 MiB per document.
    texts = [f"{n:03d}" + "ж" * 7997 for n in range(actions.MAX_NOTES_PER_APPEAL)]

    add_notes(stack.deps.appeals, appeal.id, texts)

    stored, entries = full_history(stack.deps.appeals, appeal.id)
    assert entries == ["received", "routed", *texts]
    document = stack.deps.firestore.collection("appeals").document(appeal.id).get().to_dict() or {}
    kept = json.dumps(document["history"], ensure_ascii=False, separators=(",", ":"), default=str)
    assert len(kept.encode()) <= HistoryBounds().bytes


def test_the_command_line_shows_the_whole_history_on_request(stack: Stack, capsys: pytest.CaptureFixture[str]) -> None:
    seed_towns(stack)
    appeal = routed_at(stack, T0)
    repository = FirestoreAppealRepository(stack.deps.firestore, history=HistoryBounds(entries=2))
    add_notes(repository, appeal.id, ["первая", "вторая", "третья"])

    assert cli.main(["appeals", "show", appeal.id]) == 0
    recent: dict[str, Any] = json.loads(capsys.readouterr().out)
    assert cli.main(["appeals", "show", "--full-history", appeal.id]) == 0
    whole: dict[str, Any] = json.loads(capsys.readouterr().out)

    assert [e["details"].get("text") for e in recent["history"]] == ["вторая", "третья"]
    assert recent["archived_history"] == 3
    assert [e["action"] for e in whole["history"]] == ["received", "routed", "note", "note", "note"]
