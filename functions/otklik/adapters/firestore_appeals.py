"""Appeals in Firestore: the queries and transactions over one document per appeal with its history inside (the
document's shape: appeal_documents.py), and the messages its changes still have to publish beside it."""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from google.api_core import exceptions as google_exceptions
from google.api_core.retry import Retry
from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter
from google.cloud.firestore_v1.query import Query

from otklik.adapters.appeal_documents import (
    AUTO_RESOLVE_AT,
    CALLBACK_NOT_DELIVERED,
    DERIVED_FIELDS,
    NEXT_NOTICE_AT,
    ROUTING_FAILED,
    SEARCH_WORDS,
    THREAD_KEY,
    UNDELIVERED,
    appeal_document,
    appeal_from_document,
    archive_document,
    archive_document_id,
    archived_entry,
)
from otklik.adapters.example_documents import EXAMPLES, example_document
from otklik.domain.history import HistoryBounds, archive_overflow
from otklik.domain.ids import is_appeal_id
from otklik.domain.model import Appeal, HistoryEntry
from otklik.services.ports import (
    AppealWrite,
    ConcurrentUpdate,
    CursorNotFound,
    OutboxMessage,
    Quarantined,
    StorageUnavailable,
)
from otklik.services.queries import AppealQuery

log = logging.getLogger(__name__)

APPEALS = "appeals"
TRANSACTION_ATTEMPTS = 10
# Persistence-only fields kept on the appeal document beside the domain model.
# A hash of the API request that created the appeal: the same id with another body is a conflict.
BODY_FINGERPRINT = "body_fingerprint"
# Messages a change still has to publish: one document each under the appeal, written in the change's
# transaction and deleted once published, so publishing reads nothing and leftovers are found by one query.
OUTBOX = "outbox"
# History entries moved out of the appeal (domain/history.py): one document each under the appeal, named by the
# entry's number, written in the transaction of the change that moved them.
HISTORY_ARCHIVE = "history_archive"
# Set when the sweep set the appeal aside; not carried over, so the next change written to the appeal clears it
# (and derives the sweep's fields again).
QUARANTINED_AT = "quarantined_at"
# Derived from the appeal on every write (appeal_documents.DERIVED_FIELDS): computed again, never carried over.
_PERSISTENCE_FIELDS = (BODY_FINGERPRINT, *DERIVED_FIELDS)

P = ParamSpec("P")
R = TypeVar("R")


def _storage_errors(method: Callable[P, R]) -> Callable[P, R]:
    @wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except (google_exceptions.ServiceUnavailable, google_exceptions.DeadlineExceeded,
                google_exceptions.InternalServerError, google_exceptions.RetryError) as error:
            raise StorageUnavailable(str(error)) from error

    return wrapper


def _outbox_document_id(message_id: str) -> str:
    return message_id.replace("/", ":")


def write_outbox(writer: firestore.WriteBatch | firestore.Transaction, reference: firestore.DocumentReference,
                 write: AppealWrite) -> None:
    """The write's messages into the appeal's outbox, in the writer's commit."""
    for message in write.messages:
        writer.set(reference.collection(OUTBOX).document(_outbox_document_id(message.id)),
                   {name: value for name, value in vars(message).items() if value is not None}
                   | {"created_at": write.appeal.history[-1].at})


def write_example(writer: firestore.WriteBatch | firestore.Transaction, client: firestore.Client,
                  write: AppealWrite) -> None:
    """The write's labelled example, or the deletion of the appeal's example, in the writer's commit."""
    examples = client.collection(EXAMPLES)
    if write.example is not None:
        writer.set(examples.document(write.example.id), example_document(write.example))
    if write.forget_example:
        writer.delete(examples.document(write.appeal.id))


class FirestoreAppealRepository:
    def __init__(self, client: firestore.Client, timezone: str = "Asia/Sakhalin", timeout_seconds: float = 10.0,
                 history: HistoryBounds = HistoryBounds()) -> None:
        self._client = client
        self._appeals = client.collection(APPEALS)
        self._timezone = timezone
        self._history = history
        # The write path answers platforms: better a quick 503 (they send again) than a hung webhook.
        self._timeout = timeout_seconds
        self._retry = Retry(initial=0.1, maximum=1.0, timeout=timeout_seconds)

    @_storage_errors
    def add(self, created: AppealWrite, fingerprint: str | None = None) -> bool:
        """Stores a new appeal and its outbox messages in one commit; False when one with its id exists already
        (then nothing is written). `fingerprint`: a hash of the API request that created it, for idempotent APIs."""
        appeal = created.appeal
        document = appeal_document(appeal, self._timezone, searchable=False)
        if fingerprint is not None:
            document[BODY_FINGERPRINT] = fingerprint
        reference = self._appeals.document(appeal.id)
        batch = self._client.batch()
        batch.create(reference, document)
        write_outbox(batch, reference, created)
        try:
            batch.commit(retry=self._retry, timeout=self._timeout)
        except google_exceptions.AlreadyExists:
            return False
        return True

    @_storage_errors
    def body_fingerprint(self, appeal_id: str) -> str | None:
        if not is_appeal_id(appeal_id):
            return None
        snapshot = self._appeals.document(appeal_id).get(field_paths=[BODY_FINGERPRINT], retry=self._retry,
                                                          timeout=self._timeout)
        value = (snapshot.to_dict() or {}).get(BODY_FINGERPRINT) if snapshot.exists else None
        return str(value) if value is not None else None

    @_storage_errors
    def get(self, appeal_id: str) -> Appeal | None:
        if not is_appeal_id(appeal_id):
            return None  # no appeal has such an id, and Firestore may refuse it as one ("__x__", "a/b")
        snapshot = self._appeals.document(appeal_id).get(retry=self._retry, timeout=self._timeout)
        return appeal_from_document(snapshot.to_dict() or {}) if snapshot.exists else None

    @_storage_errors
    def recent(self, limit: int) -> list[Appeal]:
        query = self._appeals.order_by("received_at", direction=firestore.Query.DESCENDING).limit(limit)
        return [appeal_from_document(s.to_dict() or {}) for s in query.stream()]

    @_storage_errors
    def latest_in_thread(self, key: str, limit: int = 5) -> list[Appeal]:
        """The thread's most recent appeals, newest first; those folded into another carry no thread key."""
        query = (
            self._appeals.where(filter=FieldFilter(THREAD_KEY, "==", key))
            .order_by("received_at", direction=firestore.Query.DESCENDING)
            .limit(limit)
        )
        return [appeal_from_document(s.to_dict() or {}) for s in query.stream()]

    @_storage_errors
    def transact(self, appeal_ids: list[str],
                 change: Callable[[dict[str, Appeal | None]], list[AppealWrite]]) -> list[AppealWrite]:
        """Reads the appeals, lets `change` decide, and writes what it returns, all in one transaction.
        An id no appeal can have is seen as a missing appeal."""
        references = {appeal_id: self._appeals.document(appeal_id)
                      for appeal_id in appeal_ids if is_appeal_id(appeal_id)}

        @firestore.transactional
        def run(transaction: firestore.Transaction) -> list[AppealWrite]:
            snapshots = {i: r.get(transaction=transaction) for i, r in references.items()}
            stored = {i: s.to_dict() or {} for i, s in snapshots.items() if s.exists}
            writes = change({i: appeal_from_document(stored[i]) if i in stored else None for i in appeal_ids})
            for write in writes:
                self.stage(transaction, stored.get(write.appeal.id, {}), write)
            return writes

        try:
            committed: list[AppealWrite] = run(self._client.transaction(max_attempts=TRANSACTION_ATTEMPTS))
        except ValueError as error:
            # python-firestore gives up on a contended document with a plain ValueError.
            if "Failed to commit transaction" in str(error):
                raise ConcurrentUpdate(f"appeals {appeal_ids} kept changing under the transaction") from error
            raise
        return committed

    def stage(self, transaction: firestore.Transaction, stored: dict[str, Any], write: AppealWrite) -> None:
        """The appeal's write in `transaction`, over its stored document `stored` (read in the same transaction):
        the document, history entries moved to the archive, the outbox messages, an operator's labelled example."""
        # Derived fields are computed again (an absent one is cleared); the others are carried over.
        kept = {k: v for k, v in stored.items() if k in _PERSISTENCE_FIELDS and k not in DERIVED_FIELDS}
        reference = self._appeals.document(write.appeal.id)
        appeal, archived = archive_overflow(write.appeal, self._history)
        transaction.set(reference, kept | appeal_document(appeal, self._timezone))
        for entry in archived:
            transaction.set(reference.collection(HISTORY_ARCHIVE).document(archive_document_id(entry.number)),
                            archive_document(entry))
        write_outbox(transaction, reference, write)
        write_example(transaction, self._client, write)

    @_storage_errors
    def pending_messages(self, appeal_id: str) -> list[OutboxMessage]:
        snapshots = self._appeals.document(appeal_id).collection(OUTBOX).order_by("created_at").stream()
        return [_message(s.to_dict() or {}) for s in snapshots]

    @_storage_errors
    def delete_message(self, appeal_id: str, message_id: str) -> None:
        self._appeals.document(appeal_id).collection(OUTBOX).document(_outbox_document_id(message_id)).delete()

    @_storage_errors
    def messages_before(self, cutoff: datetime, limit: int) -> list[tuple[str, OutboxMessage]]:
        """Messages left unpublished since before `cutoff`, across all appeals (a collection-group query)."""
        query = (self._client.collection_group(OUTBOX).where(filter=FieldFilter("created_at", "<", cutoff))
                 .order_by("created_at").limit(limit))
        found = []
        for snapshot in query.stream():
            parent = snapshot.reference.parent.parent
            if parent is not None:
                found.append((parent.id, _message(snapshot.to_dict() or {})))
        return found

    @_storage_errors
    def notices_due(self, now: datetime, limit: int) -> list[str]:
        """Appeals with a deadline warning or escalation due by `now`; only they carry a past value."""
        query = (self._appeals.where(filter=FieldFilter(NEXT_NOTICE_AT, "<=", now)).order_by(NEXT_NOTICE_AT)
                 .limit(limit).select([NEXT_NOTICE_AT]))
        return [s.id for s in query.stream()]

    @_storage_errors
    def auto_resolve_due(self, now: datetime, limit: int) -> list[str]:
        query = (self._appeals.where(filter=FieldFilter(AUTO_RESOLVE_AT, "<=", now)).order_by(AUTO_RESOLVE_AT)
                 .limit(limit).select([AUTO_RESOLVE_AT]))
        return [s.id for s in query.stream()]

    @_storage_errors
    def quarantine(self, appeal_id: str, at: datetime) -> None:
        # Field paths only: the appeal may not parse. The flag takes the place of the field the sweep found the
        # appeal by (names of equal length, a timestamp each, in whole seconds), so even a document at
        # Firestore's size limit takes it.
        try:
            self._appeals.document(appeal_id).update(
                {QUARANTINED_AT: at.replace(microsecond=0), NEXT_NOTICE_AT: firestore.DELETE_FIELD,
                 AUTO_RESOLVE_AT: firestore.DELETE_FIELD}, retry=self._retry, timeout=self._timeout)
        except google_exceptions.NotFound:
            pass  # deleted meanwhile: nothing left to set aside

    @_storage_errors
    def quarantined(self, limit: int) -> list[Quarantined]:
        found = []
        for snapshot in self._appeals.order_by(QUARANTINED_AT).limit(limit).stream():
            data = snapshot.to_dict() or {}
            try:
                appeal_from_document(data)
                problem = None
            except ValueError as error:
                problem = type(error).__name__
            found.append(Quarantined(appeal_id=snapshot.id, since=data[QUARANTINED_AT], problem=problem))
        return found

    def release(self, appeal_id: str) -> bool:
        """Written again as it is: the sweep's fields derived anew, the flag not carried over."""
        def unchanged(current: dict[str, Appeal | None]) -> list[AppealWrite]:
            appeal = current[appeal_id]
            return [AppealWrite(appeal)] if appeal is not None else []

        return bool(self.transact([appeal_id], unchanged))

    @_storage_errors
    def archived_history(self, appeal_id: str) -> list[HistoryEntry]:
        # Documents come in their ids' order, which is the entries' order.
        snapshots = self._appeals.document(appeal_id).collection(HISTORY_ARCHIVE).stream()
        return [archived_entry(s.to_dict() or {}) for s in snapshots]

    @_storage_errors
    def search(self, query: AppealQuery) -> tuple[list[Appeal], str | None]:
        """One page in the query's order and the cursor of the next, or None at the end.

        The first word narrows the query in Firestore (array-contains); further words are checked
        here, so a page may hold fewer than `limit` appeals while a cursor still follows."""
        firestore_query = self._filtered(query)
        if query.due_before is not None:
            firestore_query = firestore_query.where(filter=FieldFilter("due_at", "<", query.due_before))
        if query.received_from is not None:
            firestore_query = firestore_query.where(filter=FieldFilter("received_at", ">=", query.received_from))
        if query.received_before is not None:
            firestore_query = firestore_query.where(filter=FieldFilter("received_at", "<", query.received_before))
        firestore_query = firestore_query.order_by(query.order_by).order_by("__name__")
        if query.after:
            cursor = self._appeals.document(query.after).get() if is_appeal_id(query.after) else None
            if cursor is None or not cursor.exists:
                raise CursorNotFound(query.after)
            firestore_query = firestore_query.start_after(cursor)
        snapshots = list(firestore_query.limit(query.limit).stream())
        documents = [s.to_dict() or {} for s in snapshots]
        appeals = [appeal_from_document(d) for d in documents
                   if all(w in (d.get(SEARCH_WORDS) or []) for w in query.words[1:])]
        next_cursor = snapshots[-1].id if len(snapshots) == query.limit else None
        return appeals, next_cursor

    @_storage_errors
    def count(self, query: AppealQuery) -> int:
        """One aggregation query over the equality filters (no document is read): a range would need an index."""
        if query.due_before or query.received_from or query.received_before:
            raise ValueError("count takes equality filters only")
        aggregation: Any = self._filtered(query).count(alias="n")
        (results,) = aggregation.get(timeout=self._timeout)
        return int(results[0].value)

    def _filtered(self, query: AppealQuery) -> Query:
        """The query's equality filters (and its first word), which Firestore merges from single-field indexes."""
        firestore_query = self._appeals.where(filter=FieldFilter("municipality", "==", query.municipality))
        for path, value in (("department", query.department), ("category", query.category),
                            ("channel", str(query.channel) if query.channel else None), ("overdue", query.overdue),
                            (UNDELIVERED, query.undelivered),
                            (CALLBACK_NOT_DELIVERED, query.callback_not_delivered),
                            (ROUTING_FAILED, query.routing_failed)):
            if value is not None:
                firestore_query = firestore_query.where(filter=FieldFilter(path, "==", value))
        if query.statuses:
            statuses = [str(s) for s in query.statuses]
            firestore_query = firestore_query.where(filter=FieldFilter("status", "in", statuses))
        if query.words:
            firestore_query = firestore_query.where(filter=FieldFilter(SEARCH_WORDS, "array_contains", query.words[0]))
        return firestore_query


def _message(data: dict[str, Any]) -> OutboxMessage:
    return OutboxMessage(id=data["id"], topic=data["topic"], body=data["body"], attributes=data["attributes"],
                         ordering_key=data.get("ordering_key"))
