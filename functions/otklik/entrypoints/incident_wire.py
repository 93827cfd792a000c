"""The operator API's incidents: the list's summaries and one incident as it is read (members with their delivery
status, places, channels, timeline). schemas/ documents them (`make schemas`)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from otklik.domain.incidents.model import Incident, IncidentStatus
from otklik.domain.model import Answer, AnswerKind, Appeal, Channel, DeliveryStatus, HistoryEntry, Status


class _Wire(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class IncidentSummary(_Wire):
    """An incident as the list shows it."""

    id: str
    municipality: str
    category: str
    department: str | None
    status: IncidentStatus
    due_at: AwareDatetime | None = Field(description="The earliest of its members' deadlines.")
    overdue: bool
    member_count: int
    channels: dict[str, int] = Field(description="Members by the channel they wrote in.")
    assignee: str | None
    answers: int
    flagged: bool = Field(description="Members' residents said it is not fixed since its final answer.")
    created_at: AwareDatetime
    last_member_at: AwareDatetime

    @classmethod
    def of(cls, incident: Incident) -> IncidentSummary:
        return cls(id=incident.id, municipality=incident.municipality, category=incident.category,
                   department=incident.department, status=incident.status, due_at=incident.due_at,
                   overdue=incident.work.overdue, member_count=len(incident.members),
                   channels=dict(Counter(str(m.channel) for m in incident.members)),
                   assignee=incident.work.assignee, answers=len(incident.work.answers),
                   flagged=incident.work.flagged, created_at=incident.created_at,
                   last_member_at=incident.last_member_at)


class IncidentPage(_Wire):
    """The town's incidents not yet resolved, soonest due first."""

    incidents: list[IncidentSummary]


class MemberDelivery(_Wire):
    """How far one of the incident's answers got to this member's resident (the member's own answer)."""

    answer_id: str
    kind: AnswerKind
    status: DeliveryStatus | None = Field(description="pending, delivered, undelivered (reason), manual (reception: "
                                          "by phone or letter); null: the member has not been given it (it closed "
                                          "before, or the fan-out has not reached it yet).")
    reason: str | None = None
    attempts: int = 0


class MemberView(_Wire):
    appeal_id: str
    channel: Channel
    status: Status | None = Field(description="The member appeal's own status; null if it cannot be read.")
    received_at: AwareDatetime
    joined_at: AwareDatetime
    due_at: AwareDatetime | None
    place_keys: list[str]
    reason: str = Field(description="Why it joined.")
    not_fixed: bool = Field(description="Its resident said it is not fixed since the final answer.")
    deliveries: list[MemberDelivery]


class IncidentView(IncidentSummary):
    """One incident: members with each answer's delivery to them, places, channels, answers and timeline."""

    places: list[str]
    incident_answers: list[Answer] = Field(description="The incident's answers (each member has it as its own).")
    members: list[MemberView]
    timeline: list[HistoryEntry]
    merged_into: str | None

    @classmethod
    def read(cls, incident: Incident, appeals: Sequence[Appeal]) -> IncidentView:
        by_id = {a.id: a for a in appeals}
        members = [_member(incident, m.appeal_id, by_id.get(m.appeal_id)) for m in incident.members]
        return cls(**IncidentSummary.of(incident).model_dump(), places=list(incident.place_keys),
                   incident_answers=list(incident.work.answers), members=members, timeline=list(incident.history),
                   merged_into=incident.merged_into)


def _member(incident: Incident, appeal_id: str, appeal: Appeal | None) -> MemberView:
    member = next(m for m in incident.members if m.appeal_id == appeal_id)
    given = {a.id: a for a in appeal.answers} if appeal is not None else {}
    deliveries = [MemberDelivery(answer_id=a.id, kind=a.kind,
                                 status=given[a.id].delivery.status if a.id in given else None,
                                 reason=given[a.id].delivery.reason if a.id in given else None,
                                 attempts=given[a.id].delivery.attempts if a.id in given else 0)
                  for a in incident.work.answers]
    return MemberView(appeal_id=appeal_id, channel=member.channel, status=appeal.status if appeal else None,
                      received_at=member.received_at, joined_at=member.joined_at, due_at=member.due_at,
                      place_keys=list(member.place_keys), reason=member.reason,
                      not_fixed=appeal_id in incident.work.not_fixed, deliveries=deliveries)
