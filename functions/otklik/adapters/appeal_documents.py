"""An appeal as its Firestore document, and back.

The document holds the model's fields as Firestore values (records as maps, tuples as arrays, times as timestamps),
readable as they are in the console, in exports and in BigQuery, and beside them the fields derived for queries.
Unset values are left out (the model restores its defaults on reading). Documents older versions wrote still read,
and `upgrade` says what to change in one to give it the current shape (`python -m otklik migrate`).

Pure: no Firestore here, only the values it stores."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from otklik.domain.dead_letters import routing_failed
from otklik.domain.followups import thread_key
from otklik.domain.history import ArchivedEntry
from otklik.domain.incidents.categories import category_family
from otklik.domain.incidents.model import MEMBER_STATUSES
from otklik.domain.incidents.undecided import UNDECIDED_FAMILY, classifier_undecided
from otklik.domain.model import Appeal, DeliveryStatus, HistoryEntry, Status
from otklik.domain.retention import retention_from
from otklik.domain.search import search_words
from otklik.domain.sweep import auto_resolve_at, next_notice_at, report_month

# Derived from the appeal on every write; the sweep, the reports and the operator list query them.
THREAD_KEY = "thread_key"
SEARCH_WORDS = "search_words"
NEXT_NOTICE_AT = "next_notice_at"
AUTO_RESOLVE_AT = "auto_resolve_at"
RECEIVED_MONTH = "received_month"
REPORTABLE = "reportable"
UNDELIVERED = "undelivered"
CALLBACK_NOT_DELIVERED = "callback_not_delivered"
ROUTING_FAILED = "routing_failed"
# Personal data: who wrote it ("<channel>:<platform user id>", for `residents export` and `erase`), and when the
# town's retention period started counting (closed, not yet erased) for the erasure pass.
RESIDENT = "resident"
RETENTION_FROM = "retention_from"
# The category family of an appeal that may still start or join an incident (routed, open, in none): grouping's
# candidates are found by it (FirestoreGroupingCandidates.recent_appeals); absent on every other appeal.
GROUPING_FAMILY = "grouping_family"
DERIVED_FIELDS = (THREAD_KEY, SEARCH_WORDS, NEXT_NOTICE_AT, AUTO_RESOLVE_AT, RECEIVED_MONTH, REPORTABLE, UNDELIVERED,
                  CALLBACK_NOT_DELIVERED, ROUTING_FAILED, RESIDENT, RETENTION_FROM, GROUPING_FAMILY)


def resident_key(channel: str, platform_user_id: str) -> str | None:
    return f"{channel}:{platform_user_id}" if platform_user_id else None

# The operator list orders by due_at (a missing field would drop triage appeals from it); the report counts
# unanswered appeals by first_response_within_deadline == null. These stay, as nulls.
KEPT_WHEN_NULL = ("due_at", "first_response_within_deadline")

# Records that versions before the readable documents stored as JSON text, still read as such until migrated.
FORMERLY_JSON_TEXT = ("source", "author", "attachments", "location", "history", "answers", "warning_points")
# Fields versions before the current one wrote and nothing reads any more: `migrate` removes them.
OBSOLETE_FIELDS = ("published_at", "outbox_pending_since", "outbox_failed_at")


def month_key(municipality: str, month: str) -> str:
    return f"{municipality}:{month}"


def appeal_document(appeal: Appeal, timezone: str, *, searchable: bool = True) -> dict[str, Any]:
    """The appeal's document: its fields and the derived ones.

    `searchable=False` leaves the search words out: lemmatising needs the morphology dictionary, and the webhooks'
    write path leaves it to routing, which rewrites the appeal moments later, so that a webhook's instance never
    loads it."""
    document: dict[str, Any] = to_document(appeal.model_dump(mode="python"))
    document |= {
        # Only the appeals a next message may join or follow up: a folded follow-up leaves its thread, so that the
        # thread's latest appeals are found whatever the number of follow-ups.
        THREAD_KEY: thread_key(appeal) if appeal.status is not Status.MERGED else None,
        # An erased appeal's placeholder text is no one's words to find it by.
        SEARCH_WORDS: search_words(appeal.text) if searchable and appeal.erased_at is None else [],
        NEXT_NOTICE_AT: next_notice_at(appeal),
        AUTO_RESOLVE_AT: auto_resolve_at(appeal),
        RECEIVED_MONTH: month_key(appeal.municipality, report_month(appeal.received_at, timezone)),
        # Folded follow-ups and rejected non-appeals (spam, greetings) are not appeals in the figures.
        REPORTABLE: appeal.status not in (Status.MERGED, Status.REJECTED),
        UNDELIVERED: any(a.delivery.status is DeliveryStatus.UNDELIVERED for a in appeal.answers),
        # Dead letters (domain/dead_letters.py): a callback the regional centre never got, a routing that kept failing.
        CALLBACK_NOT_DELIVERED: bool(appeal.undelivered_callbacks),
        ROUTING_FAILED: routing_failed(appeal),
        RESIDENT: resident_key(str(appeal.channel), appeal.author.platform_user_id),
        RETENTION_FROM: retention_from(appeal),
        GROUPING_FAMILY: grouping_family(appeal),
    }
    document = compact(document)
    return document | {name: None for name in KEPT_WHEN_NULL if name not in document}


def grouping_family(appeal: Appeal) -> str | None:
    """The family an appeal is found by as a candidate for an incident, or None when it cannot be one: an appeal the
    classifier left undecided is UNDECIDED_FAMILY's, which only a late join looks in."""
    if appeal.incident_id is not None or not appeal.place_keys:
        return None
    if classifier_undecided(appeal):
        return UNDECIDED_FAMILY
    if appeal.status not in MEMBER_STATUSES:
        return None
    return category_family(appeal.category) if appeal.category else None


def appeal_from_document(data: dict[str, Any]) -> Appeal:
    """The appeal of a stored document, of this version or an older one; ValueError when it does not read."""
    # Only the model's fields: derived and persistence fields, and fields older versions wrote, are not the appeal's.
    fields = {name: value for name, value in data.items() if name in Appeal.model_fields}
    for name in FORMERLY_JSON_TEXT:
        if isinstance(fields.get(name), str):
            fields[name] = json.loads(fields[name])
    return Appeal.model_validate(fields)


def to_document(value: Any) -> Any:
    """Plain Firestore values from a model dump: enums to their values, tuples to lists, calendar dates to ISO text
    (Firestore stores timestamps, not dates)."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: to_document(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_document(v) for v in value]
    return value


def compact(value: Any) -> Any:
    """Without None values and empty lists and maps, at any depth of the models' fields (which restore their
    defaults); a history entry's free-form details are kept as they are."""
    if isinstance(value, dict):
        return {k: c for k, v in value.items()
                if (c := v if k == "details" else compact(v)) is not None and c != [] and c != {}}
    if isinstance(value, list):
        return [compact(v) for v in value]
    return value


# The history archive: one document per entry moved out of the appeal (domain/history.py).

def archive_document_id(number: int) -> str:
    return f"{number:09d}"  # in the entries' order


def archive_document(archived: ArchivedEntry) -> dict[str, Any]:
    return {"number": archived.number, "entry": _entry_document(archived.entry)}


def archived_entry(data: dict[str, Any]) -> HistoryEntry:
    entry = data["entry"]
    return HistoryEntry.model_validate(json.loads(entry) if isinstance(entry, str) else entry)


def _entry_document(entry: HistoryEntry) -> dict[str, Any]:
    document: dict[str, Any] = compact(to_document(entry.model_dump(mode="python")))
    return document


# Older shapes, brought to the current one.

@dataclass(frozen=True)
class Upgrade:
    """What to change in a stored document to give it the current shape: fields to set and fields to remove."""

    set: dict[str, Any]
    remove: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.set or self.remove)


def upgrade(data: dict[str, Any], timezone: str, *, leave: tuple[str, ...] = ()) -> Upgrade:
    """The changes that make a stored appeal's document the one the current version writes for the same appeal: its
    records as maps and arrays instead of JSON text, its derived fields as they are derived now, obsolete fields
    gone. Other fields (persistence fields beside the appeal) and the fields in `leave` are left as they are.
    Nothing to change in a current document. ValueError when the appeal does not read."""
    appeal = appeal_from_document(data)
    # The webhooks store a received appeal without its search words (routing adds them): not an older shape.
    searchable = appeal.status is not Status.RECEIVED or bool(data.get(SEARCH_WORDS))
    current = appeal_document(appeal, timezone, searchable=searchable)
    owned = set(Appeal.model_fields) | set(DERIVED_FIELDS)
    changed = {name: value for name, value in current.items()
               if name not in leave and (name not in data or not _same(data[name], value))}
    removed = tuple(name for name in data if name not in current and name not in leave
                    and (name in owned or name in OBSOLETE_FIELDS))
    return Upgrade(changed, removed)


def upgrade_archived(data: dict[str, Any]) -> Upgrade:
    """An archived history entry's document in its current shape (the entry as a map, not JSON text)."""
    entry = _entry_document(archived_entry(data))
    return Upgrade({"entry": entry}, ()) if not _same(data.get("entry"), entry) else Upgrade({}, ())


def _same(stored: Any, current: Any) -> bool:
    """Equal, and of the same kinds: a record still stored as JSON text differs from its map even when it says the
    same, and a whole number stored as an integer from the double written now (True == 1 and 1 == 1.0 in Python)."""
    if isinstance(current, dict):
        return isinstance(stored, dict) and stored.keys() == current.keys() and all(
            _same(stored[k], v) for k, v in current.items())
    if isinstance(current, list):
        return isinstance(stored, list) and len(stored) == len(current) and all(
            _same(s, c) for s, c in zip(stored, current, strict=True))
    return _kind(stored) is _kind(current) and stored == current


def _kind(value: Any) -> type:
    # Firestore gives timestamps back as a datetime subclass; an aware datetime equals the same instant in any zone.
    return datetime if isinstance(value, datetime) else type(value)
