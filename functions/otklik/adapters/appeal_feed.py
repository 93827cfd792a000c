"""A town's appeals newest first within a time window, for the public Open311 feed.

Kept apart from FirestoreAppealRepository.search (the operators' lists, oldest first, many filters): the feed
needs newest-first order and several categories at once. Composite indexes: see firestore_indexes.py."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from google.api_core.retry import Retry
from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from otklik.adapters.appeal_documents import appeal_from_document
from otklik.adapters.firestore_appeals import APPEALS, _storage_errors
from otklik.domain.ids import is_appeal_id
from otklik.domain.model import Appeal
from otklik.services.ports import CursorNotFound


class FirestoreAppealFeed:
    def __init__(self, client: firestore.Client, timeout_seconds: float = 10.0) -> None:
        self._client = client
        self._appeals = client.collection(APPEALS)
        self._timeout = timeout_seconds
        self._retry = Retry(initial=0.1, maximum=1.0, timeout=timeout_seconds)

    @_storage_errors
    def newest_first(self, municipality: str, categories: Sequence[str], received_from: datetime,
                     received_before: datetime, after: str | None, limit: int) -> list[Appeal]:
        query = self._appeals.where(filter=FieldFilter("municipality", "==", municipality))
        if categories:
            query = query.where(filter=FieldFilter("category", "in", list(categories)))
        query = (query.where(filter=FieldFilter("received_at", ">=", received_from))
                 .where(filter=FieldFilter("received_at", "<", received_before))
                 .order_by("received_at", direction=firestore.Query.DESCENDING)
                 .order_by("__name__", direction=firestore.Query.DESCENDING))
        if after is not None:
            cursor = None
            if is_appeal_id(after):
                cursor = self._appeals.document(after).get(retry=self._retry, timeout=self._timeout)
            if cursor is None or not cursor.exists:
                raise CursorNotFound(after)
            query = query.start_after(cursor)
        snapshots = query.limit(limit).stream(retry=self._retry, timeout=self._timeout)
        return [appeal_from_document(s.to_dict() or {}) for s in snapshots]

    @_storage_errors
    def by_ids(self, appeal_ids: Sequence[str]) -> list[Appeal]:
        references = [self._appeals.document(i) for i in dict.fromkeys(appeal_ids) if is_appeal_id(i)]
        snapshots = self._client.get_all(references, retry=self._retry, timeout=self._timeout)
        found = {s.id: s for s in snapshots if s.exists}
        return [appeal_from_document(found[i].to_dict() or {}) for i in dict.fromkeys(appeal_ids) if i in found]
