"""In-memory fakes of the ports in services/ports.py, for service tests that run in milliseconds without emulators.

They keep the contracts the services rely on (a transaction reads, decides and writes; an appeal is created once;
messages wait in an outbox until deleted) and nothing more: the Firestore adapters are tested on the emulator."""
from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from otklik.adapters.appeal_documents import grouping_family
from otklik.domain.calendar import ProductionYear
from otklik.domain.channels import ChannelConfig
from otklik.domain.dead_letters import routing_failed
from otklik.domain.followups import thread_key
from otklik.domain.ids import is_appeal_id
from otklik.domain.incidents.categories import category_family
from otklik.domain.incidents.model import Incident, IncidentStatus, PendingJoin
from otklik.domain.incidents.sweep import auto_resolve_at as incident_auto_resolve_at
from otklik.domain.incidents.sweep import next_notice_at as incident_next_notice_at
from otklik.domain.learning.operator_labels import LabelledExample
from otklik.domain.model import Appeal, Channel, DeliveryStatus, HistoryEntry, Status
from otklik.domain.photos import CleanPhoto
from otklik.domain.principals import Principal
from otklik.domain.retention import retention_from
from otklik.domain.search import search_words
from otklik.domain.sweep import auto_resolve_at, next_notice_at
from otklik.domain.towns import TownConfig
from otklik.services.outbox import OutboxRelay
from otklik.services.ports import (
    MAX_APPEALS_PER_COMMIT,
    AppealWrite,
    AuditEntry,
    Change,
    ConsoleSession,
    CursorNotFound,
    DutyChatStatus,
    IncidentChangeFunction,
    IncidentWrite,
    ModelVersion,
    NoticeClaim,
    OutboxMessage,
    PhotoNotFound,
    PublishFailed,
    Quarantined,
)
from otklik.services.queries import AppealQuery
from otklik.settings import Topics

T0 = datetime(2026, 6, 10, 1, 0, tzinfo=UTC)  # 12:00 in Yuzhno-Sakhalinsk, a Wednesday


class Clock:
    """A clock the test moves."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@dataclass
class _Stored:
    appeal: Appeal
    fingerprint: str | None = None
    quarantined_at: datetime | None = None


class InMemoryAppeals:
    """AppealStore, Outbox, Threads, AppealSearch and SweepQueries over dictionaries.

    `before_transaction` runs once, inside the next transaction before it reads: what a concurrent writer does.
    `refused` names appeals whose writes fail as Firestore refuses a document it cannot store (too large)."""

    def __init__(self, *appeals: Appeal) -> None:
        self._stored: dict[str, _Stored] = {a.id: _Stored(a) for a in appeals}
        self.outbox: dict[str, dict[str, tuple[datetime, OutboxMessage]]] = {}
        self.archive: dict[str, list[HistoryEntry]] = {}
        self.before_transaction: Callable[[], None] | None = None
        self.refused: set[str] = set()
        self.batched_reads = 0  # by_ids calls
        self.transactions = 0
        self.examples: dict[str, LabelledExample] = {}  # ExampleStore: written by transactions, as in Firestore

    # AppealStore

    def add(self, created: AppealWrite, fingerprint: str | None = None) -> bool:
        appeal = created.appeal
        if appeal.id in self._stored:
            return False
        self._stored[appeal.id] = _Stored(appeal, fingerprint)
        self._keep_messages(created)
        return True

    def get(self, appeal_id: str) -> Appeal | None:
        stored = self._stored.get(appeal_id)
        return stored.appeal if stored else None

    def by_ids(self, appeal_ids: Sequence[str]) -> list[Appeal]:
        self.batched_reads += 1
        return [appeal for i in dict.fromkeys(appeal_ids) if (appeal := self.get(i)) is not None]

    def body_fingerprint(self, appeal_id: str) -> str | None:
        stored = self._stored.get(appeal_id)
        return stored.fingerprint if stored else None

    def transact(self, appeal_ids: list[str], change: Change) -> list[AppealWrite]:
        self.transactions += 1
        if self.before_transaction is not None:
            meanwhile, self.before_transaction = self.before_transaction, None
            meanwhile()
        writes = change({i: self.get(i) if is_appeal_id(i) else None for i in appeal_ids})
        if refused := {w.appeal.id for w in writes} & self.refused:
            raise ValueError(f"the store refuses {sorted(refused)}: entity too large")
        for write in writes:
            previous = self._stored.get(write.appeal.id)
            self._stored[write.appeal.id] = _Stored(write.appeal, previous.fingerprint if previous else None)
            self._keep_messages(write)
            if write.example is not None:
                self.examples[write.example.id] = write.example
            if write.forget_example:
                self.examples.pop(write.appeal.id, None)
        return writes

    def archived_history(self, appeal_id: str) -> list[HistoryEntry]:
        return list(self.archive.get(appeal_id, []))

    def current(self, appeal_id: str) -> Appeal:
        """The stored appeal, which the test knows is there."""
        return self._stored[appeal_id].appeal

    def put(self, *appeals: Appeal) -> None:
        """Stores appeals as they are, without messages: the state a test starts from."""
        for appeal in appeals:
            self._stored[appeal.id] = _Stored(appeal)

    @property
    def all(self) -> list[Appeal]:
        return [s.appeal for s in self._stored.values()]

    # ExampleStore

    def add_all(self, examples: Sequence[LabelledExample]) -> int:
        self.examples.update({example.id: example for example in examples})
        return len(examples)

    def of_town(self, town: str) -> list[LabelledExample]:
        return [example for example in self.examples.values() if example.town == town]

    def count_since(self, town: str, since: datetime | None) -> int:
        return sum(1 for e in self.of_town(town) if since is None or e.decided_at > since)

    # Outbox

    def pending_messages(self, appeal_id: str) -> list[OutboxMessage]:
        return [message for _, message in sorted(self.outbox.get(appeal_id, {}).values(), key=lambda m: m[0])]

    def delete_message(self, appeal_id: str, message_id: str) -> None:
        self.outbox.get(appeal_id, {}).pop(message_id, None)

    def messages_before(self, cutoff: datetime, limit: int) -> list[tuple[str, OutboxMessage]]:
        found = [(at, appeal_id, message) for appeal_id, messages in self.outbox.items()
                 for at, message in messages.values() if at < cutoff]
        return [(appeal_id, message) for _, appeal_id, message in sorted(found, key=lambda f: f[0])[:limit]]

    def _keep_messages(self, write: AppealWrite) -> None:
        at = write.appeal.history[-1].at
        for message in write.messages:
            self.outbox.setdefault(write.appeal.id, {})[message.id] = (at, message)

    # Threads

    def latest_in_thread(self, key: str, limit: int = 5) -> list[Appeal]:
        in_thread = [a for a in self.all if a.status is not Status.MERGED and thread_key(a) == key]
        return sorted(in_thread, key=lambda a: a.received_at, reverse=True)[:limit]

    # AppealSearch

    def search(self, query: AppealQuery) -> tuple[list[Appeal], str | None]:
        found = [a for a in self.all if _matches(a, query)]
        found.sort(key=lambda a: (_order_value(a, query.order_by), a.id))
        if query.after is not None:
            ids = [a.id for a in found]
            if query.after not in self._stored:
                raise CursorNotFound(query.after)
            found = found[ids.index(query.after) + 1:] if query.after in ids else found
        page = found[:query.limit]
        return page, (page[-1].id if len(page) == query.limit and len(found) > query.limit else None)

    def count(self, query: AppealQuery) -> int:
        if query.due_before or query.received_from or query.received_before:
            raise ValueError("count takes equality filters only")
        return sum(1 for a in self.all if _matches(a, query))

    def recent(self, limit: int) -> list[Appeal]:
        return sorted(self.all, key=lambda a: a.received_at, reverse=True)[:limit]

    # SweepQueries

    def notices_due(self, now: datetime, limit: int) -> list[str]:
        return self._due(next_notice_at, now, limit)

    def auto_resolve_due(self, now: datetime, limit: int) -> list[str]:
        return self._due(auto_resolve_at, now, limit)

    def quarantine(self, appeal_id: str, at: datetime) -> None:
        self._stored[appeal_id].quarantined_at = at

    def quarantined(self, limit: int) -> list[Quarantined]:
        return [Quarantined(i, s.quarantined_at, None) for i, s in self._stored.items()
                if s.quarantined_at is not None][:limit]

    def release(self, appeal_id: str) -> bool:
        stored = self._stored.get(appeal_id)
        if stored is None:
            return False
        stored.quarantined_at = None
        return True

    # ResidentRecords

    def by_resident(self, channel: Channel, platform_user_id: str, limit: int) -> list[str]:
        return [a.id for a in self.all if platform_user_id and a.channel is channel
                and a.author.platform_user_id == platform_user_id][:limit]

    def erasure_due(self, municipality: str, closed_before: datetime, limit: int) -> list[str]:
        due = [(start, a.id) for a in self.all
               if a.municipality == municipality and (start := retention_from(a)) is not None and start < closed_before]
        return [i for _, i in sorted(due)[:limit]]

    def rewrite_archived_history(self, appeal_id: str, rewrite: Callable[[HistoryEntry], HistoryEntry]) -> int:
        entries = self.archive.get(appeal_id, [])
        entries[:] = [rewrite(entry) for entry in entries]
        return len(entries)

    def _due(self, when: Callable[[Appeal], datetime | None], now: datetime, limit: int) -> list[str]:
        due = [(at, i) for i, s in self._stored.items()
               if s.quarantined_at is None and (at := when(s.appeal)) is not None and at <= now]
        return [i for _, i in sorted(due)[:limit]]


def _matches(appeal: Appeal, query: AppealQuery) -> bool:
    equal = {"municipality": query.municipality, "department": query.department, "category": query.category,
             "channel": query.channel, "overdue": query.overdue}
    if any(value is not None and getattr(appeal, name) != value for name, value in equal.items()):
        return False
    if query.statuses and appeal.status not in query.statuses:
        return False
    undelivered = any(a.delivery.status is DeliveryStatus.UNDELIVERED for a in appeal.answers)
    if query.undelivered is not None and undelivered != query.undelivered:
        return False
    if query.callback_not_delivered is not None and bool(appeal.undelivered_callbacks) != query.callback_not_delivered:
        return False
    if query.routing_failed is not None and routing_failed(appeal) != query.routing_failed:
        return False
    if query.words and not set(query.words) <= set(search_words(appeal.text)):
        return False
    if query.due_before is not None and (appeal.due_at is None or appeal.due_at >= query.due_before):
        return False
    if query.received_from is not None and appeal.received_at < query.received_from:
        return False
    return query.received_before is None or appeal.received_at < query.received_before


def _order_value(appeal: Appeal, order_by: str) -> datetime:
    value: datetime | None = getattr(appeal, order_by)
    return value or datetime.max.replace(tzinfo=UTC)


class InMemoryModels:
    """ModelStore: versions numbered from 1, the latest `keep` kept (and the current one)."""

    def __init__(self) -> None:
        self.documents: dict[tuple[str, int], tuple[ModelVersion, str]] = {}
        self._current: dict[str, int] = {}
        self._last: dict[str, int] = {}
        self.current_reads = 0

    def current(self, town: str) -> ModelVersion | None:
        self.current_reads += 1
        number = self._current.get(town)
        return self.documents[(town, number)][0] if number is not None else None

    def document(self, town: str, version: int) -> str | None:
        stored = self.documents.get((town, version))
        return stored[1] if stored else None

    def save(self, version: ModelVersion, document: str, keep: int) -> ModelVersion:
        number = self._last.get(version.town, 0) + 1
        self._last[version.town] = number
        stored = ModelVersion(version.town, number, version.trained_at, version.examples, version.examples_until)
        self.documents[(version.town, number)] = (stored, document)
        self._current[version.town] = number
        for old in self.versions(version.town)[max(1, keep):]:
            if old.version != self._current[version.town]:
                del self.documents[(version.town, old.version)]
        return stored

    def versions(self, town: str) -> list[ModelVersion]:
        return sorted((v for (t, _), (v, _) in self.documents.items() if t == town), key=lambda v: -v.version)

    def make_current(self, town: str, version: int) -> bool:
        if (town, version) not in self.documents:
            return False
        self._current[town] = version
        return True


class RecordingPublisher:
    """A Publisher that keeps what it was given; `failing` topics raise PublishFailed."""

    def __init__(self) -> None:
        self.published: list[tuple[str, bytes, dict[str, str]]] = []
        self.ordering_keys: list[str | None] = []  # of each published message, in the same order
        self.failing: set[str] = set()
        self._ids = itertools.count(1)

    def publish(self, topic: str, data: bytes, attributes: dict[str, str], ordering_key: str | None = None) -> str:
        if topic in self.failing:
            raise PublishFailed(f"{topic} is down")
        self.published.append((topic, data, attributes))
        self.ordering_keys.append(ordering_key)
        return str(next(self._ids))

    def topics(self) -> list[str]:
        return [topic for topic, _, _ in self.published]


TOPICS = Topics()


def relay(appeals: InMemoryAppeals, publisher: RecordingPublisher) -> OutboxRelay:
    return OutboxRelay(appeals, publisher, TOPICS)


class Towns:
    def __init__(self, *towns: TownConfig) -> None:
        self._towns = {t.code: t for t in towns}

    def all(self) -> Mapping[str, TownConfig]:
        return self._towns


class CalendarYears:
    """CalendarYears and DailyMarks in memory; `reads` counts what the Firestore adapter would have to read."""

    def __init__(self) -> None:
        self.years: dict[tuple[str, int], ProductionYear] = {}
        self.marks: set[tuple[str, date]] = set()
        self.reads = 0

    def loaded(self, country: str, year: int) -> ProductionYear | None:
        self.reads += 1
        return self.years.get((country, year))

    def loaded_years(self, country: str) -> Mapping[int, ProductionYear]:
        self.reads += 1
        return {year: loaded for (of, year), loaded in self.years.items() if of == country}

    def save(self, country: str, production_year: ProductionYear) -> None:
        self.years[(country, production_year.year)] = production_year

    def first_today(self, kind: str, day: date) -> bool:
        first = (kind, day) not in self.marks
        self.marks.add((kind, day))
        return first


class Channels:
    def __init__(self, *channels: ChannelConfig) -> None:
        self._channels = {(c.platform, c.account): c for c in channels}

    def get(self, platform: Channel, account: str) -> ChannelConfig | None:
        return self._channels.get((platform, account))


class Secrets:
    def __init__(self, **values: str) -> None:
        self._values = values

    def get(self, name: str | None) -> str | None:
        return self._values.get(name) if name else None


@dataclass
class Photos:
    stored: dict[str, bytes] = field(default_factory=dict)

    def put(self, appeal_id: str, answer_id: str, photo: CleanPhoto) -> str:
        name = f"{appeal_id}/{answer_id}/{len(self.stored)}.{photo.extension}"
        self.stored[name] = photo.data
        return name

    def get(self, object_name: str) -> bytes:
        if object_name not in self.stored:
            raise PhotoNotFound(object_name)
        return self.stored[object_name]

    def delete(self, object_name: str) -> bool:
        return self.stored.pop(object_name, None) is not None


@dataclass
class Audit:
    entries: list[AuditEntry] = field(default_factory=list)

    def record(self, entry: AuditEntry) -> None:
        self.entries.append(entry)

    def recent(self, limit: int) -> list[AuditEntry]:
        return list(reversed(self.entries))[:limit]


class Keys:
    def __init__(self, **principals: Principal) -> None:
        self._principals = principals

    def authenticate(self, plaintext: str) -> Principal | None:
        return self._principals.get(plaintext)


def decoded(published: Sequence[tuple[str, bytes, dict[str, str]]], topic: str) -> list[dict[str, Any]]:
    """The bodies published to `topic`."""
    import json

    return [json.loads(data) for name, data, _ in published if name == topic]


def configured_towns() -> Towns:
    """The towns as infra/config/towns.json configures them."""
    from pathlib import Path

    from otklik.domain.towns import RegionConfig

    config = Path(__file__).resolve().parents[1] / "infra" / "config" / "towns.json"
    return Towns(*RegionConfig.model_validate_json(config.read_text(encoding="utf-8")).towns)


class InMemoryStaffNoticeLedger:
    """The staff notices' ledger: claims per (digest, chat) and duty chats' statuses, as Firestore keeps them."""

    def __init__(self) -> None:
        self.claims: dict[str, dict[str, Any]] = {}
        self.chats: dict[str, DutyChatStatus] = {}

    def claim(self, key: str, now: datetime, by: str, hold_until: datetime) -> NoticeClaim:
        stored = self.claims.get(key, {})
        if stored.get("outcome"):
            return NoticeClaim(claimed=False, done=True)
        held_until = stored.get("claimed_until")
        if held_until is not None and held_until > now and stored.get("claimed_by") != by:
            return NoticeClaim(claimed=False, held_until=held_until)
        self.claims[key] = stored | {"claimed_by": by, "claimed_until": hold_until,
                                     "parts_sent": stored.get("parts_sent", 0)}
        return NoticeClaim(claimed=True, parts_sent=stored.get("parts_sent", 0))

    def record_parts(self, key: str, by: str, parts_sent: int, hold_until: datetime) -> None:
        self.claims[key] |= {"parts_sent": parts_sent, "claimed_until": hold_until, "claimed_by": by}

    def finish(self, key: str, by: str, outcome: str, now: datetime, reason: str | None = None) -> None:
        self.claims[key] |= {"outcome": outcome, "reason": reason, "claimed_until": None}

    def release(self, key: str, by: str, not_before: datetime) -> None:
        self.claims[key] |= {"claimed_by": None, "claimed_until": not_before}

    def chat_rejected(self, chat_key: str, town: str, reason: str, now: datetime) -> None:
        old = self.chats.get(chat_key)
        self.chats[chat_key] = DutyChatStatus(chat_key, town, now, reason, old.delivered_at if old else None)

    def chat_delivered(self, chat_key: str, town: str, now: datetime) -> None:
        old = self.chats.get(chat_key)
        self.chats[chat_key] = DutyChatStatus(chat_key, town, old.rejected_at if old else None,
                                              old.reason if old else None, now)

    def chat_statuses(self) -> list[DutyChatStatus]:
        return list(self.chats.values())


class InMemoryIncidents:
    """IncidentStore and GroupingCandidates over a dictionary, beside the InMemoryAppeals its transactions also write
    (one commit in Firestore). `reads` counts the documents the Firestore adapter would read."""

    def __init__(self, appeals: InMemoryAppeals) -> None:
        self.appeals = appeals
        self.stored: dict[str, Incident] = {}
        self.pending: dict[str, dict[str, PendingJoin]] = {}  # by incident, by appeal: joins not yet folded
        self.reads = 0
        self.commit_writes: list[int] = []  # per commit: the incidents, appeals and outbox messages it wrote

    def get(self, incident_id: str) -> Incident | None:
        self.reads += 1
        return self.stored.get(incident_id)

    def transact(self, incident_ids: Sequence[str], appeal_ids: Sequence[str],
                 change: IncidentChangeFunction) -> IncidentWrite:
        if len(appeal_ids) > MAX_APPEALS_PER_COMMIT:
            raise ValueError(f"{len(appeal_ids)} appeals in one commit; at most {MAX_APPEALS_PER_COMMIT}")
        self.reads += len(incident_ids) + len(appeal_ids)
        decided = change({i: self.stored.get(i) for i in incident_ids},
                         {i: self.appeals.get(i) if is_appeal_id(i) else None for i in appeal_ids})
        if decided is None:
            return IncidentWrite()
        for incident in decided.incidents:
            self.stored[incident.id] = incident
        for folded in decided.folded:
            self.pending.get(folded.incident_id, {}).pop(folded.appeal_id, None)
        for pending in decided.joins:
            self.pending.setdefault(pending.incident_id, {})[pending.appeal_id] = pending
        self.commit_writes.append(len(decided.incidents) + len(decided.joins) + len(decided.folded)
                                  + sum(1 + len(w.messages) for w in decided.appeals))
        if decided.appeals:
            self.appeals.transact([w.appeal.id for w in decided.appeals], lambda _: list(decided.appeals))
        return decided

    def pending_joins(self, incident_id: str, limit: int) -> list[PendingJoin]:
        found = list(self.pending.get(incident_id, {}).values())[:limit]
        self.reads += max(1, len(found))
        return found

    def open_incidents(self, municipality: str, family: str, place_keys: Sequence[str], since: datetime,
                       limit: int) -> list[Incident]:
        keys = set(place_keys)
        found = sorted((i for i in self.stored.values()
                        if i.municipality == municipality and category_family(i.category) == family and i.joinable
                        and keys & set(i.place_keys) and i.last_member_at >= since),
                       key=lambda i: i.last_member_at, reverse=True)[:limit]
        self.reads += max(1, len(found))
        return found

    def town_incidents(self, municipality: str, family: str, since: datetime, limit: int) -> list[Incident]:
        found = sorted((i for i in self.stored.values()
                        if i.municipality == municipality and category_family(i.category) == family and i.joinable
                        and i.last_member_at >= since),
                       key=lambda i: i.last_member_at, reverse=True)[:limit]
        self.reads += max(1, len(found))
        return found

    def recent_appeals(self, municipality: str, family: str, place_keys: Sequence[str], since: datetime,
                       limit: int) -> list[Appeal]:
        keys = set(place_keys)
        found = sorted((a for a in self.appeals.all
                        if a.municipality == municipality and grouping_family(a) == family
                        and keys & set(a.place_keys) and a.received_at >= since),
                       key=lambda a: a.received_at, reverse=True)[:limit]
        self.reads += max(1, len(found))
        return found

    def put(self, *incidents: Incident) -> None:
        """Stores incidents as they are: the state a test starts from."""
        for incident in incidents:
            self.stored[incident.id] = incident

    # IncidentSearch and IncidentSweepQueries

    def incident_auto_resolve_due(self, now: datetime, limit: int) -> list[str]:
        due = [(at, i) for i, incident in self.stored.items()
               if (at := incident_auto_resolve_at(incident)) is not None and at <= now]
        return [i for _, i in sorted(due)[:limit]]

    def incident_notices_due(self, now: datetime, limit: int) -> list[str]:
        due = [(at, i) for i, incident in self.stored.items()
               if (at := incident_next_notice_at(incident)) is not None and at <= now]
        return [i for _, i in sorted(due)[:limit]]

    def open_by_deadline(self, municipality: str, department: str | None, limit: int) -> list[Incident]:
        found = [i for i in self.stored.values() if i.municipality == municipality
                 and i.status not in (IncidentStatus.RESOLVED, IncidentStatus.MERGED)
                 and (department is None or i.department == department)]
        never = datetime.max.replace(tzinfo=UTC)
        return sorted(found, key=lambda i: (i.due_at or never, i.id))[:limit]
class InMemoryConsoleSessions:
    def __init__(self) -> None:
        self.sessions: dict[str, ConsoleSession] = {}

    def put(self, digest: str, session: ConsoleSession) -> None:
        self.sessions[digest] = session

    def get(self, digest: str) -> ConsoleSession | None:
        return self.sessions.get(digest)

    def delete(self, digest: str) -> None:
        self.sessions.pop(digest, None)

    def delete_for_key(self, key_id: str) -> int:
        mine = [d for d, s in self.sessions.items() if s.principal.key_id == key_id]
        for digest in mine:
            del self.sessions[digest]
        return len(mine)


class InMemoryReplyTemplates:
    def __init__(self) -> None:
        self.templates: dict[str, dict[str, str]] = {}

    def for_town(self, town: str) -> dict[str, str]:
        return dict(self.templates.get(town, {}))

    def save(self, town: str, category: str, text: str | None) -> None:
        town_templates = self.templates.setdefault(town, {})
        if text:
            town_templates[category] = text
        else:
            town_templates.pop(category, None)
