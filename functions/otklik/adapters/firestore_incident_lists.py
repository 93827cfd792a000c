"""The operators' list of incidents in Firestore: a town's incidents not yet resolved (`joinable`, derived on every
write), of one department if asked, earliest deadline first (firestore_indexes.COMPOSITE_INDEXES)."""
from __future__ import annotations

from datetime import datetime

from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from otklik.adapters.firestore_appeals import _storage_errors
from otklik.adapters.firestore_incidents import INCIDENTS
from otklik.adapters.incident_documents import (
    AUTO_RESOLVE_AT,
    DUE_AT,
    JOINABLE,
    NEXT_NOTICE_AT,
    incident_from_document,
)
from otklik.domain.incidents.model import Incident


class FirestoreIncidentLists:
    """IncidentSearch, IncidentSweepQueries and IncidentReportQueries."""

    def __init__(self, client: firestore.Client) -> None:
        self._incidents = client.collection(INCIDENTS)

    @_storage_errors
    def open_by_deadline(self, municipality: str, department: str | None, limit: int) -> list[Incident]:
        query = (self._incidents.where(filter=FieldFilter("municipality", "==", municipality))
                 .where(filter=FieldFilter(JOINABLE, "==", True)))
        if department is not None:
            query = query.where(filter=FieldFilter("department", "==", department))
        query = query.order_by(DUE_AT).order_by("__name__").limit(limit)
        return [incident_from_document(s.to_dict() or {}) for s in query.stream()]

    @_storage_errors
    def created_between(self, municipality: str, start: datetime, end: datetime) -> list[Incident]:
        query = (self._incidents.where(filter=FieldFilter("municipality", "==", municipality))
                 .where(filter=FieldFilter("created_at", ">=", start))
                 .where(filter=FieldFilter("created_at", "<", end)))
        return [incident_from_document(s.to_dict() or {}) for s in query.stream()]

    @_storage_errors
    def incident_notices_due(self, now: datetime, limit: int) -> list[str]:
        query = (self._incidents.where(filter=FieldFilter(NEXT_NOTICE_AT, "<=", now)).order_by(NEXT_NOTICE_AT)
                 .limit(limit))
        return [s.id for s in query.select([NEXT_NOTICE_AT]).stream()]

    @_storage_errors
    def incident_auto_resolve_due(self, now: datetime, limit: int) -> list[str]:
        query = (self._incidents.where(filter=FieldFilter(AUTO_RESOLVE_AT, "<=", now)).order_by(AUTO_RESOLVE_AT)
                 .limit(limit))
        return [s.id for s in query.select([AUTO_RESOLVE_AT]).stream()]
