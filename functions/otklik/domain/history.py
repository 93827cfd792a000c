"""An appeal's history kept bounded: the most recent entries stay in the appeal, older ones move unchanged to its
archive. Entries are numbered from the appeal's first (0) on, archived or not; the outbox derives message ids
from these numbers, so moving entries never changes an id (`Appeal.archived_history` keeps the count)."""
from __future__ import annotations

from dataclasses import dataclass

from pydantic import TypeAdapter

from otklik.domain.model import Appeal, HistoryEntry

# Sizes in bytes of UTF-8 JSON: a little more than Firestore counts for the same entries stored as maps (a field name
# costs its bytes plus one, a timestamp 8), so a bound on the JSON holds for the stored history too.
_ENTRY = TypeAdapter(HistoryEntry)
_ENTRIES = TypeAdapter(tuple[HistoryEntry, ...])


@dataclass(frozen=True)
class HistoryBounds:
    """What an appeal keeps of its history; the rest is in its archive."""

    entries: int = 200
    # Measured as JSON, over what the stored entries take: far below Firestore's 1 MiB per document, which the appeal's
    # texts and answers share.
    bytes: int = 256 * 1024
    # Each moved entry is one more write in the change's transaction; Firestore commits at most 500.
    moved_per_change: int = 400

    def __post_init__(self) -> None:
        if self.entries < 1 or self.bytes < 1 or self.moved_per_change < 1:
            raise ValueError("history bounds must be positive")


@dataclass(frozen=True)
class ArchivedEntry:
    number: int
    entry: HistoryEntry


def archive_overflow(appeal: Appeal, bounds: HistoryBounds) -> tuple[Appeal, tuple[ArchivedEntry, ...]]:
    """The appeal without its oldest entries beyond `bounds`, and those entries with their numbers.

    The newest entry always stays, whatever its size: it is what the change being written added."""
    history = appeal.history
    if len(history) <= bounds.entries and len(_ENTRIES.dump_json(history)) <= bounds.bytes:
        return appeal, ()
    kept = kept_bytes = 0
    for entry in reversed(history):
        size = len(_ENTRY.dump_json(entry))
        if kept and (kept == bounds.entries or kept_bytes + size > bounds.bytes):
            break
        kept += 1
        kept_bytes += size
    moved = min(len(history) - kept, bounds.moved_per_change)
    if moved == 0:
        return appeal, ()
    archived = tuple(ArchivedEntry(appeal.archived_history + position, entry)
                     for position, entry in enumerate(history[:moved]))
    trimmed = appeal.model_copy(update={"history": history[moved:],
                                        "archived_history": appeal.archived_history + moved})
    return trimmed, archived
