"""The small interfaces services depend on; adapters implement them."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from otklik.domain.model import Appeal
from otklik.services.queries import AppealQuery


class StorageUnavailable(RuntimeError):
    """The store could not be reached: the caller should ask the sender to retry."""


class PhotoNotFound(LookupError):
    """No stored photo has that name."""


class ConcurrentUpdate(StorageUnavailable):
    """Others kept changing the same appeal; trying again later will see their change."""


class PublishFailed(RuntimeError):
    pass


class CursorNotFound(LookupError):
    """A page cursor that names no stored appeal."""


@dataclass(frozen=True)
class OutboxState:
    pending_since: datetime | None
    failed_at: datetime | None

    @property
    def pending(self) -> bool:
        return self.pending_since is not None


@dataclass(frozen=True)
class OutboxMessage:
    """A message to publish because of a change, stored with the change in the same transaction."""

    id: str  # deterministic: the same change always yields the same id
    topic: str  # a field name of settings.Topics
    body: dict[str, Any]
    attributes: dict[str, str]


@dataclass(frozen=True)
class Quarantined:
    """An appeal the sweep set aside because its step failed for a reason retrying will not fix."""

    appeal_id: str
    since: datetime
    problem: str | None  # why it cannot be read now (an error type), None when it reads


@dataclass(frozen=True)
class AppealWrite:
    appeal: Appeal
    messages: tuple[OutboxMessage, ...] = ()


class AppealRepository(Protocol):
    def add(self, appeal: Appeal, stored_at: datetime, fingerprint: str | None = None) -> bool:
        """Store a new appeal, marked unpublished; False when one with its id exists already.
        `fingerprint`: a hash of the API request that created it, kept for idempotent APIs."""

    def body_fingerprint(self, appeal_id: str) -> str | None:
        """The fingerprint the appeal was stored with, if any."""

    def get(self, appeal_id: str) -> Appeal | None: ...

    def outbox_state(self, appeal_id: str) -> OutboxState | None: ...

    def mark_republished(self, appeal_id: str, at: datetime) -> None: ...

    def mark_publish_failed(self, appeal_id: str, at: datetime) -> None: ...

    def unpublished_since_before(self, cutoff: datetime, limit: int) -> list[Appeal]: ...

    def recent(self, limit: int) -> list[Appeal]: ...

    def latest_in_thread(self, key: str, limit: int = 5) -> list[Appeal]:
        """The thread's most recent appeals that are not folded into another, newest first."""

    def transact(self, appeal_ids: list[str],
                 change: Callable[[dict[str, Appeal | None]], list[AppealWrite]]) -> list[AppealWrite]: ...

    def pending_messages(self, appeal_id: str) -> list[OutboxMessage]: ...

    def delete_message(self, appeal_id: str, message_id: str) -> None: ...

    def messages_before(self, cutoff: datetime, limit: int) -> list[tuple[str, OutboxMessage]]: ...

    def notices_due(self, now: datetime, limit: int) -> list[str]: ...

    def auto_resolve_due(self, now: datetime, limit: int) -> list[str]: ...

    def search(self, query: AppealQuery) -> tuple[list[Appeal], str | None]: ...

    def quarantine(self, appeal_id: str, at: datetime) -> None:
        """Take the appeal out of the sweep's queries, touching nothing else (it may not even parse); the next
        change written to it, or `release`, puts it back."""

    def quarantined(self, limit: int) -> list[Quarantined]: ...

    def release(self, appeal_id: str) -> bool:
        """Put a quarantined appeal back in the sweep's queries; False when there is no such appeal."""

    def archived_history(self, appeal_id: str) -> list[HistoryEntry]:
        """The entries moved out of the appeal's history, oldest first."""


class Publisher(Protocol):
    def publish(self, topic: str, data: bytes, attributes: dict[str, str]) -> str:
        """Publish and wait; returns the message id or raises PublishFailed."""
