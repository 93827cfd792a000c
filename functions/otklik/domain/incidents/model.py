"""The incident: one problem many residents wrote about (a burst water main, a district without power), with its
member appeals, one owning department, one status and one deadline (the earliest of its members').

Every grouping step here is pure: it returns the incident(s) as the step leaves them and, for each member appeal
it touches, the history entry that appeal gets and the incident it belongs to afterwards (`MemberEntry`; apply it
with `applied`). The incident's own history records the same step with the same reason (what matched)."""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from otklik.domain.incidents.places import written_coordinates
from otklik.domain.incidents.work_state import IncidentWork
from otklik.domain.model import OPEN_STATUSES, Appeal, Channel, HistoryAction, HistoryEntry, Status

GROUPER = "system:grouping"
# Place keys kept on the incident for finding it: area keys (district, street) first, then houses, up to this many
# (an array-contains-any query takes up to 30 values per side; an incident's own array may hold more).
MAX_PLACE_KEYS = 60
# Problem lemmas kept on the incident for text similarity with a new appeal.
MAX_PROBLEM_WORDS = 40
# ... and on each member, to take off the counts when it leaves: its first ones (the document holds every member).
MAX_MEMBER_WORDS = 12
# The incident's document holds every member and its grouping history, about 1 KB each (measured on the storms),
# and a Firestore document at most 1 MiB: a full incident takes no new member, and residents writing after go on in
# a new one (an operator sees both).
MAX_MEMBERS = 600
INCIDENT_ID_PREFIX = "in-"
_INCIDENT_ID = re.compile(r"in-[0-9a-f]{24}")


class IncidentStatus(StrEnum):
    """Mirrors the appeal's lifecycle where it makes sense for a group: open (routed to its department),
    in progress, answered, resolved; `merged` once folded into another incident."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"
    RESOLVED = "resolved"
    MERGED = "merged"


# An incident new appeals may join: after its final answer too (the resident gets that answer at once).
JOINABLE_STATUSES = frozenset({IncidentStatus.OPEN, IncidentStatus.IN_PROGRESS, IncidentStatus.ANSWERED})
# Appeal statuses that may join an incident: routed, not yet closed.
MEMBER_STATUSES = OPEN_STATUSES - {Status.RECEIVED, Status.NEEDS_TRIAGE} | {Status.ANSWERED}


class IncidentConflict(Exception):
    """What was asked does not fit the incident or the appeals as they are now."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Member(_Model):
    """A member appeal as the incident keeps it: enough to list members, places and channels without reading them."""

    appeal_id: str
    channel: Channel
    joined_at: AwareDatetime
    received_at: AwareDatetime
    due_at: AwareDatetime | None = None
    place_keys: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None
    reason: str = Field(description="Why it joined: what matched, or the operator's reason.")
    problem_words: tuple[str, ...] = Field(default=(), description="The lemmas of the problem as this member wrote "
                                           "it: taken off the incident's counts when the member leaves.")

    @property
    def coordinates(self) -> tuple[float, float] | None:
        return (self.latitude, self.longitude) if self.latitude is not None and self.longitude is not None else None


class Incident(_Model):
    id: str
    municipality: str
    category: str
    department: str | None = None
    status: IncidentStatus = IncidentStatus.OPEN
    members: tuple[Member, ...] = ()
    place_keys: tuple[str, ...] = Field(default=(), description="The members' place keys (domain/incidents/places.py)"
                                        ": area keys first, bounded.")
    problem_words: dict[str, int] = Field(default_factory=dict, description="Lemmas of the problem as the members "
                                          "wrote it (no greetings, no addresses), each with how many members used it "
                                          "(the most used, bounded): text similarity with new appeals.")
    created_at: AwareDatetime
    last_member_at: AwareDatetime = Field(description="When the newest member was received: the time window of "
                                          "grouping counts from it.")
    merged_into: str | None = None
    history: tuple[HistoryEntry, ...] = ()
    work: IncidentWork = Field(default_factory=IncidentWork, description="Work on the incident: owner, answers, "
                               "first response, members who say it is not fixed (domain/incidents/actions.py).")

    @property
    def member_ids(self) -> tuple[str, ...]:
        return tuple(m.appeal_id for m in self.members)

    @property
    def due_at(self) -> datetime | None:
        """The earliest of the members' deadlines."""
        deadlines = [m.due_at for m in self.members if m.due_at is not None]
        return min(deadlines) if deadlines else None

    @property
    def full(self) -> bool:
        return len(self.members) >= MAX_MEMBERS

    @property
    def joinable(self) -> bool:
        return self.status in JOINABLE_STATUSES and not self.full

    def with_entry(self, entry: HistoryEntry, **changes: Any) -> Incident:
        return self.model_copy(update={"history": (*self.history, entry), **changes})


class PendingJoin(_Model):
    """An appeal that joined an incident, written beside the incident (not into it) by the join's own commit and
    folded into the incident by the next fold (`fold`): the joins of a burst never write the incident's document
    one by one, so it is no hot document."""

    incident_id: str
    member: Member
    actor: str
    details: dict[str, Any] = Field(default_factory=dict, description="The grouping reason (what matched), for the "
                                    "incident's history entry.")

    @property
    def appeal_id(self) -> str:
        return self.member.appeal_id


@dataclass(frozen=True)
class MemberEntry:
    """What a grouping step does to one member appeal: the entry its history gets and the incident it belongs to
    afterwards (None: it left)."""

    appeal_id: str
    incident_id: str | None
    entry: HistoryEntry


@dataclass(frozen=True)
class IncidentChange:
    """A grouping step's result: the incidents it changed or created, and what each touched appeal gets."""

    incidents: tuple[Incident, ...]
    members: tuple[MemberEntry, ...]

    @property
    def incident(self) -> Incident:
        """The incident the step was about (the one started, joined, kept by a merge or split from)."""
        return self.incidents[0]


@dataclass(frozen=True)
class Reason:
    """Why appeals are grouped: a sentence for people, and what matched (place keys, category, similarity…)."""

    text: str
    matched: Mapping[str, Any] = field(default_factory=dict)

    def details(self) -> dict[str, Any]:
        return {"reason": self.text, "matched": dict(self.matched)}


def incident_id_for(first_appeal_id: str) -> str:
    """Deterministic: starting an incident from the same appeal again (a redelivery) names the same incident."""
    digest = hashlib.sha256(f"incident\x1f{first_appeal_id}".encode()).hexdigest()
    return f"{INCIDENT_ID_PREFIX}{digest[:24]}"


def is_incident_id(value: str) -> bool:
    """Whether `value` has the form every incident id has (anything else names none)."""
    return _INCIDENT_ID.fullmatch(value) is not None


def applied(appeal: Appeal, member: MemberEntry) -> Appeal:
    """The appeal with its grouping entry and its incident."""
    if member.appeal_id != appeal.id:
        raise ValueError(f"entry for {member.appeal_id} applied to {appeal.id}")
    return appeal.with_entry(member.entry, incident_id=member.incident_id)


def _member(appeal: Appeal, place_keys: Iterable[str], problem_words: Iterable[str], reason: str,
            now: datetime) -> Member:
    latitude, longitude = _coordinates(appeal) or (None, None)
    return Member(appeal_id=appeal.id, channel=appeal.channel, joined_at=now, received_at=appeal.received_at,
                  due_at=appeal.due_at, place_keys=tuple(dict.fromkeys(place_keys)), reason=reason,
                  problem_words=tuple(dict.fromkeys(problem_words))[:MAX_MEMBER_WORDS],
                  latitude=latitude, longitude=longitude)


def _coordinates(appeal: Appeal) -> tuple[float, float] | None:
    """Where the member is: its location, or the coordinates pasted in its text ("geo:46.91,142.74 нет воды"), which
    place it as a location does (places.written_coordinates): later appeals near it are near the incident."""
    location = appeal.location
    return (location.latitude, location.longitude) if location is not None else written_coordinates(appeal.text)


def _check_may_join(appeal: Appeal, municipality: str | None = None) -> None:
    if appeal.incident_id is not None:
        raise IncidentConflict(f"appeal {appeal.id} is in incident {appeal.incident_id} already")
    if appeal.status not in MEMBER_STATUSES:
        raise IncidentConflict(f"appeal {appeal.id} in status {appeal.status} cannot join an incident")
    if appeal.category is None:
        raise IncidentConflict(f"appeal {appeal.id} has no category")
    if municipality is not None and appeal.municipality != municipality:
        raise IncidentConflict(f"appeal {appeal.id} is of {appeal.municipality}, the incident of {municipality}")


def _check_open(incident: Incident) -> None:
    if incident.status not in JOINABLE_STATUSES:
        raise IncidentConflict(f"incident {incident.id} is {incident.status}")


def _check_room(incident: Incident, joining: int = 1) -> None:
    if len(incident.members) + joining > MAX_MEMBERS:
        raise IncidentConflict(f"incident {incident.id} would have more than {MAX_MEMBERS} members, the most one holds")


def area_first(keys: Iterable[str]) -> tuple[str, ...]:
    """Place keys with area keys (district, street, yard, cell) before houses, bounded."""
    unique = list(dict.fromkeys(keys))
    houses = [k for k in unique if k.startswith("house:")]
    areas = [k for k in unique if not k.startswith("house:")]
    return tuple((areas + houses)[:MAX_PLACE_KEYS])


def _place_keys(members: Sequence[Member]) -> tuple[str, ...]:
    return area_first(key for m in members for key in m.place_keys)


def _problem_words(existing: Mapping[str, int], *added: Iterable[str]) -> dict[str, int]:
    """The counts with each of `added` (one member's words each) counted once, the most used kept."""
    counts = dict(existing)
    for words in added:
        for word in set(words):
            counts[word] = counts.get(word, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:MAX_PROBLEM_WORDS])


def _without_words(existing: Mapping[str, int], *removed: Iterable[str]) -> dict[str, int]:
    """The counts with each of `removed` (one leaving member's words each) no longer counted."""
    counts = Counter(existing)
    for words in removed:
        counts.subtract(set(words) & counts.keys())
    return {word: n for word, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])) if n > 0}


def _merged_words(first: Mapping[str, int], second: Mapping[str, int]) -> dict[str, int]:
    counts = Counter(first) + Counter(second)
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:MAX_PROBLEM_WORDS])


def _entry(now: datetime, actor: str, action: HistoryAction, **details: Any) -> HistoryEntry:
    return HistoryEntry(at=now, actor=actor, action=action, details=details)


def start(incident_id: str, appeals: Sequence[Appeal], reason: Reason, now: datetime, *, actor: str = GROUPER,
          place_keys: Mapping[str, Sequence[str]] | None = None,
          problem_words: Mapping[str, Sequence[str]] | None = None) -> IncidentChange:
    """A new incident of `appeals` (two similar ones, or an operator's selection); the first one's category and
    department are the incident's. `place_keys` and `problem_words`: each appeal's, by its id."""
    if not appeals:
        raise IncidentConflict("an incident starts with at least one appeal")
    if len({a.id for a in appeals}) != len(appeals):
        raise IncidentConflict("an appeal is selected twice")
    first = appeals[0]
    for appeal in appeals:
        _check_may_join(appeal, first.municipality)
    keys = place_keys or {}
    words = problem_words or {}
    members = tuple(_member(a, keys.get(a.id, ()), words.get(a.id, ()), reason.text, now) for a in appeals)
    assert first.category is not None  # checked by _check_may_join
    incident = Incident(
        id=incident_id, municipality=first.municipality, category=first.category, department=first.department,
        members=members, place_keys=_place_keys(members),
        problem_words=_problem_words({}, *words.values()),
        created_at=now, last_member_at=max(a.received_at for a in appeals),
        history=(_entry(now, actor, HistoryAction.INCIDENT_STARTED, appeal_ids=[a.id for a in appeals],
                        **reason.details()),),
    )
    entries = tuple(MemberEntry(a.id, incident_id, _entry(now, actor, HistoryAction.INCIDENT_JOINED,
                                                           incident_id=incident_id, **reason.details()))
                    for a in appeals)
    return IncidentChange((incident,), entries)


def join(incident: Incident, appeal: Appeal, reason: Reason, now: datetime, *, actor: str = GROUPER,
         place_keys: Sequence[str] = (), problem_words: Sequence[str] = ()) -> tuple[PendingJoin, MemberEntry]:
    """The appeal joins `incident` as it was read: the appeal's entry, and the pending join `fold` later adds to the
    incident (grouping writes the two in the appeal's commit, without the incident's document)."""
    _check_open(incident)
    _check_room(incident)
    _check_may_join(appeal, incident.municipality)
    member = _member(appeal, place_keys, problem_words, reason.text, now)
    pending = PendingJoin(incident_id=incident.id, member=member, actor=actor, details=reason.details())
    entry = _entry(now, actor, HistoryAction.INCIDENT_JOINED, incident_id=incident.id, **reason.details())
    return pending, MemberEntry(appeal.id, incident.id, entry)


def fold(incident: Incident, joins: Sequence[PendingJoin]) -> Incident:
    """The incident with the pending joins among its members, each once (a join folded before is skipped), each
    with its history entry as of its join."""
    known = set(incident.member_ids)
    new: list[PendingJoin] = []
    for pending in joins:
        if pending.incident_id == incident.id and pending.appeal_id not in known:
            known.add(pending.appeal_id)
            new.append(pending)
    if not new:
        return incident
    members = (*incident.members, *(p.member for p in new))
    entries = tuple(_entry(p.member.joined_at, p.actor, HistoryAction.INCIDENT_JOINED, appeal_id=p.appeal_id,
                           **p.details) for p in new)
    return incident.model_copy(update={
        "members": members, "place_keys": _place_keys(members), "history": (*incident.history, *entries),
        "problem_words": _problem_words(incident.problem_words, *(p.member.problem_words for p in new)),
        "last_member_at": max(incident.last_member_at, *(p.member.received_at for p in new))})


def forward(absorbed: Incident, pending: PendingJoin, now: datetime) -> tuple[PendingJoin, MemberEntry]:
    """A join that reached `absorbed` after it was merged into another incident: it goes on to that one."""
    if absorbed.merged_into is None:
        raise IncidentConflict(f"incident {absorbed.id} is not merged into another")
    kept = absorbed.merged_into
    entry = _entry(now, GROUPER, HistoryAction.INCIDENTS_MERGED, incident_id=kept, previous_incident_id=absorbed.id,
                   reason=f"incident {absorbed.id} was merged into {kept} as this appeal joined it")
    return pending.model_copy(update={"incident_id": kept}), MemberEntry(pending.appeal_id, kept, entry)


def add_member(incident: Incident, appeal: Appeal, reason: Reason, now: datetime, *, actor: str = GROUPER,
               place_keys: Sequence[str] = (), problem_words: Sequence[str] = ()) -> IncidentChange:
    """The appeal joins the incident at once, in the incident's own commit (an operator's addition)."""
    pending, entry = join(incident, appeal, reason, now, actor=actor, place_keys=place_keys,
                          problem_words=problem_words)
    return IncidentChange((fold(incident, [pending]),), (entry,))


def remove_member(incident: Incident, appeal_id: str, reason: Reason, now: datetime, *,
                  actor: str) -> IncidentChange:
    """The appeal leaves the incident and goes on on its own; an incident keeps at least one member."""
    if appeal_id not in incident.member_ids:
        raise IncidentConflict(f"appeal {appeal_id} is not a member of incident {incident.id}")
    if len(incident.members) == 1:
        raise IncidentConflict(f"appeal {appeal_id} is the last member of incident {incident.id}")
    members = tuple(m for m in incident.members if m.appeal_id != appeal_id)
    leaving = next(m for m in incident.members if m.appeal_id == appeal_id)
    updated = incident.with_entry(
        _entry(now, actor, HistoryAction.INCIDENT_LEFT, appeal_id=appeal_id, **reason.details()),
        members=members, place_keys=_place_keys(members),
        problem_words=_without_words(incident.problem_words, leaving.problem_words),
        last_member_at=max(m.received_at for m in members))
    entry = _entry(now, actor, HistoryAction.INCIDENT_LEFT, incident_id=incident.id, **reason.details())
    return IncidentChange((updated,), (MemberEntry(appeal_id, None, entry),))


def forget_member(incident: Incident, appeal_id: str) -> Incident:
    """The incident without what its member `appeal_id` told of its resident: the coordinates and the words (the
    resident's personal data is erased: domain/retention.py); the same incident when there is nothing to forget."""
    members = tuple(m.model_copy(update={"latitude": None, "longitude": None, "problem_words": ()})
                    if m.appeal_id == appeal_id else m for m in incident.members)
    return incident if members == incident.members else incident.model_copy(update={"members": members})


def merge(kept: Incident, absorbed: Incident, reason: Reason, now: datetime, *, actor: str) -> IncidentChange:
    """`absorbed`'s members join `kept`; `absorbed` is closed as merged into it."""
    if kept.id == absorbed.id:
        raise IncidentConflict("an incident cannot be merged into itself")
    _check_open(kept)
    _check_open(absorbed)
    _check_room(kept, len(absorbed.members))
    if kept.municipality != absorbed.municipality:
        raise IncidentConflict("incidents of different towns cannot be merged")
    members = (*kept.members, *absorbed.members)
    details = reason.details()
    updated = kept.with_entry(
        _entry(now, actor, HistoryAction.INCIDENTS_MERGED, merged=absorbed.id,
               appeal_ids=list(absorbed.member_ids), **details),
        members=members, place_keys=_place_keys(members),
        problem_words=_merged_words(kept.problem_words, absorbed.problem_words),
        last_member_at=max(kept.last_member_at, absorbed.last_member_at))
    closed = absorbed.with_entry(
        _entry(now, actor, HistoryAction.INCIDENTS_MERGED, merged_into=kept.id, appeal_ids=list(absorbed.member_ids),
               **details),
        status=IncidentStatus.MERGED, merged_into=kept.id, members=())
    entries = tuple(MemberEntry(i, kept.id, _entry(now, actor, HistoryAction.INCIDENTS_MERGED, incident_id=kept.id,
                                                   previous_incident_id=absorbed.id, **details))
                    for i in absorbed.member_ids)
    return IncidentChange((updated, closed), entries)


def split(incident: Incident, appeal_ids: Sequence[str], new_incident_id: str, reason: Reason, now: datetime, *,
          actor: str) -> IncidentChange:
    """The named members leave `incident` for a new incident of their own (same category and department)."""
    _check_open(incident)
    moving = list(dict.fromkeys(appeal_ids))
    unknown = [i for i in moving if i not in incident.member_ids]
    if unknown:
        raise IncidentConflict(f"not members of incident {incident.id}: {', '.join(unknown)}")
    if not moving or len(moving) == len(incident.members):
        raise IncidentConflict("a split moves some of the members, not none or all")
    staying = tuple(m for m in incident.members if m.appeal_id not in moving)
    moved = tuple(m for m in incident.members if m.appeal_id in moving)
    details = reason.details()
    updated = incident.with_entry(
        _entry(now, actor, HistoryAction.INCIDENT_SPLIT, split_into=new_incident_id, appeal_ids=moving, **details),
        members=staying, place_keys=_place_keys(staying), last_member_at=max(m.received_at for m in staying),
        problem_words=_without_words(incident.problem_words, *(m.problem_words for m in moved)))
    # Members stored before their words were kept have none: the new incident then starts from the old one's.
    moved_words = _problem_words({}, *(m.problem_words for m in moved))
    new = Incident(
        id=new_incident_id, municipality=incident.municipality, category=incident.category,
        department=incident.department, members=moved, place_keys=_place_keys(moved),
        problem_words=moved_words or incident.problem_words, created_at=now,
        last_member_at=max(m.received_at for m in moved),
        history=(_entry(now, actor, HistoryAction.INCIDENT_SPLIT, split_from=incident.id, appeal_ids=moving,
                        **details),))
    entries = tuple(MemberEntry(i, new_incident_id, _entry(now, actor, HistoryAction.INCIDENT_SPLIT,
                                                           incident_id=new_incident_id,
                                                           previous_incident_id=incident.id, **details))
                    for i in moving)
    return IncidentChange((updated, new), entries)
