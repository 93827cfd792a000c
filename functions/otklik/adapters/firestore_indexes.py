"""Every Firestore query the code runs that needs a composite index, declared once.

The emulator does not enforce composite indexes, so infra/ is checked against this list by a test:
a query missing here (or an index missing there) would pass locally and fail in production."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Order = Literal["ASCENDING", "DESCENDING", "CONTAINS"]  # CONTAINS: an array field queried with array-contains


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
                                      *(IndexField(f) for f in fields)), f"FirestoreReportQueries ({', '.join(fields)})")


COMPOSITE_INDEXES: tuple[CompositeIndex, ...] = (
    CompositeIndex("appeals", (IndexField("thread_key"), IndexField("received_at", "DESCENDING")),
                   "FirestoreAppealRepository.latest_in_thread"),
    *(_by_deadline(field) for field in ("municipality", "status", "department", "category", "channel", "overdue",
                                                "undelivered")),
    CompositeIndex("appeals", (IndexField("search_words", "CONTAINS"), IndexField("due_at"), IndexField("__name__")),
                   "FirestoreAppealRepository.search (words)"),
    _monthly("status"), _monthly("category"), _monthly("channel"), _monthly("department"),
    _monthly("first_response_within_deadline", "overdue"), _monthly("first_response_seconds"),
    CompositeIndex("appeals", (IndexField("municipality"), IndexField("received_at", "DESCENDING")),
                   "FirestoreAppealFeed.newest_first"),
    CompositeIndex("appeals", (IndexField("municipality"), IndexField("category"),
                               IndexField("received_at", "DESCENDING")),
                   "FirestoreAppealFeed.newest_first (service_code)"),
)
