"""Every Firestore query the code runs that needs a composite index, declared once.

The emulator does not enforce composite indexes, so infra/ is checked against this list by a test:
a query missing here (or an index missing there) would pass locally and fail in production."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Order = Literal["ASCENDING", "DESCENDING"]


@dataclass(frozen=True)
class IndexField:
    path: str
    order: Order = "ASCENDING"


@dataclass(frozen=True)
class CompositeIndex:
    collection: str
    fields: tuple[IndexField, ...]
    used_by: str


COMPOSITE_INDEXES: tuple[CompositeIndex, ...] = (
    CompositeIndex("appeals", (IndexField("thread_key"), IndexField("received_at", "DESCENDING")),
                   "FirestoreAppealRepository.latest_in_thread"),
)
