"""The small interfaces services depend on; adapters implement them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from pydantic import BaseModel

from otklik.domain.model import Appeal, HistoryEntry


class StorageUnavailable(RuntimeError):
    """The store could not be reached: the caller should ask the sender to retry."""


class PublishFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class OutboxState:
    pending_since: datetime | None
    failed_at: datetime | None

    @property
    def pending(self) -> bool:
        return self.pending_since is not None


class AppealRepository(Protocol):
    def add(self, appeal: Appeal) -> bool:
        """Store a new appeal, marked unpublished; False when one with its id exists already."""

    def get(self, appeal_id: str) -> Appeal | None: ...

    def outbox_state(self, appeal_id: str) -> OutboxState | None: ...

    def mark_published(self, appeal_id: str, at: datetime) -> None: ...

    def mark_publish_failed(self, appeal_id: str, at: datetime) -> None: ...

    def unpublished_since_before(self, cutoff: datetime, limit: int) -> list[Appeal]: ...

    def edit_text(self, appeal_id: str, text: str, entry: HistoryEntry) -> bool:
        """Replace the text and append the entry; False when no such appeal. Idempotent for the same text."""

    def recent(self, limit: int) -> list[Appeal]: ...


class Publisher(Protocol):
    def publish(self, topic: str, body: BaseModel, attributes: dict[str, str]) -> str:
        """Publish and wait; returns the message id or raises PublishFailed."""
