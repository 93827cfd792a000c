"""What people ask of the stored appeals, independent of the store: lists (filters, order, cursor) and the counts
of a month's report."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from otklik.domain.model import Channel, Status


@dataclass(frozen=True)
class AppealQuery:
    municipality: str
    statuses: tuple[Status, ...] = ()
    department: str | None = None
    category: str | None = None
    channel: Channel | None = None
    overdue: bool | None = None
    undelivered: bool | None = None  # with an answer the platform did not take: operators deliver it another way
    callback_not_delivered: bool | None = None  # with a callback the regional centre never got (its dead letter)
    routing_failed: bool | None = None  # whose routing kept failing (its dead letter): in triage, or marked
    due_before: datetime | None = None
    received_from: datetime | None = None
    received_before: datetime | None = None
    words: tuple[str, ...] = ()
    order_by: Literal["due_at", "received_at"] = "due_at"
    limit: int = 50
    after: str | None = field(default=None, repr=False)  # an opaque cursor from the previous page


class Count:
    """One count of a town's month: the reportable appeals (all of them with reportable=False) whose fields
    have these values (a tuple: any of them)."""

    def __init__(self, *, reportable: bool = True, **equal: object) -> None:
        self.reportable = reportable
        self.equal = equal
