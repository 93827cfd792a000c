"""Appeals in Firestore: one document per appeal with its history inside, fields derived for queries,
and the messages its changes still have to publish beside it."""
from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from google.api_core import exceptions as google_exceptions
from google.api_core.retry import Retry
from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from otklik.domain.followups import thread_key
from otklik.domain.history import ArchivedEntry, HistoryBounds, archive_overflow
from otklik.domain.ids import is_appeal_id
from otklik.domain.model import Appeal, DeliveryStatus, HistoryEntry, Status
from otklik.domain.search import search_words
from otklik.domain.sweep import auto_resolve_at, next_notice_at, report_month
from otklik.services.queries import AppealQuery
from otklik.services.ports import (
    AppealWrite,
    ConcurrentUpdate,
    CursorNotFound,
    OutboxMessage,
    Quarantined,
    StorageUnavailable,
)

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
THREAD_KEY = "thread_key"
SEARCH_WORDS = "search_words"
NEXT_NOTICE_AT = "next_notice_at"
AUTO_RESOLVE_AT = "auto_resolve_at"
RECEIVED_MONTH = "received_month"
REPORTABLE = "reportable"
# Set when the sweep set the appeal aside; not carried over, so the next change written to the appeal clears it
# (and derives the sweep's fields again).
QUARANTINED_AT = "quarantined_at"
UNDELIVERED = "undelivered"
# Derived from the appeal on every write; the sweep, the reports and the operator list query them.
_DERIVED_FIELDS = (THREAD_KEY, SEARCH_WORDS, NEXT_NOTICE_AT, AUTO_RESOLVE_AT, RECEIVED_MONTH, REPORTABLE, UNDELIVERED)
_PERSISTENCE_FIELDS = (BODY_FINGERPRINT, *_DERIVED_FIELDS)

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


def compact(value: Any) -> Any:
    """Without None values and empty lists and maps, at any depth of the models' fields (which restore
    their defaults); a history entry's free-form details are kept as they are."""
    if isinstance(value, dict):
        return {k: c for k, v in value.items()
                if (c := v if k == "details" else compact(v)) is not None and c != [] and c != {}}
    if isinstance(value, list):
        return [compact(v) for v in value]
    return value


# Records inside an appeal that no query looks into are stored as JSON text: one value to encode on every
# write instead of dozens (the webhooks' hot path), and no index entries for them.
_PACKED_FIELDS = ("source", "author", "attachments", "location", "history", "answers", "warning_points")


def _pack(document: dict[str, Any]) -> dict[str, Any]:
    return document | {name: json.dumps(document[name], ensure_ascii=False, separators=(",", ":"), default=_json_value)
                       for name in _PACKED_FIELDS if name in document}


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in a packed field")


# The operator list orders by due_at (a missing field would drop triage appeals from it); the report
# counts unanswered appeals by first_response_within_deadline == null.
_KEPT_WHEN_NULL = ("due_at", "first_response_within_deadline")


def month_key(municipality: str, month: str) -> str:
    return f"{municipality}:{month}"


def _outbox_document_id(message_id: str) -> str:
    return message_id.replace("/", ":")


def _archive_document(archived: ArchivedEntry) -> dict[str, Any]:
    entry = json.dumps(to_document(archived.entry.model_dump(mode="python")), ensure_ascii=False,
                       separators=(",", ":"), default=_json_value)
    return {"number": archived.number, "entry": entry}


def _archive_document_id(number: int) -> str:
    return f"{number:09d}"  # in the entries' order


def appeal_from_document(data: dict[str, Any]) -> Appeal:
    # Only the model's fields: persistence fields, and fields older versions wrote, are not the appeal's.
    fields = {k: v for k, v in data.items() if k in Appeal.model_fields}
    for name in _PACKED_FIELDS:
        if isinstance(fields.get(name), str):
            fields[name] = json.loads(fields[name])
    return Appeal.model_validate(fields)


class FirestoreAppealRepository:
    def __init__(self, client: firestore.Client, timezone: str = "Asia/Sakhalin", timeout_seconds: float = 10.0,
                 history: HistoryBounds = HistoryBounds()) -> None:
        self._client = client
        self._appeals = client.collection(APPEALS)
        self._timezone = timezone
        self._history = history
        # The write path answers platforms: better a quick 503 (they send again) than a hung webhook.
        self._call = {"timeout": timeout_seconds, "retry": Retry(initial=0.1, maximum=1.0, timeout=timeout_seconds)}

    def _document(self, appeal: Appeal, *, searchable: bool = True) -> dict[str, Any]:
        # Unset values are left out (the model restores its defaults on reading): every stored value
        # costs client CPU on each write, and an appeal's first write is on the webhooks' hot path.
        # The fields queried for their null value or ordered on stay, as nulls.
        document: dict[str, Any] = to_document(appeal.model_dump(mode="python"))
        document |= {
            # Only the appeals a next message may join or follow up: a folded follow-up leaves its thread, so that
            # the thread's latest appeals are found whatever the number of follow-ups.
            THREAD_KEY: thread_key(appeal) if appeal.status is not Status.MERGED else None,
            # Lemmatising needs the morphology dictionary; the webhooks' write path leaves it to routing,
            # which rewrites the appeal moments later, so that a webhook's instance never loads it.
            SEARCH_WORDS: search_words(appeal.text) if searchable else [],
            NEXT_NOTICE_AT: next_notice_at(appeal),
            AUTO_RESOLVE_AT: auto_resolve_at(appeal),
            RECEIVED_MONTH: month_key(appeal.municipality, report_month(appeal.received_at, self._timezone)),
            # Folded follow-ups and rejected non-appeals (spam, greetings) are not appeals in the figures.
            REPORTABLE: appeal.status not in (Status.MERGED, Status.REJECTED),
            UNDELIVERED: any(a.delivery.status is DeliveryStatus.UNDELIVERED for a in appeal.answers),
        }
        document = _pack(compact(document))
        return document | {field: None for field in _KEPT_WHEN_NULL if field not in document}

    @_storage_errors
    def add(self, created: AppealWrite, fingerprint: str | None = None) -> bool:
        """Stores a new appeal and its outbox messages in one commit; False when one with its id exists already
        (then nothing is written). `fingerprint`: a hash of the API request that created it, for idempotent APIs."""
        appeal = created.appeal
        document = self._document(appeal, searchable=False)
        if fingerprint is not None:
            document[BODY_FINGERPRINT] = fingerprint
        reference = self._appeals.document(appeal.id)
        batch = self._client.batch()
        batch.create(reference, document)
        self._write_messages(batch, reference, created)
        try:
            batch.commit(**self._call)
        except google_exceptions.AlreadyExists:
            return False
        return True

    @_storage_errors
    def body_fingerprint(self, appeal_id: str) -> str | None:
        if not is_appeal_id(appeal_id):
            return None
        snapshot = self._appeals.document(appeal_id).get(field_paths=[BODY_FINGERPRINT], **self._call)
        value = (snapshot.to_dict() or {}).get(BODY_FINGERPRINT) if snapshot.exists else None
        return str(value) if value is not None else None

    @_storage_errors
    def get(self, appeal_id: str) -> Appeal | None:
        if not is_appeal_id(appeal_id):
            return None  # no appeal has such an id, and Firestore may refuse it as one ("__x__", "a/b")
        snapshot = self._appeals.document(appeal_id).get(**self._call)
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
                # Derived fields are computed again (an absent one is cleared); the others are carried over.
                kept = {k: v for k, v in stored.get(write.appeal.id, {}).items()
                        if k in _PERSISTENCE_FIELDS and k not in _DERIVED_FIELDS}
                reference = self._appeals.document(write.appeal.id)
                appeal, archived = archive_overflow(write.appeal, self._history)
                transaction.set(reference, kept | self._document(appeal))
                for entry in archived:
                    transaction.set(reference.collection(HISTORY_ARCHIVE).document(_archive_document_id(entry.number)),
                                    _archive_document(entry))
                self._write_messages(transaction, reference, write)
            return writes

        try:
            return run(self._client.transaction(max_attempts=TRANSACTION_ATTEMPTS))
        except ValueError as error:
            # python-firestore gives up on a contended document with a plain ValueError.
            if "Failed to commit transaction" in str(error):
                raise ConcurrentUpdate(f"appeals {appeal_ids} kept changing under the transaction") from error
            raise

    @staticmethod
    def _write_messages(writer: firestore.WriteBatch | firestore.Transaction,
                        reference: firestore.DocumentReference, write: AppealWrite) -> None:
        for message in write.messages:
            writer.set(reference.collection(OUTBOX).document(_outbox_document_id(message.id)),
                       vars(message) | {"created_at": write.appeal.history[-1].at})

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
                 AUTO_RESOLVE_AT: firestore.DELETE_FIELD}, **self._call)
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
        return [HistoryEntry.model_validate(json.loads((s.to_dict() or {})["entry"])) for s in snapshots]

    @_storage_errors
    def search(self, query: AppealQuery) -> tuple[list[Appeal], str | None]:
        """One page in the query's order and the cursor of the next, or None at the end.

        The first word narrows the query in Firestore (array-contains); further words are checked
        here, so a page may hold fewer than `limit` appeals while a cursor still follows."""
        firestore_query = self._appeals.where(filter=FieldFilter("municipality", "==", query.municipality))
        for path, value in (("department", query.department), ("category", query.category),
                            ("channel", str(query.channel) if query.channel else None), ("overdue", query.overdue),
                            (UNDELIVERED, query.undelivered)):
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


def _message(data: dict[str, Any]) -> OutboxMessage:
    return OutboxMessage(id=data["id"], topic=data["topic"], body=data["body"], attributes=data["attributes"])
