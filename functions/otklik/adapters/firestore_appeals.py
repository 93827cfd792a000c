"""Appeals in Firestore: one document per appeal, its history inside it, an outbox marker beside it."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from google.api_core import exceptions as google_exceptions
from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from otklik.domain.followups import thread_key
from otklik.domain.model import Appeal, HistoryEntry, Status
from otklik.domain.search import search_words
from otklik.services.queries import AppealQuery
from otklik.services.ports import AppealWrite, OutboxMessage, OutboxState, StorageUnavailable

APPEALS = "appeals"
# Persistence-only fields kept on the appeal document beside the domain model.
OUTBOX_PENDING_SINCE = "outbox_pending_since"
OUTBOX_FAILED_AT = "outbox_failed_at"
PUBLISHED_AT = "published_at"
# Messages a change still has to publish, and since when the oldest has waited.
OUTBOX = "outbox"
OUTBOX_SINCE = "outbox_since"
THREAD_KEY = "thread_key"
SEARCH_WORDS = "search_words"
_PERSISTENCE_FIELDS = (OUTBOX_PENDING_SINCE, OUTBOX_FAILED_AT, PUBLISHED_AT, OUTBOX, OUTBOX_SINCE, THREAD_KEY,
                       SEARCH_WORDS)

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


def to_document(value: Any) -> Any:
    """Plain Firestore values from a model dump: enums to their values, tuples to lists."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()  # Firestore stores timestamps, not calendar dates
    if isinstance(value, dict):
        return {k: to_document(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_document(v) for v in value]
    return value


def appeal_from_document(data: dict[str, Any]) -> Appeal:
    return Appeal.model_validate({k: v for k, v in data.items() if k not in _PERSISTENCE_FIELDS})


class FirestoreAppealRepository:
    def __init__(self, client: firestore.Client) -> None:
        self._client = client
        self._appeals = client.collection(APPEALS)

    @_storage_errors
    def add(self, appeal: Appeal, stored_at: datetime) -> bool:
        document = to_document(appeal.model_dump(mode="python"))
        document[OUTBOX_PENDING_SINCE] = stored_at
        document[THREAD_KEY] = thread_key(appeal)
        document[SEARCH_WORDS] = search_words(appeal.text)
        try:
            self._appeals.document(appeal.id).create(document)
        except google_exceptions.AlreadyExists:
            return False
        return True

    @_storage_errors
    def get(self, appeal_id: str) -> Appeal | None:
        snapshot = self._appeals.document(appeal_id).get()
        return appeal_from_document(snapshot.to_dict() or {}) if snapshot.exists else None

    @_storage_errors
    def outbox_state(self, appeal_id: str) -> OutboxState | None:
        snapshot = self._appeals.document(appeal_id).get(field_paths=[OUTBOX_PENDING_SINCE, OUTBOX_FAILED_AT])
        if not snapshot.exists:
            return None
        data = snapshot.to_dict() or {}
        return OutboxState(pending_since=data.get(OUTBOX_PENDING_SINCE), failed_at=data.get(OUTBOX_FAILED_AT))

    @_storage_errors
    def mark_published(self, appeal_id: str, at: datetime) -> None:
        self._appeals.document(appeal_id).update(
            {OUTBOX_PENDING_SINCE: firestore.DELETE_FIELD, OUTBOX_FAILED_AT: firestore.DELETE_FIELD, PUBLISHED_AT: at}
        )

    @_storage_errors
    def mark_publish_failed(self, appeal_id: str, at: datetime) -> None:
        self._appeals.document(appeal_id).update({OUTBOX_FAILED_AT: at})

    @_storage_errors
    def unpublished_since_before(self, cutoff: datetime, limit: int) -> list[Appeal]:
        # Only unpublished appeals carry the field, so this reads just them.
        query = (
            self._appeals.where(filter=FieldFilter(OUTBOX_PENDING_SINCE, "<", cutoff))
            .order_by(OUTBOX_PENDING_SINCE)
            .limit(limit)
        )
        return [appeal_from_document(s.to_dict() or {}) for s in query.stream()]

    @_storage_errors
    def edit_text(self, appeal_id: str, text: str, entry: HistoryEntry) -> bool:
        reference = self._appeals.document(appeal_id)

        @firestore.transactional
        def apply(transaction: firestore.Transaction) -> bool:
            snapshot = reference.get(transaction=transaction)
            if not snapshot.exists:
                return False
            if (snapshot.get("text") or "") == text:
                return True
            history = list(snapshot.get("history") or [])
            history.append(to_document(entry.model_dump(mode="python")))
            transaction.update(reference, {"text": text, "history": history, SEARCH_WORDS: search_words(text)})
            return True

        return apply(self._client.transaction())

    @_storage_errors
    def recent(self, limit: int) -> list[Appeal]:
        query = self._appeals.order_by("received_at", direction=firestore.Query.DESCENDING).limit(limit)
        return [appeal_from_document(s.to_dict() or {}) for s in query.stream()]

    @_storage_errors
    def latest_in_thread(self, key: str, limit: int = 5) -> list[Appeal]:
        """The thread's most recent appeals, newest first, without those folded into another."""
        query = (
            self._appeals.where(filter=FieldFilter(THREAD_KEY, "==", key))
            .order_by("received_at", direction=firestore.Query.DESCENDING)
            .limit(limit)
        )
        appeals = [appeal_from_document(s.to_dict() or {}) for s in query.stream()]
        return [a for a in appeals if a.status is not Status.MERGED]

    @_storage_errors
    def transact(self, appeal_ids: list[str],
                 change: Callable[[dict[str, Appeal | None]], list[AppealWrite]]) -> list[AppealWrite]:
        """Reads the appeals, lets `change` decide, and writes what it returns, all in one transaction."""
        references = {appeal_id: self._appeals.document(appeal_id) for appeal_id in appeal_ids}

        @firestore.transactional
        def run(transaction: firestore.Transaction) -> list[AppealWrite]:
            snapshots = {i: r.get(transaction=transaction) for i, r in references.items()}
            stored = {i: s.to_dict() or {} for i, s in snapshots.items() if s.exists}
            writes = change({i: appeal_from_document(stored[i]) if i in stored else None for i in appeal_ids})
            for write in writes:
                kept = {k: v for k, v in stored.get(write.appeal.id, {}).items() if k in _PERSISTENCE_FIELDS}
                document = to_document(write.appeal.model_dump(mode="python")) | kept
                document[SEARCH_WORDS] = search_words(write.appeal.text)
                if write.messages:
                    document[OUTBOX] = [*kept.get(OUTBOX, []), *(vars(m) for m in write.messages)]
                    document[OUTBOX_SINCE] = kept.get(OUTBOX_SINCE) or write.appeal.history[-1].at
                transaction.set(self._appeals.document(write.appeal.id), document)
            return writes

        return run(self._client.transaction())

    @_storage_errors
    def outbox(self, appeal_id: str) -> list[OutboxMessage]:
        snapshot = self._appeals.document(appeal_id).get(field_paths=[OUTBOX])
        items = (snapshot.to_dict() or {}).get(OUTBOX) or [] if snapshot.exists else []
        return [OutboxMessage(**item) for item in items]

    @_storage_errors
    def clear_outbox(self, appeal_id: str, message_ids: set[str]) -> None:
        reference = self._appeals.document(appeal_id)

        @firestore.transactional
        def run(transaction: firestore.Transaction) -> None:
            snapshot = reference.get(field_paths=[OUTBOX], transaction=transaction)
            left = [m for m in (snapshot.to_dict() or {}).get(OUTBOX) or [] if m["id"] not in message_ids]
            if left:
                transaction.update(reference, {OUTBOX: left})
            else:
                transaction.update(reference, {OUTBOX: firestore.DELETE_FIELD, OUTBOX_SINCE: firestore.DELETE_FIELD})

        run(self._client.transaction())

    @_storage_errors
    def with_outbox_before(self, cutoff: datetime, limit: int) -> list[str]:
        # Only appeals with something left to publish carry the field, so this reads just them.
        query = (
            self._appeals.where(filter=FieldFilter(OUTBOX_SINCE, "<", cutoff))
            .order_by(OUTBOX_SINCE)
            .limit(limit)
            .select([OUTBOX_SINCE])
        )
        return [s.id for s in query.stream()]

    @_storage_errors
    def search(self, query: AppealQuery) -> tuple[list[Appeal], str | None]:
        """One page in the query's order and the cursor of the next, or None at the end.

        The first word narrows the query in Firestore (array-contains); further words are checked
        here, so a page may hold fewer than `limit` appeals while a cursor still follows."""
        firestore_query = self._appeals.where(filter=FieldFilter("municipality", "==", query.municipality))
        for path, value in (("department", query.department), ("category", query.category),
                            ("channel", str(query.channel) if query.channel else None), ("overdue", query.overdue)):
            if value is not None:
                firestore_query = firestore_query.where(filter=FieldFilter(path, "==", value))
        if query.statuses:
            firestore_query = firestore_query.where(filter=FieldFilter("status", "in", [str(s) for s in query.statuses]))
        if query.words:
            firestore_query = firestore_query.where(filter=FieldFilter(SEARCH_WORDS, "array_contains", query.words[0]))
        if query.due_before is not None:
            firestore_query = firestore_query.where(filter=FieldFilter("due_at", "<", query.due_before))
        if query.received_from is not None:
            firestore_query = firestore_query.where(filter=FieldFilter("received_at", ">=", query.received_from))
        if query.received_before is not None:
            firestore_query = firestore_query.where(filter=FieldFilter("received_at", "<", query.received_before))
        firestore_query = firestore_query.order_by(query.order_by).order_by("__name__")
        if query.after:
            cursor = self._appeals.document(query.after).get()
            if cursor.exists:
                firestore_query = firestore_query.start_after(cursor)
        snapshots = list(firestore_query.limit(query.limit).stream())
        more = [w for w in query.words[1:]]
        appeals = [appeal_from_document(s.to_dict() or {}) for s in snapshots
                   if all(w in ((s.to_dict() or {}).get(SEARCH_WORDS) or []) for w in more)]
        next_cursor = snapshots[-1].id if len(snapshots) == query.limit else None
        return appeals, next_cursor
