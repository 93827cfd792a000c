"""The small interfaces the services depend on, each declared once here; adapters implement them (and
tests/fakes.py, in memory). A service asks for the ports it uses, not for a store that does everything."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from otklik.domain.calendar import ProductionYear
from otklik.domain.channels import ChannelConfig
from otklik.domain.incidents.model import Incident, PendingJoin
from otklik.domain.learning.operator_labels import LabelledExample
from otklik.domain.model import Appeal, Channel, HistoryEntry
from otklik.domain.photos import CleanPhoto
from otklik.domain.principals import Principal
from otklik.domain.towns import TownConfig
from otklik.regional.clients import RegionalClient
from otklik.services.queries import AppealQuery, Count

# Failures adapters report in these terms.


class StorageUnavailable(RuntimeError):
    """The store could not be reached: the caller should ask the sender to retry."""


class ConcurrentUpdate(StorageUnavailable):
    """Others kept changing the same appeal; trying again later will see their change."""


class PublishFailed(RuntimeError):
    pass


class PhotoNotFound(LookupError):
    """No stored photo has that name."""


class CursorNotFound(LookupError):
    """A page cursor that names no stored appeal."""


# What they exchange.


@dataclass(frozen=True)
class OutboxMessage:
    """A message to publish because of a change, stored with the change in the same commit."""

    id: str  # deterministic: the same change always yields the same id
    topic: str  # a field name of settings.Topics
    body: dict[str, Any]
    attributes: dict[str, str]
    # Messages of one key reach an ordered subscription one at a time, in order (topology.PushSubscription.ordered).
    ordering_key: str | None = None


@dataclass(frozen=True)
class AppealWrite:
    """An appeal as a change leaves it, with the messages the change publishes (services/events.py)."""

    appeal: Appeal
    messages: tuple[OutboxMessage, ...] = ()
    # An operator's decision about the appeal's category, stored as the town's labelled example in the same commit
    # (domain/learning/operator_labels.py); `forget_example`: the appeal's personal data is erased, and its example
    # (the resident's text) is deleted in the same commit.
    example: LabelledExample | None = None
    forget_example: bool = False


# Reads the appeals involved (None for an id no appeal has) and returns what to write.
Change = Callable[[dict[str, Appeal | None]], list[AppealWrite]]


@dataclass(frozen=True)
class Received:
    appeal_id: str
    created: bool


@dataclass(frozen=True)
class Quarantined:
    """An appeal the sweep set aside because its step failed for a reason retrying will not fix."""

    appeal_id: str
    since: datetime
    problem: str | None  # why it cannot be read now (an error type), None when it reads


# Appeals.


class AppealStore(Protocol):
    """Storing and loading appeals, and changing them in transactions with their outbox messages."""

    def add(self, created: AppealWrite, fingerprint: str | None = None) -> bool:
        """Store a new appeal with its messages in one commit; False (nothing written) when its id exists.
        `fingerprint`: a hash of the API request that created it, kept for idempotent APIs."""

    def get(self, appeal_id: str) -> Appeal | None: ...

    def body_fingerprint(self, appeal_id: str) -> str | None:
        """The fingerprint the appeal was stored with, if any."""

    def transact(self, appeal_ids: list[str], change: Change) -> list[AppealWrite]:
        """Reads the appeals, lets `change` decide, and writes what it returns, all in one transaction."""

    def archived_history(self, appeal_id: str) -> list[HistoryEntry]:
        """The entries moved out of the appeal's history, oldest first."""


class Outbox(Protocol):
    """The messages changes left to publish, one record each beside its appeal until published."""

    def pending_messages(self, appeal_id: str) -> list[OutboxMessage]: ...

    def delete_message(self, appeal_id: str, message_id: str) -> None: ...

    def messages_before(self, cutoff: datetime, limit: int) -> list[tuple[str, OutboxMessage]]:
        """Messages of any appeal left since before `cutoff`, oldest first, with their appeal's id."""


class Threads(Protocol):
    def latest_in_thread(self, key: str, limit: int = 5) -> list[Appeal]:
        """The thread's most recent appeals that are not folded into another, newest first."""


class AppealSearch(Protocol):
    """What people look for: the operators' lists."""

    def search(self, query: AppealQuery) -> tuple[list[Appeal], str | None]: ...

    def count(self, query: AppealQuery) -> int:
        """How many appeals the query's equality filters select (order, cursor and limit ignored; no range filters:
        they would need indexes of their own). Of its words, the first at least: the Firestore count narrows by
        the first word only, like a page before its other words are checked."""

    def recent(self, limit: int) -> list[Appeal]: ...


class SweepQueries(Protocol):
    """What the deadline sweep looks at: only what is due, and the appeals it set aside."""

    def notices_due(self, now: datetime, limit: int) -> list[str]: ...

    def auto_resolve_due(self, now: datetime, limit: int) -> list[str]: ...

    def quarantine(self, appeal_id: str, at: datetime) -> None:
        """Take the appeal out of the sweep's queries, touching nothing else (it may not even parse); the next
        change written to it, or `release`, puts it back."""

    def quarantined(self, limit: int) -> list[Quarantined]: ...

    def release(self, appeal_id: str) -> bool:
        """Put a quarantined appeal back in the sweep's queries; False when there is no such appeal."""


class ResidentRecords(Protocol):
    """Where a resident's personal data is: their appeals, the appeals whose retention period ran out, and the
    history entries archived beside an appeal."""

    def by_resident(self, channel: Channel, platform_user_id: str, limit: int) -> list[str]:
        """Ids of the appeals (folded follow-ups too) the resident wrote on that channel, at most `limit`."""

    def erasure_due(self, municipality: str, closed_before: datetime, limit: int) -> list[str]:
        """Ids of the town's appeals closed before `closed_before` and not yet erased, oldest first."""

    def rewrite_archived_history(self, appeal_id: str, rewrite: Callable[[HistoryEntry], HistoryEntry]) -> int:
        """Each archived entry of the appeal replaced by `rewrite` of it (written only where it changes); returns
        how many entries the archive holds."""


@dataclass(frozen=True)
class AuditEntry:
    """What was done with residents' personal data, by whom: ids and counts, never the data itself."""

    at: datetime
    actor: str
    action: str  # "export", "erase" (a resident's request), "erase_expired" (the retention period ran out)
    appeal_ids: tuple[str, ...]
    counts: Mapping[str, int]
    channel: str | None = None


class AuditLog(Protocol):
    def record(self, entry: AuditEntry) -> None: ...

    def recent(self, limit: int) -> list[AuditEntry]: ...


class AppealFeed(Protocol):
    """A town's appeals for the public Open311 feed, newest first."""

    def newest_first(self, municipality: str, categories: Sequence[str], received_from: datetime,
                     received_before: datetime, after: str | None, limit: int) -> list[Appeal]: ...

    def by_ids(self, appeal_ids: Sequence[str]) -> list[Appeal]: ...


class ReportQueries(Protocol):
    def counts(self, town: str, month: str, wanted: Mapping[str, Count]) -> dict[str, int]:
        """Every count wanted, by its name (the queries may run side by side)."""

    def response_totals(self, town: str, month: str) -> tuple[int, float]: ...

    def response_percentiles(self, town: str, month: str, fractions: Sequence[float],
                             responded: int) -> list[float | None]: ...


class Ingest(Protocol):
    """Where appeals made elsewhere (reception, the regional centre, Open311) enter as platform messages do."""

    def store(self, appeal: Appeal, fingerprint: str | None = None) -> Received: ...


# Incidents (domain/incidents/).


@dataclass(frozen=True)
class IncidentWrite:
    """What a grouping step writes in one commit: the incidents as it leaves them and its member appeals' changes
    (with their outbox messages, as every appeal change)."""

    incidents: tuple[Incident, ...] = ()
    appeals: tuple[AppealWrite, ...] = ()
    joins: tuple[PendingJoin, ...] = ()  # written beside their incidents (domain/incidents/model.py: join)
    folded: tuple[PendingJoin, ...] = ()  # deleted: now in their incidents (fold) or forwarded


# Reads the incidents and the appeals involved (None for an id none has) and returns what to write (None: nothing).
IncidentChangeFunction = Callable[[dict[str, Incident | None], dict[str, Appeal | None]], IncidentWrite | None]

# The appeals one grouping commit may change: each appeal write is one document plus its outbox messages, and
# Firestore commits at most 500 writes. A step over more members (a merge of large incidents) goes in several.
MAX_APPEALS_PER_COMMIT = 100


class IncidentStore(Protocol):
    """Incidents, changed together with their member appeals in one transaction."""

    def get(self, incident_id: str) -> Incident | None: ...

    def transact(self, incident_ids: Sequence[str], appeal_ids: Sequence[str],
                 change: IncidentChangeFunction) -> IncidentWrite:
        """Reads the incidents and appeals, lets `change` decide, and writes what it returns, all in one
        transaction (an empty IncidentWrite when it returns None). At most MAX_APPEALS_PER_COMMIT appeals."""

    def pending_joins(self, incident_id: str, limit: int) -> list[PendingJoin]:
        """Joins of the incident not yet folded into it, up to `limit` (outside any transaction)."""


class IncidentReader(Protocol):
    def get(self, incident_id: str) -> Incident | None: ...


class IncidentSearch(Protocol):
    """The operators' list of incidents."""

    def open_by_deadline(self, municipality: str, department: str | None, limit: int) -> list[Incident]:
        """The town's incidents not yet resolved (of `department` if given), earliest deadline first."""


class IncidentReportQueries(Protocol):
    def created_between(self, municipality: str, start: datetime, end: datetime) -> list[Incident]:
        """The town's incidents created in [start, end) (a month's: a few hundred at most)."""


class IncidentSweepQueries(Protocol):
    def incident_notices_due(self, now: datetime, limit: int) -> list[str]:
        """Ids of incidents with a deadline notice due by `now`, the earliest first."""

    def incident_auto_resolve_due(self, now: datetime, limit: int) -> list[str]:
        """Ids of answered incidents to resolve by `now` (no member objected), the earliest first."""


class GroupingCandidates(Protocol):
    """What a new appeal may be grouped with: equality on indexed fields, a time bound and a limit, so that the
    documents read per new appeal are bounded by a constant whatever the number of open appeals."""

    def open_incidents(self, municipality: str, family: str, place_keys: Sequence[str], since: datetime,
                       limit: int) -> list[Incident]:
        """Joinable incidents of the town and category family sharing a place key, with a member received since
        `since`, newest first."""

    def recent_appeals(self, municipality: str, family: str, place_keys: Sequence[str], since: datetime,
                       limit: int) -> list[Appeal]:
        """Open appeals of the town and category family in no incident, sharing a place key, received since
        `since`, newest first. The family UNDECIDED_FAMILY finds those the classifier left to triage, the place key
        UNPLACED those that name no place (a late join's look back, domain/incidents/late.py)."""

    def town_incidents(self, municipality: str, family: str, since: datetime, limit: int) -> list[Incident]:
        """Joinable incidents of the town and category family, whatever their places, with a member received since
        `since`, newest first: where an appeal that names no place looks (a few, `limit`)."""


# Configuration and secrets.


class TownDirectory(Protocol):
    def all(self) -> Mapping[str, TownConfig]: ...


class CalendarYears(Protocol):
    """Production calendars loaded without a deploy (`python -m otklik calendar load`); they win over shipped ones."""

    def loaded(self, country: str, year: int) -> ProductionYear | None:
        """The year as loaded, or None (a calendar.YearLookup)."""

    def loaded_years(self, country: str) -> Mapping[int, ProductionYear]: ...

    def save(self, country: str, production_year: ProductionYear) -> None: ...


class DailyMarks(Protocol):
    def first_today(self, kind: str, day: date) -> bool:
        """True for the first caller of `day` for `kind`, on any instance; False for every later one."""


class ChannelDirectory(Protocol):
    def get(self, platform: Channel, account: str) -> ChannelConfig | None: ...


class SecretLookup(Protocol):
    def get(self, name: str | None) -> str | None: ...


class ApiKeys(Protocol):
    def authenticate(self, plaintext: str) -> Principal | None: ...


@dataclass(frozen=True)
class ConsoleSession:
    """A signed-in console user: who, until when, and the CSRF token every form of the session carries."""

    principal: Principal
    csrf_token: str
    expires_at: datetime


class ConsoleSessionStore(Protocol):
    """Console sessions by the SHA-256 digest of their token (the token itself is never stored)."""

    def put(self, digest: str, session: ConsoleSession) -> None: ...

    def get(self, digest: str) -> ConsoleSession | None: ...

    def delete(self, digest: str) -> None: ...

    def delete_for_key(self, key_id: str) -> int:
        """Deletes every session signed in with this API key; returns how many there were."""


class ReplyTemplateStore(Protocol):
    """Reply templates a town's supervisors edit: category → text."""

    def for_town(self, town: str) -> dict[str, str]: ...

    def save(self, town: str, category: str, text: str | None) -> None:
        """Sets a category's template; None or an empty text removes it."""


class RegionalClientDirectory(Protocol):
    def get(self, client_id: str) -> RegionalClient | None:
        """The active client with this id, or None."""

    def granted(self, town: str) -> list[RegionalClient]:
        """Every active client granted the town."""


# Messages and files.


class Publisher(Protocol):
    def publish(self, topic: str, data: bytes, attributes: dict[str, str], ordering_key: str | None = None) -> str:
        """Publish and wait; returns the message id or raises PublishFailed."""


@dataclass(frozen=True)
class HttpAnswer:
    status_code: int | None  # None: no answer (timeout, connection refused)
    problem: str | None = None


@dataclass(frozen=True)
class DeadLetter:
    """A message waiting in a dead-letter subscription, held by the one who pulled it."""

    ack_id: str
    message_id: str
    data: bytes
    attributes: dict[str, str]  # the original's, and what Pub/Sub added when it gave up (CloudPubSubDeadLetter…)
    dead_lettered_at: datetime


class DeadLetterQueue(Protocol):
    """The dead-letter subscriptions (topology.DEAD_LETTER_SUBSCRIPTIONS), by their names without the topic prefix."""

    def pull(self, subscription: str, limit: int) -> list[DeadLetter]:
        """Up to `limit` waiting messages, held (not acknowledged) until released, acknowledged or their ack deadline
        passes; fewer, or none, when no more are waiting."""

    def release(self, subscription: str, ack_ids: Sequence[str]) -> None:
        """Held messages wait again, at once (a nack: ack deadline 0)."""

    def acknowledge(self, subscription: str, ack_ids: Sequence[str]) -> None: ...


class CallbackSender(Protocol):
    """Posts a signed callback to the regional centre."""

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> HttpAnswer: ...


class PhotoStore(Protocol):
    def put(self, appeal_id: str, answer_id: str, photo: CleanPhoto) -> str:
        """Stores a cleaned photo of an answer's report; returns its object name."""

    def get(self, object_name: str) -> bytes:
        """The photo's bytes, or PhotoNotFound."""

    def delete(self, object_name: str) -> bool:
        """Deletes the photo; False when there was none (deleted already, or by the bucket's lifecycle rule)."""


# Staff notices (notify_staff).


@dataclass(frozen=True)
class NoticeClaim:
    """What a delivery of a digest found for one chat: it holds the claim (and resumes after `parts_sent`), or
    another delivery holds it until `held_until`, or the chat's message is done (`done`)."""

    claimed: bool
    parts_sent: int = 0
    done: bool = False
    held_until: datetime | None = None


@dataclass(frozen=True)
class DutyChatStatus:
    chat_key: str
    town: str
    rejected_at: datetime | None
    reason: str | None
    delivered_at: datetime | None

    @property
    def rejecting(self) -> bool:
        return self.rejected_at is not None and (self.delivered_at is None or self.delivered_at < self.rejected_at)


class StaffNoticeLedger(Protocol):
    """What was posted to staff chats: a claim per (digest, chat), taken in a transaction before sending, and
    what each chat last did with the bot."""

    def claim(self, key: str, now: datetime, by: str, hold_until: datetime) -> NoticeClaim: ...

    def record_parts(self, key: str, by: str, parts_sent: int, hold_until: datetime) -> None: ...

    def finish(self, key: str, by: str, outcome: str, now: datetime, reason: str | None = None) -> None: ...

    def release(self, key: str, by: str, not_before: datetime) -> None:
        """The holder gives the claim up: nobody sends before `not_before` (a platform's retry_after)."""

    def chat_rejected(self, chat_key: str, town: str, reason: str, now: datetime) -> None: ...

    def chat_delivered(self, chat_key: str, town: str, now: datetime) -> None: ...

    def chat_statuses(self) -> list[DutyChatStatus]: ...


# The classifier's learning (services/learning.py).


class ExampleStore(Protocol):
    """Towns' labelled examples: operators' decisions (written with their appeal's change, AppealStore.transact) and
    archives loaded for a new town."""

    def add_all(self, examples: Sequence[LabelledExample]) -> int:
        """Stores the examples (an example with the same id is replaced); returns how many were written."""

    def of_town(self, town: str) -> list[LabelledExample]: ...

    def count_since(self, town: str, since: datetime | None) -> int:
        """How many of the town's examples were decided after `since` (all of them for None): an aggregation query,
        no counter document."""


@dataclass(frozen=True)
class ModelVersion:
    """A stored version of a town's learned model, without the model itself."""

    town: str
    version: int
    trained_at: datetime
    examples: int
    examples_until: datetime | None  # the latest decision among the examples it learned from


class ModelStore(Protocol):
    """Towns' learned models, versioned: a new version becomes current; the latest few are kept for rollback."""

    def current(self, town: str) -> ModelVersion | None: ...

    def document(self, town: str, version: int) -> str | None:
        """The model's JSON document (domain/learning/model.py), or None when that version is not kept."""

    def save(self, version: ModelVersion, document: str, keep: int) -> ModelVersion:
        """Stores the document as the town's next version (`version.version` is ignored: the store numbers them),
        makes it current, and deletes all but the latest `keep` versions. Returns it as stored."""

    def versions(self, town: str) -> list[ModelVersion]:
        """The kept versions, newest first."""

    def make_current(self, town: str, version: int) -> bool:
        """Rollback: a kept version becomes current again; False when it is not kept."""
