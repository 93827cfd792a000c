"""`python -m otklik migrate`: stored appeals brought to the document shape this version writes.

Appeals are read in document-id order, a batch at a time; each one whose document differs from what this version
would write for it (records as JSON text, derived fields missing or stale, obsolete fields: appeal_documents.upgrade)
gets just those fields rewritten, and so do its archived history entries. A batch's rewrites and the position reached
are committed together in one write, so a run stopped anywhere resumes where it stopped, and a rewrite is made only
if the document did not change since it was read (an appeal changed meanwhile is read again). A document already in
the current shape is left alone: running the migration again changes nothing.

Versions before the one outbox marked a received appeal whose `appeal.received` was not yet published with
`outbox_pending_since`; such an appeal gets that message in its outbox, in the same commit that removes the marker,
and the relay publishes it (the sweep flushes what is left in outboxes)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from google.api_core import exceptions as google_exceptions
from google.cloud import firestore

from otklik.adapters.appeal_documents import (
    AUTO_RESOLVE_AT,
    NEXT_NOTICE_AT,
    Upgrade,
    appeal_from_document,
    upgrade,
    upgrade_archived,
)
from otklik.adapters.firestore_appeals import APPEALS, HISTORY_ARCHIVE, QUARANTINED_AT, write_outbox
from otklik.domain.model import Status
from otklik.services.events import write

MIGRATIONS = "migrations"
CHECKPOINT = "appeal_documents"
# Set by versions before the one outbox on an appeal whose `appeal.received` was still to be published.
RECEIVED_UNPUBLISHED = "outbox_pending_since"
# Firestore commits at most 500 writes at once: a batch's appeals and the checkpoint.
MAX_BATCH = 400
ATTEMPTS_PER_BATCH = 5


@dataclass
class MigrationReport:
    examined: int = 0
    rewritten: int = 0
    archived_entries_rewritten: int = 0
    # Documents that do not read as an appeal (or an archived entry): left as they are, to be repaired by hand.
    unreadable: list[str] = field(default_factory=list)
    # The last appeal done: a next run resumes after it. None once the run went through every appeal.
    after: str | None = None
    finished: bool = False


class AppealDocumentMigration:
    def __init__(self, client: firestore.Client, timezone: str, batch_size: int = 100,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        if not 1 <= batch_size <= MAX_BATCH:
            raise ValueError(f"a batch is 1 to {MAX_BATCH} appeals")
        self._client = client
        self._appeals = client.collection(APPEALS)
        self._checkpoint = client.collection(MIGRATIONS).document(CHECKPOINT)
        self._timezone = timezone
        self._batch_size = batch_size
        self._clock = clock

    def resumes_after(self) -> str | None:
        """Where a run without a starting point begins: after the last appeal a stopped run did."""
        snapshot = self._checkpoint.get()
        return (snapshot.to_dict() or {}).get("after") if snapshot.exists else None

    def run(self, after: str | None = None, *, from_checkpoint: bool = True, batches: int | None = None,
            on_batch: Callable[[MigrationReport], None] = lambda report: None) -> MigrationReport:
        """Migrates the appeals after `after` (or where the last run stopped), `batches` batches at most (all when
        None), calling `on_batch` after each."""
        report = MigrationReport(after=after if after is not None or not from_checkpoint else self.resumes_after())
        done = 0
        while batches is None or done < batches:
            if not self._next_batch(report):
                report.finished, report.after = True, None
                self._checkpoint.set({"after": None, "finished_at": self._clock()})
                break
            done += 1
            on_batch(report)
        return report

    def _next_batch(self, report: MigrationReport) -> bool:
        """Migrates the next batch and moves `report.after` past it; False when no appeal is left."""
        for _ in range(ATTEMPTS_PER_BATCH):
            query = self._appeals.order_by("__name__").limit(self._batch_size)
            if report.after is not None:
                query = query.start_after({"__name__": self._appeals.document(report.after)})
            snapshots = list(query.stream())
            if not snapshots:
                return False
            batch = self._client.batch()
            rewritten = 0
            unreadable: list[str] = []
            for snapshot in snapshots:
                data = snapshot.to_dict() or {}
                report.archived_entries_rewritten += self._migrate_archive(snapshot.id, data, unreadable)
                try:
                    changes = upgrade(data, self._timezone,
                                      leave=(NEXT_NOTICE_AT, AUTO_RESOLVE_AT) if QUARANTINED_AT in data else ())
                except ValueError:
                    unreadable.append(snapshot.id)
                    continue
                if changes:
                    batch.update(snapshot.reference, _field_updates(changes),
                                 option=self._client.write_option(last_update_time=snapshot.update_time))
                    rewritten += 1
                if RECEIVED_UNPUBLISHED in data and (appeal := appeal_from_document(data)).status is Status.RECEIVED:
                    write_outbox(batch, snapshot.reference, write(None, appeal))
            batch.set(self._checkpoint, {"after": snapshots[-1].id, "updated_at": self._clock()})
            try:
                batch.commit()
            except google_exceptions.FailedPrecondition:
                continue  # an appeal of the batch changed since it was read: read the batch again
            report.examined += len(snapshots)
            report.rewritten += rewritten
            report.unreadable += unreadable
            report.after = snapshots[-1].id
            return True
        raise RuntimeError(f"the appeals after {report.after!r} kept changing while being migrated: run it again")

    def _migrate_archive(self, appeal_id: str, data: dict[str, Any], unreadable: list[str]) -> int:
        """Rewrites the appeal's archived history entries still in an older shape, at once (they never change once
        written, and a rewrite is the same whenever made); how many it rewrote."""
        if not data.get("archived_history"):
            return 0  # only appeals with a long history have an archive
        rewritten = 0
        batch, size = self._client.batch(), 0
        for snapshot in self._appeals.document(appeal_id).collection(HISTORY_ARCHIVE).stream():
            try:
                changes = upgrade_archived(snapshot.to_dict() or {})
            except (ValueError, KeyError):
                unreadable.append(f"{appeal_id}/{HISTORY_ARCHIVE}/{snapshot.id}")
                continue
            if changes:
                batch.update(snapshot.reference, _field_updates(changes))
                rewritten, size = rewritten + 1, size + 1
            if size == MAX_BATCH:
                batch.commit()
                batch, size = self._client.batch(), 0
        if size:
            batch.commit()
        return rewritten


def _field_updates(changes: Upgrade) -> dict[str, Any]:
    return changes.set | {name: firestore.DELETE_FIELD for name in changes.remove}
