"""Every Firestore index the code needs other than Firestore's defaults, declared once: the composite indexes its
queries need, and the single-field indexes it turns off (fields no query reads) or adds (collection-group queries).

The emulator enforces no index, so infra/ is checked against these lists by tests: a query missing here (or an
index missing there) would pass locally and fail in production."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Order = Literal["ASCENDING", "DESCENDING", "CONTAINS"]  # CONTAINS: an array field queried with array-contains
Scope = Literal["COLLECTION", "COLLECTION_GROUP"]


@dataclass(frozen=True)
class IndexField:
    path: str
    order: Order = "ASCENDING"


@dataclass(frozen=True)
class CompositeIndex:
    collection: str
    fields: tuple[IndexField, ...]
    used_by: str


def _by_deadline(field: str) -> CompositeIndex:
    # Firestore merges these per-filter indexes for any combination of equality filters ordered by
    # deadline, so the operator list needs one index per filter, not one per combination.
    return CompositeIndex("appeals", (IndexField(field), IndexField("due_at"), IndexField("__name__")),
                          f"FirestoreAppealRepository.search ({field})")


def _monthly(*fields: str) -> CompositeIndex:
    return CompositeIndex("appeals", (IndexField("received_month"), IndexField("reportable"),
                                      *(IndexField(f) for f in fields)),
                          f"FirestoreReportQueries ({', '.join(fields)})")


COMPOSITE_INDEXES: tuple[CompositeIndex, ...] = (
    CompositeIndex("appeals", (IndexField("thread_key"), IndexField("received_at", "DESCENDING")),
                   "FirestoreAppealRepository.latest_in_thread"),
    *(_by_deadline(field) for field in ("municipality", "status", "department", "category", "channel", "overdue",
                                                "undelivered", "callback_not_delivered", "routing_failed")),
    CompositeIndex("appeals", (IndexField("search_words", "CONTAINS"), IndexField("due_at"), IndexField("__name__")),
                   "FirestoreAppealRepository.search (words)"),
    _monthly("status"), _monthly("category"), _monthly("channel"), _monthly("department"),
    _monthly("first_response_within_deadline", "overdue"), _monthly("first_response_seconds"),
    CompositeIndex("appeals", (IndexField("municipality"), IndexField("received_at", "DESCENDING")),
                   "FirestoreAppealFeed.newest_first"),
    CompositeIndex("appeals", (IndexField("municipality"), IndexField("category"),
                               IndexField("received_at", "DESCENDING")),
                   "FirestoreAppealFeed.newest_first (service_code)"),
    CompositeIndex("appeals", (IndexField("municipality"), IndexField("retention_from")),
                   "FirestoreResidentRecords.erasure_due"),
    CompositeIndex("classifier_examples", (IndexField("town"), IndexField("decided_at")),
                   "FirestoreExamples.count_since"),
    # Grouping's candidates of a new appeal (issue 17): equalities, one place key among the appeal's, a time bound.
    CompositeIndex("incidents", (IndexField("municipality"), IndexField("family"), IndexField("joinable"),
                                 IndexField("place_keys", "CONTAINS"), IndexField("last_member_at", "DESCENDING")),
                   "FirestoreIncidents.open_incidents"),
    # ...and of one that names no place: the town's open incidents of its family.
    CompositeIndex("incidents", (IndexField("municipality"), IndexField("family"), IndexField("joinable"),
                                 IndexField("last_member_at", "DESCENDING")),
                   "FirestoreIncidents.town_incidents"),
    CompositeIndex("appeals", (IndexField("municipality"), IndexField("grouping_family"),
                               IndexField("place_keys", "CONTAINS"), IndexField("received_at", "DESCENDING")),
                   "FirestoreIncidents.recent_appeals"),
    # The operators' list of incidents, by deadline: the town's, and a department's.
    CompositeIndex("incidents", (IndexField("municipality"), IndexField("joinable"), IndexField("due_at"),
                                 IndexField("__name__")), "FirestoreIncidentLists.open_by_deadline"),
    CompositeIndex("incidents", (IndexField("municipality"), IndexField("joinable"), IndexField("department"),
                                 IndexField("due_at"), IndexField("__name__")),
                   "FirestoreIncidentLists.open_by_deadline (department)"),
    CompositeIndex("incidents", (IndexField("municipality"), IndexField("created_at")),
                   "FirestoreIncidentLists.created_between (the monthly report)"),
)


@dataclass(frozen=True)
class SingleFieldIndex:
    order: Order
    scope: Scope = "COLLECTION"


@dataclass(frozen=True)
class FieldIndexes:
    """A field whose single-field indexes differ from Firestore's defaults (ascending, descending and array-contains,
    in collection scope, for every field and every field of a map, at any depth): it has exactly `indexes`. None
    turns them all off, for a map or an array no query looks into (index writes and storage for nothing; a history
    of hundreds of entries would near Firestore's 40,000 index entries per document) or for an always-increasing
    timestamp no query reads (which would cap the collection's write rate: the sequential-index hotspot)."""

    collection: str
    field: str
    indexes: tuple[SingleFieldIndex, ...]
    why: str


def _unindexed(collection: str, field: str, why: str) -> FieldIndexes:
    return FieldIndexes(collection, field, (), why)


# The appeal's records, as maps and arrays of maps (adapters/appeal_documents.py): read whole, never queried.
UNQUERIED_RECORDS = ("source", "author", "attachments", "location", "history", "answers", "warning_points")

FIELD_INDEXES: tuple[FieldIndexes, ...] = (
    _unindexed("appeals", "text", "a long text no query reads (search_words are its queried form)"),
    *(_unindexed("appeals", field, "a record read with its appeal, never queried") for field in UNQUERIED_RECORDS),
    _unindexed("history_archive", "entry", "an archived history entry, read whole in its documents' order"),
    _unindexed("classifier_examples", "text", "a labelled example's text, read whole by retraining, never queried"),
    _unindexed("chunks", "text", "a part of a stored classifier model, read whole by its document's id"),
    *(_unindexed("incidents", field, "an incident's record, read with it, never queried")
      for field in ("members", "history", "problem_words", "work")),
    # received_at and the outbox's created_at increase, but queries order on them; at a region's volume (far below
    # 500 writes a second) that hotspot does not bind.
    FieldIndexes("outbox", "created_at",
                 (SingleFieldIndex("ASCENDING"), SingleFieldIndex("ASCENDING", "COLLECTION_GROUP")),
                 "FirestoreAppealRepository.messages_before finds messages left unpublished across every appeal's "
                 "outbox: a collection-group query, whose single-field index Firestore does not build by default"),
)
