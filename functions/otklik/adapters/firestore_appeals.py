"""Appeals in Firestore: one document per appeal, its history inside it, an outbox marker beside it."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import Enum
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from google.api_core import exceptions as google_exceptions
from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from otklik.domain.model import Appeal, HistoryEntry
from otklik.services.ports import OutboxState, StorageUnavailable

APPEALS = "appeals"
# Persistence-only fields kept on the appeal document beside the domain model.
OUTBOX_PENDING_SINCE = "outbox_pending_since"
OUTBOX_FAILED_AT = "outbox_failed_at"
PUBLISHED_AT = "published_at"
_PERSISTENCE_FIELDS = (OUTBOX_PENDING_SINCE, OUTBOX_FAILED_AT, PUBLISHED_AT)

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
    def add(self, appeal: Appeal) -> bool:
        document = to_document(appeal.model_dump(mode="python"))
        document[OUTBOX_PENDING_SINCE] = appeal.received_at
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
            transaction.update(reference, {"text": text, "history": history})
            return True

        return apply(self._client.transaction())

    @_storage_errors
    def recent(self, limit: int) -> list[Appeal]:
        query = self._appeals.order_by("received_at", direction=firestore.Query.DESCENDING).limit(limit)
        return [appeal_from_document(s.to_dict() or {}) for s in query.stream()]
