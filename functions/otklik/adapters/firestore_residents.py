"""Residents' personal data in Firestore: a resident's appeals and those due for erasure (by the fields
appeal_documents.py derives), the archived history entries to rewrite, and the audit log."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from otklik.adapters.appeal_documents import RESIDENT, RETENTION_FROM, archive_document, archived_entry, resident_key
from otklik.adapters.firestore_appeals import APPEALS, HISTORY_ARCHIVE, _storage_errors
from otklik.domain.history import ArchivedEntry
from otklik.domain.model import Channel, HistoryEntry
from otklik.services.ports import AuditEntry

AUDIT = "audit"
# Archived entries rewritten per commit (Firestore takes at most 500 writes in one).
_BATCH = 400


class FirestoreResidentRecords:
    def __init__(self, client: firestore.Client) -> None:
        self._client = client
        self._appeals = client.collection(APPEALS)

    @_storage_errors
    def by_resident(self, channel: Channel, platform_user_id: str, limit: int) -> list[str]:
        key = resident_key(str(channel), platform_user_id)
        if key is None:
            return []
        query = self._appeals.where(filter=FieldFilter(RESIDENT, "==", key)).limit(limit).select([RESIDENT])
        return [s.id for s in query.stream()]

    @_storage_errors
    def erasure_due(self, municipality: str, closed_before: datetime, limit: int) -> list[str]:
        query = (self._appeals.where(filter=FieldFilter("municipality", "==", municipality))
                 .where(filter=FieldFilter(RETENTION_FROM, "<", closed_before)).order_by(RETENTION_FROM)
                 .limit(limit).select([RETENTION_FROM]))
        return [s.id for s in query.stream()]

    @_storage_errors
    def rewrite_archived_history(self, appeal_id: str, rewrite: Callable[[HistoryEntry], HistoryEntry]) -> int:
        archive = self._appeals.document(appeal_id).collection(HISTORY_ARCHIVE)
        batch, pending, seen = self._client.batch(), 0, 0
        for snapshot in archive.stream():
            seen += 1
            data = snapshot.to_dict() or {}
            entry = archived_entry(data)
            rewritten = rewrite(entry)
            if rewritten == entry:
                continue
            batch.set(snapshot.reference, archive_document(ArchivedEntry(int(data["number"]), rewritten)))
            pending += 1
            if pending == _BATCH:
                batch.commit()
                batch, pending = self._client.batch(), 0
        if pending:
            batch.commit()
        return seen


class FirestoreAuditLog:
    def __init__(self, client: firestore.Client) -> None:
        self._audit = client.collection(AUDIT)

    @_storage_errors
    def record(self, entry: AuditEntry) -> None:
        self._audit.add({"at": entry.at, "actor": entry.actor, "action": entry.action, "channel": entry.channel,
                         "appeal_ids": list(entry.appeal_ids), "counts": dict(entry.counts)})

    @_storage_errors
    def recent(self, limit: int) -> list[AuditEntry]:
        query = self._audit.order_by("at", direction=firestore.Query.DESCENDING).limit(limit)
        return [AuditEntry(at=d["at"], actor=d["actor"], action=d["action"], channel=d.get("channel"),
                           appeal_ids=tuple(d.get("appeal_ids") or ()), counts=d.get("counts") or {})
                for d in (s.to_dict() or {} for s in query.stream())]
