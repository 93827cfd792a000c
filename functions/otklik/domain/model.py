"""The appeal: what a resident asked, where to answer it, and everything that happened to it."""
from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field


class Channel(StrEnum):
    VK = "vk"
    TELEGRAM = "telegram"
    OK = "ok"
    MAX = "max"
    REGIONAL = "regional"
    RECEPTION = "reception"


class Status(StrEnum):
    RECEIVED = "received"
    NEEDS_TRIAGE = "needs_triage"
    ROUTED = "routed"
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"
    RESOLVED = "resolved"
    REJECTED = "rejected"
    # A follow-up message folded into an earlier open appeal of the same author and chat.
    MERGED = "merged"


OPEN_STATUSES = frozenset({Status.RECEIVED, Status.NEEDS_TRIAGE, Status.ROUTED, Status.IN_PROGRESS})

# The lifecycle (docs/domain.md): which status may follow which. `Appeal.changed` enforces it.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.RECEIVED: frozenset({Status.NEEDS_TRIAGE, Status.ROUTED, Status.MERGED, Status.REJECTED}),
    Status.NEEDS_TRIAGE: frozenset({Status.ROUTED, Status.REJECTED}),
    # routed → routed: handed to another department.
    Status.ROUTED: frozenset({Status.ROUTED, Status.IN_PROGRESS, Status.ANSWERED, Status.NEEDS_TRIAGE}),
    Status.IN_PROGRESS: frozenset({Status.ROUTED, Status.ANSWERED}),
    Status.ANSWERED: frozenset({Status.RESOLVED, Status.ROUTED}),
    Status.RESOLVED: frozenset({Status.ROUTED}),
    Status.REJECTED: frozenset(),
    Status.MERGED: frozenset(),
}


class StatusConflict(Exception):
    """The appeal's current status does not allow what was asked."""

    def __init__(self, current: Status, message: str) -> None:
        super().__init__(message)
        self.current = current


class InvalidTransition(StatusConflict):
    def __init__(self, current: Status, target: Status) -> None:
        super().__init__(current, f"an appeal in status {current} cannot become {target}")
        self.target = target


def can_transition(current: Status, target: Status) -> bool:
    return target in TRANSITIONS[current]


def check_transition(current: Status, target: Status) -> None:
    if not can_transition(current, target):
        raise InvalidTransition(current, target)


class SourceKind(StrEnum):
    PRIVATE_MESSAGE = "private_message"
    GROUP_MESSAGE = "group_message"
    WALL_POST = "wall_post"
    WALL_COMMENT = "wall_comment"
    PHOTO_COMMENT = "photo_comment"
    BOARD_POST = "board_post"
    REGIONAL = "regional"
    RECEPTION = "reception"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class SourceRef(_Model):
    """Everything needed to answer in the same place later."""

    platform: Channel
    account: str = Field(description="The receiving account: VK community, bot, OK group, MAX bot.")
    kind: SourceKind
    event_id: str = Field(description="The platform's identity of the message (or event) that created the appeal: "
                          "what a redelivery and an edit of that message refer to.")
    chat_id: str | None = None
    message_id: str | None = None
    post_id: str | None = None
    comment_id: str | None = None
    owner_id: str | None = None
    photo_id: str | None = None
    topic_id: str | None = None
    link: str | None = None


class Author(_Model):
    platform_user_id: str
    display_name: str | None = None
    username: str | None = None
    profile_url: str | None = None
    contact: str | None = None


class AttachmentKind(StrEnum):
    PHOTO = "photo"
    VIDEO = "video"
    VOICE = "voice"
    AUDIO = "audio"
    DOCUMENT = "document"
    STICKER = "sticker"
    OTHER = "other"


class Attachment(_Model):
    kind: AttachmentKind
    platform_id: str | None = None
    url: str | None = None
    width: int | None = None
    height: int | None = None
    size_bytes: int | None = None
    mime_type: str | None = None
    file_name: str | None = None


class Location(_Model):
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    accuracy_m: float | None = None
    place: str | None = None


class AnswerKind(StrEnum):
    INTERMEDIATE = "intermediate"
    FINAL = "final"


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    # Permanently refused by the platform (bot blocked, comment deleted): shown to operators.
    UNDELIVERED = "undelivered"
    # No platform to send to (reception appeals): the operator delivers it by phone or letter.
    MANUAL = "manual"


class Delivery(_Model):
    """How far sending an answer got. One sender at a time holds a claim on it, which runs out at `claimed_until` so
    that the next delivery can resume after a sender that crashed; the parts the platform took are counted as they
    go, so a resumed delivery starts at the first part not yet sent."""

    status: DeliveryStatus = DeliveryStatus.PENDING
    platform_message_ids: tuple[str, ...] = Field(default=(), description="The platform's ids of the messages sent.")
    parts_sent: int = Field(default=0, description="Platform messages (or media groups) of the answer sent so far.")
    reason: str | None = Field(default=None, description="Why it is undelivered, or the last error of a pending one.")
    attempts: int = 0
    claimed_by: str | None = Field(default=None, description="The delivery attempt sending it now.")
    claimed_until: AwareDatetime | None = Field(default=None, description="When that attempt's claim runs out.")
    updated_at: AwareDatetime | None = None


class Answer(_Model):
    id: str
    kind: AnswerKind
    text: str
    planned_date: date | None = None
    photos: tuple[str, ...] = Field(default=(), description="Cloud Storage object names of the photo report.")
    author: str
    created_at: AwareDatetime
    delivery: Delivery = Delivery()


class WarningPoint(_Model):
    """A moment before the response deadline when a warning is due, e.g. ("75%", 21:00)."""

    label: str
    at: AwareDatetime


class HistoryAction(StrEnum):
    """What happened to an appeal: the kind of each history entry. The history is the appeal's event log, and what a
    change publishes is derived from the kinds of the entries it adds (services/events.py has one row per kind)."""

    RECEIVED = "received"
    # The classifier's decision, or an operator's.
    ROUTED = "routed"
    NEEDS_TRIAGE = "needs_triage"
    TRIAGED = "triaged"
    REJECTED = "rejected"
    ASSIGNED = "assigned"
    HANDED_TO_REGIONAL = "handed_to_regional"
    # Work.
    TAKEN = "taken"
    NOTE = "note"
    ANSWERED_INTERMEDIATE = "answered_intermediate"
    ANSWERED_FINAL = "answered_final"
    RESOLVED = "resolved"
    REOPENED = "reopened"
    # The resident's further messages.
    FOLLOW_UP = "follow_up"
    MERGED = "merged"
    RELATED_APPEAL = "related_appeal"
    TEXT_EDITED = "text_edited"
    FOLLOW_UP_EDITED = "follow_up_edited"
    # The deadline clock.
    WARNING = "warning"
    ESCALATED = "escalated"
    # Delivery of answers to the resident, and of callbacks to the regional centre.
    REPLY_PENDING = "reply_pending"
    REPLY_DELIVERED = "reply_delivered"
    REPLY_UNDELIVERED = "reply_undelivered"
    CALLBACK_DELIVERED = "callback_delivered"
    CALLBACK_FAILED = "callback_failed"
    CALLBACK_REJECTED = "callback_rejected"
    # Pub/Sub gave up on a message about the appeal (its dead letter): a callback the regional centre never got, a
    # routing that kept failing (the appeal goes to triage).
    CALLBACK_NOT_DELIVERED = "callback_not_delivered"
    ROUTING_FAILED = "routing_failed"
    # The resident's personal data erased: the retention period ran out, or the resident asked (domain/retention.py).
    PERSONAL_DATA_ERASED = "personal_data_erased"
    # Incidents (domain/incidents/): the same kinds of entry in the incident's history and its members'.
    INCIDENT_STARTED = "incident_started"
    INCIDENT_JOINED = "incident_joined"
    INCIDENT_LEFT = "incident_left"
    INCIDENTS_MERGED = "incidents_merged"
    INCIDENT_SPLIT = "incident_split"
    # A member's resident said the incident's problem is not fixed: the incident is flagged (and reopened when
    # enough say so: domain/incidents/feedback.py).
    INCIDENT_NOT_FIXED = "incident_not_fixed"


class HistoryEntry(_Model):
    at: AwareDatetime
    actor: str
    action: HistoryAction
    details: dict[str, Any] = Field(default_factory=dict)


class IncomingMessage(_Model):
    """A resident's message as read off a platform event, before it becomes (part of) an appeal."""

    source: SourceRef
    author: Author
    text: str
    attachments: tuple[Attachment, ...] = ()
    location: Location | None = None
    sent_at: AwareDatetime


class Appeal(_Model):
    id: str
    municipality: str
    channel: Channel
    source: SourceRef
    author: Author
    text: str = Field(description="What the resident wrote: the first message, then the texts of the follow-ups folded "
                      "into it, as many as fit a bounded length (each follow-up keeps its own text in its record).")
    attachments: tuple[Attachment, ...] = ()
    location: Location | None = None
    received_at: AwareDatetime
    status: Status = Status.RECEIVED
    # Set when the appeal is routed (or triaged by an operator).
    category: str | None = None
    category_confidence: float | None = None
    classification_reasons: tuple[str, ...] = ()
    department: str | None = None
    due_at: AwareDatetime | None = None
    clock_started_at: AwareDatetime | None = Field(default=None, description="When the current deadline's clock "
                                                   "started: receipt, or the last reopening.")
    warning_points: tuple[WarningPoint, ...] = ()
    triage_reason: str | None = None
    # Sent with appeals handed down by the regional centre.
    external_deadline: AwareDatetime | None = None
    category_hint: str | None = None
    # Follow-ups: later messages of the same author and chat about the same problem, folded into this appeal,
    # or the appeal this one was folded into.
    follow_ups: tuple[str, ...] = Field(default=(), description="Ids of the follow-ups folded in (the first ones, up "
                                        "to a bound); each is a record of its own with its text, status `merged`.")
    follow_up_count: int = Field(default=0, description="How many follow-ups were folded in.")
    own_text: str | None = Field(default=None, description="The first message's own text, once `text` also holds "
                                 "follow-ups.")
    merged_into: str | None = None
    related_appeals: tuple[str, ...] = Field(default=(), description="Appeals of the same resident in the same chat "
                                             "about another problem, opened while this one was open.")
    reopen_count: int = 0
    # Work on it.
    assignee: str | None = None
    answers: tuple[Answer, ...] = ()
    planned_resolution: date | None = None
    # Per-appeal figures kept for reports, set when they happen.
    first_response_at: AwareDatetime | None = None
    first_response_seconds: float | None = None
    first_response_within_deadline: bool | None = None
    answered_at: AwareDatetime | None = None
    resolved_at: AwareDatetime | None = None
    resolve_after: AwareDatetime | None = Field(default=None, description="Auto-resolution time of an answered appeal.")
    # Deadline notices sent, each once per deadline: "warning:75%@<due_at>", "escalated@<due_at>".
    notices: tuple[str, ...] = ()
    overdue: bool = False
    undelivered_callbacks: tuple[str, ...] = Field(default=(), description="Event ids of callbacks to the regional "
                                                   "centre that Pub/Sub gave up on and that no later delivery "
                                                   "reached: `dead-letters replay` sends them again.")
    note_count: int = Field(default=0, description="Internal notes added, archived ones included.")
    history: tuple[HistoryEntry, ...] = Field(default=(), description="The most recent history entries (a long "
                                              "history keeps its latest 200, or 256 KiB); older ones are in the "
                                              "appeal's history archive: `python -m otklik appeals show "
                                              "--full-history`.")
    archived_history: int = Field(default=0, description="How many of the oldest history entries were moved to "
                                  "the archive: the first entry in `history` is entry number `archived_history`.")
    erased_at: AwareDatetime | None = Field(default=None, description="When the resident's personal data was erased "
                                            "(names, contacts, platform ids, texts, photos); the figures stay.")
    incident_id: str | None = Field(default=None, description="The incident the appeal is a member of: many "
                                    "residents' appeals about one problem (domain/incidents/).")
    place_keys: tuple[str, ...] = Field(default=(), description="Where the problem is, as read from the text when "
                                        "the appeal was routed: district, street, house keys "
                                        "(domain/incidents/places.py); \"unplaced\" when it names none.")

    @classmethod
    def receive(cls, appeal_id: str, municipality: str, message: IncomingMessage, now: datetime) -> Appeal:
        return cls(
            id=appeal_id,
            municipality=municipality,
            channel=message.source.platform,
            source=message.source,
            author=message.author,
            text=message.text,
            attachments=message.attachments,
            location=message.location,
            received_at=now,
            history=(
                HistoryEntry(
                    at=now,
                    actor=f"{message.source.platform}:{message.source.account}",
                    action=HistoryAction.RECEIVED,
                    details={"sent_at": message.sent_at.isoformat()},
                ),
            ),
        )

    @property
    def recorded_entries(self) -> int:
        """How many history entries the appeal has had, archived ones included: the next entry's number."""
        return self.archived_history + len(self.history)

    @property
    def first_message_text(self) -> str:
        """The text of the message that created the appeal, without the follow-ups folded in."""
        return self.text if self.own_text is None else self.own_text

    def changed(self, status: Status, entry: HistoryEntry, **changes: Any) -> Appeal:
        """A copy in `status` with `changes` and one more history entry; refuses what the lifecycle forbids."""
        check_transition(self.status, status)
        return self.model_copy(update={"status": status, "history": (*self.history, entry), **changes})

    def with_entry(self, entry: HistoryEntry, **changes: Any) -> Appeal:
        """A copy with one more history entry and `changes`, the status unchanged."""
        return self.model_copy(update={"history": (*self.history, entry), **changes})
