"""Incidents in Firestore: one document each in `incidents` (members inside: 300 members' small records are far
below the 1 MiB document limit), changed with their member appeals in one transaction; joins not yet folded into
their incident in its `joins` subcollection, one document per joining appeal; and grouping's candidate queries, each
an equality on indexed fields, a time bound and a limit (firestore_indexes.COMPOSITE_INDEXES)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from otklik.adapters.appeal_documents import GROUPING_FAMILY, appeal_from_document
from otklik.adapters.firestore_appeals import (
    APPEALS,
    TRANSACTION_ATTEMPTS,
    FirestoreAppealRepository,
    _storage_errors,
)
from otklik.adapters.incident_documents import (
    FAMILY,
    JOINABLE,
    incident_document,
    incident_from_document,
    pending_join_document,
    pending_join_from_document,
)
from otklik.domain.ids import is_appeal_id
from otklik.domain.incidents.model import Incident, PendingJoin, is_incident_id
from otklik.domain.model import Appeal
from otklik.services.ports import (
    MAX_APPEALS_PER_COMMIT,
    ConcurrentUpdate,
    IncidentChangeFunction,
    IncidentWrite,
)

INCIDENTS = "incidents"
JOINS = "joins"  # incidents/{incident id}/joins/{appeal id}: a join not yet folded into the incident
# array-contains-any takes at most 30 values.
MAX_QUERIED_PLACE_KEYS = 30


class FirestoreIncidents:
    """IncidentStore and GroupingCandidates. `reads` counts the documents its queries and transactions read, for
    the bench and the tests that hold the reads per new appeal to a constant."""

    def __init__(self, client: firestore.Client, appeals: FirestoreAppealRepository) -> None:
        self._client = client
        self._incidents = client.collection(INCIDENTS)
        self._appeals = client.collection(APPEALS)
        self._appeal_writer = appeals
        self.reads = 0

    @_storage_errors
    def get(self, incident_id: str) -> Incident | None:
        if not is_incident_id(incident_id):
            return None
        snapshot = self._incidents.document(incident_id).get()
        self.reads += 1
        return incident_from_document(snapshot.to_dict() or {}) if snapshot.exists else None

    @_storage_errors
    def transact(self, incident_ids: Sequence[str], appeal_ids: Sequence[str],
                 change: IncidentChangeFunction) -> IncidentWrite:
        if len(appeal_ids) > MAX_APPEALS_PER_COMMIT:
            raise ValueError(f"{len(appeal_ids)} appeals in one commit; at most {MAX_APPEALS_PER_COMMIT}")
        incident_refs = {i: self._incidents.document(i) for i in incident_ids if is_incident_id(i)}
        appeal_refs = {i: self._appeals.document(i) for i in appeal_ids if is_appeal_id(i)}

        @firestore.transactional
        def run(transaction: firestore.Transaction) -> IncidentWrite:
            references = [*incident_refs.values(), *appeal_refs.values()]
            snapshots = {s.reference.path: s for s in transaction.get_all(references)} if references else {}
            self.reads += len(references)

            def stored(reference: firestore.DocumentReference) -> dict[str, Any] | None:
                snapshot = snapshots.get(reference.path)
                return (snapshot.to_dict() or {}) if snapshot is not None and snapshot.exists else None

            incident_docs = {i: stored(r) for i, r in incident_refs.items()}
            appeal_docs = {i: stored(r) for i, r in appeal_refs.items()}
            incidents = {i: incident_from_document(d) if (d := incident_docs.get(i)) is not None else None
                         for i in incident_ids}
            appeals = {i: appeal_from_document(d) if (d := appeal_docs.get(i)) is not None else None
                       for i in appeal_ids}
            decided = change(incidents, appeals)
            if decided is None:
                return IncidentWrite()
            self._stage_incidents(transaction, decided)
            for write in decided.appeals:
                self._appeal_writer.stage(transaction, appeal_docs.get(write.appeal.id) or {}, write)
            return decided

        try:
            committed: IncidentWrite = run(self._client.transaction(max_attempts=TRANSACTION_ATTEMPTS))
        except ValueError as error:
            if "Failed to commit transaction" in str(error):
                raise ConcurrentUpdate(f"incidents {list(incident_ids)} kept changing under the transaction") \
                    from error
            raise
        return committed

    def _stage_incidents(self, transaction: firestore.Transaction, decided: IncidentWrite) -> None:
        for incident in decided.incidents:
            transaction.set(self._incidents.document(incident.id), incident_document(incident))
        for folded in decided.folded:
            transaction.delete(self._join(folded))
        for pending in decided.joins:
            transaction.set(self._join(pending), pending_join_document(pending))

    def _join(self, pending: PendingJoin) -> firestore.DocumentReference:
        reference: firestore.DocumentReference = (self._incidents.document(pending.incident_id).collection(JOINS)
                                                  .document(pending.appeal_id))
        return reference

    @_storage_errors
    def pending_joins(self, incident_id: str, limit: int) -> list[PendingJoin]:
        if not is_incident_id(incident_id):
            return []
        found = [pending_join_from_document(s.to_dict() or {})
                 for s in self._incidents.document(incident_id).collection(JOINS).limit(limit).stream()]
        self.reads += max(1, len(found))
        return found

    @_storage_errors
    def open_incidents(self, municipality: str, family: str, place_keys: Sequence[str], since: datetime,
                       limit: int) -> list[Incident]:
        if not place_keys:
            return []
        query = (self._incidents.where(filter=FieldFilter("municipality", "==", municipality))
                 .where(filter=FieldFilter(FAMILY, "==", family))
                 .where(filter=FieldFilter(JOINABLE, "==", True))
                 .where(filter=FieldFilter("place_keys", "array_contains_any",
                                           list(place_keys)[:MAX_QUERIED_PLACE_KEYS]))
                 .where(filter=FieldFilter("last_member_at", ">=", since))
                 .order_by("last_member_at", direction=firestore.Query.DESCENDING)
                 .limit(limit))
        found = [incident_from_document(s.to_dict() or {}) for s in query.stream()]
        self.reads += max(1, len(found))  # a query that finds nothing is billed as one read
        return found

    @_storage_errors
    def town_incidents(self, municipality: str, family: str, since: datetime, limit: int) -> list[Incident]:
        query = (self._incidents.where(filter=FieldFilter("municipality", "==", municipality))
                 .where(filter=FieldFilter(FAMILY, "==", family))
                 .where(filter=FieldFilter(JOINABLE, "==", True))
                 .where(filter=FieldFilter("last_member_at", ">=", since))
                 .order_by("last_member_at", direction=firestore.Query.DESCENDING)
                 .limit(limit))
        found = [incident_from_document(s.to_dict() or {}) for s in query.stream()]
        self.reads += max(1, len(found))
        return found

    @_storage_errors
    def recent_appeals(self, municipality: str, family: str, place_keys: Sequence[str], since: datetime,
                       limit: int) -> list[Appeal]:
        if not place_keys:
            return []
        query = (self._appeals.where(filter=FieldFilter("municipality", "==", municipality))
                 .where(filter=FieldFilter(GROUPING_FAMILY, "==", family))
                 .where(filter=FieldFilter("place_keys", "array_contains_any",
                                           list(place_keys)[:MAX_QUERIED_PLACE_KEYS]))
                 .where(filter=FieldFilter("received_at", ">=", since))
                 .order_by("received_at", direction=firestore.Query.DESCENDING)
                 .limit(limit))
        found = [appeal_from_document(s.to_dict() or {}) for s in query.stream()]
        self.reads += max(1, len(found))
        return found
